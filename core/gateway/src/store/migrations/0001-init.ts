import { type Kysely, sql } from 'kysely';

/**
 * The first schema. Money is bigint minor units with CHECKs mirroring the domain rules, so even a
 * buggy caller cannot store a refund above the captured amount. Everything is shop- and
 * mode-scoped so that sharding by shop stays possible (DESIGN §6).
 * PostgreSQL 15 features only: CI runs 15, PGlite runs 18.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table shops (
      id text primary key,
      name text not null check (length(name) between 1 and 200),
      default_language text not null default 'fr',
      created_at timestamptz not null default now()
    );

    create table api_keys (
      id text primary key,
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      secret_hash bytea not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create index api_keys_shop on api_keys (shop_id, mode);

    create table payments (
      seq bigserial not null unique,
      id text primary key,
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      status text not null check (status in (
        'requires_payment_method', 'requires_action', 'processing', 'authorized', 'to_validate',
        'partially_captured', 'captured', 'partially_refunded', 'refunded',
        'refused', 'cancelled', 'expired', 'abandoned', 'failed')),
      amount bigint not null check (amount > 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      captured_amount bigint not null default 0 check (captured_amount >= 0 and captured_amount <= amount),
      refunded_amount bigint not null default 0
        check (refunded_amount >= 0 and refunded_amount <= captured_amount),
      reference text not null check (length(reference) between 1 and 128),
      typology jsonb not null,
      validation text not null check (validation in ('automatic', 'manual')),
      channel text not null check (channel in ('ecommerce', 'mcommerce', 'moto', 'call_center', 'erp', 'ivr')),
      customer jsonb,
      card jsonb,
      return_url text,
      metadata jsonb not null default '{}',
      capture_date timestamptz,
      authorized_at timestamptz,
      authorization_expires_at timestamptz,
      duplicated_from text references payments(id),
      refusal jsonb,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index payments_list on payments (shop_id, mode, seq desc);
    create index payments_reference on payments (shop_id, mode, reference);
    create index payments_due_capture on payments (capture_date) where status = 'authorized' and capture_date is not null;
    create index payments_auth_expiry on payments (authorization_expires_at)
      where status in ('authorized', 'to_validate');

    create table operations (
      seq bigserial not null unique,
      id text primary key,
      payment_id text not null references payments(id),
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      type text not null check (type in ('authorization', 'capture', 'refund', 'void', 'reversal',
        'validation', 'modification', 'cancellation', 'expiry', 'abandonment')),
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      amount bigint check (amount is null or amount > 0),
      currency char(3) not null,
      source text not null check (source in ('api', 'hosted_page', 'backoffice', 'scheduler', 'batch', 'acquirer')),
      response_code text,
      message text,
      auth_code text,
      acquirer_transaction_id text,
      details jsonb,
      created_at timestamptz not null,
      settled_at timestamptz,
      check ((status = 'pending') = (settled_at is null))
    );
    create index operations_payment on operations (payment_id, seq);
    create index operations_journal on operations (shop_id, mode, seq);
    create index operations_pending on operations (payment_id) where status = 'pending';

    -- The journal is append-only. The one allowed change is settling a pending row, once.
    create function operations_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'operations are append-only: % cannot be deleted', old.id;
      end if;
      if old.status <> 'pending' then
        raise exception 'operation % is settled (%) and cannot change', old.id, old.status;
      end if;
      if new.id <> old.id or new.payment_id <> old.payment_id or new.type <> old.type
         or new.amount is distinct from old.amount or new.currency <> old.currency
         or new.created_at <> old.created_at or new.shop_id <> old.shop_id then
        raise exception 'operation %: only the outcome of a pending operation can be recorded', old.id;
      end if;
      return new;
    end $$;
    create trigger operations_append_only before update or delete on operations
      for each row execute function operations_append_only();

    -- Acquirer calls whose outcome is not recorded yet: the recovery job settles them by inquiry.
    create table pending_operations (
      operation_id text primary key references operations(id),
      payment_id text not null references payments(id),
      next_attempt_at timestamptz not null,
      attempts integer not null default 0,
      deadline_at timestamptz not null
    );
    create index pending_operations_due on pending_operations (next_attempt_at);

    create table outbox (
      seq bigserial not null unique,
      id text primary key,
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      payment_id text references payments(id),
      type text not null,
      source text not null,
      payload jsonb not null,
      created_at timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'discarded')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      delivered_at timestamptz
    );
    create index outbox_due on outbox (next_attempt_at) where status = 'pending';
    create index outbox_shop on outbox (shop_id, mode, seq);

    create table order_events (
      seq bigserial not null unique,
      id text primary key,
      payment_id text not null references payments(id),
      type text not null check (type in ('shipped', 'delivered', 'cancelled')),
      source text not null,
      effect text not null,
      created_at timestamptz not null
    );
    create index order_events_payment on order_events (payment_id, seq);

    create table idempotency_keys (
      shop_id text not null references shops(id),
      mode text not null,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      status text not null check (status in ('started', 'finished')),
      payment_id text,
      response_status integer,
      response_body text, -- the exact bytes answered, so a replay is byte-identical
      locked_until timestamptz,
      created_at timestamptz not null,
      finished_at timestamptz,
      primary key (shop_id, mode, key)
    );
    create index idempotency_keys_age on idempotency_keys (created_at);
  `.execute(db);
}
