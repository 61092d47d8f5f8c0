import { ManualClock } from '@caisse/gateway';
import {
  type CatchAllSmtp,
  type CaughtEmail,
  createTestGateway,
  drainRelay,
  startCatchAllSmtp,
  type TestGateway,
} from '@caisse/gateway/testing';
import request from 'supertest';
import { post, VISA } from './support/notifications.js';

let gw: TestGateway;
let smtp: CatchAllSmtp;
const clock = new ManualClock('2026-02-10T09:30:00Z');

beforeAll(async () => {
  smtp = await startCatchAllSmtp();
  gw = await createTestGateway({
    clock,
    env: {
      CAISSE_SMTP_HOST: smtp.host,
      CAISSE_SMTP_PORT: String(smtp.port),
      CAISSE_MAIL_FROM: 'Boutique <noreply@shop.test>',
    },
  });
  gw.notify.random = () => 0.5;
  await request(gw.app)
    .patch('/v1/shop/emails')
    .set(gw.auth)
    .send({ merchant_address: 'merchant@shop.test' })
    .expect(200);
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

/** Runs the relay and returns the emails that arrived since `from`. */
async function newEmails(from: number): Promise<CaughtEmail[]> {
  await drainRelay(gw.notify);
  return smtp.emails.filter((m) => m.seq > from);
}

const lastSeq = () => smtp.emails.at(-1)?.seq ?? 0;

describe('confirmation emails', () => {
  it('sends the buyer a confirmation in their language and the merchant one in the shop’s', async () => {
    const from = lastSeq();
    const payment = await post(gw, '/v1/payments', {
      amount: 123456,
      currency: 'EUR',
      reference: 'ORDER-DE',
      customer: { email: 'anna@example.de', name: 'Anna Schmidt', language: 'de-AT' },
      card: VISA,
    });
    expect(payment.status).toBe('captured');
    const emails = await newEmails(from);
    expect(emails).toHaveLength(2);
    const buyer = emails.find((m) => m.to[0] === 'anna@example.de')!;
    const merchant = emails.find((m) => m.to[0] === 'merchant@shop.test')!;

    expect(buyer.subject).toBe('[TEST] Zahlungsbestätigung – Test shop, Bestellung ORDER-DE');
    expect(buyer.from).toBe('"Boutique" <noreply@shop.test>');
    expect(buyer.headers['content-language']).toBe('de');
    expect(buyer.text).toContain('Betrag: 1.234,56\u00a0€');
    expect(buyer.text).toContain('Karte: Visa •••• 4242');
    expect(buyer.text).toContain('Der Betrag wurde abgebucht.');
    expect(buyer.html).toContain('1.234,56\u00a0€');
    expect(buyer.html).toContain('Visa •••• 4242');
    for (const part of [buyer.text, buyer.html, merchant.text, merchant.html]) {
      expect(part).not.toContain('4242424242424242');
      expect(part).not.toContain('424242');
    }

    expect(merchant.subject).toBe('[TEST] Paiement accepté : 1\u202f234,56\u00a0€, commande ORDER-DE');
    expect(merchant.text).toContain('Client: Anna Schmidt — anna@example.de');
    expect(merchant.text).toContain('Carte: Visa •••• 4242');
    expect(merchant.text).toContain(`Référence du paiement: ${payment.id}`);
  });

  it('confirms once per payment, however many events follow', async () => {
    const from = lastSeq();
    const payment = await post(gw, '/v1/payments', {
      amount: 5000,
      currency: 'JPY',
      reference: 'ORDER-ZH',
      typology: { type: 'on_shipment' },
      customer: { email: 'li@example.cn', language: 'zh-CN' },
      card: VISA,
    });
    const first = await newEmails(from);
    const buyer = first.find((m) => m.to[0] === 'li@example.cn')!;
    expect(buyer.subject).toBe('[TEST] 支付确认 – Test shop，订单 ORDER-ZH');
    expect(buyer.text).toContain('金额: JP¥5,000');
    expect(buyer.text).toContain('您的订单发货时将从您的卡中扣款。');

    await post(gw, `/v1/payments/${payment.id}/events`, { type: 'shipped' });
    await post(gw, `/v1/payments/${payment.id}/refund`, { amount: 1000 });
    const replay = await request(gw.app)
      .get('/v1/events')
      .query({ payment: payment.id, type: 'payment.authorized' })
      .set(gw.auth);
    await post(gw, `/v1/events/${replay.body.data[0].id}/replay`, {});
    expect(await newEmails(lastSeq())).toEqual([]);
    const rows = await gw.store.db
      .selectFrom('email_outbox')
      .select('template')
      .where('payment_id', '=', payment.id)
      .execute();
    expect(rows.map((r) => r.template).sort()).toEqual(['buyer_confirmation', 'merchant_confirmation']);
  });

  it("falls back to the shop's language, and formats three-decimal currencies exactly", async () => {
    const from = lastSeq();
    await post(gw, '/v1/payments', {
      amount: 1500,
      currency: 'KWD',
      reference: 'ORDER-KW',
      customer: { email: 'sam@example.com', language: 'sv' },
      card: VISA,
    });
    const [buyer] = (await newEmails(from)).filter((m) => m.to[0] === 'sam@example.com');
    expect(buyer?.subject).toBe('[TEST] Confirmation de paiement – Test shop, commande ORDER-KW');
    expect(buyer?.text).toContain('Montant: 1,500\u00a0KWD');
  });

  it('honours the toggles: no buyer email when off, none without a buyer address', async () => {
    await request(gw.app).patch('/v1/shop/emails').set(gw.auth).send({ buyer_enabled: false }).expect(200);
    try {
      const from = lastSeq();
      await post(gw, '/v1/payments', {
        amount: 990,
        currency: 'EUR',
        reference: 'OFF',
        customer: { email: 'nobody@example.com' },
        card: VISA,
      });
      expect((await newEmails(from)).map((m) => m.to[0])).toEqual(['merchant@shop.test']);
    } finally {
      await request(gw.app).patch('/v1/shop/emails').set(gw.auth).send({ buyer_enabled: true }).expect(200);
    }
    const from = lastSeq();
    await post(gw, '/v1/payments', { amount: 991, currency: 'EUR', reference: 'ANON', card: VISA });
    expect((await newEmails(from)).map((m) => m.to[0])).toEqual(['merchant@shop.test']);
  });

  it("uses the shop's own template for a language, and refuses one that does not parse", async () => {
    const bad = await request(gw.app)
      .put('/v1/shop/emails/templates/buyer_confirmation/en')
      .set(gw.auth)
      .send({ html: '<p>{{#if}}</p>' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_email_template', field: 'html' });
    expect((await request(gw.app).get('/v1/shop/emails').set(gw.auth)).body.templates).toEqual([]);

    const saved = await request(gw.app)
      .put('/v1/shop/emails/templates/buyer_confirmation/en')
      .set(gw.auth)
      .send({
        subject: 'Thanks for order {{reference}} ({{amount}})',
        html: '<p>{{shop_name}}: {{amount}}, {{card}}</p>',
      });
    expect(saved.status).toBe(200);
    expect(saved.body.templates).toEqual([
      expect.objectContaining({ template: 'buyer_confirmation', language: 'en', text: null }),
    ]);
    const preview = await request(gw.app)
      .get('/v1/shop/emails/templates/buyer_confirmation/en/preview')
      .set(gw.auth);
    expect(preview.body.subject).toBe('[TEST] Thanks for order ORDER-1042 (€49.90)');

    const from = lastSeq();
    await post(gw, '/v1/payments', {
      amount: 2500,
      currency: 'GBP',
      reference: 'ORDER-EN',
      customer: { email: 'jo@example.co.uk', language: 'en' },
      card: VISA,
    });
    const [buyer] = (await newEmails(from)).filter((m) => m.to[0] === 'jo@example.co.uk');
    expect(buyer?.subject).toBe('[TEST] Thanks for order ORDER-EN (£25.00)');
    expect(buyer?.html).toContain('<p>Test shop: £25.00, Visa •••• 4242</p>');
    expect(buyer?.text).toContain('Thank you for your payment'); // the default text part

    await request(gw.app).delete('/v1/shop/emails/templates/buyer_confirmation/en').set(gw.auth).expect(200);
  });
});

describe('email delivery failures never touch the payment', () => {
  it('retries an email the SMTP server turned away for now, then sends it', async () => {
    smtp.refuse(451, 2); // buyer and merchant: "try again later"
    const from = lastSeq();
    const payment = await post(gw, '/v1/payments', {
      amount: 1000,
      currency: 'EUR',
      reference: 'LATER',
      customer: { email: 'later@example.com', language: 'it' },
      card: VISA,
    });
    expect(payment.status).toBe('captured');
    expect(await newEmails(from)).toEqual([]);
    const queued = await gw.store.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .execute();
    expect(queued.map((e) => [e.status, e.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(queued[0]!.last_error).toMatch(/451/);
    clock.advance(31_000);
    const sent = await newEmails(from);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['later@example.com', 'merchant@shop.test']);
    expect(sent.find((m) => m.to[0] === 'later@example.com')?.subject).toBe(
      '[TEST] Conferma di pagamento – Test shop, ordine LATER',
    );
  });

  it('gives up at once on an address the server refuses for good', async () => {
    smtp.refuse(550, 1, 'gone@example.com'); // the merchant's email goes out in parallel
    const payment = await post(gw, '/v1/payments', {
      amount: 1000,
      currency: 'EUR',
      reference: 'NOPE',
      customer: { email: 'gone@example.com', language: 'es' },
      card: VISA,
    });
    await drainRelay(gw.notify);
    const rows = await gw.store.db
      .selectFrom('email_outbox')
      .select(['template', 'status', 'attempts', 'last_error'])
      .where('payment_id', '=', payment.id)
      .orderBy('seq')
      .execute();
    expect(rows[0]).toMatchObject({ template: 'buyer_confirmation', status: 'failed', attempts: 1 });
    expect(rows[0]!.last_error).toMatch(/550/);
    expect(rows[1]).toMatchObject({ template: 'merchant_confirmation', status: 'sent' });
    const events = await request(gw.app)
      .get('/v1/events')
      .query({ payment: payment.id, type: 'payment.captured' })
      .set(gw.auth);
    const details = await request(gw.app).get(`/v1/events/${events.body.data[0].id}`).set(gw.auth);
    expect(details.body.emails.map((e: { status: string }) => e.status)).toEqual(['failed', 'sent']);
  });

  it('keeps taking payments when the SMTP server is down, and queues the emails', async () => {
    const down = await createTestGateway({
      clock,
      env: { CAISSE_SMTP_HOST: '127.0.0.1', CAISSE_SMTP_PORT: '9', CAISSE_SMTP_TIMEOUT_MS: '500' },
    });
    try {
      await request(down.app)
        .patch('/v1/shop/emails')
        .set(down.auth)
        .send({ merchant_address: 'm@shop.test' })
        .expect(200);
      const created = await request(down.app)
        .post('/v1/payments')
        .set(down.auth)
        .send({
          amount: 1234,
          currency: 'EUR',
          reference: 'SMTP-DOWN',
          customer: { email: 'b@example.com' },
          card: VISA,
        });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('captured');
      const report = await drainRelay(down.notify);
      expect(report.emailsRetried).toBe(2);
      const rows = await down.store.db.selectFrom('email_outbox').select(['status', 'last_error']).execute();
      expect(
        rows.every((r) => r.status === 'pending' && /ECONNREFUSED|ECONNECTION/.test(r.last_error ?? '')),
      ).toBe(true);
    } finally {
      await down.close();
    }
  });

  it('marks emails skipped when no SMTP server is configured', async () => {
    const none = await createTestGateway({ clock });
    try {
      await request(none.app)
        .patch('/v1/shop/emails')
        .set(none.auth)
        .send({ merchant_address: 'm@shop.test' })
        .expect(200);
      await request(none.app)
        .post('/v1/payments')
        .set(none.auth)
        .send({ amount: 1234, currency: 'EUR', reference: 'NO-SMTP', card: VISA })
        .expect(201);
      const report = await drainRelay(none.notify);
      expect(report.emailsSkipped).toBe(1);
      const [row] = await none.store.db
        .selectFrom('email_outbox')
        .select(['status', 'attempts', 'last_error'])
        .execute();
      expect(row).toMatchObject({
        status: 'skipped',
        attempts: 0,
        last_error: 'no SMTP server configured (CAISSE_SMTP_HOST)',
      });
    } finally {
      await none.close();
    }
  });
});
