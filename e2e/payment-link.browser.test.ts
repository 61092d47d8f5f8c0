import {
  type CatchAllSmtp,
  createTestGateway,
  drainRelay,
  startCatchAllSmtp,
  type TestGateway,
} from '@caisse/gateway/testing';
import type { Browser } from 'playwright-core';
import { fillCard, launchChromium, openPage, seriousViolations } from './support/browser.js';

let browser: Browser;
let smtp: CatchAllSmtp;
let gw: TestGateway;

beforeAll(async () => {
  browser = await launchChromium();
  smtp = await startCatchAllSmtp();
  gw = await createTestGateway({
    listen: true,
    env: { CAISSE_SMTP_HOST: smtp.host, CAISSE_SMTP_PORT: String(smtp.port) },
  });
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await smtp?.close();
});

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describe('a payment link on a phone', () => {
  it('opens from the email at a phone width and pays, recorded as m-commerce', async () => {
    const created = await fetch(`${gw.url}/v1/payment-links`, {
      method: 'POST',
      headers: { ...gw.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: 3590,
        currency: 'EUR',
        reference: 'LINK-PHONE',
        customer: { email: 'mobile@example.com', language: 'en' },
      }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { id: string };
    await drainRelay(gw.notify);
    const email = smtp.emails.find((m) => m.to[0] === 'mobile@example.com');
    const url = /<a href="([^"]+\/pay\/[0-9A-Za-z]{40})"/.exec(email?.html ?? '')?.[1];
    expect(url).toBeDefined();

    const { context, page, problems } = await openPage(browser, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      userAgent: IPHONE,
      locale: 'en-GB',
    });
    await page.goto(url!);
    await expect(page.locator('[data-testid="amount"]').textContent()).resolves.toBe('€35.90');
    await expect(page.locator('[data-testid="link-validity"]').textContent()).resolves.toMatch(
      /^This link can be used until /,
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const button = await page.getByRole('button', { name: /Pay/ }).boundingBox();
    expect(button!.width).toBeGreaterThan(300);
    expect(await seriousViolations(page)).toEqual([]);
    await fillCard(page, { number: '4242424242424242' });
    await page.getByRole('button', { name: /Pay/ }).tap();
    await page.waitForURL(/\?lang=en$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Payment accepted');
    expect(problems).toEqual([]);
    await context.close();

    const paid = await fetch(`${gw.url}/v1/payments/${payment.id}`, { headers: gw.auth });
    expect(await paid.json()).toMatchObject({ status: 'captured', channel: 'mcommerce' });
    const auth = gw.acquirer.ledger().authorizations.filter((a) => a.amount === 3590);
    expect(auth).toHaveLength(1);
  });
});
