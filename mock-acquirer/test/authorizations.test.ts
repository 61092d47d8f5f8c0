import {
  type AuthorizationAnswer,
  type MockAcquirer,
  type MovementAnswer,
  startMockAcquirer,
  TEST_CARDS,
} from '../src/index.js';
import { authorizationBody, cardBody, client } from './helpers.js';

describe('authorisations over HTTP', () => {
  let acquirer: MockAcquirer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ seed: 1 });
    api = client(acquirer);
  });
  afterEach(() => acquirer.reset());
  afterAll(() => acquirer.close());

  it('reports itself healthy', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('serves the test-card table', async () => {
    const { status, body } = await api.get<unknown[]>('/test-cards');
    expect(status).toBe(200);
    expect(body).toEqual(TEST_CARDS);
    expect(body[0]).toEqual({
      number: '4242424242424242',
      brand: 'visa',
      outcome: 'approved',
      response_code: '00',
      description: 'approved (Visa)',
    });
  });

  it.each(TEST_CARDS.map((card) => [card.number, card]))(
    'answers test card %s as documented',
    async (number, card) => {
      const { status, body } = await api.post<AuthorizationAnswer>('/v1/authorizations', cardBody(number));
      expect(status).toBe(200);
      expect(body).toMatchObject({
        reference: 'pay_1',
        type: 'authorization',
        status: card.outcome,
        response_code: card.response_code,
        amount: 4200,
        currency: 'EUR',
        captured_amount: 0,
        card: { brand: card.brand, bin: number.slice(0, 6), last4: number.slice(-4) },
      });
    },
  );

  it('approves a sale and captures its full amount in one call', async () => {
    const { body } = await api.post<AuthorizationAnswer>(
      '/v1/authorizations',
      authorizationBody({ capture: true }),
    );
    expect(body).toMatchObject({ status: 'approved', captured_amount: 4200 });
    expect(body.auth_code).toMatch(/^[0-9A-Z]{6}$/);
    expect(acquirer.ledger().authorizations).toEqual([
      expect.objectContaining({ reference: 'pay_1', captured: 4200, refunded: 0, reversed: 0 }),
    ]);
  });

  it('declines an expired card with 54 and an invalid number with 14', async () => {
    const current = await api.post('/v1/authorizations', cardBody('4242424242424242', { reference: 'a' }));
    expect(current.body['status']).toBe('approved');
    const past = await api.post('/v1/authorizations', {
      ...authorizationBody({ reference: 'b' }),
      card: { number: '4242424242424242', exp_month: 1, exp_year: 2020 },
    });
    expect(past.body).toMatchObject({ status: 'declined', response_code: '54', message: 'expired card' });
    const invalid = await api.post('/v1/authorizations', cardBody('4242424242424243', { reference: 'c' }));
    expect(invalid.body).toMatchObject({ status: 'declined', response_code: '14' });
  });

  it.each([
    ['reference', { reference: undefined }],
    ['amount', { amount: 10.5 }],
    ['amount', { amount: '4200' }],
    ['currency', { currency: 'euro' }],
    ['merchant_id', { merchant_id: undefined }],
    ['card', { card: undefined }],
  ])('answers 400 naming %s when it is missing or malformed', async (field, overrides) => {
    const { status, body } = await api.post('/v1/authorizations', authorizationBody(overrides));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request', field });
    expect(acquirer.ledger().entries).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const { status, body } = await api.post('/v1/authorizations', '{"reference":');
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', field: null, message: 'body must be valid JSON' });
  });

  it('answers 404 to an unknown route', async () => {
    expect(await api.get('/v1/nothing')).toEqual({ status: 404, body: { error: 'not_found' } });
  });

  it('answers an inquiry with the stored answer, and 404 for a reference never processed', async () => {
    const { body } = await api.post('/v1/authorizations', authorizationBody());
    expect(await api.get('/v1/operations/pay_1')).toEqual({ status: 200, body });
    expect(await api.get('/v1/operations/pay_2')).toEqual({ status: 404, body: { error: 'not_found' } });
  });

  it('moves money through capture, refund and reversal, as the ledger shows', async () => {
    await api.post('/v1/authorizations', authorizationBody());
    const captures = [
      await api.post<MovementAnswer>('/v1/captures', {
        reference: 'c1',
        authorization_reference: 'pay_1',
        amount: 2000,
      }),
      await api.post<MovementAnswer>('/v1/captures', {
        reference: 'c2',
        authorization_reference: 'pay_1',
        amount: 3000,
      }),
    ];
    expect(captures.map(({ body }) => body.status)).toEqual(['succeeded', 'failed']);
    const refundReply = await api.post<MovementAnswer>('/v1/refunds', {
      reference: 'r1',
      authorization_reference: 'pay_1',
      amount: 500,
    });
    expect(refundReply.body).toMatchObject({ type: 'refund', status: 'succeeded', amount: 500 });
    const reversalReply = await api.post<MovementAnswer>('/v1/reversals', {
      reference: 'v1',
      authorization_reference: 'pay_1',
    });
    expect(reversalReply.body).toMatchObject({ type: 'reversal', status: 'succeeded', amount: 2200 });

    const { authorizations, entries } = acquirer.ledger();
    expect(authorizations[0]).toMatchObject({
      status: 'reversed',
      captured: 2000,
      refunded: 500,
      reversed: 2200,
    });
    expect(entries.map((entry) => `${entry.type}:${entry.status}:${entry.amount}`)).toEqual([
      'authorization:approved:4200',
      'capture:succeeded:2000',
      'capture:failed:3000',
      'refund:succeeded:500',
      'reversal:succeeded:2200',
    ]);
  });

  it('declines R1 an authorisation that arrives after its reversal, and charges nothing', async () => {
    const reversal = await api.post('/v1/reversals', { reference: 'v1', authorization_reference: 'pay_1' });
    expect(reversal.body).toMatchObject({ status: 'succeeded', amount: 0 });
    expect(await api.get('/v1/operations/pay_1')).toEqual({
      status: 200,
      body: { reference: 'pay_1', type: 'reversal_tombstone', status: 'reversed' },
    });

    const late = await api.post('/v1/authorizations', authorizationBody({ capture: true }));
    expect(late.body).toMatchObject({
      status: 'declined',
      response_code: 'R1',
      message: 'reversed before authorisation',
      captured_amount: 0,
    });
    expect(acquirer.ledger().authorizations[0]).toMatchObject({ status: 'declined', captured: 0 });
  });
});
