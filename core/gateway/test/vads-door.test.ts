import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';
import { computeVadsSignature, verifyVadsSignature } from '../src/domain/vads/signature.js';
import { CARDS, csrfOf, FormClient, FUTURE, getPayment } from './page-helpers.js';

let gw: TestGateway;
let vads: { site_id: string; test_key: string; production_key: string };
beforeAll(async () => {
  gw = await createTestGateway({ listen: true });
  vads = (
    await request(gw.app)
      .get('/v1/shop/settings')
      .set({ Authorization: `Bearer ${gw.shop.keys.live}` })
  ).body.vads;
});
afterAll(async () => {
  await gw.close();
});

let transCounter = 100;
const utcNow = () => new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

function fields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: '2490',
    vads_ctx_mode: 'TEST',
    vads_currency: '978',
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_site_id: vads.site_id,
    vads_trans_date: utcNow(),
    vads_trans_id: String(transCounter++).padStart(6, '0'),
    vads_version: 'V2',
    vads_order_id: 'CMD-42',
    vads_url_success: 'https://shop.example/ok?from=caisse',
    vads_url_refused: 'https://shop.example/refused',
    vads_url_cancel: 'https://shop.example/cancel',
    vads_return_mode: 'POST',
    vads_cust_email: 'anna@example.com',
    vads_cust_first_name: 'Anna',
    ...extra,
  };
}

const signed = (
  f: Record<string, string>,
  key = vads.test_key,
  algorithm: 'HMAC-SHA-256' | 'SHA-1' = 'HMAC-SHA-256',
): Record<string, string> => ({
  ...f,
  signature: computeVadsSignature(f, key, algorithm),
});

async function countPayments() {
  const row = await gw.deps.db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Submits the form like the shop's page does, then pays on the hosted page with `card`. */
async function payThroughForm(form: Record<string, string>, cardNumber: string = CARDS.frictionlessY) {
  const client = new FormClient();
  const entered = await client.post(`${gw.url}/vads-payment/`, form);
  expect(entered.status).toBe(303);
  const pageUrl = `${gw.url}${entered.location}`;
  const page = await client.get(pageUrl);
  const paid = await client.post(pageUrl, {
    _csrf: csrfOf(page.text),
    number: cardNumber,
    ...FUTURE,
    cvc: '123',
  });
  const result = await client.get(`${gw.url}${paid.location}`);
  return { client, pageUrl, result };
}

function hiddenFields(html: string): Record<string, string> {
  const decode = (s: string) =>
    s
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&')
      .replace(/&#x2F;/g, '/')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#x60;/g, '`');
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      decode(m[2]!),
    ]),
  );
}

