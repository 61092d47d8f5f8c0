import { Caisse, CaisseInvalidRequestError } from '@caisse/client';
import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import {
  type CatchAllSmtp,
  type CaughtEmail,
  createTestGateway,
  drainRelay,
  startCatchAllSmtp,
  type TestGateway,
} from '@caisse/gateway/testing';
import { sql } from 'kysely';
import request from 'supertest';
import { PaymentResource } from '../src/http/api/payments/schemas.js';
import { rowCounts } from './helpers.js';
import { CARDS, csrfOf, eventsOf, FormClient, FUTURE, getPayment } from './page-helpers.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let gw: TestGateway;
let smtp: CatchAllSmtp;
let clock: ManualClock;
let keys = 0;

beforeAll(async () => {
  smtp = await startCatchAllSmtp();
  clock = new ManualClock(new Date());
  gw = await createTestGateway({
    clock,
    listen: true,
    env: {
      CAISSE_SMTP_HOST: smtp.host,
      CAISSE_SMTP_PORT: String(smtp.port),
      CAISSE_MAIL_FROM: 'Boutique <noreply@shop.test>',
    },
  });
  gw.notify.random = () => 0.5;
  await request(gw.app)
    .patch('/v1/shop/emails')
    .set(gw.auth)
    .send({ merchant_address: 'merchant@shop.test' })
    .expect(200);
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

function postLink(body: Record<string, unknown>, key = `link-${process.pid}-${++keys}`) {
  return request(gw.app)
    .post('/v1/payment-links')
    .set(gw.auth)
    .set('Idempotency-Key', key)
    .send({ amount: 4990, currency: 'EUR', reference: 'LINK-1', ...body });
}

async function createLink(body: Record<string, unknown>) {
  const res = await postLink(body);
  if (res.status !== 201)
    throw new Error(`POST /v1/payment-links: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; payment_link: { url: string; expires_at: string }; [k: string]: unknown };
}

/** Runs the relay and returns the emails that arrived since `from`. */
async function newEmails(from: number): Promise<CaughtEmail[]> {
  await drainRelay(gw.notify);
  return smtp.emails.filter((m) => m.seq > from);
}
const lastSeq = () => smtp.emails.at(-1)?.seq ?? 0;

/** The link as the buyer gets it: the address in the text part, checked against the HTML button. */
function linkIn(email: CaughtEmail): string {
  const inText = /(https?:\/\/\S+\/pay\/[0-9A-Za-z]+)/.exec(email.text)?.[1];
  const inHtml = /<a href="(https?:\/\/[^"]+\/pay\/[0-9A-Za-z]+)"/.exec(email.html)?.[1];
  if (!inText || inText !== inHtml) throw new Error(`no single link in the email: ${inText} / ${inHtml}`);
  return inText;
}

/** The buyer pays on the page behind `url` with `number`, like a browser without JavaScript. */
async function payOn(url: string, number: string, client = new FormClient()) {
  const form = await client.get(url);
  expect(form.status).toBe(200);
  const posted = await client.post(url, { _csrf: csrfOf(form.text), number, ...FUTURE, cvc: '123' });
  expect(posted.status).toBe(303);
  return { client, form, result: await client.get(`${gw.url}${posted.location}`) };
}

const ledgerOf = (paymentOperations: { id: string; type: string }[]) => {
  const auth = paymentOperations.find((o) => o.type === 'authorization');
  return gw.acquirer.ledger().authorizations.filter((a) => a.reference === auth?.id);
};

describe('a payment link', () => {
  it("emails the buyer a link in their language, and the link pays: payment, journal and acquirer's ledger agree", async () => {
    const from = lastSeq();
    const created = await createLink({
      amount: 123456,
      reference: 'LINK-DE',
      customer: { email: 'anna@example.de', name: 'Anna Schmidt', language: 'de-AT' },
    });
    expect(created).toMatchObject({
      status: 'requires_payment_method',
      channel: 'ecommerce',
      language: 'de',
      customer: { email: 'anna@example.de' },
      payment_link: {
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/pay\/[0-9A-Za-z]{40}$/),
        expires_at: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
      },
      next_action: { type: 'redirect', redirect_url: created.payment_link.url },
    });
    expect(PaymentResource.safeParse(created).error).toBeUndefined();

    const [email, ...others] = await newEmails(from);
    expect(others).toEqual([]);
    expect(email!.to).toEqual(['anna@example.de']);
    expect(email!.subject).toBe(
      '[TEST] Zahlungsaufforderung von Test shop: 1.234,56\u00a0€, Bestellung LINK-DE',
    );
    expect(email!.headers['content-language']).toBe('de');
    expect(email!.text).toContain('1.234,56\u00a0€ bezahlen: http');
    expect(email!.text).toContain('Gültig bis:');
    expect(email!.html).toContain('1.234,56\u00a0€ bezahlen</a>');
    const url = linkIn(email!);
    expect(url).toBe(created.payment_link.url);

    const client = new FormClient();
    const page = await client.get(url);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('1.234,56\u00a0€');
    expect(page.text).toContain('data-testid="link-validity"');
    expect(page.text).not.toContain('class="cancel"'); // nothing to cancel back to: the buyer just leaves
    const { result } = await payOn(url, CARDS.visa, client);
    expect(result.text).toContain('Zahlung angenommen');

    const paid = await getPayment(gw, created.id);
    expect(paid).toMatchObject({
      status: 'captured',
      captured_amount: 123456,
      payment_method: { type: 'card' },
      card: { last4: '4242' },
      next_action: null,
      payment_link: { url },
    });
    expect(paid.operations.map((o: { type: string; source: string }) => [o.type, o.source])).toEqual([
      ['authorization', 'hosted_page'],
      ['capture', 'hosted_page'],
    ]);
    const journal = await request(gw.app).get('/v1/operations').query({ payment: created.id }).set(gw.auth);
    expect(journal.body.data.map((e: { type: string; status: string }) => [e.type, e.status]).sort()).toEqual(
      [
        ['authorization', 'succeeded'],
        ['capture', 'succeeded'],
      ],
    );
    expect(ledgerOf(paid.operations)).toEqual([
      expect.objectContaining({ amount: 123456, captured: 123456, merchant_id: gw.shop.id }),
    ]);
    expect((await eventsOf(gw, created.id)).map((e) => e.type)).toEqual([
      'payment.created',
      'payment.processing',
      'payment.captured',
    ]);

    // The usual confirmations follow, the buyer's in German.
    const confirmations = await newEmails(lastSeq());
    expect(confirmations.map((m) => m.to[0]).sort()).toEqual(['anna@example.de', 'merchant@shop.test']);
    expect(confirmations.find((m) => m.to[0] === 'anna@example.de')!.subject).toContain(
      'Zahlungsbestätigung',
    );
  });

  it('cannot pay twice: a used link shows the payment and charges nothing more', async () => {
    const created = await createLink({ reference: 'LINK-ONCE', customer: { email: 'once@example.com' } });
    const url = created.payment_link.url;
    const { client, form } = await payOn(url, CARDS.visa);
    const again = await client.post(url, {
      _csrf: csrfOf(form.text),
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
    });
    expect(again.status).toBe(303);
    const reopened = await new FormClient().get(url, { 'accept-language': 'en' });
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain('Payment accepted');
    expect(reopened.text).not.toContain('name="number"');
    const paid = await getPayment(gw, created.id);
    expect(paid.operations.filter((o: { type: string }) => o.type === 'authorization')).toHaveLength(1);
    expect(ledgerOf(paid.operations)).toHaveLength(1);
    expect(
      gw.acquirer.ledger().authorizations.filter((a) => a.amount === 4990 && a.merchant_id === gw.shop.id),
    ).toHaveLength(1);
  });

  it('stays payable past the page’s 20 minutes until expires_at, then shows an expired page and is abandoned', async () => {
    const from = lastSeq();
    const expiresAt = new Date(clock.now().getTime() + 60 * MINUTE);
    const created = await createLink({
      amount: 2500,
      reference: 'LINK-EXPIRES',
      customer: { email: 'late@example.com', language: 'en' },
      expires_at: expiresAt.toISOString(),
    });
    expect(created.payment_link.expires_at).toBe(expiresAt.toISOString());
    const url = linkIn((await newEmails(from)).find((m) => m.to[0] === 'late@example.com')!);

    clock.advance(45 * MINUTE);
    await runSchedulerTick(gw.deps);
    expect((await getPayment(gw, created.id)).status).toBe('requires_payment_method');
    const open = await new FormClient().get(url);
    expect(open.status).toBe(200);
    expect(open.text).toContain('name="number"');

    clock.advance(16 * MINUTE);
    const client = new FormClient();
    const expired = await client.get(url);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This payment link has expired');
    expect(expired.text).toContain('No money was taken. Ask Test shop for a new link');
    const posted = await client.post(url, {
      _csrf: csrfOf(open.text),
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
    });
    expect(posted.status).toBe(303);

    await runSchedulerTick(gw.deps);
    const abandoned = await getPayment(gw, created.id);
    expect(abandoned).toMatchObject({ status: 'abandoned', next_action: null, payment_link: { url } });
    expect(abandoned.operations).toEqual([
      expect.objectContaining({
        type: 'abandonment',
        source: 'scheduler',
        message: `payment link not completed before ${expiresAt.toISOString()}`,
      }),
    ]);
    expect((await eventsOf(gw, created.id)).map((e) => e.type)).toEqual([
      'payment.created',
      'payment.abandoned',
    ]);
    expect(ledgerOf(abandoned.operations)).toEqual([]);
    expect((await client.get(url)).text).toContain('This payment link has expired');
  });

  it('gives a 3-D Secure challenge a page’s lifetime: walked away from, the link closes 20 minutes later', async () => {
    const created = await createLink({
      reference: 'LINK-3DS',
      customer: { email: 'acs@example.com', language: 'en' },
    });
    const url = created.payment_link.url;
    const client = new FormClient();
    const form = await client.get(url);
    const posted = await client.post(url, {
      _csrf: csrfOf(form.text),
      number: CARDS.challenge,
      ...FUTURE,
      cvc: '123',
    });
    expect(posted.status).toBe(303);
    expect((await getPayment(gw, created.id)).status).toBe('requires_action');
    clock.advance(19 * MINUTE);
    await runSchedulerTick(gw.deps);
    expect((await getPayment(gw, created.id)).status).toBe('requires_action');
    clock.advance(2 * MINUTE);
    await runSchedulerTick(gw.deps);
    expect((await getPayment(gw, created.id)).status).toBe('abandoned');
    const closed = await client.get(url);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('This payment link is closed');
    expect((await getPayment(gw, created.id)).payment_link.expires_at).toBe(created.payment_link.expires_at);
  });

  it('ends with a refused card, as the hosted page does: the buyer is told to ask for a new link', async () => {
    const created = await createLink({
      reference: 'LINK-REFUSED',
      customer: { email: 'no@example.com', language: 'fr' },
    });
    const { result, client, form } = await payOn(created.payment_link.url, CARDS.declined);
    expect(result.text).toContain('Paiement refusé');
    expect(result.text).toContain('Ce lien ne peut plus servir');
    await client.post(created.payment_link.url, {
      _csrf: csrfOf(form.text),
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
    });
    const refused = await getPayment(gw, created.id);
    expect(refused.status).toBe('refused');
    expect(refused.operations).toHaveLength(1);
  });

  it('shows the buyer that the shop cancelled it, and takes nothing', async () => {
    const created = await createLink({
      reference: 'LINK-CANCEL',
      customer: { email: 'c@example.com', language: 'es' },
    });
    await request(gw.app)
      .post(`/v1/payments/${created.id}/cancel`)
      .set(gw.auth)
      .set('Idempotency-Key', `cancel-${created.id}`)
      .expect(200);
    const page = await new FormClient().get(created.payment_link.url);
    expect(page.text).toContain('Solicitud de pago cancelada');
    expect(page.text).toContain('Test shop ha cancelado esta solicitud de pago');
    // The page offers no cancel, and a cancel posted anyway changes nothing.
    const post = await new FormClient().post(`${created.payment_link.url}/cancel`, {});
    expect(post.status).toBe(303);
    expect((await getPayment(gw, created.id)).status).toBe('cancelled');
  });
});

describe('the link email', () => {
  it("falls back to the shop's language and formats the amount for the currency", async () => {
    const from = lastSeq();
    await createLink({
      amount: 5000,
      currency: 'JPY',
      reference: 'LINK-JPY',
      customer: { email: 'jp@example.com' },
    });
    await createLink({
      amount: 1500,
      currency: 'KWD',
      reference: 'LINK-KWD',
      customer: { email: 'kw@example.com', language: 'en' },
    });
    const emails = await newEmails(from);
    const jpy = emails.find((m) => m.to[0] === 'jp@example.com')!;
    expect(jpy.headers['content-language']).toBe('fr');
    expect(jpy.subject).toBe(
      '[TEST] Demande de paiement de Test shop : 5\u202f000\u00a0JPY, commande LINK-JPY',
    );
    expect(jpy.text).toContain("Ce lien ne sert qu'une fois");
    const kwd = emails.find((m) => m.to[0] === 'kw@example.com')!;
    expect(kwd.subject).toBe('[TEST] Payment request from Test shop: KWD\u00a01.500, order LINK-KWD');
  });

  it("uses the shop's own template, and goes even with buyer confirmations off", async () => {
    const saved = await request(gw.app).put('/v1/shop/emails/templates/payment_link/en').set(gw.auth).send({
      subject: 'Pay {{amount}} for {{reference}}',
      text: 'Pay here: {{pay_url}} (until {{expires_at}})',
    });
    expect(saved.status).toBe(200);
    const preview = await request(gw.app)
      .get('/v1/shop/emails/templates/payment_link/en/preview')
      .set(gw.auth);
    expect(preview.body.subject).toBe('[TEST] Pay €49.90 for ORDER-1042');
    expect(preview.body.text).toContain('Pay here: https://caisse.example/pay/SAMPLE');
    await request(gw.app).patch('/v1/shop/emails').set(gw.auth).send({ buyer_enabled: false }).expect(200);
    try {
      const from = lastSeq();
      const created = await createLink({
        amount: 1200,
        currency: 'GBP',
        reference: 'LINK-OWN',
        customer: { email: 'own@example.co.uk', language: 'en' },
      });
      const email = (await newEmails(from)).find((m) => m.to[0] === 'own@example.co.uk');
      expect(email!.subject).toBe('[TEST] Pay £12.00 for LINK-OWN');
      expect(email!.text).toContain(`Pay here: ${created.payment_link.url} (until `);
      expect(email!.html).toContain('Your payment request'); // the default HTML part
    } finally {
      await request(gw.app).patch('/v1/shop/emails').set(gw.auth).send({ buyer_enabled: true }).expect(200);
      await request(gw.app).delete('/v1/shop/emails/templates/payment_link/en').set(gw.auth).expect(200);
    }
  });

  it('is sent once per link, whatever the retries of the request and the replays of its event', async () => {
    const from = lastSeq();
    const body = { reference: 'LINK-IDEM', customer: { email: 'idem@example.com' } };
    const first = await postLink(body, 'same-key');
    const second = await postLink(body, 'same-key');
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const other = await postLink({ ...body, amount: 1 }, 'same-key');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotency_key_reused');
    const created = await request(gw.app)
      .get('/v1/events')
      .query({ payment: first.body.id, type: 'payment.created' })
      .set(gw.auth);
    await request(gw.app)
      .post(`/v1/events/${created.body.data[0].id}/replay`)
      .set(gw.auth)
      .set('Idempotency-Key', `replay-${first.body.id}`)
      .expect(200);
    expect((await newEmails(from)).filter((m) => m.to[0] === 'idem@example.com')).toHaveLength(1);
    const details = await request(gw.app).get(`/v1/events/${created.body.data[0].id}`).set(gw.auth);
    expect(details.body.emails).toEqual([
      expect.objectContaining({ template: 'payment_link', status: 'sent' }),
    ]);
  });

  it('waits in the outbox when the SMTP server turns it away, never failing the link, and goes later', async () => {
    smtp.refuse(451, 1, 'busy@example.com');
    const from = lastSeq();
    const res = await postLink({ reference: 'LINK-451', customer: { email: 'busy@example.com' } });
    expect(res.status).toBe(201);
    expect(await newEmails(from)).toEqual([]);
    const [row] = await gw.store.db
      .selectFrom('email_outbox')
      .select(['status', 'attempts', 'last_error'])
      .where('payment_id', '=', res.body.id)
      .execute();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(31_000);
    const later = await newEmails(from);
    expect(later.map((m) => m.to[0])).toEqual(['busy@example.com']);
    expect(linkIn(later[0]!)).toBe(res.body.payment_link.url);
  });

  it('never fails the link when no SMTP server answers at all', async () => {
    const down = await createTestGateway({
      clock,
      acquirer: gw.acquirer,
      env: { CAISSE_SMTP_HOST: '127.0.0.1', CAISSE_SMTP_PORT: '9', CAISSE_SMTP_TIMEOUT_MS: '500' },
    });
    try {
      const res = await request(down.app)
        .post('/v1/payment-links')
        .set(down.auth)
        .send({ amount: 990, currency: 'EUR', reference: 'LINK-DOWN', customer: { email: 'd@example.com' } });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('requires_payment_method');
      expect((await drainRelay(down.notify)).emailsRetried).toBe(1);
      const [row] = await down.store.db.selectFrom('email_outbox').select(['template', 'status']).execute();
      expect(row).toEqual({ template: 'payment_link', status: 'pending' });
    } finally {
      await down.close();
    }
  });
});

describe('the link URL', () => {
  it('is 40 random characters that say nothing about the payment, the shop or a key', async () => {
    const a = await createLink({ reference: 'LINK-A', customer: { email: 'a@example.com' } });
    const b = await createLink({ reference: 'LINK-A', customer: { email: 'a@example.com' } });
    const tokens = [a, b].map((p) => new URL(p.payment_link.url).pathname.replace('/pay/', ''));
    expect(tokens[0]).toMatch(/^[0-9A-Za-z]{40}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
    for (const secret of [a.id, gw.shop.id, gw.shop.keys.test, 'LINK-A', 'a@example.com']) {
      expect(a.payment_link.url).not.toContain(secret);
    }
    const guessed = await new FormClient().get(`${gw.url}/pay/${tokens[0]!.slice(0, 39)}x`);
    expect(guessed.status).toBe(404);
  });
});

describe('bad input', () => {
  const valid = { amount: 4990, currency: 'EUR', reference: 'BAD', customer: { email: 'b@example.com' } };
  const soon = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
  const cases: [string, () => Record<string, unknown>, number, string, string | undefined][] = [
    ['an unknown field', () => ({ ...valid, colour: 'red' }), 400, 'unknown_field', 'colour'],
    ['card data', () => ({ ...valid, card: { number: CARDS.visa } }), 400, 'unknown_field', 'card'],
    [
      'an unknown customer field',
      () => ({ ...valid, customer: { email: 'b@example.com', age: 3 } }),
      400,
      'unknown_field',
      'customer.age',
    ],
    ['no customer', () => ({ ...valid, customer: undefined }), 400, 'missing_field', 'customer'],
    ['no email', () => ({ ...valid, customer: { language: 'fr' } }), 400, 'missing_field', 'customer.email'],
    [
      'a bad email',
      () => ({ ...valid, customer: { email: 'not-an-email' } }),
      400,
      'invalid_field',
      'customer.email',
    ],
    [
      'a language without pages',
      () => ({ ...valid, customer: { email: 'b@example.com', language: 'ja' } }),
      400,
      'invalid_field',
      'customer.language',
    ],
    [
      'expires_at in the past',
      () => ({ ...valid, expires_at: soon(-MINUTE) }),
      400,
      'invalid_link_expiry',
      'expires_at',
    ],
    [
      'expires_at in 5 minutes',
      () => ({ ...valid, expires_at: soon(5 * MINUTE) }),
      400,
      'invalid_link_expiry',
      'expires_at',
    ],
    [
      'expires_at in 31 days',
      () => ({ ...valid, expires_at: soon(31 * DAY) }),
      400,
      'invalid_link_expiry',
      'expires_at',
    ],
    [
      'expires_at not a date',
      () => ({ ...valid, expires_at: 'tomorrow' }),
      400,
      'invalid_field',
      'expires_at',
    ],
    ['a float amount', () => ({ ...valid, amount: 49.9 }), 400, 'invalid_amount', 'amount'],
    ['a zero amount', () => ({ ...valid, amount: 0 }), 400, 'invalid_amount', 'amount'],
    ['an amount as a string', () => ({ ...valid, amount: '4990' }), 400, 'invalid_amount', 'amount'],
    ['an unknown currency', () => ({ ...valid, currency: 'XYZ' }), 400, 'unknown_currency', 'currency'],
    ['an empty reference', () => ({ ...valid, reference: '' }), 400, 'invalid_field', 'reference'],
    [
      'a deferred capture past the authorisation',
      () => ({ ...valid, typology: { type: 'deferred', days: 30 } }),
      400,
      'invalid_typology',
      'typology.days',
    ],
    [
      'a return URL that is not http',
      () => ({ ...valid, return_url: 'javascript:alert(1)' }),
      400,
      'invalid_field',
      'return_url',
    ],
  ];

  it.each(cases)(
    'refuses %s with a 4xx naming the field, and writes nothing',
    async (_name, body, status, code, field) => {
      const before = await rowCounts(gw);
      const emailsBefore = await countEmails();
      const res = await postLink(body());
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code, field });
      expect(await rowCounts(gw)).toEqual(before);
      expect(await countEmails()).toBe(emailsBefore);
    },
  );

  it('refuses malformed JSON and a missing key without writing anything', async () => {
    const before = await rowCounts(gw);
    const malformed = await request(gw.app)
      .post('/v1/payment-links')
      .set(gw.auth)
      .set('Content-Type', 'application/json')
      .send('{"amount": 4990,');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_json');
    const anonymous = await request(gw.app).post('/v1/payment-links').send(valid);
    expect(anonymous.status).toBe(401);
    expect(await rowCounts(gw)).toEqual(before);
  });

  async function countEmails(): Promise<number> {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from email_outbox`.execute(
      gw.store.db,
    );
    return Number(rows[0]!.n);
  }
});

describe('the API reference', () => {
  it('documents POST /v1/payment-links and the payment_link of a payment', async () => {
    const doc = (await request(gw.app).get('/v1/openapi.json')).body;
    expect(doc.paths['/v1/payment-links'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreatePaymentLink',
    );
    expect(doc.components.schemas.CreatePaymentLink.required).toEqual(
      expect.arrayContaining(['amount', 'currency', 'reference', 'customer']),
    );
    expect(doc.components.schemas.Payment.properties.payment_link).toBeDefined();
  });

  it('is what @caisse/client calls to create a link', async () => {
    const caisse = new Caisse(gw.shop.keys.test, { baseUrl: gw.url!, retry: { baseDelayMs: 5 } });
    const payment = await caisse.payments.createLink({
      amount: 1990,
      currency: 'EUR',
      reference: 'LINK-CLIENT',
      customer: { email: 'client@example.com', language: 'nl' },
    });
    expect(payment.payment_link?.url).toBe(payment.next_action?.redirect_url);
    await expect(
      caisse.payments.createLink({
        amount: 1990,
        currency: 'EUR',
        reference: 'LINK-CLIENT',
        customer: { email: 'client@example.com' },
        expires_at: '2000-01-01T00:00:00Z',
      }),
    ).rejects.toBeInstanceOf(CaisseInvalidRequestError);
  });
});
