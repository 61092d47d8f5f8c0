import type { JournalEntry, JournalFilter, List, ListOperationsParams } from '../types.js';
import { download, optional } from './define.js';

/** /v1/operations: the journal of every operation of the shop and mode. */
export const OPERATIONS = {
  /** Newest first. */
  list: optional<'/v1/operations', ListOperationsParams, List<JournalEntry>>('GET', '/v1/operations'),
  /** The same filter as CSV, oldest first, as a stream (any size). */
  exportCsv: download<'/v1/operations.csv', JournalFilter>('/v1/operations.csv'),
};