describe('the signed-form door', () => {
  it('turns a signed form into a payment on the hosted page, with its protocol context kept', async () => {
    const form = signed(fields({ vads_capture_delay: '2', vads_language: 'de' }));
    const client = new FormClient();
    const entered = await client.post(`${gw.url}/vads-payment/`, form);
    expect(entered.status).toBe(303);
    expect(entered.location).toMatch(/^\/pay\/[0-9A-Za-z]{40}$/);
    const page = await client.get(`${gw.url}${entered.location}`);
    expect(page.text).toContain('<html lang="de">');
    const row = await gw.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('page_token', '=', entered.location!.slice(5))
      .executeTakeFirstOrThrow();
    const payment = await getPayment(gw, row.id);
    expect(payment).toMatchObject({
      status: 'requires_payment_method',
      amount: 2490,
      currency: 'EUR',
      reference: 'CMD-42',
      typology: { type: 'deferred', days: 2 },
      language: 'de',
      customer: { email: 'anna@example.com', name: 'Anna' },
      return_url: null,
    });
    expect(row.vads).toMatchObject({
      siteId: vads.site_id,
      ctxMode: 'TEST',
      transId: form.vads_trans_id,
      transDate: form.vads_trans_date,
      orderId: 'CMD-42',
      captureDelay: 2,
      returnMode: 'POST',
      signatureAlgorithm: 'HMAC-SHA-256',
      urls: {
        success: 'https://shop.example/ok?from=caisse',
        refused: 'https://shop.example/refused',
        cancel: 'https://shop.example/cancel',
        error: null,
        return: null,
      },
      transUuid: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((row.vads as { fields: Record<string, string> }).fields).toEqual(
      Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'signature')),
    );
  });

  it('sends the buyer back to vads_url_success with result fields signed with the TEST key (POST)', async () => {
    const form = signed(fields());
    const { result } = await payThroughForm(form);
    expect(result.text).toContain(
      '<form class="back" id="return-form" method="post" action="https://shop.example/ok?from&#x3D;caisse" data-autosubmit="true">',
    );
    expect(result.text).toContain('/pay/static/autosubmit.js');
    expect(result.headers.get('content-security-policy')).toContain(
      "form-action 'self' https://shop.example;",
    );
    const back = hiddenFields(result.text);
    const { signature, ...rest } = back;
    expect(verifyVadsSignature(rest, signature!, vads.test_key, 'HMAC-SHA-256')).toBe(true);
    expect(rest).toMatchObject({
      vads_trans_status: 'CAPTURED',
      vads_result: '00',
      vads_auth_result: '00',
      vads_threeds_status: 'Y',
      vads_warranty_result: 'YES',
      vads_card_brand: 'VISA',
      vads_card_number: '400000XXXXXX1091',
      vads_trans_id: form.vads_trans_id,
      vads_trans_date: form.vads_trans_date,
      vads_site_id: vads.site_id,
      vads_ctx_mode: 'TEST',
      vads_amount: '2490',
      vads_currency: '978',
      vads_order_id: 'CMD-42',
      vads_operation_type: 'DEBIT',
      vads_cust_email: 'anna@example.com',
      vads_cust_first_name: 'Anna',
      vads_trans_uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(rest.vads_auth_number).toMatch(/^[0-9A-Z]{6}$/);
  });

  it('puts the signed fields in the query string for vads_return_mode GET, and none for NONE', async () => {
    const { result } = await payThroughForm(signed(fields({ vads_return_mode: 'GET' })));
    const href = /id="return-link" href="([^"]+)" data-autoredirect="true"/
      .exec(result.text)![1]!
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe('https://shop.example/ok');
    const query = Object.fromEntries(url.searchParams);
    const { signature, from, ...rest } = query;
    expect(from).toBe('caisse');
    expect(verifyVadsSignature(rest, signature!, vads.test_key, 'HMAC-SHA-256')).toBe(true);
    expect(rest.vads_trans_status).toBe('CAPTURED');

    const none = await payThroughForm(signed(fields({ vads_return_mode: 'NONE' })));
    expect(none.result.text).toContain(
      '<a class="button" id="return-link" href="https://shop.example/ok?from&#x3D;caisse">',
    );
    expect(none.result.text).not.toContain('autosubmit.js');
  });

  it('sends a refused payment to vads_url_refused and one the buyer cancelled (ABANDONED) to vads_url_cancel', async () => {
    const refused = await payThroughForm(signed(fields()), CARDS.declined);
    expect(refused.result.text).toContain('action="https://shop.example/refused"');
    expect(hiddenFields(refused.result.text)).toMatchObject({
      vads_trans_status: 'REFUSED',
      vads_result: '05',
      vads_auth_result: '05',
    });

    const client = new FormClient();
    const entered = await client.post(`${gw.url}/vads-payment/`, signed(fields()));
    const pageUrl = `${gw.url}${entered.location}`;
    const page = await client.get(pageUrl);
    const cancelled = await client.post(`${pageUrl}/cancel`, { _csrf: csrfOf(page.text) });
    const result = await client.get(`${gw.url}${cancelled.location}`);
    expect(result.text).toContain('action="https://shop.example/cancel"');
    const back = hiddenFields(result.text);
    expect(back).toMatchObject({
      vads_trans_status: 'ABANDONED',
      vads_result: '17',
      vads_auth_result: '',
      vads_warranty_result: '',
    });
    // As in the protocol, a cancelled or abandoned payment has no vads_operation_type.
    expect(back).not.toHaveProperty('vads_operation_type');
    const { signature, ...rest } = back;
    expect(verifyVadsSignature(rest, signature!, vads.test_key, 'HMAC-SHA-256')).toBe(true);
  });

  it('accepts a SHA-1 signature once the shop enables it, and answers with SHA-1', async () => {
    const form = fields();
    const before = await countPayments();
    const refused = await new FormClient().post(
      `${gw.url}/vads-payment/`,
      signed(form, vads.test_key, 'SHA-1'),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('vads_sha1_not_enabled');
    expect(await countPayments()).toBe(before);
    await request(gw.app).patch('/v1/shop/settings').set(gw.auth).send({ vads_sha1_allowed: true });
    try {
      const { result } = await payThroughForm(signed(form, vads.test_key, 'SHA-1'));
      const { signature, ...rest } = hiddenFields(result.text);
      expect(signature).toMatch(/^[0-9a-f]{40}$/);
      expect(verifyVadsSignature(rest, signature!, vads.test_key, 'SHA-1')).toBe(true);
    } finally {
      await request(gw.app).patch('/v1/shop/settings').set(gw.auth).send({ vads_sha1_allowed: false });
    }
  });

  it('refuses a second vads_trans_id of the same UTC day, but not of the next day', async () => {
    const form = fields({ vads_trans_id: '777777', vads_trans_date: '20260301101010' });
    expect((await new FormClient().post(`${gw.url}/vads-payment/`, signed(form))).status).toBe(303);
    const before = await countPayments();
    const again = await new FormClient().post(
      `${gw.url}/vads-payment/`,
      signed({ ...form, vads_trans_date: '20260301235959', vads_amount: '100' }),
    );
    expect(again.status).toBe(409);
    expect(again.text).toContain('vads_duplicate_trans_id');
    expect(again.text).toContain('777777');
    expect(await countPayments()).toBe(before);
    const nextDay = await new FormClient().post(
      `${gw.url}/vads-payment/`,
      signed({ ...form, vads_trans_date: '20260302000001' }),
    );
    expect(nextDay.status).toBe(303);
  });

  it('lets two simultaneous submissions of one vads_trans_id through once', async () => {
    const form = signed(fields({ vads_trans_id: '888888' }));
    const answers = await Promise.all(
      [1, 2, 3].map(() => new FormClient().post(`${gw.url}/vads-payment/`, form)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409, 409]);
  });

  it.each([
    ['a bad signature', () => ({ ...signed(fields()), vads_amount: '1' }), 400, 'vads_bad_signature'],
    ['the PRODUCTION key for TEST', () => signed(fields(), vads.production_key), 400, 'vads_wrong_mode_key'],
    [
      'the TEST key for PRODUCTION',
      () => signed(fields({ vads_ctx_mode: 'PRODUCTION' })),
      400,
      'vads_wrong_mode_key',
    ],
    ['no signature', () => fields(), 400, 'vads_malformed_field'],
    ['an unknown site', () => signed(fields({ vads_site_id: '00000001' })), 400, 'vads_unknown_site'],
    ['a malformed amount', () => signed(fields({ vads_amount: '24,90' })), 400, 'vads_malformed_field'],
    ['an unknown currency', () => signed(fields({ vads_currency: '999' })), 400, 'vads_malformed_field'],
    [
      'a javascript: return URL',
      () => signed(fields({ vads_url_success: 'javascript:alert(1)' })),
      400,
      'vads_malformed_field',
    ],
    ['a registration', () => signed(fields({ vads_page_action: 'REGISTER_PAY' })), 400, 'vads_unsupported'],
    [
      'installments',
      () => signed(fields({ vads_payment_config: 'MULTI:first=830;count=3;period=30' })),
      400,
      'vads_unsupported',
    ],
    [
      'a capture delay past the authorisation validity',
      () => signed(fields({ vads_capture_delay: '30' })),
      400,
      'vads_malformed_field',
    ],
    [
      'live mode on the embedded database',
      () => signed(fields({ vads_ctx_mode: 'PRODUCTION' }), vads.production_key),
      422,
      'live_mode_refused',
    ],
  ])('refuses %s with an error page and writes nothing', async (_what, build, status, code) => {
    const before = await countPayments();
    const answer = await new FormClient().post(`${gw.url}/vads-payment/`, build(), {
      'accept-language': 'en',
    });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.text).toContain('The shop&#x27;s payment request could not be accepted');
    expect(answer.text).toContain(`<code>${code}</code>`);
    expect(await countPayments()).toBe(before);
  });

  it('refuses a field sent twice, and answers in the language the form asks for', async () => {
    const form = signed(fields({ vads_language: 'it' }));
    const body = `${new URLSearchParams(form).toString()}&vads_amount=1`;
    const response = await fetch(`${gw.url}/vads-payment/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('vads_amount');
    const bad = await new FormClient().post(`${gw.url}/vads-payment/`, { ...form, vads_amount: '1' });
    expect(bad.text).toContain('<html lang="it">');
    expect(bad.text).toContain('La richiesta di pagamento del negozio non è stata accettata');
  });
});
