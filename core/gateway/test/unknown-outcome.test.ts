import type { AcquirerConnector } from '@caisse/gateway';
import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { api, createPayment, type PaymentBody, VISA } from './helpers.js';

let gw: TestGateway;
const clock = new ManualClock('2026-05-01T10:00:00Z');
/**
 * `throw`: an unexpected error right after the acquirer answered an authorisation (process alive).
 * `hang`: the process "dies" there — the request never finishes and its key stays locked.
 */
let crashAfterAuthorize: false | 'throw' | 'hang' = false;
let releaseHung: () => void = () => {};

beforeAll(async () => {
  gw = await createTestGateway({
    clock,
    acquirerTimeoutMs: 300,
    env: { CAISSE_IDEMPOTENCY_LOCK_MS: '1000' },
    wrapAcquirer: (inner: AcquirerConnector): AcquirerConnector => ({
      ...inner,
      authorize: async (request) => {
        const outcome = await inner.authorize(request);
        if (crashAfterAuthorize === 'throw') throw new Error('simulated failure after the acquirer answered');
        if (crashAfterAuthorize === 'hang') await new Promise<void>((resolve) => (releaseHung = resolve));
        return outcome;
      },
      capture: (r) => inner.capture(r),
      refund: (r) => inner.refund(r),
      reverse: (r) => inner.reverse(r),
      inquire: (r) => inner.inquire(r),
    }),
  });
});
afterEach(() => {
  gw.acquirer.faults.clear();
  crashAfterAuthorize = false;
});
afterAll(async () => {
  releaseHung();
  await new Promise((r) => setTimeout(r, 200));
  await gw.close();
});

const ledger = () => gw.acquirer.ledger();
const authOf = (p: PaymentBody) => ledger().authorizations.find((a) => a.reference === p.operations[0]?.id);

