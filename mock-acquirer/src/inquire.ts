import type { Ledger } from './ledger.js';
import type { OperationAnswer } from './wire.js';

/**
 * The stored answer of any operation by its reference: how the gateway settles an outcome it
 * never received. Undefined when the acquirer never processed that reference.
 */
export function inquire(ledger: Ledger, reference: string): OperationAnswer | undefined {
  const stored = ledger.operations.get(reference);
  if (stored) return stored.answer;
  if (ledger.tombstones.has(reference)) return { reference, type: 'reversal_tombstone', status: 'reversed' };
  return undefined;
}
