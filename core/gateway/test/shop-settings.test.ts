import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';
import { ShopSettingsResource } from '../src/http/api/shop/schemas.js';
import { FormClient, postPayment } from './page-helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ listen: true });
});
afterAll(async () => {
  await gw.close();
});

const api = () => request(gw.app);
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);

describe('shop settings', () => {
  it('gives the shop its signed-form credentials on first read, the same ever after, stored sealed', async () => {
    const first = await api().get('/v1/shop/settings').set(gw.auth);
    expect(first.status).toBe(200);
    expect(() => ShopSettingsResource.parse(first.body)).not.toThrow();
    expect(first.body).toMatchObject({
      object: 'shop_settings',
      id: gw.shop.id,
      default_language: 'fr',
      payment_methods: ['card'],
      support: null,
      logo_url: null,
      vads: {
        site_id: expect.stringMatching(/^\d{8}$/),
        test_key: expect.stringMatching(/^[0-9A-Za-z]{16}$/),
        production_key: null,
        sha1_allowed: false,
      },
    });
    const again = await api().get('/v1/shop/settings').set(gw.auth);
    expect(again.body.vads).toEqual(first.body.vads);
    const row = await gw.deps.db
      .selectFrom('shops')
      .selectAll()
      .where('id', '=', gw.shop.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(first.body.vads.test_key);
  });

  it('shows the PRODUCTION key to a live key only', async () => {
    const live = await api()
      .get('/v1/shop/settings')
      .set({ Authorization: `Bearer ${gw.shop.keys.live}` });
    expect(live.body.vads.production_key).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(live.body.vads.production_key).not.toBe(live.body.vads.test_key);
  });

  it('changes the language, the means and the support contact', async () => {
    const res = await api()
      .patch('/v1/shop/settings')
      .set(gw.auth)
      .set('Idempotency-Key', 'settings-1')
      .send({
        default_language: 'en',
        payment_methods: ['card', 'paypal', 'sofinco'],
        support: { email: 'help@shop.example', phone: '+33 1 23 45 67 89' },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      default_language: 'en',
      payment_methods: ['card', 'paypal', 'sofinco'],
      support: { email: 'help@shop.example', phone: '+33 1 23 45 67 89' },
    });
    const payment = await postPayment(gw, {});
    const page = await new FormClient().get(payment.body.next_action.redirect_url);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Pay with PayPal');
    expect(page.text).toContain('Pay with Sofinco');
    expect(page.text).not.toContain('Cofinoga');
    expect(page.text).toContain('href="mailto:help@shop.example"');
    await api()
      .patch('/v1/shop/settings')
      .set(gw.auth)
      .send({ default_language: 'fr', payment_methods: ['card'], support: null });
  });

  it.each([
    [{ payment_methods: ['cash'] }, 'payment_methods.0'],
    [{ payment_methods: [] }, 'payment_methods'],
    [{ default_language: 'ja' }, 'default_language'],
    [{ support: { email: 'not-an-email' } }, 'support.email'],
    [{ support: { url: 'javascript:alert(1)' } }, 'support.url'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses %j, naming %s', async (body, field) => {
    const res = await api().patch('/v1/shop/settings').set(gw.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
  });
});

describe('shop look', () => {
  it('serves an uploaded logo under a content-hashed name, cached for good, and shows it on the page', async () => {
    const res = await api().put('/v1/shop/logo').set(gw.auth).set('content-type', 'image/png').send(PNG);
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(
      new RegExp(`^${gw.url}/assets/shops/${gw.shop.id}/logo-[0-9a-f]{16}\\.png$`),
    );
    const served = await fetch(res.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const payment = await postPayment(gw, {});
    const page = await new FormClient().get(payment.body.next_action.redirect_url);
    expect(page.text).toContain(
      `<img class="shop-logo" src="${new URL(res.body.url).pathname}" alt="Logo de Test shop">`,
    );
  });

  it.each([
    [
      'an SVG',
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      415,
    ],
    ['an SVG sent as PNG', 'image/png', Buffer.from('<?xml version="1.0"?><svg onload="alert(1)"/>'), 415],
    ['a PNG sent as JPEG', 'image/jpeg', PNG, 415],
    ['a GIF', 'image/gif', Buffer.from('GIF89a...'), 415],
    ['a logo over 256 KB', 'image/png', Buffer.concat([PNG, Buffer.alloc(300 * 1024)]), 413],
  ])('refuses %s and keeps the logo it had', async (_what, type, body, status) => {
    const before = (await api().get('/v1/shop/settings').set(gw.auth)).body.logo_url;
    const res = await api().put('/v1/shop/logo').set(gw.auth).set('content-type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toMatch(/^(unsupported_logo|logo_too_large)$/);
    expect((await api().get('/v1/shop/settings').set(gw.auth)).body.logo_url).toBe(before);
  });

  it('serves a vetted stylesheet after the page one', async () => {
    const css = `.card-box{border-color:#7a1f5c}\n.page{background:url(/assets/shops/${gw.shop.id}/logo-0123456789abcdef.png)}`;
    const res = await api().put('/v1/shop/stylesheet').set(gw.auth).set('content-type', 'text/css').send(css);
    expect(res.status).toBe(200);
    const served = await fetch(res.body.url);
    expect(served.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await served.text()).toBe(css);
    const payment = await postPayment(gw, {});
    const page = await new FormClient().get(payment.body.next_action.redirect_url);
    expect(page.text).toContain(`<link rel="stylesheet" href="${new URL(res.body.url).pathname}">`);
    expect(page.text.indexOf('/pay/static/page.css')).toBeLessThan(
      page.text.indexOf(new URL(res.body.url).pathname),
    );
  });

  it.each([
    ['@import of another host', '@import url(https://evil.example/a.css);'],
    ['a url() to another host', 'body{background:url("https://evil.example/track.gif")}'],
    ['an escaped url()', 'body{background:\\75rl(https://evil.example/t.gif)}'],
    ['expression()', 'body{width:expression(document.cookie)}'],
    ['-moz-binding', 'body{-moz-binding:url(/assets/x.xml)}'],
    ['behavior', 'body{behavior:url(x.htc)}'],
  ])('refuses a stylesheet with %s and keeps the one it had', async (_what, css) => {
    const before = (await api().get('/v1/shop/settings').set(gw.auth)).body.stylesheet_url;
    const res = await api().put('/v1/shop/stylesheet').set(gw.auth).set('content-type', 'text/css').send(css);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'stylesheet_refused', detail: expect.stringMatching(/line 1/) });
    expect((await api().get('/v1/shop/settings').set(gw.auth)).body.stylesheet_url).toBe(before);
  });

  it('refuses a stylesheet over 64 KB or not sent as text/css', async () => {
    const big = await api()
      .put('/v1/shop/stylesheet')
      .set(gw.auth)
      .set('content-type', 'text/css')
      .send(`a{color:red}${' '.repeat(70 * 1024)}`);
    expect(big.status).toBe(413);
    const typed = await api()
      .put('/v1/shop/stylesheet')
      .set(gw.auth)
      .set('content-type', 'text/plain')
      .send('a{color:red}');
    expect(typed.status).toBe(415);
    const anonymous = await api()
      .put('/v1/shop/stylesheet')
      .set('content-type', 'text/css')
      .send('a{color:red}');
    expect(anonymous.status).toBe(401);
  });

  it('never serves another name than a stored asset', async () => {
    expect((await fetch(`${gw.url}/assets/shops/${gw.shop.id}/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${gw.url}/assets/shops/${gw.shop.id}/logo-ffffffffffffffff.png`)).status).toBe(404);
  });
});
