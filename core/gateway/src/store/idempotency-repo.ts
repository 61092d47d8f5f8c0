import { randomUUID } from 'node:crypto';
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
  /** The fencing token of the request holding the key (new at each claim and take-over). */
  holder: string;
  createdAt: Date;
}

/** A key as held by one request: its `holder` token fences every later write (migration 0005). */
export interface HeldKey {
  key: string;
  holder: string;
}

/** A fresh fencing token. */
export const newHolder = (): string => randomUUID();

/**
 * Claims a key for a request: inserts it as `started`, or returns the existing record when the key
 * is already known (the caller decides: replay, conflict, in use, or take over a stale lock).
 */
export async function claimIdempotencyKey(
  db: Db,
  scope: ShopScope,
  record: { key: string; method: string; path: string; requestHash: string; lockedUntil: Date; now: Date },
): Promise<{ claimed: true; held: HeldKey } | { claimed: false; existing: IdempotencyRecord }> {
  const holder = newHolder();
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
      holder,
      created_at: record.now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'mode', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true, held: { key: record.key, holder } };
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
      holder: row.holder,
      createdAt: row.created_at,
    }
  );
}

/**
 * Takes over a started key whose lock expired (its request died, or is only slow), atomically: the
 * holder token changes, so the previous holder can no longer bind, finish or release it. Answers
 * the key as now held and the payment the key is bound to (final: nobody else can bind it now), or
 * undefined when another retry took it first.
 */
export async function takeOverIdempotencyKey(
  db: Db,
  scope: ShopScope,
  existing: Pick<IdempotencyRecord, 'key' | 'holder'>,
  now: Date,
  lockedUntil: Date,
): Promise<{ held: HeldKey; paymentId: string | null } | undefined> {
  const holder = newHolder();
  const row = await db
    .updateTable('idempotency_keys')
    .set({ locked_until: lockedUntil, holder })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', existing.key)
    .where('status', '=', 'started')
    .where('locked_until', '<=', now)
    .where('holder', '=', existing.holder)
    .returning('payment_id')
    .executeTakeFirst();
  return row && { held: { key: existing.key, holder }, paymentId: row.payment_id };
}

/**
 * Links the key to the payment it changes, in the transaction that changes it. The first binding
 * needs the request to still hold the key: a request whose key was taken over meanwhile (it was slow,
 * not dead) gets `false` and must roll back, so two attempts never both create or change a
 * payment. Binding again to the same payment (later steps of the same request) always holds.
 */
export async function bindIdempotencyKey(
  db: Db,
  scope: ShopScope,
  held: HeldKey,
  paymentId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ payment_id: paymentId })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', held.key)
    .where((eb) =>
      eb.or([
        eb('payment_id', '=', paymentId),
        eb.and([eb('payment_id', 'is', null), eb('holder', '=', held.holder)]),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Stores the answer, unless the key was taken over meanwhile (the newer holder answers). */
export async function finishIdempotencyKey(
  db: Db,
  scope: ShopScope,
  held: HeldKey,
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
    .where('key', '=', held.key)
    .where('holder', '=', held.holder)
    .execute();
}

/** Lets a retry resume at once: the request failed after binding the key, and its process is alive. */
export async function unlockIdempotencyKey(
  db: Db,
  scope: ShopScope,
  held: HeldKey,
  now: Date,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ locked_until: now })
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', held.key)
    .where('holder', '=', held.holder)
    .where('status', '=', 'started')
    .execute();
}

/** Forgets a started key whose request failed before changing anything, so the client can retry. */
export async function releaseIdempotencyKey(db: Db, scope: ShopScope, held: HeldKey): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('shop_id', '=', scope.shopId)
    .where('mode', '=', scope.mode)
    .where('key', '=', held.key)
    .where('holder', '=', held.holder)
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
