import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockAcquirer } from '../src/index.js';
import { authorizationBody, client } from './helpers.js';

describe('snapshot', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mock-acquirer-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('keeps the books across a restart, answers included', async () => {
    const snapshot = join(directory, 'nested', 'state.json');
    const first = await startMockAcquirer({ snapshot, seed: 4 });
    const authorization = await client(first).post('/v1/authorizations', authorizationBody());
    await client(first).post('/v1/reversals', { reference: 'v1', authorization_reference: 'in_flight' });
    const ledger = first.ledger();
    await first.close();

    const second = await startMockAcquirer({ snapshot, seed: 4 });
    const api = client(second);
    expect(second.ledger().entries).toEqual(ledger.entries);
    expect(second.ledger().authorizations).toEqual(ledger.authorizations);
    expect(await api.post('/v1/authorizations', authorizationBody())).toEqual(authorization);
    expect((await api.get('/v1/operations/in_flight')).body).toMatchObject({ type: 'reversal_tombstone' });
    const capture = await api.post('/v1/captures', {
      reference: 'c1',
      authorization_reference: 'pay_1',
      amount: 1,
    });
    expect(capture.body['status']).toBe('succeeded');
    expect(second.ledger().entries.at(-1)?.seq).toBe(ledger.entries.length + 1);
    await second.close();
  });

  it('starts empty when the snapshot file does not exist yet', async () => {
    const acquirer = await startMockAcquirer({ snapshot: join(directory, 'absent.json') });
    expect(acquirer.ledger().entries).toEqual([]);
    await acquirer.close();
  });
});
