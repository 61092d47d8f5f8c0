import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, seriousViolations } from './support/browser.js';
import { type E2EGateway, startGateway } from './support/gateway.js';

const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'zh'] as const;
type Texts = Record<string, Record<string, string>>;
const texts = (lang: string): Texts =>
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'core/gateway/src/http/pay/locales', `${lang}.json`),
      'utf8',
    ),
  ) as Texts;

let browser: Browser;
let e2e: E2EGateway;
beforeAll(async () => {
  browser = await launchChromium();
  e2e = await startGateway();
});
afterAll(async () => {
  await browser?.close();
  await e2e?.gw.close();
});

describe('the page in each of its 8 languages', () => {
  it.each(LANGUAGES.map((lang) => [lang]))('renders its own texts in %s', async (lang) => {
    const t = texts(lang);
    const { url } = await e2e.newPayment({ language: lang });
    const { context, page, problems } = await openPage(browser, { locale: 'en-US' });
    await page.goto(url);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      t.page!.pay_to!.replace('{{shop}}', 'Test shop'),
    );
    await expect(page.locator('legend').first().textContent()).resolves.toBe(t.card!.legend);
    await expect(page.locator('label[for="card-number"]').textContent()).resolves.toBe(t.card!.number);
    await expect(page.locator('label[for="card-cvc"]').textContent()).resolves.toBe(t.card!.cvc);
    await expect(page.locator('form.cancel button').textContent()).resolves.toBe(t.cancel!.button);
    const pay = (await page.locator('button.pay').textContent()) ?? '';
    expect(pay.startsWith(t.card!.submit!.split('{{amount}}')[0]!)).toBe(true);
    // The amount is formatted for the language: digits and the euro sign, never a float artefact.
    expect(await page.locator('[data-testid="amount"]').textContent()).toMatch(/24[.,]90|€\s?24[.,]90/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches language from the page and keeps the choice through a payment', async () => {
    const { url } = await e2e.newPayment();
    const { context, page } = await openPage(browser, { locale: 'fr-FR' });
    await page.goto(url);
    await page.getByRole('link', { name: 'Deutsch' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.locator('[aria-current="true"]').textContent()).resolves.toBe('Deutsch');
    await page.locator('#card-number').pressSequentially('4242424242424242');
    await page.locator('#card-exp-month').selectOption('12');
    await page.locator('#card-exp-year').selectOption('2030');
    await page.locator('#card-cvc').fill('123');
    await page.getByRole('button', { name: /bezahlen/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Zahlung angenommen');
    await context.close();
  });
});
