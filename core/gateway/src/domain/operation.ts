import type { Source } from './channel.js';

/**
 * Operations are the journal (REP1): one row per step against the acquirer or the books.
 * Append-only: a row is written once, except that a `pending` row (sent to the acquirer, outcome
 * not yet known) is settled once to `succeeded` or `failed`. The store enforces this with a trigger.
 * The operation id is the reference sent to the acquirer, which makes every acquirer call
 * idempotent and every outcome findable by inquiry.
 */
export const OPERATION_TYPES = [
  'authorization',
  'capture',
  'refund',
  'void', // cancel of an authorisation at the acquirer
  'reversal', // automatic reversal of an authorisation whose outcome could not be confirmed
  'validation',
  'modification',
  'cancellation', // cancel before any authorisation: nothing to tell the acquirer
  'expiry',
  'abandonment',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OPERATION_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export interface Operation {
  id: string;
  paymentId: string;
  type: OperationType;
  status: OperationStatus;
  amount: number | null;
  currency: string;
  source: Source;
  responseCode: string | null;
  message: string | null;
  authCode: string | null;
  acquirerTransactionId: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
  settledAt: Date | null;
}

/** Operation types that go to the acquirer and can therefore be pending. */
export function isAcquirerOperation(type: OperationType): boolean {
  return (
    type === 'authorization' ||
    type === 'capture' ||
    type === 'refund' ||
    type === 'void' ||
    type === 'reversal'
  );
}
