import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { ShopScope } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface IdempotencyRecord {
  key: string;
  method: string;
  path: string;
  requestHash: string;
  status: 'started' | 'finished';
  paymentId: string | null;
  responseStatus: number | null;
  /** The JSON text answered, byte for byte. */
  responseBody: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
}

/**
 * Claims a key for a request: inserts it as `started`, or returns the existing record when the key
 * is already known (the caller decides: replay, conflict, in use, or take over a stale lock).
 */
export async function claimIdempotencyKey(
  db: Db,
  scope: ShopScope,
  record: { key: string; method: string; path: string; requestHash: string; lockedUntil: Date; now: Date },
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      shop_id: scope.shopId,
      mode: scope.mode,
      key: record.key,
      method: record.method,
      path: record.path,
      request_hash: record.requestHash,
      status: 'started',
      locked_until: record.lockedUntil,
      created_at: record.now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'mode', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await findIdempotencyKey(db, scope, record.key);
  if (!existing) return claimIdempotencyKey(db, scope, record); // purged in between: try again
  return { claimed: false, existing };
}

export async function findIdempotencyKey(
  db: Db,
  scope: ShopScope,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      key: row.key,
      method: row.method,
      path: row.path,
      requestHash: row.request_hash,
      status: row.status as 'started' | 'finished',
      paymentId: row.payment_id,
      responseStatus: row.response_status,
      responseBody: row.response_body,
      lockedUntil: row.locked_until,
      createdAt: row.created_at,
    }
  );
}

/** Takes over a started key whose lock expired (its request died), atomically. */
export async function takeOverIdempotencyKey(
  db: Db,
  scope: ShopScope,
  key: string,
  now: Date,
  lockedUntil: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ locked_until: lockedUntil })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .where('status', '=', 'started')
    .where('locked_until', '<=', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Links the key to the payment it created, in the transaction that creates it. */
export async function bindIdempotencyKey(
  db: Db,
  scope: ShopScope,
  key: string,
  paymentId: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ payment_id: paymentId })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .execute();
}

export async function finishIdempotencyKey(
  db: Db,
  scope: ShopScope,
  key: string,
  response: { status: number; body: unknown; now: Date },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      status: 'finished',
      response_status: response.status,
      response_body: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
      finished_at: response.now,
      locked_until: null,
    })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .execute();
}

/** Lets a retry resume at once: the request failed after binding the key, and its process is alive. */
export async function unlockIdempotencyKey(db: Db, scope: ShopScope, key: string, now: Date): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ locked_until: now })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .where('status', '=', 'started')
    .execute();
}

/** Forgets a started key whose request failed before changing anything, so the client can retry. */
export async function releaseIdempotencyKey(db: Db, scope: ShopScope, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', key)
    .where('status', '=', 'started')
    .where('payment_id', 'is', null)
    .execute();
}

/** Deletes finished keys older than `before` (kept at least 24 h; the job keeps 48 h). */
export async function purgeIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before)
    .where(sql<boolean>`status = 'finished' or locked_until < ${before}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
