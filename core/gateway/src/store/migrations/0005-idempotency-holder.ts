import { type Kysely, sql } from 'kysely';

/**
 * A fencing token on idempotency keys. A request holds its key for `CAISSE_IDEMPOTENCY_LOCK_MS`;
 * a retry may take a stale key over, believing the first request dead. If the first was only slow
 * (a long 3-D Secure call before its payment exists), both would go on to create a payment. Each
 * claim and take-over now writes a fresh random `holder`; a request binds the key to a payment only
 * while it is still the holder, and only the holder finishes, releases or unlocks the key. Random,
 * not a counter: a key released and claimed again must not hand an old number back to a request
 * that is still running.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table idempotency_keys add column holder text not null default gen_random_uuid()::text`.execute(
    db,
  );
}
