import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Caisse,
  CaisseAuthenticationError,
  CaisseConflictError,
  CaisseInvalidRequestError,
  fromMinorUnits,
  supportedCurrencies,
  toMinorUnits,
  verifyWebhook,
} from '@caisse/client';
import { allCurrencies } from '@caisse/gateway';
import {
  createTestGateway,
  drainRelay,
  startWebhookReceiver,
  type TestGateway,
  type WebhookReceiver,
} from '@caisse/gateway/testing';
import { parse } from 'csv-parse/sync';

const VISA = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };

let gw: TestGateway;
let server: Server;
let receiver: WebhookReceiver;
let caisse: Caisse;
let baseUrl: string;

beforeAll(async () => {
  gw = await createTestGateway();
  receiver = await startWebhookReceiver();
  server = await new Promise<Server>((resolve) => {
    const s = gw.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  caisse = new Caisse(gw.shop.keys.test, { baseUrl, retry: { baseDelayMs: 5 } });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await receiver.close();
  await gw.close();
});

describe('@caisse/client against a real gateway', () => {
  it('takes a payment through its life, and the acquirer ledger agrees', async () => {
    const payment = await caisse.payments.create({
      amount: toMinorUnits('49.90', 'EUR'),
      currency: 'EUR',
      reference: 'CLIENT-1',
      typology: { type: 'on_shipment' },
      customer: { email: 'buyer@example.com', language: 'fr' },
      card: VISA,
    });
    expect(payment).toMatchObject({ status: 'authorized', amount: 4990, card: { last4: '4242' } });
    const captured = await caisse.payments.capture(payment.id, { amount: 3000 });
    expect(captured.status).toBe('partially_captured');
    const shipped = await caisse.payments.reportOrderEvent(payment.id, { type: 'shipped' });
    expect(shipped).toMatchObject({ status: 'captured', captured_amount: 4990 });
    const refunded = await caisse.payments.refund(payment.id, { amount: 990 });
    expect(fromMinorUnits(refunded.refunded_amount, refunded.currency)).toBe('9.90');
    expect((await caisse.payments.retrieve(payment.id)).operations.map((o) => o.type)).toEqual([
      'authorization',
      'capture',
      'capture',
      'refund',
    ]);
    const auth = gw.acquirer.ledger().authorizations.find((a) => a.reference === refunded.operations[0]!.id);
    expect(auth).toMatchObject({ amount: 4990, captured: 4990, refunded: 990 });
  });

  it('covers modify, validate, duplicate and cancel', async () => {
    const held = await caisse.payments.create({
      amount: 2000,
      currency: 'EUR',
      reference: 'CLIENT-2',
      validation: 'manual',
      typology: { type: 'deferred', days: 2 },
      card: VISA,
    });
    expect(held.status).toBe('to_validate');
    expect((await caisse.payments.modify(held.id, { amount: 1500 })).amount).toBe(1500);
    expect((await caisse.payments.validate(held.id)).status).toBe('authorized');
    expect((await caisse.payments.cancel(held.id)).status).toBe('cancelled');
    const copy = await caisse.payments.duplicate(held.id, { reference: 'CLIENT-2b' });
    expect(copy).toMatchObject({ status: 'requires_payment_method', duplicated_from: held.id, amount: 1500 });
  });

  it('lists and iterates payments, the journal and events', async () => {
    const page = await caisse.payments.list({ limit: 1 });
    expect(page.has_more).toBe(true);
    const all = [];
    for await (const p of caisse.payments.iterate({ limit: 1 })) all.push(p.id);
    expect(all).toHaveLength(3);

    const journal = [];
    for await (const entry of caisse.operations.iterate({ type: 'capture' })) journal.push(entry);
    expect(journal).toHaveLength(2);
    expect(journal[0]?.payment.reference).toBe('CLIENT-1');

    const stream = await caisse.operations.exportCsv({ type: 'capture' });
    const text = await new Response(stream).text();
    expect(parse(text, { columns: true })).toHaveLength(2);

    const events = await caisse.events.list({ type: 'payment.captured' });
    expect(events.data).toHaveLength(1);
    const event = await caisse.events.retrieve(events.data[0]!.id);
    expect(event.delivery_attempts).toEqual([]);
  });

  it('turns error answers into typed errors with code, field and request id', async () => {
    const payment = (await caisse.payments.list({ limit: 1 })).data[0]!;
    const conflict = await caisse.payments.capture(payment.id).catch((e) => e);
    expect(conflict).toBeInstanceOf(CaisseConflictError);
    expect(conflict).toMatchObject({ status: 409, code: 'illegal_transition' });
    expect(conflict.requestId).toMatch(/^req_/);

    const invalid = await caisse.payments
      .create({ amount: 10.5, currency: 'EUR', reference: 'BAD' })
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(CaisseInvalidRequestError);
    expect(invalid).toMatchObject({ code: 'invalid_amount', field: 'amount' });

    const missing = await caisse.payments.retrieve('pay_unknown').catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });

    const declined = await caisse.payments
      .create({
        amount: 100,
        currency: 'EUR',
        reference: 'NO',
        card: { ...VISA, number: '4000000000000002' },
      })
      .then((p) => caisse.payments.capture(p.id))
      .catch((e) => e);
    expect(declined).toBeInstanceOf(CaisseConflictError); // refused payments cannot be captured

    const stranger = new Caisse(`sk_test_${'x'.repeat(32)}`, { baseUrl });
    await expect(stranger.payments.list()).rejects.toBeInstanceOf(CaisseAuthenticationError);
  });

  it('answers a retried POST with the first answer: one payment, one authorisation', async () => {
    const key = 'client-retry-1';
    const body = { amount: 777, currency: 'EUR', reference: 'ONCE', card: VISA };
    const first = await caisse.payments.create(body, { idempotencyKey: key });
    const again = await caisse.payments.create(body, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(gw.acquirer.ledger().authorizations.filter((a) => a.amount === 777)).toHaveLength(1);
  });

  it('sets up IPNs and verifies what arrives', async () => {
    await caisse.shop.notifications.update({ url: receiver.url });
    const { secret } = await caisse.shop.notifications.retrieveSecret();
    const payment = await caisse.payments.create({
      amount: 4242,
      currency: 'EUR',
      reference: 'IPN',
      card: VISA,
    });
    await drainRelay(gw.notify);
    const events = receiver.received
      .map((r) => verifyWebhook(r.rawBody, r.headers as Record<string, string>, secret))
      .filter((e) => e.data.payment.id === payment.id);
    expect(events.map((e) => e.type)).toEqual(['payment.processing', 'payment.captured']);

    const replayed = await caisse.events.replay(events[1]!.id);
    expect(replayed.delivery.status).toBe('pending');
    const settings = await caisse.shop.emails.update({ merchant_address: 'merchant@shop.test' });
    expect(settings.merchant_address).toBe('merchant@shop.test');
    const preview = await caisse.shop.emails.previewTemplate('buyer_confirmation', 'de');
    expect(preview.subject).toContain('Zahlungsbestätigung');
  });

  it('knows the same currencies and exponents as the gateway', () => {
    expect(supportedCurrencies().sort()).toEqual(
      allCurrencies()
        .map((c) => c.code)
        .sort(),
    );
    for (const currency of allCurrencies()) {
      expect(toMinorUnits(fromMinorUnits(10 ** currency.exponent, currency.code), currency.code)).toBe(
        10 ** currency.exponent,
      );
      expect(fromMinorUnits(1, currency.code)).toBe(
        currency.exponent === 0 ? '1' : `0.${'0'.repeat(currency.exponent - 1)}1`,
      );
    }
  });
});
