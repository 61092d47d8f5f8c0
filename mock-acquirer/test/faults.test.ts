import { type MockAcquirer, startMockAcquirer } from '../src/index.js';
import { authorizationBody, client } from './helpers.js';

describe('fault injection', () => {
  let acquirer: MockAcquirer;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ seed: 3 });
    api = client(acquirer);
  });
  afterEach(() => acquirer.reset());
  afterAll(() => acquirer.close());

  const withFault = (fault: string) => ({ headers: { 'x-mock-fault': fault } });

  it('never answers a timeout and processes nothing', async () => {
    const sent = api.post('/v1/authorizations', authorizationBody(), {
      ...withFault('timeout'),
      signal: AbortSignal.timeout(150),
    });
    await expect(sent).rejects.toThrow(/abort|timeout/i);
    expect(acquirer.ledger().entries).toEqual([]);
    expect(await api.get('/v1/operations/pay_1')).toEqual({ status: 404, body: { error: 'not_found' } });
    expect(acquirer.ledger().faults.timeout).toBe(1);
  });

  it('drops the connection after processing, so an inquiry finds the outcome', async () => {
    await expect(api.post('/v1/authorizations', authorizationBody(), withFault('drop'))).rejects.toThrow(
      /fetch failed/,
    );
    expect(acquirer.ledger().authorizations).toEqual([expect.objectContaining({ reference: 'pay_1' })]);
    const inquiry = await api.get('/v1/operations/pay_1');
    expect(inquiry.body).toMatchObject({ type: 'authorization', status: 'approved' });
    expect(acquirer.ledger().faults.drop).toBe(1);
  });

  it('answers 500 after processing for error_after_process, and a retry gets the stored answer', async () => {
    const failed = await api.post('/v1/authorizations', authorizationBody({ capture: true }), {
      ...withFault('error_after_process'),
    });
    expect(failed).toEqual({ status: 500, body: { error: 'internal_error' } });
    expect(acquirer.ledger().authorizations[0]?.captured).toBe(4200);

    const retry = await api.post('/v1/authorizations', authorizationBody({ capture: true }));
    expect(retry.body).toMatchObject({ status: 'approved', captured_amount: 4200 });
    expect(acquirer.ledger().entries).toHaveLength(2);
  });

  it('answers 503 for error without processing', async () => {
    expect(await api.post('/v1/authorizations', authorizationBody(), withFault('error'))).toEqual({
      status: 503,
      body: { error: 'unavailable' },
    });
    expect(acquirer.ledger().entries).toEqual([]);
  });

  it('answers late for latency, and answers normally', async () => {
    const started = performance.now();
    const { body } = await api.post('/v1/authorizations', authorizationBody(), withFault('latency=120'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(body['status']).toBe('approved');
    expect(acquirer.ledger().faults.latency).toBe(1);
  });

  it('answers 400 to an unknown x-mock-fault value', async () => {
    const { status, body } = await api.post('/v1/authorizations', authorizationBody(), withFault('explode'));
    expect(status).toBe(400);
    expect(body['field']).toBe('x-mock-fault');
  });

  it('serves queued faults to the next matching requests only', async () => {
    expect((await api.post('/_faults/next', { kind: 'error', count: 2, match: 'captures' })).status).toBe(
      200,
    );
    await api.post('/v1/authorizations', authorizationBody());
    const capture = (reference: string) =>
      api.post('/v1/captures', { reference, authorization_reference: 'pay_1', amount: 100 });
    expect([
      (await capture('c1')).status,
      (await capture('c2')).status,
      (await capture('c3')).status,
    ]).toEqual([503, 503, 200]);
    expect(acquirer.ledger().authorizations[0]?.captured).toBe(100);
  });

  it('faults inquiries when asked to', async () => {
    acquirer.faults.next({ kind: 'error', match: 'operations' });
    expect((await api.get('/v1/operations/pay_1')).status).toBe(503);
  });

  it('draws the same global faults for the same seed and the same requests', async () => {
    const statuses = async () => {
      acquirer.reset();
      await api.post('/_faults', { error_rate: 0.3, error_after_process_rate: 0.2, seed: 77 });
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) {
        seen.push(
          (await api.post('/v1/authorizations', authorizationBody({ reference: `pay_${i}` }))).status,
        );
      }
      return { seen, authorizations: acquirer.ledger().authorizations.length };
    };
    const first = await statuses();
    expect(new Set(first.seen)).toEqual(new Set([200, 500, 503]));
    expect(await statuses()).toEqual(first);
    // 503 processes nothing, 500 (error_after_process) does.
    expect(first.authorizations).toBe(first.seen.filter((status) => status !== 503).length);
  });

  it('never faults the control endpoints, /health or /test-cards', async () => {
    await api.post('/_faults', { error_rate: 1 });
    expect((await api.get('/_ledger')).status).toBe(200);
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/test-cards')).status).toBe(200);
    expect((await api.post('/v1/authorizations', authorizationBody())).status).toBe(503);
    expect((await api.delete('/_faults')).status).toBe(200);
    expect((await api.post('/v1/authorizations', authorizationBody())).status).toBe(200);
  });

  it('counts the faults it injected in the ledger view', async () => {
    await api.post('/_faults', { latency_ms: 5, error_rate: 1 });
    await api.post('/v1/authorizations', authorizationBody());
    const { body } = await api.get('/_ledger');
    expect(body['faults']).toEqual({ timeout: 0, drop: 0, error: 1, error_after_process: 0, latency: 1 });
  });

  it('answers 400 to impossible fault rates', async () => {
    expect((await api.post('/_faults', { error_rate: 2 })).status).toBe(400);
    expect((await api.post('/_faults/next', { kind: 'latency' })).status).toBe(400);
  });
});

describe('closing a mock acquirer', () => {
  it('ends held timeouts and pending latencies so that close() returns at once', async () => {
    const acquirer = await startMockAcquirer();
    const api = client(acquirer);
    // Settle both at once: their rejections must be handled before close() triggers them.
    const settled = (reply: Promise<unknown>) =>
      reply.then(
        () => 'answered',
        () => 'cut',
      );
    const held = settled(
      api.post('/v1/authorizations', authorizationBody(), {
        headers: { 'x-mock-fault': 'timeout' },
      }),
    );
    const late = settled(
      api.post('/v1/authorizations', authorizationBody({ reference: 'pay_2' }), {
        headers: { 'x-mock-fault': 'latency=60000' },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await acquirer.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await Promise.all([held, late])).toEqual(['cut', 'cut']);
    expect(acquirer.ledger().entries).toEqual([]);
  });
});
