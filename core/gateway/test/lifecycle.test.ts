import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { sql } from 'kysely';
import { api, createPayment, DECLINED, outboxTypes, type PaymentBody } from './helpers.js';

const DAY = 86_400_000;
let gw: TestGateway;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T09:00:00Z');
  gw = await createTestGateway({ clock });
});
afterAll(async () => {
  await gw.close();
});

const post = (path: string, body: object = {}) => api(gw).post(path).set(gw.auth).send(body);
const get = async (id: string) => (await api(gw).get(`/v1/payments/${id}`).set(gw.auth)).body as PaymentBody;
const ledgerOf = (p: PaymentBody) =>
  gw.acquirer.ledger().authorizations.find((a) => a.reference === p.operations[0]?.id);
const journal = (p: PaymentBody) => p.operations.map((op) => `${op.type}:${op.status}:${op.amount ?? '-'}`);

describe('typologies', () => {
  it('immediate: authorised and captured on creation, one event per transition', async () => {
    const p = await createPayment(gw, {});
    expect(p).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(journal(p)).toEqual(['authorization:succeeded:5000', 'capture:succeeded:5000']);
    expect(await outboxTypes(gw, p.id)).toEqual(['payment.processing', 'payment.captured']);
    expect(ledgerOf(p)).toMatchObject({ amount: 5000, captured: 5000 });
  });

  it('a declined card gives a refused payment with the reason, and nothing captured', async () => {
    const p = await createPayment(gw, { card: DECLINED });
    expect(p).toMatchObject({ status: 'refused', captured_amount: 0, refusal: { code: '05' } });
    expect(journal(p)).toEqual(['authorization:failed:5000']);
    expect(await outboxTypes(gw, p.id)).toEqual(['payment.processing', 'payment.refused']);
    expect(ledgerOf(p)).toMatchObject({ status: 'declined', captured: 0 });
  });

  it('on_shipment: captured when shipped, and only once when shipped twice', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    expect(p.status).toBe('authorized');
    expect((await post(`/v1/payments/${p.id}/events`, { type: 'delivered' })).body.status).toBe('authorized');
    const shipped = await post(`/v1/payments/${p.id}/events`, { type: 'shipped' });
    expect(shipped.body).toMatchObject({ status: 'captured', captured_amount: 5000 });
    const again = await post(`/v1/payments/${p.id}/events`, { type: 'shipped' });
    expect(again.status).toBe(200);
    expect(journal(again.body)).toEqual(['authorization:succeeded:5000', 'capture:succeeded:5000']);
    expect(ledgerOf(p)).toMatchObject({ captured: 5000 });
  });

  it('on_delivery: shipping changes nothing, delivery captures', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_delivery' } });
    expect((await post(`/v1/payments/${p.id}/events`, { type: 'shipped' })).body.status).toBe('authorized');
    expect((await post(`/v1/payments/${p.id}/events`, { type: 'delivered' })).body.status).toBe('captured');
  });

  it('an order cancelled before capture voids the authorisation; after capture it asks for a refund', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    const cancelled = await post(`/v1/payments/${p.id}/events`, { type: 'cancelled' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(journal(cancelled.body)).toEqual(['authorization:succeeded:5000', 'void:succeeded:-']);
    expect(ledgerOf(p)).toMatchObject({ status: 'reversed' });

    const captured = await createPayment(gw, {});
    const late = await post(`/v1/payments/${captured.id}/events`, { type: 'cancelled' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('payment_already_captured');
    expect(late.body.detail).toContain('/refund');
  });

  it('deferred: the scheduler captures on the due date, not before', async () => {
    const p = await createPayment(gw, { typology: { type: 'deferred', days: 3 } });
    expect(p.status).toBe('authorized');
    expect(p.capture_date).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());
    clock.advance(2 * DAY);
    await runSchedulerTick(gw.deps);
    expect((await get(p.id)).status).toBe('authorized');
    clock.advance(DAY);
    const report = await runSchedulerTick(gw.deps);
    expect(report.captured).toBeGreaterThanOrEqual(1);
    const after = await get(p.id);
    expect(after).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(after.operations.at(-1)).toMatchObject({ type: 'capture', source: 'scheduler' });
    const events = await gw.store.db
      .selectFrom('outbox')
      .select(['type', 'source'])
      .where('payment_id', '=', p.id)
      .execute();
    expect(events.at(-1)).toEqual({ type: 'payment.captured', source: 'scheduler' });
  });
});