describe('unknown acquirer outcomes are settled by inquiry, never guessed', () => {
  it('an authorisation processed but whose answer was dropped is found by inquiry and recorded once', async () => {
    gw.acquirer.faults.next({ kind: 'drop', match: 'authorizations' });
    const p = await createPayment(gw, {});
    expect(p).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(authOf(p)).toMatchObject({ captured: 5000, status: 'approved' });
    expect(ledger().authorizations.filter((a) => a.reference === p.operations[0]!.id)).toHaveLength(1);
  });

  it('an authorisation that never reached the acquirer is reversed: the payment fails, nothing is charged, a late arrival is refused', async () => {
    gw.acquirer.faults.next({ kind: 'timeout', match: 'authorizations' });
    const p = await createPayment(gw, {});
    expect(p.status).toBe('failed');
    expect(p.operations.map((op) => `${op.type}:${op.status}`)).toEqual([
      'authorization:failed',
      'reversal:succeeded',
    ]);
    const reference = p.operations[0]!.id;
    expect(ledger().authorizations.find((a) => a.reference === reference)).toBeUndefined();
    // The same reference arriving late (the held request, or a network retry) must not charge.
    const late = await fetch(`${gw.acquirer.url}/v1/authorizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reference,
        merchant_id: gw.shop.id,
        amount: 5000,
        currency: 'EUR',
        card: { number: '4242424242424242', exp_month: 12, exp_year: 2030 },
      }),
    });
    expect(((await late.json()) as { status: string }).status).toBe('declined');
    expect(
      ledger().authorizations.find((a) => a.reference === reference && a.status === 'approved'),
    ).toBeUndefined();
  });

  it('a capture processed but answered with a 500 is found by inquiry', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    gw.acquirer.faults.next({ kind: 'error_after_process', match: 'captures' });
    const res = await api(gw).post(`/v1/payments/${p.id}/capture`).set(gw.auth).send({ amount: 2000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'partially_captured', captured_amount: 2000 });
    expect(authOf(p)?.captured).toBe(2000);
  });

  it('a capture that timed out before processing is sent again with the same reference and applied once', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    gw.acquirer.faults.next({ kind: 'timeout', match: 'captures' });
    const res = await api(gw).post(`/v1/payments/${p.id}/capture`).set(gw.auth).send({});
    expect(res.body).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(authOf(p)?.captured).toBe(5000);
    expect(
      ledger().entries.filter(
        (e) => e.type === 'capture' && e.authorization_reference === p.operations[0]!.id,
      ),
    ).toHaveLength(1);
  });

  it('a refund whose answer was dropped is recorded once', async () => {
    const p = await createPayment(gw, {});
    gw.acquirer.faults.next({ kind: 'drop', match: 'refunds' });
    const res = await api(gw).post(`/v1/payments/${p.id}/refund`).set(gw.auth).send({ amount: 1500 });
    expect(res.body).toMatchObject({ status: 'partially_refunded', refunded_amount: 1500 });
    expect(authOf(p)?.refunded).toBe(1500);
  });

  it('while the acquirer cannot be reached the payment stays processing (202), then the scheduler settles it', async () => {
    gw.acquirer.faults.next({ kind: 'drop', match: 'authorizations' });
    gw.acquirer.faults.next({ kind: 'error', match: 'operations', count: 3 });
    const res = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .send({ amount: 2500, currency: 'EUR', reference: 'DOWN-1', card: VISA });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('processing');
    expect(res.body.operations[0]).toMatchObject({ type: 'authorization', status: 'pending' });
    // A capture while the authorisation is pending is refused, not queued behind it.
    const blocked = await api(gw).post(`/v1/payments/${res.body.id}/cancel`).set(gw.auth).send({});
    expect(blocked.status).toBe(409);

    clock.advance(20_000);
    const report = await runSchedulerTick(gw.deps);
    expect(report.recovered).toBe(1);
    const after = await api(gw).get(`/v1/payments/${res.body.id}`).set(gw.auth);
    expect(after.body).toMatchObject({ status: 'captured', captured_amount: 2500 });
    expect(authOf(after.body)?.captured).toBe(2500);
  });

  it('a retry after an unexpected failure mid-request resumes the payment at once instead of charging again', async () => {
    crashAfterAuthorize = 'throw';
    const body = { amount: 3100, currency: 'EUR', reference: 'CRASH-1', card: VISA };
    const first = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'crash-1')
      .send(body);
    expect(first.status).toBe(500);
    crashAfterAuthorize = false;

    const retry = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'crash-1')
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ status: 'captured', amount: 3100 });
    expect(ledger().authorizations.filter((a) => a.amount === 3100)).toHaveLength(1);
    const list = await api(gw).get('/v1/payments?reference=CRASH-1').set(gw.auth);
    expect(list.body.data).toHaveLength(1);
  });

  it('a retry after the gateway died mid-request waits for the lock to lapse, then resumes the payment', async () => {
    crashAfterAuthorize = 'hang';
    const body = { amount: 3200, currency: 'EUR', reference: 'CRASH-2', card: VISA };
    const dead = api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'crash-2')
      .send(body)
      .then((r) => r);
    while (!ledger().authorizations.some((a) => a.amount === 3200))
      await new Promise((r) => setTimeout(r, 10));

    clock.advance(1500); // past the idempotency lock (1 s here): the first request's process is presumed dead
    const retry = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'crash-2')
      .send(body);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ status: 'captured', amount: 3200 });
    expect(ledger().authorizations.filter((a) => a.amount === 3200)).toHaveLength(1);

    // The "dead" request coming back to life finds the work done and changes nothing.
    crashAfterAuthorize = false;
    releaseHung();
    const late = await dead;
    expect(late.body.id).toBe(retry.body.id);
    const read = await api(gw).get(`/v1/payments/${retry.body.id}`).set(gw.auth);
    expect(read.body.operations.map((op: { type: string }) => op.type)).toEqual(['authorization', 'capture']);
  });
});

describe('a pending operation holds the payment', () => {
  it('does not let the authorisation expire under a capture whose outcome is unknown', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    gw.acquirer.faults.next({ kind: 'drop', match: 'captures' });
    gw.acquirer.faults.next({ kind: 'error', match: 'operations', count: 3 });
    const res = await api(gw).post(`/v1/payments/${p.id}/capture`).set(gw.auth).send({});
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('authorized');

    clock.advance(8 * 86_400_000); // past the authorisation validity and the inquiry delay
    gw.acquirer.faults.next({ kind: 'error', match: 'operations', count: 3 });
    await runSchedulerTick(gw.deps); // inquiry fails again; expiry must not step in
    expect((await api(gw).get(`/v1/payments/${p.id}`).set(gw.auth)).body.status).toBe('authorized');

    clock.advance(120_000);
    await runSchedulerTick(gw.deps);
    const after = await api(gw).get(`/v1/payments/${p.id}`).set(gw.auth);
    expect(after.body).toMatchObject({ status: 'captured', captured_amount: 5000 });
    expect(authOf(after.body)?.captured).toBe(5000);
  });
});

describe('the settlement deadline', () => {
  it('reverses an authorisation nobody could confirm in time: the payment fails and nothing stays charged', async () => {
    gw.acquirer.faults.next({ kind: 'drop', match: 'authorizations' });
    gw.acquirer.faults.next({ kind: 'error', match: 'operations', count: 3 });
    const res = await api(gw)
      .post('/v1/payments')
      .set(gw.auth)
      .send({
        amount: 2600,
        currency: 'EUR',
        reference: 'LATE-1',
        card: VISA,
        typology: { type: 'on_shipment' },
      });
    expect(res.body.status).toBe('processing');

    clock.advance(6 * 60_000); // past the 5-minute settlement deadline, inquiries still failing
    gw.acquirer.faults.next({ kind: 'error', match: 'operations', count: 3 });
    await runSchedulerTick(gw.deps);
    const after = await api(gw).get(`/v1/payments/${res.body.id}`).set(gw.auth);
    expect(after.body.status).toBe('failed');
    expect(
      after.body.operations.map((op: { type: string; status: string }) => `${op.type}:${op.status}`),
    ).toEqual(['authorization:failed', 'reversal:succeeded']);
    expect(authOf(after.body)).toMatchObject({ status: 'reversed', captured: 0 });
  });
});
