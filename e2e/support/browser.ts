import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/**
 * The system's Chromium (Debian's package; CI installs it), never a downloaded one. A missing
 * browser fails the test with a message saying what to install: the suite never skips silently.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(`Chromium is not at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH.`);
  }
  // Playwright gives each launch a fresh temporary profile (--user-data-dir) and adds --headless.
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records Content-Security-Policy violations and page errors, to assert there were none. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations of the page (WCAG 2.1 A/AA). Evaluated through the
 * DevTools protocol, which the page's strict CSP does not apply to.
 */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.flatMap((n) => n.target) }));
}

/** Fills the card form the way a buyer does. */
export async function fillCard(
  page: Page,
  card: { number: string; month?: string; year?: string; cvc?: string; holder?: string },
) {
  await page.locator('#card-number').pressSequentially(card.number.replace(/\s/g, ''));
  await page.locator('#card-exp-month').selectOption(card.month ?? '12');
  await page.locator('#card-exp-year').selectOption(card.year ?? '2030');
  await page.locator('#card-cvc').fill(card.cvc ?? '123');
  if (card.holder) await page.locator('#card-holder').fill(card.holder);
}
