import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { PaymentResource } from '../src/http/api/payments/schemas.js';
import {
  CARDS,
  csrfOf,
  eventsOf,
  FormClient,
  FUTURE,
  getPayment,
  heldCards,
  postPayment,
} from './page-helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ listen: true });
});
afterAll(async () => {
  await gw.close();
});

async function newPage(body: Record<string, unknown> = {}) {
  const res = await postPayment(gw, { return_url: 'https://shop.example/back', ...body });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, url: res.body.next_action.redirect_url as string, body: res.body };
}

describe('a payment waiting for its buyer', () => {
  it('answers requires_payment_method with the page URL, and a MOTO payment needs card data', async () => {
    const { body } = await newPage({ language: 'de' });
    expect(body).toMatchObject({
      status: 'requires_payment_method',
      language: 'de',
      payment_method: null,
      three_ds: null,
      guarantee: 'unknown',
      next_action: { type: 'redirect', redirect_url: expect.stringMatching(/\/pay\/[0-9A-Za-z]{40}$/) },
    });
    expect(() => PaymentResource.parse(body)).not.toThrow();
    const moto = await postPayment(gw, { channel: 'moto' });
    expect(moto.status).toBe(400);
    expect(moto.body).toMatchObject({ code: 'missing_field', field: 'card' });
  });

  it('refuses a language the pages do not have', async () => {
    const res = await postPayment(gw, { language: 'ja' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('language');
  });
});

describe('the hosted page', () => {
  it('is served with a strict CSP, no referrer, and the amount in the page language', async () => {
    const { url } = await newPage();
    const page = await new FormClient().get(url, { 'accept-language': 'en-GB,fr;q=0.5' });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`form-action 'self' ${gw.acquirer.url} https://shop.example;`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('€24.90');
  });

  it('picks the language: the buyer pick, then the request, then Accept-Language, then the shop', async () => {
    const asked = await newPage({ language: 'it' });
    const client = new FormClient();
    expect((await client.get(asked.url, { 'accept-language': 'de' })).text).toContain('<html lang="it">');
    expect((await client.get(`${asked.url}?lang=nl`, { 'accept-language': 'de' })).text).toContain(
      '<html lang="nl">',
    );
    // The pick stays with its page: another page is not affected.
    expect((await client.get(asked.url, { 'accept-language': 'de' })).text).toContain('<html lang="nl">');
    const plain = await newPage();
    const other = new FormClient();
    expect((await other.get(plain.url, { 'accept-language': 'de' })).text).toContain('<html lang="de">');
    expect((await other.get(plain.url, { 'accept-language': 'ja' })).text).toContain('<html lang="fr">');
  });

  it('shows a not-found page for an unknown token', async () => {
    const page = await new FormClient().get(`${gw.url}/pay/${'x'.repeat(40)}`, { 'accept-language': 'es' });
    expect(page.status).toBe(404);
    expect(page.text).toContain('Esta página de pago no existe');
  });

  it('takes a card without JavaScript, then shows the outcome with the guarantee', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const posted = await client.post(url, {
      _csrf: csrfOf(form.text),
      lang: 'fr',
      number: '4000 0000 0000 1091',
      ...FUTURE,
      cvc: '123',
      holder: 'Anna Martin',
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${new URL(url).pathname}?lang=fr`);
    const result = await client.get(`${gw.url}${posted.location}`);
    expect(result.text).toContain('Paiement accepté');
    expect(result.text).toMatch(/data-testid="guarantee">oui</);
    expect(result.text).toMatch(/href="https:\/\/shop\.example\/back\?payment_id(=|&#x3D;)pay_/);
    expect(result.text).not.toContain('4000000000001091');
    const payment = await getPayment(gw, id);
    expect(payment).toMatchObject({
      status: 'captured',
      three_ds: { status: 'Y' },
      guarantee: 'yes',
      payment_method: { type: 'card' },
      card: { holder: 'Anna Martin', network: 'visa' },
    });
    expect(payment.operations[0]).toMatchObject({ type: 'authorization', source: 'hosted_page' });
    // Paying again on the same page changes nothing: the page is closed.
    const again = await client.post(url, {
      _csrf: csrfOf(form.text),
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
    });
    expect(again.status).toBe(303);
    expect((await getPayment(gw, id)).operations).toHaveLength(2);
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const { id, url } = await newPage();
    const posted = await new FormClient().post(url, {
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
      lang: 'en',
    });
    expect(posted.status).toBe(400);
    expect(posted.text).toContain('This form has expired');
    expect((await getPayment(gw, id)).status).toBe('requires_payment_method');
  });

  it('puts each error next to its field, in the page language, and never echoes the card number', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const posted = await client.post(url, {
      _csrf: csrfOf(form.text),
      lang: 'de',
      number: '4242 4242 4242 4241',
      ...FUTURE,
      cvc: '123',
    });
    expect(posted.status).toBe(400);
    expect(posted.text).toContain('<p class="error" id="card-number-error">Diese Kartennummer ist ungültig.');
    expect(posted.text).toContain('aria-invalid="true"');
    expect(posted.text).toContain('role="alert"');
    expect(posted.text).not.toMatch(/4242.?4242.?4242.?4241/);
    const missing = await client.post(url, { _csrf: csrfOf(posted.text), lang: 'en', number: '', cvc: '' });
    expect(missing.text).toContain('Enter your card number.');
    expect(missing.text).toContain('Choose the month and year of expiry.');
    expect(missing.text).toContain('Enter the security code.');
    const expired = await client.post(url, {
      _csrf: csrfOf(missing.text),
      lang: 'en',
      number: CARDS.visa,
      exp_month: '01',
      exp_year: '2020',
      cvc: '123',
    });
    expect(expired.text).toContain('This card has expired.');
    expect((await getPayment(gw, id)).status).toBe('requires_payment_method');
  });

  it('asks the network of a co-badged card sent without a choice, holding the card only for that step', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const choice = await client.post(url, {
      _csrf: csrfOf(form.text),
      lang: 'fr',
      number: CARDS.coBadged,
      ...FUTURE,
      cvc: '123',
    });
    expect(choice.status).toBe(200);
    expect(choice.text).toContain('Choisissez le réseau de la carte');
    expect(choice.text).toMatch(/id="choice-cb" name="network" value="cb" checked/);
    expect(choice.text).toMatch(/id="choice-visa" name="network" value="visa">/);
    expect(choice.text).not.toContain(CARDS.coBadged);
    const [held] = await heldCards(gw, id);
    expect(held).toMatchObject({ purpose: 'network_choice' });
    expect(held!.sealed).not.toContain(CARDS.coBadged);

    const paid = await client.post(`${url}/network`, {
      _csrf: csrfOf(choice.text),
      lang: 'fr',
      network: 'visa',
      cvc: '123',
    });
    expect(paid.status).toBe(303);
    expect(await getPayment(gw, id)).toMatchObject({
      status: 'captured',
      card: { network: 'visa', co_brand: 'cb' },
    });
    expect(await heldCards(gw, id)).toEqual([]);
    const ledger = gw.acquirer.ledger().authorizations.at(-1);
    expect(ledger?.card?.co_brand).toBe('cb');
  });

  it('keeps the held card for another try when the CVC is mistyped on the choice step', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const choice = await client.post(url, {
      _csrf: csrfOf(form.text),
      lang: 'en',
      number: CARDS.coBadged,
      ...FUTURE,
      cvc: '123',
    });
    const wrong = await client.post(`${url}/network`, {
      _csrf: csrfOf(choice.text),
      lang: 'en',
      network: 'cb',
      cvc: '12',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The security code has 3 digits for this card.');
    expect(wrong.text).toContain('Choose the card network');
    expect(await heldCards(gw, id)).toHaveLength(1);
    const paid = await client.post(`${url}/network`, {
      _csrf: csrfOf(wrong.text),
      lang: 'en',
      network: 'cb',
      cvc: '123',
    });
    expect(paid.status).toBe(303);
    expect(await getPayment(gw, id)).toMatchObject({ status: 'captured', card: { network: 'cb' } });
  });

  it('records CB when the buyer keeps it, and an early choice made on the form (JavaScript on)', async () => {
    const kept = await newPage();
    const client = new FormClient();
    let form = await client.get(kept.url);
    const choice = await client.post(kept.url, {
      _csrf: csrfOf(form.text),
      number: CARDS.coBadged,
      ...FUTURE,
      cvc: '123',
    });
    await client.post(`${kept.url}/network`, { _csrf: csrfOf(choice.text), network: 'cb', cvc: '123' });
    expect((await getPayment(gw, kept.id)).card.network).toBe('cb');

    const early = await newPage();
    form = await client.get(early.url);
    await client.post(early.url, {
      _csrf: csrfOf(form.text),
      number: CARDS.coBadged,
      ...FUTURE,
      cvc: '123',
      network: 'visa',
    });
    expect((await getPayment(gw, early.id)).card.network).toBe('visa');
  });

  it('records an m-commerce payment when the buyer pays from a phone', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const phone = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148' };
    const form = await client.get(url, phone);
    await client.post(url, { _csrf: csrfOf(form.text), number: CARDS.visa, ...FUTURE, cvc: '123' }, phone);
    expect(await getPayment(gw, id)).toMatchObject({ status: 'captured', channel: 'mcommerce' });
  });

  it('cancels and sends the buyer back to the shop', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const cancelled = await client.post(`${url}/cancel`, { _csrf: csrfOf(form.text) });
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe(`https://shop.example/back?payment_id=${id}&status=cancelled`);
    const payment = await getPayment(gw, id);
    expect(payment.status).toBe('cancelled');
    expect(payment.operations).toEqual([
      expect.objectContaining({ type: 'cancellation', source: 'hosted_page' }),
    ]);
    const page = await client.get(url, { 'accept-language': 'en' });
    expect(page.text).toContain('Payment cancelled');
    expect((await eventsOf(gw, id)).map((e) => e.type)).toEqual(['payment.created', 'payment.cancelled']);
  });

  it('refuses a declined card and shows it, with no guarantee line', async () => {
    const { id, url } = await newPage();
    const client = new FormClient();
    const form = await client.get(url);
    const posted = await client.post(url, {
      _csrf: csrfOf(form.text),
      lang: 'en',
      number: CARDS.declined,
      ...FUTURE,
      cvc: '123',
    });
    const result = await client.get(`${gw.url}${posted.location}`);
    expect(result.text).toContain('Payment refused');
    expect(result.text).not.toContain('data-testid="guarantee"');
    expect((await getPayment(gw, id)).refusal).toMatchObject({ code: '05' });
  });
});
