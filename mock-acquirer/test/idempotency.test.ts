import { type MockAcquirer, startMockAcquirer } from '../src/index.js';
import { authorizationBody, cardBody, client } from './helpers.js';

describe('idempotency on the reference', () => {
  let acquirer: MockAcquirer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ seed: 2 });
    api = client(acquirer);
  });
  beforeEach(async () => {
    acquirer.reset();
    await api.post('/v1/authorizations', authorizationBody());
  });
  afterAll(() => acquirer.close());

  it.each([
    ['an authorisation', '/v1/authorizations', authorizationBody()],
    ['a capture', '/v1/captures', { reference: 'c1', authorization_reference: 'pay_1', amount: 100 }],
    ['a reversal', '/v1/reversals', { reference: 'v1', authorization_reference: 'pay_1' }],
  ])('answers %s sent twice with the stored answer and changes nothing', async (_what, path, body) => {
    const first = await api.post(path, body);
    const ledger = acquirer.ledger();
    const second = await api.post(path, body);
    expect(second).toEqual(first);
    expect(acquirer.ledger()).toEqual(ledger);
  });

  it('answers a refund sent twice with the stored answer and refunds once', async () => {
    await api.post('/v1/captures', { reference: 'c1', authorization_reference: 'pay_1', amount: 1000 });
    const refund = { reference: 'r1', authorization_reference: 'pay_1', amount: 600 };
    const first = await api.post('/v1/refunds', refund);
    expect(await api.post('/v1/refunds', refund)).toEqual(first);
    expect(acquirer.ledger().authorizations[0]?.refunded).toBe(600);
  });

  it('replays a failed capture as failed, even once it would succeed', async () => {
    const tooMuch = { reference: 'c1', authorization_reference: 'pay_1', amount: 5000 };
    const first = await api.post('/v1/captures', tooMuch);
    expect(first.body['status']).toBe('failed');
    expect(await api.post('/v1/captures', tooMuch)).toEqual(first);
  });

  it.each([
    ['another amount', '/v1/authorizations', authorizationBody({ amount: 1 })],
    ['another card', '/v1/authorizations', cardBody('5555555555554444')],
    [
      'another kind of operation',
      '/v1/captures',
      { reference: 'pay_1', authorization_reference: 'x', amount: 1 },
    ],
  ])('answers 409 to the same reference with %s and changes nothing', async (_what, path, body) => {
    const ledger = acquirer.ledger();
    const { status, body: answer } = await api.post(path, body);
    expect(status).toBe(409);
    expect(answer).toMatchObject({ error: 'reference_conflict' });
    expect(acquirer.ledger()).toEqual(ledger);
  });

  it('answers 409 to a capture reference reused for another authorisation', async () => {
    await api.post('/v1/captures', { reference: 'c1', authorization_reference: 'pay_1', amount: 100 });
    const { status } = await api.post('/v1/captures', {
      reference: 'c1',
      authorization_reference: 'pay_2',
      amount: 100,
    });
    expect(status).toBe(409);
  });
});
