import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockAcquirer, startMockAcquirer, TEST_CARDS } from '../src/index.js';
import { cardBody, client } from './helpers.js';

const CVC = '9731';
const OTHER_PANS = ['4111111111111111', '4242424242424241'];
const ALL_PANS = [...TEST_CARDS.map((card) => card.number), ...OTHER_PANS];

function expectNoCardData(text: string) {
  for (const pan of ALL_PANS) expect(text).not.toContain(pan);
  expect(text).not.toContain(`"${CVC}"`);
  expect(text).not.toMatch(/"cvc"/);
}

describe('card data', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mock-acquirer-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('never appears in answers, errors, inquiries, the ledger or the snapshot', async () => {
    const snapshot = join(directory, 'state.json');
    const acquirer = await startMockAcquirer({ snapshot });
    const api = client(acquirer);
    const seen: string[] = [];
    for (const [i, pan] of ALL_PANS.entries()) {
      const body = cardBody(pan, { reference: `pay_${i}`, capture: i % 2 === 0 });
      (body['card'] as Record<string, unknown>)['cvc'] = CVC;
      seen.push(JSON.stringify(await api.post('/v1/authorizations', body)));
      seen.push(JSON.stringify(await api.post('/v1/authorizations', { ...body, amount: 1 })));
      seen.push(JSON.stringify(await api.get(`/v1/operations/pay_${i}`)));
    }
    seen.push(
      JSON.stringify(
        await api.post('/v1/authorizations', cardBody(`${ALL_PANS[0]}999`, { reference: 'too_long' })),
      ),
    );
    seen.push(JSON.stringify(await api.post('/v1/authorizations', `{"card":{"number":"${ALL_PANS[0]}"`)));
    seen.push(JSON.stringify(await api.get('/_ledger')));
    seen.push(JSON.stringify(acquirer.ledger()));
    await acquirer.close();

    expectNoCardData(seen.join('\n'));
    const saved = await readFile(snapshot, 'utf8');
    expect(saved).toContain('424242');
    expectNoCardData(saved);
  });
});

describe('API key', () => {
  let acquirer: MockAcquirer;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ apiKey: 'sk_mock_secret' });
  });
  afterAll(() => acquirer.close());

  it('refuses operations and test control without the key or with another key', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer sk_mock_wrong' },
      { authorization: 'sk_mock_secret' },
    ];
    for (const headers of attempts) {
      const api = client(acquirer, headers);
      expect((await api.post('/v1/authorizations', cardBody('4242424242424242'))).status).toBe(401);
      expect((await api.get('/v1/operations/pay_1')).status).toBe(401);
      expect((await api.get('/_ledger')).status).toBe(401);
      expect((await api.post('/_reset')).status).toBe(401);
    }
    expect(acquirer.ledger().entries).toEqual([]);
  });

  it('accepts the key as a bearer token', async () => {
    const api = client(acquirer, { authorization: 'Bearer sk_mock_secret' });
    expect((await api.post('/v1/authorizations', cardBody('4242424242424242'))).body).toMatchObject({
      status: 'approved',
    });
    expect((await api.get('/_ledger')).status).toBe(200);
  });

  it('leaves /health and /test-cards open', async () => {
    const api = client(acquirer);
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/test-cards')).status).toBe(200);
  });
});
