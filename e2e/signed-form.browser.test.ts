import type { Browser } from 'playwright-core';
import { computeVadsSignature, verifyVadsSignature } from '../core/gateway/src/domain/vads/signature.js';
import { fillCard, launchChromium, openPage } from './support/browser.js';
import { type E2EGateway, startGateway } from './support/gateway.js';
import { startShopServer } from './support/shop-server.js';

let browser: Browser;
let e2e: E2EGateway;
let shop: Awaited<ReturnType<typeof startShopServer>>;
let vads: { site_id: string; test_key: string };
let form: Record<string, string> = {};

/** The merchant's checkout page: plain HTML, the signed form, no script. */
function checkoutPage(): string {
  const inputs = Object.entries(form)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title></head>
<body><h1>Your order</h1>
<form method="POST" action="${e2e.gw.url}/vads-payment/">
${inputs}
<button type="submit">Pay 24.90 EUR</button>
</form></body></html>`;
}

beforeAll(async () => {
  browser = await launchChromium();
  e2e = await startGateway();
  shop = await startShopServer({ '/checkout': () => checkoutPage() });
  vads = (await e2e.api('GET', '/v1/shop/settings')).body.vads;
});
afterAll(async () => {
  await browser?.close();
  await e2e?.gw.close();
  await shop?.close();
});

let trans = 1;
function signedForm(extra: Record<string, string> = {}) {
  const fields: Record<string, string> = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: '2490',
    vads_ctx_mode: 'TEST',
    vads_currency: '978',
    vads_order_id: `CMD-${trans}`,
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_return_mode: 'POST',
    vads_site_id: vads.site_id,
    vads_trans_date: new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14),
    vads_trans_id: String(trans++).padStart(6, '0'),
    vads_url_success: `${shop.url}/success`,
    vads_url_refused: `${shop.url}/refused`,
    vads_version: 'V2',
    ...extra,
  };
  return { ...fields, signature: computeVadsSignature(fields, vads.test_key) };
}

describe('a signed-form payment from a plain HTML page', () => {
  it('round-trips to the success URL with a valid signature (POST, auto-submitted)', async () => {
    form = signedForm();
    const { context, page, problems } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(`${shop.url}/checkout`);
    await page.getByRole('button', { name: 'Pay 24.90 EUR' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await fillCard(page, { number: '4000000000001091' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.waitForURL(`${shop.url}/success`);
    const visit = shop.visits.find((v) => v.path === '/success');
    expect(visit?.method).toBe('POST');
    const { signature, ...fields } = visit!.form;
    expect(verifyVadsSignature(fields, signature!, vads.test_key, 'HMAC-SHA-256')).toBe(true);
    expect(fields).toMatchObject({
      vads_trans_id: form.vads_trans_id,
      vads_trans_status: 'CAPTURED',
      vads_result: '00',
      vads_threeds_status: 'Y',
      vads_warranty_result: 'YES',
      vads_amount: '2490',
      vads_order_id: form.vads_order_id,
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers a button back to the shop when JavaScript is off, and a refusal goes to the refused URL', async () => {
    form = signedForm();
    const { context, page } = await openPage(browser, { locale: 'en-GB', javaScriptEnabled: false });
    await page.goto(`${shop.url}/checkout`);
    await page.getByRole('button', { name: 'Pay 24.90 EUR' }).click();
    await fillCard(page, { number: '4000000000000002' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment refused');
    await page.getByRole('button', { name: 'Return to the shop' }).click();
    await page.waitForURL(`${shop.url}/refused`);
    const { signature, ...fields } = shop.visits.find((v) => v.path === '/refused')!.form;
    expect(verifyVadsSignature(fields, signature!, vads.test_key, 'HMAC-SHA-256')).toBe(true);
    expect(fields).toMatchObject({
      vads_trans_status: 'REFUSED',
      vads_result: '05',
      vads_trans_id: form.vads_trans_id,
    });
    await context.close();
  });

  it('shows a clear error page for a tampered form', async () => {
    form = { ...signedForm(), vads_amount: '1' };
    const { context, page } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(`${shop.url}/checkout`);
    await page.getByRole('button', { name: 'Pay 24.90 EUR' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment not possible');
    await expect(page.locator('.technical code').textContent()).resolves.toBe('vads_bad_signature');
    await context.close();
  });
});
