import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockAcquirer, type RedirectPaymentAnswer, startMockAcquirer } from '../src/index.js';
import { client } from './helpers.js';

describe('redirect payment means', () => {
  let acquirer: MockAcquirer;
  let api: ReturnType<typeof client>;
  const pushes: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      pushes.push(JSON.parse(body));
      res.end('{}');
    });
  });
  let gatewayUrl: string;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ seed: 5 });
    api = client(acquirer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    acquirer.reset();
    pushes.length = 0;
  });
  afterAll(async () => {
    await acquirer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const start = (reference: string, means = 'paypal', capture = true) =>
    api.post<RedirectPaymentAnswer>('/v1/redirect-payments', {
      reference,
      merchant_id: 'shop_1',
      means,
      amount: 2490,
      currency: 'EUR',
      capture,
      return_url: `${gatewayUrl}/back`,
      notification_url: `${gatewayUrl}/notify`,
      notification_key: 'k'.repeat(43),
    });

  it.each(['wallet', 'paypal', 'cofinoga', 'cetelem_aurore', 'sofinco'])(
    'approves a %s payment on its page, captures the sale and pushes the outcome',
    async (means) => {
      const { body } = await start('op_1', means);
      expect(body).toMatchObject({ status: 'pending', means, captured_amount: 0 });
      expect((await api.get('/v1/operations/op_1')).body).toMatchObject({ status: 'pending' });
      const page = await (await fetch(body.redirect_url)).text();
      expect(page).toContain('Approve the payment');

      const done = await fetch(body.redirect_url, {
        method: 'POST',
        body: new URLSearchParams({ action: 'approve' }),
        redirect: 'manual',
      });
      expect(done.headers.get('location')).toBe(`${gatewayUrl}/back`);
      expect(pushes).toEqual([
        expect.objectContaining({ reference: 'op_1', status: 'approved', response_code: '00' }),
      ]);
      expect((await api.get('/v1/operations/op_1')).body).toMatchObject({
        status: 'approved',
        captured_amount: 2490,
      });
      expect(acquirer.ledger().authorizations).toEqual([
        expect.objectContaining({ reference: 'op_1', means, captured: 2490, status: 'approved' }),
      ]);
    },
  );

  it('records a decline, and takes the decision once', async () => {
    const { body } = await start('op_2', 'sofinco', false);
    await fetch(body.redirect_url, {
      method: 'POST',
      body: new URLSearchParams({ action: 'decline' }),
      redirect: 'manual',
    });
    await fetch(body.redirect_url, {
      method: 'POST',
      body: new URLSearchParams({ action: 'approve' }),
      redirect: 'manual',
    });
    expect((await api.get('/v1/operations/op_2')).body).toMatchObject({
      status: 'declined',
      response_code: '05',
    });
    expect(pushes).toHaveLength(1);
    expect(acquirer.ledger().entries.map((e) => [e.type, e.status])).toEqual([['authorization', 'declined']]);
  });

  it('lets an approved payment be captured later and refunded', async () => {
    const { body } = await start('op_3', 'cofinoga', false);
    await fetch(body.redirect_url, {
      method: 'POST',
      body: new URLSearchParams({ action: 'approve' }),
      redirect: 'manual',
    });
    const captured = await api.post('/v1/captures', {
      reference: 'cap_3',
      authorization_reference: 'op_3',
      amount: 2490,
    });
    expect(captured.body).toMatchObject({ status: 'succeeded' });
    const refunded = await api.post('/v1/refunds', {
      reference: 'ref_3',
      authorization_reference: 'op_3',
      amount: 490,
    });
    expect(refunded.body).toMatchObject({ status: 'succeeded' });
  });

  it('cancels a payment still pending when the gateway reverses it: it can no longer be approved', async () => {
    const { body } = await start('op_4');
    const reversal = await api.post('/v1/reversals', { reference: 'rev_4', authorization_reference: 'op_4' });
    expect(reversal.body).toMatchObject({ status: 'succeeded', amount: 0 });
    await fetch(body.redirect_url, {
      method: 'POST',
      body: new URLSearchParams({ action: 'approve' }),
      redirect: 'manual',
    });
    expect((await api.get('/v1/operations/op_4')).body).toMatchObject({
      status: 'declined',
      response_code: 'R1',
    });
    expect(pushes).toEqual([]);
    expect(acquirer.ledger().authorizations[0]).toMatchObject({ status: 'declined', captured: 0 });
  });

  it('answers a replay with the payment as it stands, and another amount with 409', async () => {
    await start('op_5');
    expect((await start('op_5')).body.status).toBe('pending');
    const other = await api.post('/v1/redirect-payments', {
      reference: 'op_5',
      merchant_id: 'shop_1',
      means: 'paypal',
      amount: 1,
      currency: 'EUR',
      capture: true,
      return_url: `${gatewayUrl}/back`,
      notification_url: `${gatewayUrl}/notify`,
      notification_key: 'k'.repeat(43),
    });
    expect(other.status).toBe(409);
    expect(
      (await api.post('/v1/redirect-payments', { reference: 'op_6', means: 'cash' })).body,
    ).toMatchObject({
      field: 'means',
    });
  });
});
