import { type Kysely, sql } from 'kysely';

/**
 * Payment by email (TE7). A payment link is a payment whose hosted page was emailed to the buyer:
 * `link_expires_at` says until when (the page's own `page_expires_at` starts equal to it), and the
 * email templates gain `payment_link`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payments add column link_expires_at timestamptz;
    alter table payments add constraint payments_link_has_page
      check (link_expires_at is null or page_token is not null);

    alter table email_templates drop constraint email_templates_template_check;
    alter table email_templates add constraint email_templates_template_check
      check (template in ('buyer_confirmation', 'merchant_confirmation', 'webhook_failed', 'payment_link'));
    alter table email_outbox drop constraint email_outbox_template_check;
    alter table email_outbox add constraint email_outbox_template_check
      check (template in ('buyer_confirmation', 'merchant_confirmation', 'webhook_failed', 'payment_link'));
    -- One link email per payment too, whatever the events and their replays.
    drop index email_outbox_confirmation_once;
    create unique index email_outbox_confirmation_once on email_outbox (payment_id, template)
      where template in ('buyer_confirmation', 'merchant_confirmation', 'payment_link');
  `.execute(db);
}
