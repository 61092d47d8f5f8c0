import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as init from './migrations/0001-init.js';
import * as hostedPage from './migrations/0002-hosted-page.js';
import * as notifications from './migrations/0003-notifications.js';
import * as paymentLinks from './migrations/0004-payment-links.js';
import * as idempotencyHolder from './migrations/0005-idempotency-holder.js';

/** Every migration, in order. Names sort lexically; never rename or edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-init': init,
  '0002-hosted-page': hostedPage,
  '0003-notifications': notifications,
  '0004-payment-links': paymentLinks,
  '0005-idempotency-holder': idempotencyHolder,
};

/** Brings the schema up to date. Safe to run concurrently: Kysely takes an advisory lock. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

export function migrationNames(): string[] {
  return Object.keys(MIGRATIONS);
}
