import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';

const VISA = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const api = () => request(gw.app);

describe('a payment captured at shipment, then partially captured and refunded', () => {
  it('authorises, captures 30.00, refunds 10.00 and the acquirer ledger agrees', async () => {
    const created = await api()
      .post('/v1/payments')
      .set(gw.auth)
      .set('Idempotency-Key', 'flow-1')
      .send({
        amount: 5000,
        currency: 'EUR',
        reference: 'ORDER-1',
        typology: { type: 'on_shipment' },
        card: VISA,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'authorized',
      amount: 5000,
      captured_amount: 0,
      card: { brand: 'visa', bin: '424242', last4: '4242' },
    });
    const id = created.body.id as string;

    const captured = await api().post(`/v1/payments/${id}/capture`).set(gw.auth).send({ amount: 3000 });
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: 'partially_captured', captured_amount: 3000 });

    const refunded = await api().post(`/v1/payments/${id}/refund`).set(gw.auth).send({ amount: 1000 });
    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({ status: 'partially_refunded', refunded_amount: 1000 });

    const read = await api().get(`/v1/payments/${id}`).set(gw.auth);
    expect(
      read.body.operations.map((op: { type: string; status: string; amount: number }) => [
        op.type,
        op.status,
        op.amount,
      ]),
    ).toEqual([
      ['authorization', 'succeeded', 5000],
      ['capture', 'succeeded', 3000],
      ['refund', 'succeeded', 1000],
    ]);

    const ledger = gw.acquirer.ledger();
    const auth = ledger.authorizations.find((a) => a.reference === read.body.operations[0].id);
    expect(auth).toMatchObject({ amount: 5000, captured: 3000, refunded: 1000 });
  });

  it('captures an immediate payment on creation', async () => {
    const created = await api()
      .post('/v1/payments')
      .set(gw.auth)
      .send({ amount: 1999, currency: 'EUR', reference: 'ORDER-2', card: VISA });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'captured', captured_amount: 1999 });
    expect(created.body.operations.map((op: { type: string }) => op.type)).toEqual([
      'authorization',
      'capture',
    ]);
  });
});
