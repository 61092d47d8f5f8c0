import { ManualClock } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { hashSecretKey } from '../src/http/api/auth.js';
import { insertApiKey } from '../src/store/shops-repo.js';
import { api } from './helpers.js';

const revoke = (gw: TestGateway) =>
  gw.store.db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('shop_id', '=', gw.shop.id)
    .execute();

describe('API keys are remembered for a short, documented while', () => {
  let gw: TestGateway;
  const clock = new ManualClock('2026-05-01T10:00:00Z');
  beforeAll(async () => {
    gw = await createTestGateway({ clock, env: { CAISSE_API_KEY_CACHE_MS: '10000' } });
  });
  afterAll(() => gw.close());

  it('a revoked key keeps working at most CAISSE_API_KEY_CACHE_MS on a process that saw it, then is refused', async () => {
    expect((await api(gw).get('/v1/payments').set(gw.auth)).status).toBe(200);
    await revoke(gw);
    expect((await api(gw).get('/v1/payments').set(gw.auth)).status).toBe(200);
    clock.advance(10_000);
    const refused = await api(gw).get('/v1/payments').set(gw.auth);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_api_key');
  });

  it('an unknown key is never remembered: a key created a moment after a refusal works at once', async () => {
    const secret = `sk_test_${'x'.repeat(32)}`;
    const header = { Authorization: `Bearer ${secret}` };
    expect((await api(gw).get('/v1/payments').set(header)).status).toBe(401);
    await insertApiKey(gw.store.db, {
      id: 'key_created_after_refusal',
      shopId: gw.shop.id,
      mode: 'test',
      secretHash: hashSecretKey(secret),
      prefix: secret.slice(0, 12),
    });
    expect((await api(gw).get('/v1/payments').set(header)).status).toBe(200);
  });
});

describe('with the cache off (CAISSE_API_KEY_CACHE_MS=0)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createTestGateway({ env: { CAISSE_API_KEY_CACHE_MS: '0' } });
  });
  afterAll(() => gw.close());

  it('a revoked key is refused on the next call', async () => {
    expect((await api(gw).get('/v1/payments').set(gw.auth)).status).toBe(200);
    await revoke(gw);
    expect((await api(gw).get('/v1/payments').set(gw.auth)).status).toBe(401);
  });
});
