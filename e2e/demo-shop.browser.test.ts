import { type DemoShopConfig, demoShopRouter } from '@caisse/gateway';
import type { Browser } from 'playwright-core';
import { fillCard, launchChromium, openPage } from './support/browser.js';
import { type E2EGateway, startGateway } from './support/gateway.js';

let browser: Browser;
let e2e: E2EGateway;
let demo: DemoShopConfig | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  e2e = await startGateway({ routes: [demoShopRouter(() => demo)] });
  const vads = (await e2e.api('GET', '/v1/shop/settings')).body.vads;
  demo = {
    gatewayUrl: e2e.gw.url!,
    secretKey: e2e.gw.shop.keys.test,
    vadsSiteId: vads.site_id,
    vadsTestKey: vads.test_key,
  };
});
afterAll(async () => {
  await browser?.close();
  await e2e?.gw.close();
});

describe('the demo shop of npm start', () => {
  it('sells two items through the hosted page and shows the outcome read back from the API', async () => {
    const { context, page, problems } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(`${e2e.gw.url}/demo`);
    await page.getByLabel(/Enamel mug/).selectOption('2');
    await page.getByRole('button', { name: 'Pay on the hosted page (REST API)' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('[data-testid="amount"]').textContent()).resolves.toBe('€48.90');
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByRole('link', { name: 'Return to the shop' }).click();
    await page.waitForURL(/\/demo\/return\?payment_id=/);
    await expect(page.locator('[data-testid="status"]').textContent()).resolves.toBe('captured');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('pays with the signed form and checks the signed return', async () => {
    const { context, page, problems } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(`${e2e.gw.url}/demo`);
    await page.getByRole('button', { name: 'Pay with the signed form (vads_*)' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('[data-testid="amount"]').textContent()).resolves.toBe('€36.90');
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.waitForURL(/\/demo\/return-vads$/);
    await expect(page.locator('[data-testid="signature"]').textContent()).resolves.toBe('valid');
    await expect(page.locator('[data-testid="status"]').textContent()).resolves.toBe('CAPTURED');
    expect(problems).toEqual([]);
    await context.close();
  });
});