describe('manual validation', () => {
  it('holds an immediate payment until validated, then captures it; validating again changes nothing', async () => {
    const p = await createPayment(gw, { validation: 'manual' });
    expect(p).toMatchObject({ status: 'to_validate', captured_amount: 0 });
    expect(ledgerOf(p)).toMatchObject({ captured: 0 });
    const validated = await post(`/v1/payments/${p.id}/validate`);
    expect(validated.body).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(journal(validated.body)).toEqual([
      'authorization:succeeded:5000',
      'validation:succeeded:-',
      'capture:succeeded:5000',
    ]);
    const again = await post(`/v1/payments/${p.id}/validate`);
    expect(again.status).toBe(200);
    expect(again.body.operations).toHaveLength(3);
  });

  it('refuses to capture at shipment before validation, then captures once validated', async () => {
    const p = await createPayment(gw, { validation: 'manual', typology: { type: 'on_shipment' } });
    const early = await post(`/v1/payments/${p.id}/events`, { type: 'shipped' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('illegal_transition');
    expect(early.body.detail).toContain('to_validate');
    expect((await post(`/v1/payments/${p.id}/validate`)).body.status).toBe('authorized');
    expect((await post(`/v1/payments/${p.id}/events`, { type: 'shipped' })).body.status).toBe('captured');
  });
});

describe('captures, refunds, cancels', () => {
  it('allows several partial captures up to the authorised amount, and several refunds up to the captured amount', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' }, amount: 10_000 });
    expect((await post(`/v1/payments/${p.id}/capture`, { amount: 4000 })).body.status).toBe(
      'partially_captured',
    );
    expect((await post(`/v1/payments/${p.id}/capture`, { amount: 2500 })).body.captured_amount).toBe(6500);
    const tooMuch = await post(`/v1/payments/${p.id}/capture`, { amount: 3501 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.detail).toContain('≤ 3500');
    expect((await post(`/v1/payments/${p.id}/capture`)).body).toMatchObject({
      status: 'captured',
      captured_amount: 10_000,
    });

    expect((await post(`/v1/payments/${p.id}/refund`, { amount: 1000 })).body.status).toBe(
      'partially_refunded',
    );
    const over = await post(`/v1/payments/${p.id}/refund`, { amount: 9001 });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'amount_too_large', field: 'amount' });
    const rest = await post(`/v1/payments/${p.id}/refund`);
    expect(rest.body).toMatchObject({ status: 'refunded', refunded_amount: 10_000 });
    expect(ledgerOf(p)).toMatchObject({ captured: 10_000, refunded: 10_000 });
    expect(await outboxTypes(gw, p.id)).toEqual([
      'payment.processing',
      'payment.authorized',
      'payment.partially_captured',
      'payment.partially_captured',
      'payment.captured',
      'payment.partially_refunded',
      'payment.refunded',
    ]);
  });

  it('cancels a payment waiting for the buyer without calling the acquirer, and repeating the cancel changes nothing', async () => {
    const waiting = await post('/v1/payments', { amount: 1200, currency: 'EUR', reference: 'HOSTED-1' });
    expect(waiting.status).toBe(201);
    expect(waiting.body.status).toBe('requires_payment_method');
    const cancelled = await post(`/v1/payments/${waiting.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(journal(cancelled.body)).toEqual(['cancellation:succeeded:-']);
    const again = await post(`/v1/payments/${waiting.body.id}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.operations).toHaveLength(1);
  });

  it('refuses to cancel a captured payment', async () => {
    const p = await createPayment(gw, {});
    const res = await post(`/v1/payments/${p.id}/cancel`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('illegal_transition');
  });
});

describe('authorisation expiry', () => {
  it('expires an uncaptured authorisation after 7 days, tells the shop, and refuses later captures', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    clock.advance(7 * DAY);
    await runSchedulerTick(gw.deps);
    const expired = await get(p.id);
    expect(expired.status).toBe('expired');
    expect(expired.operations.at(-1)).toMatchObject({ type: 'expiry', source: 'scheduler' });
    expect((await outboxTypes(gw, p.id)).at(-1)).toBe('payment.expired');
    const late = await post(`/v1/payments/${p.id}/capture`);
    expect(late.status).toBe(409);
    expect(ledgerOf(p)).toMatchObject({ captured: 0 });
  });
});

