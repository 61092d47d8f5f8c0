import { ManualClock } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { api, createPayment, type PaymentBody, VISA } from './helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const authOf = (p: PaymentBody) =>
  gw.acquirer.ledger().authorizations.find((a) => a.reference === p.operations[0]?.id)!;

describe('concurrent operations on one payment are serialised', () => {
  it('two simultaneous full captures give one capture and one 409, never two', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    const results = await Promise.all(
      [1, 2].map(() => api(gw).post(`/v1/payments/${p.id}/capture`).set(gw.auth).send({})),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(['illegal_transition', 'operation_in_progress']).toContain(loser.body.code);
    const read = await api(gw).get(`/v1/payments/${p.id}`).set(gw.auth);
    expect(read.body.operations.filter((op: { type: string }) => op.type === 'capture')).toHaveLength(1);
    expect(authOf(p).captured).toBe(5000);
  });

  it('many parallel partial captures never capture more than authorised, and the books agree with the acquirer', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' }, amount: 5000 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api(gw).post(`/v1/payments/${p.id}/capture`).set(gw.auth).send({ amount: 1000 }),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const read = (await api(gw).get(`/v1/payments/${p.id}`).set(gw.auth)).body as PaymentBody;
    expect(read.captured_amount).toBe(ok * 1000);
    expect(authOf(p).captured).toBe(ok * 1000);
  });

  it('parallel retries with one Idempotency-Key create one payment, charge once, and all get the same answer', async () => {
    const body = {
      amount: 4321,
      currency: 'EUR',
      reference: 'PAR-1',
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2031 },
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api(gw).post('/v1/payments').set(gw.auth).set('Idempotency-Key', 'par-key-1').send(body),
      ),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const list = await api(gw).get('/v1/payments?reference=PAR-1').set(gw.auth);
    expect(list.body.data).toHaveLength(1);
    const charges = gw.acquirer.ledger().authorizations.filter((a) => a.amount === 4321);
    expect(charges).toHaveLength(1);
  });

  it('parallel retries of one capture with one Idempotency-Key capture once', async () => {
    const p = await createPayment(gw, { typology: { type: 'on_shipment' } });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(gw)
          .post(`/v1/payments/${p.id}/capture`)
          .set(gw.auth)
          .set('Idempotency-Key', `cap-${p.id}`)
          .send({ amount: 2000 }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(authOf(p).captured).toBe(2000);
  });
});

describe('a retry that takes over a slow request’s Idempotency-Key', () => {
  it('does the work once: the slow request, when it gets there, is refused and writes nothing', async () => {
    const clock = new ManualClock('2026-01-15T10:00:00Z');
    const slow = await createTestGateway({ clock, env: { CAISSE_IDEMPOTENCY_LOCK_MS: '1000' } });
    try {
      // The first request stalls in its 3-D Secure call, before its payment exists.
      let stalled!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((resolve) => {
        stalled = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const servers = slow.deps.threeDSServer!;
      let calls = 0;
      slow.deps.threeDSServer = (mode) => {
        const server = servers(mode)!;
        return {
          pageOrigin: server.pageOrigin,
          inquire: (id) => server.inquire(id),
          async authenticate(request) {
            if (++calls === 1) {
              stalled();
              await gate;
            }
            return server.authenticate(request);
          },
        };
      };
      const body = { amount: 1717, currency: 'EUR', reference: 'SLOW-1', card: VISA };
      const send = () =>
        api(slow).post('/v1/payments').set(slow.auth).set('Idempotency-Key', 'slow-key').send(body);
      const first = send().then((r) => r);
      await inside;
      clock.advance(1500); // its key's lock has expired: a retry believes it dead
      const retry = await send();
      expect(retry.status).toBe(201);
      release();
      const late = await first;
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('idempotency_key_in_use');

      const list = await api(slow).get('/v1/payments?reference=SLOW-1').set(slow.auth);
      expect(list.body.data.map((p: PaymentBody) => p.id)).toEqual([retry.body.id]);
      expect(slow.acquirer.ledger().authorizations.filter((a) => a.amount === 1717)).toHaveLength(1);
      // The key keeps the retry's answer.
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(retry.body.id);
    } finally {
      await slow.close();
    }
  });
});
