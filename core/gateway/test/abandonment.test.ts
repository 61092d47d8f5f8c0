import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import {
  CARDS,
  card,
  csrfOf,
  eventsOf,
  FormClient,
  FUTURE,
  getPayment,
  heldCards,
  hop,
  postPayment,
} from './page-helpers.js';

const MINUTE = 60_000;
let gw: TestGateway;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date());
  gw = await createTestGateway({ listen: true, clock });
});
afterAll(async () => {
  await gw.close();
});

describe('a payment page left unused', () => {
  it('is abandoned by the scheduler once its 20 minutes are over, not before', async () => {
    const created = await postPayment(gw, {});
    expect(new Date(created.body.created_at).getTime()).toBe(clock.now().getTime());
    clock.advance(19 * MINUTE);
    expect((await runSchedulerTick(gw.deps)).abandoned).toBe(0);
    expect((await getPayment(gw, created.body.id)).status).toBe('requires_payment_method');

    clock.advance(1 * MINUTE);
    const report = await runSchedulerTick(gw.deps);
    expect(report.abandoned).toBe(1);
    const abandoned = await getPayment(gw, created.body.id);
    expect(abandoned).toMatchObject({ status: 'abandoned', next_action: null });
    expect(abandoned.operations).toEqual([
      expect.objectContaining({ type: 'abandonment', status: 'succeeded', source: 'scheduler' }),
    ]);
    const events = await eventsOf(gw, created.body.id);
    expect(events.map((e) => e.type)).toEqual(['payment.created', 'payment.abandoned']);
    expect(events[1]!.payload.data.payment).toMatchObject({ status: 'abandoned' });
    expect((await runSchedulerTick(gw.deps)).abandoned).toBe(0);
  });

  it('shows a closed page in the buyer language and never takes a payment once expired', async () => {
    const created = await postPayment(gw, {});
    const url = created.body.next_action.redirect_url as string;
    const client = new FormClient();
    const form = await client.get(url, { 'accept-language': 'pt' });
    clock.advance(21 * MINUTE); // expired, not yet abandoned by the scheduler
    const closed = await client.get(url, { 'accept-language': 'pt' });
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('Esta página de pagamento está fechada');
    const posted = await client.post(url, {
      _csrf: csrfOf(form.text),
      number: CARDS.visa,
      ...FUTURE,
      cvc: '123',
    });
    expect(posted.status).toBe(303);
    expect((await getPayment(gw, created.body.id)).operations).toEqual([]);
    await runSchedulerTick(gw.deps);
    expect((await getPayment(gw, created.body.id)).status).toBe('abandoned');
    expect((await client.get(url, { 'accept-language': 'pt' })).text).toContain(
      'Esta página de pagamento está fechada',
    );
  });

  it('abandons a payment whose buyer never finished the 3-D Secure challenge, dropping the held card', async () => {
    const created = await postPayment(gw, { card: card(CARDS.challenge) });
    expect(created.body.status).toBe('requires_action');
    expect(await heldCards(gw, created.body.id)).toHaveLength(1);
    clock.advance(21 * MINUTE);
    await runSchedulerTick(gw.deps);
    expect((await getPayment(gw, created.body.id)).status).toBe('abandoned');
    expect(await heldCards(gw, created.body.id)).toEqual([]);
    // A challenge passed too late authorises nothing.
    const acs = (await hop(`${gw.url}${new URL(created.body.next_action.redirect_url).pathname}`)).status;
    expect(acs).toBe(410);
    expect(
      gw.acquirer
        .ledger()
        .authorizations.filter((a) => a.merchant_id === gw.shop.id && a.card?.last4 === '3220'),
    ).toEqual([]);
  });
});

describe('the page lifetime', () => {
  it('follows CAISSE_PAGE_TTL_MINUTES', async () => {
    const short = await createTestGateway({
      clock,
      acquirer: gw.acquirer,
      env: { CAISSE_PAGE_TTL_MINUTES: '5' },
    });
    try {
      const created = await postPayment(short, {});
      clock.advance(5 * MINUTE);
      await runSchedulerTick(short.deps);
      expect((await getPayment(short, created.body.id)).status).toBe('abandoned');
    } finally {
      await short.close();
    }
  });

  it('purges a card held for a network choice the buyer walked away from', async () => {
    const created = await postPayment(gw, {});
    const url = created.body.next_action.redirect_url as string;
    const client = new FormClient();
    const form = await client.get(url);
    await client.post(url, { _csrf: csrfOf(form.text), number: CARDS.coBadged, ...FUTURE, cvc: '123' });
    expect(await heldCards(gw, created.body.id)).toHaveLength(1);
    clock.advance(11 * MINUTE);
    await runSchedulerTick(gw.deps);
    expect(await heldCards(gw, created.body.id)).toEqual([]);
    expect((await getPayment(gw, created.body.id)).status).toBe('requires_payment_method');
  });
});
