import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import request from 'supertest';
import { csrfOf, FormClient, getPayment, hop, postPayment } from './page-helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ listen: true });
  await enableMeans(gw);
});
afterAll(async () => {
  await gw.close();
});

async function enableMeans(g: TestGateway) {
  const res = await request(g.app)
    .patch('/v1/shop/settings')
    .set(g.auth)
    .send({ payment_methods: ['card', 'wallet', 'paypal', 'cofinoga', 'cetelem_aurore', 'sofinco'] });
  expect(res.status).toBe(200);
}

/** Opens the page of a new payment and picks a means: returns the means page URL. */
async function pickMeans(g: TestGateway, means: string, body: Record<string, unknown> = {}) {
  const created = await postPayment(g, body);
  const client = new FormClient();
  // Reached where the gateway really listens, whatever public URL it was told.
  const url = `${g.url}${new URL(created.body.next_action.redirect_url).pathname}`;
  const form = await client.get(url);
  const picked = await client.post(`${url}/means`, { _csrf: csrfOf(form.text), lang: 'en', means });
  expect(picked.status).toBe(303);
  return { id: created.body.id as string, url, client, meansPage: picked.location! };
}

const decide = (meansPage: string, action: 'approve' | 'decline') =>
  hop(meansPage, { method: 'POST', body: new URLSearchParams({ action }) });

describe('redirect payment means', () => {
  it.each(['wallet', 'paypal', 'cofinoga', 'cetelem_aurore', 'sofinco'])(
    'pays with %s approved on its page, captured, shown on the result page',
    async (means) => {
      const { id, url, client, meansPage } = await pickMeans(gw, means);
      expect(meansPage).toMatch(new RegExp(`^${gw.acquirer.url}/means/op_`));
      const waiting = await getPayment(gw, id);
      expect(waiting).toMatchObject({
        status: 'requires_action',
        payment_method: { type: means },
        three_ds: null,
      });
      expect(waiting.operations).toEqual([
        expect.objectContaining({ type: 'authorization', status: 'pending' }),
      ]);

      const back = await decide(meansPage, 'approve');
      expect(back.location).toBe(`${url}/means-return`);
      expect(await getPayment(gw, id)).toMatchObject({
        status: 'captured',
        captured_amount: 2490,
        guarantee: 'unknown',
      });
      const returned = await client.get(back.location!);
      const result = await client.get(`${gw.url}${returned.location}`);
      expect(result.text).toContain('Payment accepted');
      expect(
        gw.acquirer.ledger().authorizations.find((a) => a.reference === waiting.operations[0].id),
      ).toMatchObject({
        means,
        captured: 2490,
      });
    },
  );

  it('records a decline as refused', async () => {
    const { id, meansPage } = await pickMeans(gw, 'cofinoga');
    await decide(meansPage, 'decline');
    expect(await getPayment(gw, id)).toMatchObject({ status: 'refused', refusal: { code: '05' } });
  });

  it('holds an authorisation for an on-shipment payment, then captures it like a card', async () => {
    const { id, meansPage } = await pickMeans(gw, 'paypal', { typology: { type: 'on_shipment' } });
    await decide(meansPage, 'approve');
    expect((await getPayment(gw, id)).status).toBe('authorized');
    const shipped = await request(gw.app)
      .post(`/v1/payments/${id}/events`)
      .set(gw.auth)
      .send({ type: 'shipped' });
    expect(shipped.body).toMatchObject({ status: 'captured', captured_amount: 2490 });
  });

  it('refuses a means the shop has not enabled', async () => {
    await request(gw.app)
      .patch('/v1/shop/settings')
      .set(gw.auth)
      .send({ payment_methods: ['card'] });
    try {
      const created = await postPayment(gw, {});
      const client = new FormClient();
      const url = created.body.next_action.redirect_url as string;
      const form = await client.get(url);
      expect(form.text).not.toContain('PayPal');
      const picked = await client.post(`${url}/means`, {
        _csrf: csrfOf(form.text),
        lang: 'en',
        means: 'paypal',
      });
      expect(picked.status).toBe(400);
      expect(picked.text).toContain('This payment method is not available');
      expect((await getPayment(gw, created.body.id)).status).toBe('requires_payment_method');
    } finally {
      await enableMeans(gw);
    }
  });

  it('will not cancel through the API while the buyer is on the means page', async () => {
    const { id } = await pickMeans(gw, 'paypal');
    const res = await request(gw.app).post(`/v1/payments/${id}/cancel`).set(gw.auth).send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('operation_in_progress');
  });

  it('settles by inquiry when the notification is lost and the buyer comes back', async () => {
    const lost = await createTestGateway({ listen: true, acquirer: gw.acquirer });
    try {
      await enableMeans(lost);
      // The acquirer is told a public URL nobody listens at: its push of the outcome fails.
      lost.setPublicUrl('http://127.0.0.1:9');
      const { id, meansPage } = await pickMeans(lost, 'sofinco');
      const back = await decide(meansPage, 'approve');
      expect(back.location).toMatch(/^http:\/\/127\.0\.0\.1:9\/pay\/.+\/means-return$/);
      expect((await getPayment(lost, id)).status).toBe('requires_action');
      await hop(`${lost.url}${new URL(back.location!).pathname}`);
      expect(await getPayment(lost, id)).toMatchObject({
        status: 'captured',
        payment_method: { type: 'sofinco' },
      });
    } finally {
      await lost.close();
    }
  });
});

describe('a redirect means left undecided', () => {
  it('is cancelled at the acquirer when the page expires, and the payment abandoned', async () => {
    const clock = new ManualClock(new Date());
    const timed = await createTestGateway({ listen: true, acquirer: gw.acquirer, clock });
    try {
      await enableMeans(timed);
      const { id, meansPage } = await pickMeans(timed, 'paypal');
      clock.advance(60_000);
      await runSchedulerTick(timed.deps); // recovery inquires: the buyer is still deciding
      expect((await getPayment(timed, id)).status).toBe('requires_action');
      clock.advance(20 * 60_000);
      await runSchedulerTick(timed.deps);
      const abandoned = await getPayment(timed, id);
      expect(abandoned.status).toBe('abandoned');
      expect(
        abandoned.operations.map((op: { type: string; status: string }) => [op.type, op.status]),
      ).toEqual([
        ['authorization', 'failed'],
        ['reversal', 'succeeded'],
        ['abandonment', 'succeeded'],
      ]);
      // Too late now: the means refuses the approval, and nothing was charged.
      await decide(meansPage, 'approve');
      const auth = timed.acquirer
        .ledger()
        .authorizations.find((a) => a.reference === abandoned.operations[0].id);
      expect(auth).toMatchObject({ status: 'declined', response_code: 'R1', captured: 0 });
      expect((await getPayment(timed, id)).status).toBe('abandoned');
    } finally {
      await timed.close();
    }
  });
});
