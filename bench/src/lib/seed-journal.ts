import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { BenchDatabase } from './bench-database.js';

/**
 * A fast SQL generator for a large journal: `count / 2` captured payments of the shop, each with
 * its authorisation and capture rows, all in set-based INSERT … SELECT generate_series (no
 * round trip per row). Ids look like the gateway's; times spread over the last 30 days.
 */
export function seedJournalSql(shopId: string, count: number): string[] {
  const payments = Math.ceil(count / 2);
  const shop = shopId.replaceAll("'", "''");
  return [
    `insert into payments (id, shop_id, mode, status, amount, currency, captured_amount, refunded_amount,
       reference, typology, validation, channel, card, metadata, authorized_at, created_at, updated_at)
     select 'pay_seed' || lpad(i::text, 16, '0'), '${shop}', 'test', 'captured', 1000 + (i % 9000), 'EUR',
       1000 + (i % 9000), 0, 'SEED-' || i, '{"type":"immediate"}', 'automatic', 'ecommerce',
       '{"brand":"visa","coBrand":null,"network":"visa","bin":"424242","last4":"4242","expMonth":12,"expYear":2030,"holder":null,"fingerprint":"seed"}',
       '{}', now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
     from generate_series(1, ${payments}) as i`,
    `insert into operations (id, payment_id, shop_id, mode, type, status, amount, currency, source,
       response_code, message, auth_code, acquirer_transaction_id, details, created_at, settled_at)
     select 'op_seed' || lpad(i::text, 16, '0') || k.suffix, 'pay_seed' || lpad(i::text, 16, '0'), '${shop}', 'test',
       k.type, 'succeeded', 1000 + (i % 9000), 'EUR', 'api', '00', k.message,
       case when k.type = 'authorization' then 'A' || lpad((i % 100000)::text, 5, '0') end,
       'mat_seed' || i, null, now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
     from generate_series(1, ${payments}) as i,
       (values ('a', 'authorization', 'approved'), ('c', 'capture', 'captured with the authorisation')) as k(suffix, type, message)
     order by i, k.suffix`,
    'analyze payments',
    'analyze operations',
  ];
}

/** Seeds the journal into the bench database (for PGlite, while no gateway holds it). */
export async function seedJournal(db: BenchDatabase, count: number): Promise<number> {
  const started = performance.now();
  const statements = seedJournalSql(db.shop.id, count);
  if (db.location.kind === 'postgres') {
    const client = new pg.Client({ connectionString: db.location.url });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  } else {
    const pglite = await PGlite.create(db.location.dataDir);
    try {
      for (const s of statements) await pglite.exec(s);
    } finally {
      await pglite.close();
    }
  }
  return (performance.now() - started) / 1000;
}
