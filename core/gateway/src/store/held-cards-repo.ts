import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type HeldCardPurpose = 'three_ds_challenge' | 'network_choice';

/** Holds a sealed card number for one step of a payment (replacing any earlier one). */
export async function holdCard(
  db: Db,
  held: { paymentId: string; purpose: HeldCardPurpose; sealed: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db
    .insertInto('held_cards')
    .values({
      payment_id: held.paymentId,
      purpose: held.purpose,
      sealed: held.sealed,
      expires_at: held.expiresAt,
      created_at: held.now,
    })
    .onConflict((oc) =>
      oc.column('payment_id').doUpdateSet({
        purpose: held.purpose,
        sealed: held.sealed,
        expires_at: held.expiresAt,
        created_at: held.now,
      }),
    )
    .execute();
}

/**
 * Takes the held card of a payment for `purpose` if it has not expired: it is deleted in the same
 * statement, so it is used once at most, by whoever comes first.
 */
export async function takeHeldCard(
  db: Db,
  paymentId: string,
  purpose: HeldCardPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('held_cards')
    .where('payment_id', '=', paymentId)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .returning('sealed')
    .executeTakeFirst();
  return row?.sealed;
}

/** The held card of a payment for `purpose`, left in place (to show its brand and last digits). */
export async function peekHeldCard(
  db: Db,
  paymentId: string,
  purpose: HeldCardPurpose,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('held_cards')
    .select('sealed')
    .where('payment_id', '=', paymentId)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.sealed;
}

export async function dropHeldCard(db: Db, paymentId: string): Promise<void> {
  await db.deleteFrom('held_cards').where('payment_id', '=', paymentId).execute();
}

export async function hasHeldCard(db: Db, paymentId: string, purpose: HeldCardPurpose): Promise<boolean> {
  const row = await db
    .selectFrom('held_cards')
    .select('payment_id')
    .where('payment_id', '=', paymentId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes held cards past their expiry. Returns how many. */
export async function purgeHeldCards(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('held_cards').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