describe('modify and duplicate', () => {
  it('lowers the amount before capture; the capture then takes the new amount', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    const modified = await api(gw).patch(`/v1/payments/${p.id}`).set(gw.auth).send({ amount: 4200 });
    expect(modified.body).toMatchObject({ status: 'authorized', amount: 4200 });
    expect(modified.body.operations.at(-1)).toMatchObject({ type: 'modification', amount: 4200 });
    expect((await post(`/v1/payments/${p.id}/capture`)).body).toMatchObject({
      status: 'captured',
      captured_amount: 4200,
    });
    expect(ledgerOf(p)).toMatchObject({ amount: 5000, captured: 4200 });
  });

  it('moves the capture date of a deferred payment, within the authorisation validity', async () => {
    const p = await createPayment(gw, { typology: { type: 'deferred', days: 2 } });
    const target = new Date(clock.now().getTime() + 5 * DAY).toISOString();
    const moved = await api(gw).patch(`/v1/payments/${p.id}`).set(gw.auth).send({ capture_date: target });
    expect(moved.body.capture_date).toBe(target);
    const tooLate = new Date(clock.now().getTime() + 8 * DAY).toISOString();
    const refused = await api(gw).patch(`/v1/payments/${p.id}`).set(gw.auth).send({ capture_date: tooLate });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_capture_date', field: 'capture_date' });
  });

  it('duplicates a payment for the same buyer as a new payment awaiting the card, without guarantee', async () => {
    const p = await createPayment(gw, {
      customer: { email: 'buyer@example.com', name: 'Ana' },
      reference: 'ORD-77',
      language: 'de',
    });
    const dup = await post(`/v1/payments/${p.id}/duplicate`, { amount: 3000 });
    expect(dup.status).toBe(201);
    expect(dup.body).toMatchObject({
      status: 'requires_payment_method',
      amount: 3000,
      reference: 'ORD-77',
      customer: { email: 'buyer@example.com', name: 'Ana' },
      duplicated_from: p.id,
      guarantee: 'no',
      language: 'de',
    });
    expect(await outboxTypes(gw, dup.body.id)).toEqual(['payment.created']);
    expect((await get(p.id)).status).toBe('captured');
  });
});

describe('idempotency', () => {
  it('answers a retried creation with the same status and body, and creates one payment', async () => {
    const body = {
      amount: 777,
      currency: 'EUR',
      reference: 'IDEM-1',
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2031 },
    };
    const first = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'idem-create-1')
      .send(body);
    const second = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'idem-create-1')
      .send(body);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const list = await api(gw).get('/v1/payments?reference=IDEM-1').set(gw.auth);
    expect(list.body.data).toHaveLength(1);
  });
});

describe('listing', () => {
  it('pages newest first with a cursor, and filters by status and reference', async () => {
    for (let i = 0; i < 5; i++) await createPayment(gw, { reference: 'LIST', amount: 100 + i });
    const first = await api(gw).get('/v1/payments?reference=LIST&limit=2').set(gw.auth);
    expect(first.body.data.map((p: PaymentBody) => p.amount)).toEqual([104, 103]);
    expect(first.body.has_more).toBe(true);
    const second = await api(gw)
      .get(`/v1/payments?reference=LIST&limit=2&starting_after=${first.body.next_cursor}`)
      .set(gw.auth);
    expect(second.body.data.map((p: PaymentBody) => p.amount)).toEqual([102, 101]);
    const third = await api(gw)
      .get(`/v1/payments?reference=LIST&limit=2&starting_after=${second.body.next_cursor}`)
      .set(gw.auth);
    expect(third.body).toMatchObject({ has_more: false, next_cursor: null });
    const refused = await api(gw).get('/v1/payments?status=refused').set(gw.auth);
    expect(refused.body.data.every((p: PaymentBody) => p.status === 'refused')).toBe(true);
    expect(refused.body.data.length).toBeGreaterThan(0);
  });
});

describe('the journal', () => {
  it('cannot be rewritten or deleted, even with SQL', async () => {
    const p = await createPayment(gw, {});
    const opId = p.operations[0]!.id;
    await expect(
      sql`update operations set amount = 1 where id = ${opId}`.execute(gw.store.db),
    ).rejects.toThrow(/settled/);
    await expect(sql`delete from operations where id = ${opId}`.execute(gw.store.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses amounts the domain refuses, even with SQL', async () => {
    const p = await createPayment(gw, {});
    await expect(
      sql`update payments set refunded_amount = 999999 where id = ${p.id}`.execute(gw.store.db),
    ).rejects.toThrow();
  });
});
