import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import { findCurrency } from '../../../domain/currency.js';
import { toDecimalString } from '../../../domain/money.js';
import { guaranteeOf } from '../../../domain/payment-resource.js';
import {
  type JournalFilter,
  type JournalLine,
  journalBatch,
  lastJournalSeq,
} from '../../../store/journal-repo.js';
import type { Database } from '../../../store/schema.js';
import type { ShopScope } from '../../../store/scope.js';

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP "CSV injection"): references and messages come from shops and acquirers, not from us.
 */
function cell(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const iso = (d: Date | null): string => (d ? d.toISOString() : '');

/**
 * The CSV columns of the journal export, fixed and in this order (docs/en/journals.md lists them).
 * Add columns at the end only: spreadsheets and scripts read them by position.
 */
export const JOURNAL_CSV_COLUMNS: readonly {
  header: string;
  value: (line: JournalLine) => string | number;
}[] = [
  { header: 'operation_id', value: ({ operation }) => operation.id },
  { header: 'created_at', value: ({ operation }) => iso(operation.createdAt) },
  { header: 'settled_at', value: ({ operation }) => iso(operation.settledAt) },
  { header: 'type', value: ({ operation }) => operation.type },
  { header: 'status', value: ({ operation }) => operation.status },
  { header: 'source', value: ({ operation }) => operation.source },
  { header: 'amount_minor', value: ({ operation }) => operation.amount ?? '' },
  {
    header: 'amount',
    value: ({ operation }) => {
      const currency = findCurrency(operation.currency);
      return operation.amount === null || !currency ? '' : toDecimalString(operation.amount, currency);
    },
  },
  { header: 'currency', value: ({ operation }) => operation.currency },
  { header: 'response_code', value: ({ operation }) => cell(operation.responseCode) },
  { header: 'auth_code', value: ({ operation }) => cell(operation.authCode) },
  { header: 'acquirer_transaction_id', value: ({ operation }) => cell(operation.acquirerTransactionId) },
  { header: 'message', value: ({ operation }) => cell(operation.message) },
  { header: 'payment_id', value: ({ payment }) => payment.id },
  { header: 'reference', value: ({ payment }) => cell(payment.reference) },
  { header: 'mode', value: ({ payment }) => payment.mode },
  { header: 'channel', value: ({ payment }) => payment.channel },
  { header: 'payment_status', value: ({ payment }) => payment.status },
  { header: 'payment_amount_minor', value: ({ payment }) => payment.amount },
  { header: 'guarantee', value: ({ payment }) => guaranteeOf(payment) },
  { header: 'card_brand', value: ({ payment }) => payment.card?.brand ?? '' },
  { header: 'card_network', value: ({ payment }) => payment.card?.network ?? '' },
  {
    header: 'masked_card',
    value: ({ payment }) => (payment.card ? `${payment.card.bin}XXXXXX${payment.card.last4}` : ''),
  },
];

export interface JournalCsvOptions {
  /** Lines per query. */
  batchSize?: number;
  /** Told after each batch is fetched (tests observe the streaming with it). */
  onBatch?: (lines: number) => void;
  /** Told each time the export waits for the reader to take what was written (back-pressure). */
  onWait?: () => void;
}

/**
 * Writes the journal lines matching `filter` to `out` as CSV, oldest first, up to the last line
 * that existed when the export started. Memory stays flat whatever the size: lines are fetched in
 * keyset batches, and the next batch is only fetched once `out` has taken the previous one
 * (back-pressure). Resolves when `out` has everything; stops early, without error, if `out` closes.
 */
export async function writeJournalCsv(
  db: Kysely<Database>,
  scope: ShopScope,
  filter: JournalFilter,
  out: Writable,
  options: JournalCsvOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 500;
  const csv = stringify({ header: true, columns: JOURNAL_CSV_COLUMNS.map((c) => c.header) });
  const piped = pipeline(csv, out).catch((error: NodeJS.ErrnoException) => {
    // The reader went away (closed the download): nothing more to write, nothing to report.
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  });
  const writable = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        csv.off('drain', done);
        csv.off('close', done);
        resolve();
      };
      csv.on('drain', done);
      csv.on('close', done);
    });
  try {
    const upToSeq = await lastJournalSeq(db, scope);
    let afterSeq = '0';
    while (!csv.destroyed) {
      const lines = await journalBatch(db, scope, filter, { afterSeq, upToSeq, limit: batchSize });
      options.onBatch?.(lines.length);
      for (const line of lines) {
        if (csv.destroyed) break;
        if (!csv.write(JOURNAL_CSV_COLUMNS.map((c) => c.value(line)))) {
          options.onWait?.();
          await writable();
        }
      }
      if (lines.length < batchSize) break;
      afterSeq = lines.at(-1)!.seq;
    }
    csv.end();
  } catch (error) {
    csv.destroy(error as Error);
  }
  await piped;
}
