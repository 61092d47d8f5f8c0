import type { Browser } from 'playwright-core';
import { fillCard, launchChromium, openPage, seriousViolations } from './support/browser.js';
import { type E2EGateway, startGateway } from './support/gateway.js';
import { startShopServer } from './support/shop-server.js';

let browser: Browser;
let e2e: E2EGateway;
let shop: Awaited<ReturnType<typeof startShopServer>>;

beforeAll(async () => {
  browser = await launchChromium();
  e2e = await startGateway();
  shop = await startShopServer();
});
afterAll(async () => {
  await browser?.close();
  await e2e?.gw.close();
  await shop?.close();
});

describe('paying on the hosted page in Chromium', () => {
  it('pays frictionless (3-D Secure Y) and shows the result with the guarantee', async () => {
    const { id, url } = await e2e.newPayment({ return_url: `${shop.url}/back` });
    const { context, page, problems } = await openPage(browser);
    await page.goto(url);
    await expect(page.locator('[data-testid="amount"]').textContent()).resolves.toMatch(/24,90\s€/);
    await fillCard(page, { number: '4000 0000 0000 1091', holder: 'Anna Martin' });
    await expect(page.locator('#card-number').inputValue()).resolves.toBe('4000 0000 0000 1091');
    await expect(page.locator('#card-brand img').getAttribute('alt')).resolves.toBe('Visa');
    await page.getByRole('button', { name: /Payer 24,90/ }).click();
    await page.waitForURL(/\/pay\/[0-9A-Za-z]{40}\?lang=fr$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Paiement accepté');
    await expect(page.locator('[data-testid="guarantee"]').textContent()).resolves.toBe('oui');
    await expect(page.locator('[data-testid="three-ds"]').textContent()).resolves.toBe(
      'authentifié par votre banque',
    );
    expect(await e2e.payment(id)).toMatchObject({
      status: 'captured',
      three_ds: { status: 'Y' },
      guarantee: 'yes',
    });
    await page.getByRole('link', { name: 'Revenir à la boutique' }).click();
    await page.waitForURL(`${shop.url}/back?payment_id=${id}&status=captured`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('passes a 3-D Secure challenge on the ACS page, then comes back authorised', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page, problems } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(url);
    await fillCard(page, { number: '4000000000003220' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.acquirer.url}/3ds/acs/`));
    await page.getByLabel('One-time code sent to your phone').fill('1234');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment accepted');
    expect(await e2e.payment(id)).toMatchObject({
      status: 'captured',
      three_ds: { status: 'Y', eci: '05' },
      guarantee: 'yes',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fails a 3-D Secure challenge: refused, nothing sent to the acquirer', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(url);
    await fillCard(page, { number: '4000000000003220' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.getByLabel('One-time code sent to your phone').fill('0000');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(new RegExp(`^${e2e.gw.url}/pay/`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment refused');
    const payment = await e2e.payment(id);
    expect(payment).toMatchObject({ status: 'refused', refusal: { code: '3ds:N' } });
    expect(e2e.gw.acquirer.ledger().entries.some((e) => e.reference === payment.operations[0].id)).toBe(
      false,
    );
    await context.close();
  });

  it('shows a refused card as refused', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { locale: 'de-DE' });
    await page.goto(url);
    await fillCard(page, { number: '4000000000000002' });
    await page.getByRole('button', { name: /bezahlen/ }).click();
    await page.waitForURL(/\?lang=de$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Zahlung abgelehnt');
    expect((await e2e.payment(id)).refusal).toMatchObject({ code: '05' });
    await context.close();
  });

  it('cancels back to the shop', async () => {
    const { id, url } = await e2e.newPayment({ return_url: `${shop.url}/back` });
    const { context, page, problems } = await openPage(browser);
    await page.goto(url);
    await page.getByRole('button', { name: 'Annuler et revenir à la boutique' }).click();
    await page.waitForURL(`${shop.url}/back?payment_id=${id}&status=cancelled`);
    expect((await e2e.payment(id)).status).toBe('cancelled');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows errors next to their fields and announces them, without echoing the card number', async () => {
    const { url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { locale: 'en-GB' });
    await page.goto(url);
    await fillCard(page, { number: '4242424242424241' });
    await page.getByRole('button', { name: /Pay/ }).click();
    await expect(page.locator('#card-number-error').textContent()).resolves.toBe(
      'This card number is not valid. Check the digits.',
    );
    await expect(page.locator('#error-summary').getAttribute('role')).resolves.toBe('alert');
    await expect(page.locator('#card-number').inputValue()).resolves.toBe('');
    await expect(page.locator('#card-number').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('error-summary');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('co-badged cards (EU IFR art. 8)', () => {
  it('offers CB preselected as soon as the number is typed, and records the network chosen', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page, problems } = await openPage(browser);
    await page.goto(url);
    await expect(page.locator('#network-choice').isVisible()).resolves.toBe(false);
    await fillCard(page, { number: '4970100000000006' });
    await expect(page.locator('#network-choice').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('CB', { exact: true }).isChecked()).resolves.toBe(true);
    await page.getByLabel('Visa', { exact: true }).check();
    await page.getByRole('button', { name: /Payer/ }).click();
    await page.waitForURL(/\?lang=fr$/);
    expect(await e2e.payment(id)).toMatchObject({
      status: 'captured',
      card: { network: 'visa', co_brand: 'cb' },
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks in a second step when JavaScript is off, CB preselected', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(url);
    await fillCard(page, { number: '4970100000000006' });
    await page.getByRole('button', { name: /Payer/ }).click();
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Choisissez le réseau de la carte');
    await expect(page.getByLabel('CB', { exact: true }).isChecked()).resolves.toBe(true);
    await page.getByLabel('CB', { exact: true }).check();
    await page.locator('#card-cvc').fill('123');
    await page.getByRole('button', { name: /Payer/ }).click();
    await page.waitForURL(/\?lang=fr$/);
    expect(await e2e.payment(id)).toMatchObject({ status: 'captured', card: { network: 'cb' } });
    await context.close();
  });
});

describe('without JavaScript and on a phone', () => {
  it('pays with JavaScript off', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { javaScriptEnabled: false, locale: 'es-ES' });
    await page.goto(url);
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Pagar/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Pago aceptado');
    expect((await e2e.payment(id)).status).toBe('captured');
    await context.close();
  });

  it('fits a phone screen and records the payment as m-commerce', async () => {
    const { id, url } = await e2e.newPayment();
    const { context, page, problems } = await openPage(browser, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    });
    await page.goto(url);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    const button = await page.getByRole('button', { name: /Payer/ }).boundingBox();
    expect(button!.width).toBeGreaterThan(300);
    expect(button!.height).toBeGreaterThanOrEqual(44);
    expect(await seriousViolations(page)).toEqual([]);
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Payer/ }).tap();
    await page.waitForURL(/\?lang=fr$/);
    expect(await e2e.payment(id)).toMatchObject({ status: 'captured', channel: 'mcommerce' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on the form and the result page', async () => {
    const { url } = await e2e.newPayment({ return_url: `${shop.url}/back` });
    const { context, page } = await openPage(browser);
    await page.goto(url);
    expect(await seriousViolations(page)).toEqual([]);
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Payer/ }).click();
    await page.waitForURL(/\?lang=fr$/);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds none on the network choice step either', async () => {
    const { url } = await e2e.newPayment();
    const { context, page } = await openPage(browser);
    await page.goto(url);
    // As without JavaScript: the early choice stays out of the form.
    await page.evaluate(() => {
      (document.querySelector('#network-choice') as HTMLFieldSetElement).remove();
    });
    await fillCard(page, { number: '4970100000000006' });
    await page.getByRole('button', { name: /Payer/ }).click();
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Choisissez le réseau de la carte');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps the focus order of the form: number, expiry, code, holder, pay', async () => {
    const { url } = await e2e.newPayment();
    const { context, page } = await openPage(browser);
    await page.goto(url);
    await page.locator('#card-number').focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      order.push(
        await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''),
      );
      await page.keyboard.press('Tab');
    }
    expect(order).toEqual(['card-number', 'card-exp-month', 'card-exp-year', 'card-cvc', 'card-holder']);
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).className)).resolves.toBe('pay');
    await context.close();
  });
});
