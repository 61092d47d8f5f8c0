import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './support/browser.js';
import { type E2EGateway, startGateway } from './support/gateway.js';

let browser: Browser;
let e2e: E2EGateway;
beforeAll(async () => {
  browser = await launchChromium();
  e2e = await startGateway();
  await e2e.api('PATCH', '/v1/shop/settings', { payment_methods: ['card', 'paypal', 'cetelem_aurore'] });
});
afterAll(async () => {
  await browser?.close();
  await e2e?.gw.close();
});

describe('a redirect payment means in Chromium', () => {
  it('is approved on its page and the buyer comes back to an accepted payment', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page, problems } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(url);
    await page.getByRole('button', { name: 'Pay with PayPal' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.acquirer.url}/means/`));
    await page.getByRole('button', { name: 'Approve the payment' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment accepted');
    await expect(page.locator('[data-testid="method"]').textContent()).resolves.toBe('PayPal');
    expect(await e2e.payment(id)).toMatchObject({ status: 'captured', payment_method: { type: 'paypal' } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is declined on its page and the buyer comes back to a refused payment', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { locale: 'fr-FR' });
    await page.goto(url);
    await page.getByRole('button', { name: 'Payer avec Cetelem Aurore' }).click();
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Paiement refusé');
    expect(await e2e.payment(id)).toMatchObject({
      status: 'refused',
      payment_method: { type: 'cetelem_aurore' },
    });
    await context.close();
  });
});
