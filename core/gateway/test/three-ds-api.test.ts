import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { PaymentResource } from '../src/http/api/payments/schemas.js';
import { CARDS, card, eventsOf, getPayment, heldCards, hop, postPayment } from './page-helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ listen: true });
});
afterAll(async () => {
  await gw.close();
});

const authorizations = (reference: string) =>
  gw.acquirer.ledger().authorizations.filter((a) => a.reference === reference);

describe('3-D Secure on card data sent by the shop (TE5)', () => {
  it.each([
    [CARDS.frictionlessY, 'Y', '05', 'yes'],
    [CARDS.frictionlessA, 'A', '06', 'yes'],
    [CARDS.unavailableU, 'U', '07', 'unknown'],
  ])(
    'authorises card %s at once after frictionless %s (ECI %s) with guarantee %s',
    async (number, status, eci, guarantee) => {
      const res = await postPayment(gw, { card: card(number), reference: `F-${status}` });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'captured',
        three_ds: { status, eci, version: '2.2.0' },
        guarantee,
        payment_method: { type: 'card' },
        next_action: null,
      });
      expect(() => PaymentResource.parse(res.body)).not.toThrow();
      const auth = res.body.operations[0];
      expect(auth).toMatchObject({ type: 'authorization', status: 'succeeded' });
      expect(authorizations(auth.id)).toEqual([expect.objectContaining({ amount: 2490, captured: 2490 })]);
      const events = await eventsOf(gw, res.body.id);
      expect(events.at(-1)?.payload.data.payment).toMatchObject({ guarantee, three_ds: { status } });
    },
  );

  it('refuses on R without asking the acquirer', async () => {
    const res = await postPayment(gw, { card: card(CARDS.rejectedR), reference: 'R-1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'refused',
      refusal: { code: '3ds:R' },
      three_ds: { status: 'R' },
      guarantee: 'unknown',
    });
    expect(authorizations(res.body.operations[0].id)).toEqual([]);
    expect(gw.acquirer.ledger().entries.filter((e) => e.reference === res.body.operations[0].id)).toEqual([]);
  });

  it('skips 3-D Secure for MOTO, even with a challenge card: guarantee no', async () => {
    const res = await postPayment(gw, {
      card: card(CARDS.challenge),
      channel: 'moto',
      reference: 'MOTO-1',
    });
    expect(res.body).toMatchObject({ status: 'captured', three_ds: null, guarantee: 'no' });
  });

  it('answers a challenge with requires_action and the page URL, then authorises once the buyer passed it', async () => {
    const res = await postPayment(gw, {
      card: card(CARDS.challenge),
      reference: 'C-1',
      return_url: 'https://shop.example/back?order=C-1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'requires_action',
      three_ds: { status: 'C', eci: null },
      guarantee: 'unknown',
      card: { last4: '3220' },
    });
    const redirect = res.body.next_action.redirect_url as string;
    expect(redirect).toMatch(new RegExp(`^${gw.url}/pay/[0-9A-Za-z]{40}$`));
    expect(res.body.operations).toEqual([]);

    // The card number is held sealed for the challenge, never in clear.
    const [held] = await heldCards(gw, res.body.id);
    expect(held).toMatchObject({ purpose: 'three_ds_challenge' });
    expect(JSON.stringify(held)).not.toContain(CARDS.challenge);
    const row = await gw.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(CARDS.challenge);

    // The buyer opens the page: it sends them to the ACS.
    const page = await hop(redirect);
    expect(page.status).toBe(303);
    expect(page.location).toMatch(new RegExp(`^${gw.acquirer.url}/3ds/acs/`));

    // They pass the challenge: the RReq reaches the gateway, which authorises, then the browser comes back.
    const acs = await hop(page.location!, {
      method: 'POST',
      body: new URLSearchParams({ code: '1234', action: 'submit' }),
    });
    expect(acs.location).toBe(`${redirect}/3ds-return?to=shop`);
    const back = await hop(acs.location!);
    expect(back.status).toBe(303);
    const shop = new URL(back.location!);
    expect(`${shop.origin}${shop.pathname}`).toBe('https://shop.example/back');
    expect(Object.fromEntries(shop.searchParams)).toEqual({
      order: 'C-1',
      payment_id: res.body.id,
      status: 'captured',
    });

    const paid = await getPayment(gw, res.body.id);
    expect(paid).toMatchObject({
      status: 'captured',
      three_ds: { status: 'Y', eci: '05' },
      guarantee: 'yes',
      next_action: null,
    });
    expect(paid.operations.map((op: { type: string; status: string }) => [op.type, op.status])).toEqual([
      ['authorization', 'succeeded'],
      ['capture', 'succeeded'],
    ]);
    expect(authorizations(paid.operations[0].id)).toEqual([
      expect.objectContaining({ amount: 2490, captured: 2490 }),
    ]);
    expect(await heldCards(gw, res.body.id)).toEqual([]);
    expect((await eventsOf(gw, res.body.id)).map((e) => e.type)).toEqual([
      'payment.requires_action',
      'payment.processing',
      'payment.captured',
    ]);
  });

  it('refuses a failed challenge without asking the acquirer and drops the held card', async () => {
    const res = await postPayment(gw, { card: card(CARDS.challengeFails), reference: 'C-2' });
    const page = await hop(res.body.next_action.redirect_url);
    await hop(page.location!, {
      method: 'POST',
      body: new URLSearchParams({ code: '1234', action: 'submit' }),
    });
    const refused = await getPayment(gw, res.body.id);
    expect(refused).toMatchObject({
      status: 'refused',
      refusal: { code: '3ds:N' },
      three_ds: { status: 'N' },
    });
    expect(refused.operations).toEqual([
      expect.objectContaining({ type: 'authorization', status: 'failed' }),
    ]);
    expect(authorizations(refused.operations[0].id)).toEqual([]);
    expect(await heldCards(gw, res.body.id)).toEqual([]);
  });

  it('refuses an RReq with a wrong signature and changes nothing', async () => {
    const res = await postPayment(gw, { card: card(CARDS.challenge), reference: 'C-3' });
    const forged = await fetch(`${gw.url}/3ds/notifications/${res.body.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acquirer-signature': 'ab'.repeat(32) },
      body: JSON.stringify({ three_ds_server_trans_id: 'x', ds_trans_id: 'y', trans_status: 'Y' }),
    });
    expect(forged.status).toBe(401);
    expect((await getPayment(gw, res.body.id)).status).toBe('requires_action');
    expect((await heldCards(gw, res.body.id)).length).toBe(1);
  });
});

describe('a challenge whose RReq never arrives', () => {
  it('is settled by inquiry when the buyer comes back', async () => {
    // The directory server is told a public URL nobody listens at: its RReq push fails.
    const lost = await createTestGateway({ listen: true, acquirer: gw.acquirer });
    lost.setPublicUrl('http://127.0.0.1:9');
    try {
      const res = await postPayment(lost, { card: card(CARDS.challenge), reference: 'L-1' });
      const token = new URL(res.body.next_action.redirect_url).pathname;
      const page = await hop(`${lost.url}${token}`);
      const acs = await hop(page.location!, {
        method: 'POST',
        body: new URLSearchParams({ code: '1234', action: 'submit' }),
      });
      expect(acs.location).toMatch(/^http:\/\/127\.0\.0\.1:9\//);
      expect((await getPayment(lost, res.body.id)).status).toBe('requires_action');
      const back = new URL(acs.location!);
      await hop(`${lost.url}${back.pathname}${back.search}`);
      expect(await getPayment(lost, res.body.id)).toMatchObject({
        status: 'captured',
        three_ds: { status: 'Y' },
      });
    } finally {
      await lost.close();
    }
  });
});
