import { type Kysely, sql } from 'kysely';

/**
 * Hosted payment page, 3-D Secure, redirect means, per-shop look and the signed-form door
 * (issue 3). PostgreSQL 15 features only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payments
      add column page_token text unique,
      add column page_expires_at timestamptz,
      add column language text,
      add column payment_method jsonb,
      add column three_ds jsonb,
      add column pending_action jsonb,
      add column vads jsonb,
      add check (page_token is null or length(page_token) >= 32),
      add check ((page_token is null) = (page_expires_at is null));
    -- The scheduler abandons pages left unused past their expiry.
    create index payments_page_expiry on payments (page_expires_at)
      where status in ('requires_payment_method', 'requires_action');
    -- vads_trans_id is unique per shop, mode and UTC day of vads_trans_date (signed-form protocol):
    -- the second payment with the same id that day is refused by this index, whatever the race.
    create unique index payments_vads_trans on payments
      (shop_id, mode, (substr(vads->>'transDate', 1, 8)), (vads->>'transId'))
      where vads is not null;

    -- A card number held, sealed with the vault, for one step where the buyer must act before the
    -- authorisation (3-D Secure challenge, brand choice of a co-badged card without JavaScript).
    -- Deleted when the step ends, and by the scheduler once expired. Never the CVC.
    create table held_cards (
      payment_id text primary key references payments(id),
      purpose text not null check (purpose in ('three_ds_challenge', 'network_choice')),
      sealed text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null
    );
    create index held_cards_expiry on held_cards (expires_at);

    alter table shops
      add column vads_site_id char(8) unique check (vads_site_id ~ '^[0-9]{8}$'),
      add column vads_test_key text,
      add column vads_production_key text,
      add column vads_sha1_allowed boolean not null default false,
      add column payment_methods jsonb not null default '["card"]',
      add column support jsonb,
      add column logo_asset text,
      add column stylesheet_asset text;

    -- Logo and stylesheet, stored in the database so that every gateway process serves them.
    -- Names carry a content hash: an asset never changes, a new upload is a new name.
    create table shop_assets (
      shop_id text not null references shops(id),
      name text not null check (name ~ '^[a-z]+-[0-9a-f]{16}\\.(png|jpg|webp|css)$'),
      content_type text not null,
      body bytea not null,
      created_at timestamptz not null,
      primary key (shop_id, name)
    );
  `.execute(db);
}
