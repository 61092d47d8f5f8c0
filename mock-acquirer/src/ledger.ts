import type { LedgerCard } from './card-number.js';
import { ReferenceConflictError } from './errors.js';
import type { OperationAnswer } from './wire.js';

export type OperationType = 'authorization' | 'capture' | 'refund' | 'reversal';

/** One line of the append-only ledger: every operation decided, money moved or not. */
export interface LedgerEntry {
  /** 1, 2, 3… in the order operations were decided. */
  seq: number;
  /** ISO 8601 time of the decision. */
  at: string;
  reference: string;
  type: OperationType;
  /** The authorisation this operation belongs to (its own reference for an authorisation). */
  authorization_reference: string;
  /** null for a reversal recorded before its authorisation arrived (a tombstone). */
  merchant_id: string | null;
  amount: number;
  currency: string | null;
  /** approved | declined for authorisations, succeeded | failed for the others. */
  status: 'approved' | 'declined' | 'succeeded' | 'failed';
  response_code: string;
  /** Authorisation entries only. */
  card?: LedgerCard;
}

/**
 * Balances of one authorisation. `approved` is open to captures; `reversed` means its uncaptured
 * remainder was voided (what was captured before stays captured and refundable).
 */
export interface AuthorizationBalance {
  reference: string;
  merchant_id: string;
  amount: number;
  currency: string;
  status: 'approved' | 'declined' | 'reversed';
  response_code: string;
  captured: number;
  refunded: number;
  /** Amount voided by a reversal. */
  reversed: number;
  /** The card; absent for a redirect means, which has `means` instead. */
  card?: LedgerCard;
  means?: string;
}

/** What an operation's reference is bound to, to answer replays and spot conflicts. */
interface StoredOperation {
  type: OperationType;
  /** The material fields of the request, card excepted. */
  key: string;
  /** Card fingerprint (authorisations). Absent once restored from a snapshot: see `replay`. */
  fingerprint?: string;
  answer: OperationAnswer;
}

export interface LedgerSnapshot {
  version: 1;
  seq: number;
  entries: LedgerEntry[];
  authorizations: AuthorizationBalance[];
  operations: { reference: string; type: OperationType; key: string; answer: OperationAnswer }[];
  /** [authorization reference, reversal reference] */
  tombstones: [string, string][];
}

/** In-memory books of the mock acquirer: entries, balances, stored answers and tombstones. */
export class Ledger {
  private seq = 0;
  private entries: LedgerEntry[] = [];
  readonly authorizations = new Map<string, AuthorizationBalance>();
  readonly operations = new Map<string, StoredOperation>();
  /** Authorisation references reversed before they arrived → the reversal's reference. */
  readonly tombstones = new Map<string, string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  append(entry: Omit<LedgerEntry, 'seq' | 'at'>): void {
    this.seq += 1;
    this.entries.push(Object.freeze({ seq: this.seq, at: this.now().toISOString(), ...entry }));
  }

  store(reference: string, operation: StoredOperation): void {
    this.operations.set(reference, operation);
  }

  /**
   * The stored answer when `reference` was already used for the same operation, undefined when
   * it is new; throws ReferenceConflictError when it was used for a different one.
   */
  replay<T extends OperationAnswer>(
    reference: string,
    type: OperationType,
    key: string,
    card?: LedgerCard,
  ): T | undefined {
    const stored = this.operations.get(reference);
    if (stored === undefined) return undefined;
    if (stored.type !== type || stored.key !== key || (card && !sameCard(stored, card))) {
      throw new ReferenceConflictError(reference);
    }
    return stored.answer as T;
  }

  listEntries(): LedgerEntry[] {
    return this.entries.slice();
  }

  listAuthorizations(): AuthorizationBalance[] {
    return Array.from(this.authorizations.values(), (balance) =>
      balance.card ? { ...balance, card: { ...balance.card } } : { ...balance },
    );
  }

  clear(): void {
    this.seq = 0;
    this.entries = [];
    this.authorizations.clear();
    this.operations.clear();
    this.tombstones.clear();
  }

  toSnapshot(): LedgerSnapshot {
    return {
      version: 1,
      seq: this.seq,
      entries: this.entries,
      authorizations: this.listAuthorizations(),
      operations: Array.from(this.operations, ([reference, { type, key, answer }]) => ({
        reference,
        type,
        key,
        answer,
      })),
      tombstones: Array.from(this.tombstones),
    };
  }

  restore(snapshot: LedgerSnapshot): void {
    if (snapshot.version !== 1)
      throw new Error(`unsupported mock acquirer snapshot version ${snapshot.version}`);
    this.clear();
    this.seq = snapshot.seq;
    this.entries = snapshot.entries.map((entry) => Object.freeze(entry));
    for (const balance of snapshot.authorizations) this.authorizations.set(balance.reference, balance);
    for (const { reference, type, key, answer } of snapshot.operations) {
      this.operations.set(reference, { type, key, answer });
    }
    for (const [authorization, reversal] of snapshot.tombstones) this.tombstones.set(authorization, reversal);
  }
}

function sameCard(stored: StoredOperation, card: LedgerCard): boolean {
  if (stored.fingerprint !== undefined) return stored.fingerprint === card.fingerprint;
  // Fingerprints are keyed per process, so one restored from a snapshot cannot be compared:
  // fall back to what the answer kept of the card.
  const answered =
    stored.answer.type === 'authorization' && 'card' in stored.answer ? stored.answer.card : undefined;
  return answered !== undefined && answered.bin === card.bin && answered.last4 === card.last4;
}
