import { type Kysely, sql } from 'kysely';

/**
 * Notifications (REP1-REP3, CF1, CF2): the relay's delivery state and attempt log, the IPN
 * settings of each shop and mode (URL, sealed Standard Webhooks secret), the email settings and
 * per-language template overrides of each shop, and the email queue.
 *
 * The outbox row stays the event *and* its IPN delivery state (status, attempts, next_attempt_at,
 * used as a lease by the relay). Emails get their own queue, filled once per event by the relay
 * in the transaction that first claims it, so a dead IPN endpoint never holds an email back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payments add column notification_url text
      check (notification_url is null or length(notification_url) between 1 and 2048);

    alter table outbox drop constraint outbox_status_check;
    alter table outbox add constraint outbox_status_check
      check (status in ('pending', 'delivered', 'failed', 'discarded', 'no_endpoint'));
    alter table outbox add column last_error text;
    alter table outbox add column failed_at timestamptz;
    alter table outbox add column emails_queued_at timestamptz;
    create index outbox_payment on outbox (payment_id, seq);

    create table shop_notification_settings (
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      notification_url text check (notification_url is null or length(notification_url) between 1 and 2048),
      secret_sealed text not null,
      previous_secret_sealed text,
      previous_secret_expires_at timestamptz,
      secret_rotated_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (shop_id, mode),
      check ((previous_secret_sealed is null) = (previous_secret_expires_at is null))
    );

    create table shop_email_settings (
      shop_id text primary key references shops(id),
      buyer_enabled boolean not null default true,
      merchant_enabled boolean not null default true,
      merchant_address text check (merchant_address is null or length(merchant_address) between 3 and 254),
      updated_at timestamptz not null
    );

    create table email_templates (
      shop_id text not null references shops(id),
      template text not null check (template in ('buyer_confirmation', 'merchant_confirmation', 'webhook_failed')),
      language text not null check (language in ('fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'zh')),
      subject text check (subject is null or length(subject) between 1 and 300),
      html text check (html is null or length(html) between 1 and 100000),
      text text check (text is null or length(text) between 1 and 50000),
      updated_at timestamptz not null,
      primary key (shop_id, template, language)
    );

    create table email_outbox (
      seq bigserial not null unique,
      id text primary key,
      shop_id text not null references shops(id),
      mode text not null check (mode in ('test', 'live')),
      event_id text not null references outbox(id),
      payment_id text references payments(id),
      template text not null check (template in ('buyer_confirmation', 'merchant_confirmation', 'webhook_failed')),
      recipient text not null,
      language text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      sent_at timestamptz,
      last_error text,
      created_at timestamptz not null
    );
    -- One confirmation of each kind per payment, whatever the events and their replays.
    create unique index email_outbox_confirmation_once on email_outbox (payment_id, template)
      where template in ('buyer_confirmation', 'merchant_confirmation');
    create index email_outbox_event on email_outbox (event_id, seq);
    create index email_outbox_due on email_outbox (next_attempt_at) where status = 'pending';

    -- Every delivery attempt, IPN or email: what was tried, when, and what came back.
    create table delivery_attempts (
      seq bigserial primary key,
      event_id text references outbox(id),
      email_id text references email_outbox(id),
      attempt integer not null check (attempt >= 1),
      target text not null,
      started_at timestamptz not null,
      duration_ms integer not null check (duration_ms >= 0),
      succeeded boolean not null,
      http_status integer,
      error text,
      response_excerpt text check (response_excerpt is null or length(response_excerpt) <= 1024),
      check ((event_id is null) <> (email_id is null))
    );
    create index delivery_attempts_event on delivery_attempts (event_id, seq) where event_id is not null;
    create index delivery_attempts_email on delivery_attempts (email_id, seq) where email_id is not null;
  `.execute(db);
}
