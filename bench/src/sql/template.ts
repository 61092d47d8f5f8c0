/**
 * The SQL one payment costs, captured from the real gateway (capture.ts) and replayed by the
 * storage-limit benchmark (replay.ts). Values that must be unique per payment are placeholders.
 */
export interface PaymentSql {
  note: string;
  /** The request the statements were captured from. */
  request: { method: string; path: string; body: unknown };
  /** The gateway's answer, byte for byte: the HTTP-limit server sends it back. */
  response_body: string;
  statements: TemplatedStatement[];
}

export interface TemplatedStatement {
  sql: string;
  params: TemplatedParam[];
}

/**
 * A string may hold placeholders: {{pay_1}}, {{op_2}}, {{evt_1}} (fresh ids per payment),
 * {{shop}}, {{idem}} (a fresh idempotency key), {{key_hash}} (the API key's hash, as bytes).
 * A date is kept as its offset from the first date of the capture.
 */
export type TemplatedParam = string | number | boolean | null | { $date: number };

export const ID_PATTERN = /\b(pay|op|evt)_[0-9A-Za-z]{24}\b/g;
export const PLACEHOLDER = /\{\{([a-z_0-9]+)\}\}/g;
