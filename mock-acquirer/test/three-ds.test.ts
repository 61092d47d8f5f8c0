import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthenticationAnswer, type MockAcquirer, startMockAcquirer } from '../src/index.js';
import { client } from './helpers.js';

/** A receiver standing in for the gateway: records each push with its headers. */
async function receiver() {
  const received: { body: string; signature: string | undefined; path: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-acquirer-signature'] as string, path: req.url ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const key = randomBytes(32).toString('base64url');

describe('3-D Secure', () => {
  let acquirer: MockAcquirer;
  let gateway: Awaited<ReturnType<typeof receiver>>;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    acquirer = await startMockAcquirer({ seed: 3 });
    gateway = await receiver();
    api = client(acquirer);
  });
  afterEach(() => acquirer.reset());
  afterAll(async () => {
    await acquirer.close();
    await gateway.close();
  });

  const areq = (number: string, id = 'tds_1') => ({
    three_ds_server_trans_id: id,
    merchant_id: 'shop_1',
    amount: 2490,
    currency: 'EUR',
    card: { number, exp_month: 12, exp_year: 2030 },
    notification_url: `${gateway.url}/rreq`,
    notification_key: key,
    return_url: `${gateway.url}/back`,
  });

  it.each([
    ['4000000000001091', 'Y', '05', true],
    ['4000000000001000', 'A', '06', true],
    ['4000000000003055', 'U', '07', false],
    ['4000000000003097', 'R', undefined, false],
    ['4242424242424242', 'Y', '05', true],
    ['5555555555554444', 'Y', '02', true],
  ])('answers card %s frictionless %s with ECI %s', async (number, status, eci, cavv) => {
    const { body } = await api.post<AuthenticationAnswer>('/v1/3ds/authenticate', areq(number));
    expect(body).toMatchObject({ trans_status: status, challenge: 'none', message_version: '2.2.0' });
    expect(body.eci).toBe(eci);
    expect(body.authentication_value !== undefined).toBe(cavv);
    expect(body.acs_url).toBeUndefined();
  });

  it('answers a replayed AReq with the stored ARes, and a replay with another card with 409', async () => {
    const first = await api.post('/v1/3ds/authenticate', areq('4000000000003220'));
    expect(await api.post('/v1/3ds/authenticate', areq('4000000000003220'))).toEqual(first);
    expect((await api.post('/v1/3ds/authenticate', areq('4000000000001091'))).status).toBe(409);
  });

  it('runs a challenge: the right code gives Y, the RReq is pushed signed, then the browser goes back', async () => {
    const { body: ares } = await api.post<AuthenticationAnswer>(
      '/v1/3ds/authenticate',
      areq('4000000000003220'),
    );
    expect(ares).toMatchObject({ trans_status: 'C', challenge: 'pending' });
    const page = await fetch(ares.acs_url!);
    const html = await page.text();
    expect(html).toContain('<label for="code">');
    expect(html).not.toContain('4000000000003220');

    const submitted = await fetch(ares.acs_url!, {
      method: 'POST',
      body: new URLSearchParams({ code: '1234', action: 'submit' }),
      redirect: 'manual',
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`${gateway.url}/back`);

    expect(gateway.received).toHaveLength(1);
    const push = gateway.received[0]!;
    expect(push.path).toBe('/rreq');
    expect(push.signature).toBe(
      createHmac('sha256', Buffer.from(key, 'base64url')).update(push.body).digest('hex'),
    );
    expect(JSON.parse(push.body)).toMatchObject({
      three_ds_server_trans_id: 'tds_1',
      ds_trans_id: ares.ds_trans_id,
      trans_status: 'Y',
      eci: '05',
    });
    expect(JSON.parse(push.body).authentication_value).toEqual(expect.any(String));

    const { body: inquiry } = await api.get<AuthenticationAnswer>('/v1/3ds/authentications/tds_1');
    expect(inquiry).toMatchObject({ trans_status: 'Y', challenge: 'completed' });

    // Decided once: submitting again changes nothing and pushes nothing.
    await fetch(ares.acs_url!, {
      method: 'POST',
      body: new URLSearchParams({ code: '0000' }),
      redirect: 'manual',
    });
    expect(gateway.received).toHaveLength(1);
    expect((await api.get<AuthenticationAnswer>('/v1/3ds/authentications/tds_1')).body.trans_status).toBe(
      'Y',
    );
    gateway.received.length = 0;
  });

  it.each([
    ['a wrong code', '4000000000003220', { code: '9999', action: 'submit' }, undefined],
    ['the always-failing card', '4000000000003063', { code: '1234', action: 'submit' }, undefined],
    ['Cancel', '4000000000003220', { code: '', action: 'cancel' }, '01'],
  ])('fails the challenge (N) with %s', async (_what, number, form, cancel) => {
    const { body: ares } = await api.post<AuthenticationAnswer>(
      '/v1/3ds/authenticate',
      areq(number, 'tds_n'),
    );
    await fetch(ares.acs_url!, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
    const rreq = JSON.parse(gateway.received.at(-1)!.body);
    expect(rreq).toMatchObject({ three_ds_server_trans_id: 'tds_n', trans_status: 'N' });
    expect(rreq.authentication_value).toBeUndefined();
    expect(rreq.challenge_cancel).toBe(cancel);
    gateway.received.length = 0;
  });

  it('answers 404 for an unknown authentication and refuses a malformed AReq', async () => {
    expect((await api.get('/v1/3ds/authentications/nope')).status).toBe(404);
    const bad = await api.post('/v1/3ds/authenticate', {
      ...areq('4242424242424242'),
      notification_key: 'short',
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'notification_key' } });
  });
});
