import { Writable } from 'node:stream';
import { ManualClock, runSchedulerTick } from '@caisse/gateway';
import { createTestGateway, type TestGateway } from '@caisse/gateway/testing';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import request from 'supertest';
import { JOURNAL_CSV_COLUMNS, writeJournalCsv } from '../src/http/api/operations/csv.js';
import { DECLINED, post, VISA } from './support/notifications.js';

let gw: TestGateway;
const clock = new ManualClock('2026-04-01T12:00:00Z');
const ids: Record<string, string> = {};

beforeAll(async () => {
  gw = await createTestGateway({ clock });
  ids.sale = (
    await post(gw, '/v1/payments', { amount: 1999, currency: 'EUR', reference: 'J-SALE', card: VISA })
  ).id;
  clock.advance(60_000);
  ids.yen = (
    await post(gw, '/v1/payments', {
      amount: 5000,
      currency: 'JPY',
      reference: '=HYPERLINK("http://evil")',
      typology: { type: 'deferred', days: 1 },
      card: VISA,
    })
  ).id;
  clock.advance(60_000);
  ids.kwd = (
    await post(gw, '/v1/payments', {
      amount: 12345,
      currency: 'KWD',
      reference: 'J-KWD',
      typology: { type: 'on_shipment' },
      channel: 'moto',
      card: VISA,
    })
  ).id;
  await post(gw, `/v1/payments/${ids.kwd}/capture`, { amount: 10000 });
  await post(gw, `/v1/payments/${ids.kwd}/refund`, { amount: 2500 });
  clock.advance(60_000);
  ids.refused = (
    await post(gw, '/v1/payments', { amount: 700, currency: 'EUR', reference: 'J-NO', card: DECLINED })
  ).id;
  clock.advance(86_400_000 + 60_000);
  await runSchedulerTick(gw.deps); // captures the deferred JPY payment: source scheduler
});
afterAll(async () => {
  await gw.close();
});

const list = (query: Record<string, string | number> = {}) =>
  request(gw.app).get('/v1/operations').query(query).set(gw.auth);

describe('the journal API', () => {
  it('lists every operation of the shop, newest first, with what an accountant needs of the payment', async () => {
    const res = await list({ limit: 100 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((o: { type: string; payment_id: string }) => [o.type, o.payment_id])).toEqual([
      ['capture', ids.yen],
      ['authorization', ids.refused],
      ['refund', ids.kwd],
      ['capture', ids.kwd],
      ['authorization', ids.kwd],
      ['authorization', ids.yen],
      ['capture', ids.sale],
      ['authorization', ids.sale],
    ]);
    const refund = res.body.data[2];
    expect(refund).toMatchObject({
      object: 'operation',
      type: 'refund',
      status: 'succeeded',
      amount: 2500,
      currency: 'KWD',
      source: 'api',
      payment: {
        id: ids.kwd,
        reference: 'J-KWD',
        channel: 'moto',
        guarantee: 'no',
        card: { brand: 'visa', bin: '424242', last4: '4242' },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('4242424242424242');
  });

  it('filters by type, status, payment, source and date, and pages with a cursor', async () => {
    const captures = await list({ type: 'capture' });
    expect(captures.body.data).toHaveLength(3);
    const failed = await list({ status: 'failed' });
    expect(failed.body.data.map((o: { payment_id: string }) => o.payment_id)).toEqual([ids.refused]);
    const ofKwd = await list({ payment: ids.kwd! });
    expect(ofKwd.body.data.map((o: { type: string }) => o.type)).toEqual([
      'refund',
      'capture',
      'authorization',
    ]);
    const scheduler = await list({ source: 'scheduler' });
    expect(scheduler.body.data.map((o: { payment_id: string }) => o.payment_id)).toEqual([ids.yen]);
    const window = await list({ created_gte: '2026-04-01T12:01:00Z', created_lt: '2026-04-01T12:03:00Z' });
    expect(new Set(window.body.data.map((o: { payment_id: string }) => o.payment_id))).toEqual(
      new Set([ids.yen, ids.kwd]),
    );

    const page1 = await list({ limit: 3 });
    expect(page1.body).toMatchObject({ has_more: true, next_cursor: page1.body.data[2].id });
    const page2 = await list({ limit: 3, starting_after: page1.body.next_cursor });
    const page3 = await list({ limit: 3, starting_after: page2.body.next_cursor });
    expect(page3.body).toMatchObject({ has_more: false, next_cursor: null });
    const all = [...page1.body.data, ...page2.body.data, ...page3.body.data].map((o: { id: string }) => o.id);
    expect(all).toEqual((await list({ limit: 100 })).body.data.map((o: { id: string }) => o.id));
  });

  it.each([
    [{ type: 'chargeback' }, 'invalid_field', 'type'],
    [{ status: 'done' }, 'invalid_field', 'status'],
    [{ source: 'shop' }, 'invalid_field', 'source'],
    [{ created_gte: 'yesterday' }, 'invalid_field', 'created_gte'],
    [{ limit: 0 }, 'invalid_field', 'limit'],
    [{ limit: 101 }, 'invalid_field', 'limit'],
    [{ sort: 'asc' }, 'unknown_field', 'sort'],
    [{ starting_after: 'op_nope' }, 'invalid_operation_cursor', 'starting_after'],
  ])('answers %j with 400 %s on %s', async (query, code, field) => {
    const res = await list(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code, field });
  });

  it('never shows another shop’s or the other mode’s operations', async () => {
    const live = await request(gw.app)
      .get('/v1/operations')
      .set({ Authorization: `Bearer ${gw.shop.keys.live}` });
    expect(live.status).toBe(200);
    expect(live.body.data).toEqual([]);
  });
});

describe('the journal as CSV', () => {
  const csv = async (query: Record<string, string> = {}) => {
    const res = await request(gw.app)
      .get('/v1/operations.csv')
      .query(query)
      .set(gw.auth)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => done(null, text));
      });
    return res;
  };

  it('has the documented columns, oldest first, amounts in minor units and in decimals', async () => {
    const res = await csv();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="operations-test-2026-04-02.csv"');
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    const header = (res.body as string).split('\n')[0];
    expect(header).toBe(
      'operation_id,created_at,settled_at,type,status,source,amount_minor,amount,currency,response_code,auth_code,acquirer_transaction_id,message,payment_id,reference,mode,channel,payment_status,payment_amount_minor,guarantee,card_brand,card_network,masked_card',
    );
    expect(JOURNAL_CSV_COLUMNS.map((c) => c.header).join(',')).toBe(header);
    const json = (await list({ limit: 100 })).body.data.map((o: { id: string }) => o.id).reverse();
    expect(rows.map((r) => r.operation_id)).toEqual(json);

    const yen = rows.find((r) => r.payment_id === ids.yen && r.type === 'capture')!;
    expect(yen).toMatchObject({
      amount_minor: '5000',
      amount: '5000',
      currency: 'JPY',
      source: 'scheduler',
      reference: `'=HYPERLINK("http://evil")`,
      masked_card: '424242XXXXXX4242',
      card_brand: 'visa',
      guarantee: 'yes',
      mode: 'test',
    });
    const refund = rows.find((r) => r.type === 'refund')!;
    expect(refund).toMatchObject({ amount_minor: '2500', amount: '2.500', currency: 'KWD', guarantee: 'no' });
    const sale = rows.find((r) => r.payment_id === ids.sale && r.type === 'capture')!;
    expect(sale).toMatchObject({ amount_minor: '1999', amount: '19.99', payment_status: 'captured' });
    expect(res.body as string).not.toContain('4242424242424242');
  });

  it('applies the same filters as the list', async () => {
    const rows = parse((await csv({ type: 'capture', source: 'api' })).body as string, {
      columns: true,
    }) as Record<string, string>[];
    const json = await list({ type: 'capture', source: 'api' });
    expect(rows.map((r) => r.operation_id).sort()).toEqual(
      json.body.data.map((o: { id: string }) => o.id).sort(),
    );
  });

  it('refuses bad filters before sending anything', async () => {
    const res = await request(gw.app).get('/v1/operations.csv').query({ limit: 10 }).set(gw.auth);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'unknown_field', field: 'limit' });
    const bad = await request(gw.app).get('/v1/operations.csv').query({ status: 'x' }).set(gw.auth);
    expect(bad.body).toMatchObject({ code: 'invalid_field', field: 'status' });
  });

  it('streams any number of lines, fetching the next batch only when the reader has taken the last', async () => {
    // 3 000 journal lines on one payment, written straight into the table.
    await sql`
      insert into operations (id, payment_id, shop_id, mode, type, status, amount, currency, source, created_at, settled_at)
      select 'op_bulk_' || lpad(g::text, 6, '0'), ${ids.sale}, ${gw.shop.id}, 'test', 'validation', 'succeeded',
             null, 'EUR', 'batch', now(), now()
      from generate_series(1, 3000) g
    `.execute(gw.store.db);
    const scope = { shopId: gw.shop.id, mode: 'test' as const };
    const filter = { source: 'batch' as const };

    let fetched = 0;
    const held: (() => void)[] = [];
    let holding = true;
    let text = '';
    const reader = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString('utf8');
        if (holding) held.push(callback);
        else callback();
      },
    });
    let waiting!: () => void;
    const blocked = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const done = writeJournalCsv(gw.store.db, scope, filter, reader, {
      batchSize: 100,
      onBatch: () => {
        fetched++;
      },
      onWait: () => waiting(),
    });

    // The reader takes nothing: the export stops fetching long before the end.
    await blocked;
    const fetchedWhileBlocked = fetched;
    expect(fetchedWhileBlocked).toBeLessThan(30);

    holding = false;
    for (const callback of held.splice(0)) callback();
    await done;
    expect(fetched).toBe(31); // 30 full batches and the empty one that ends it
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3001);
    expect(lines[1]).toMatch(/^op_bulk_000001,/);
    expect(lines[3000]).toMatch(/^op_bulk_003000,/);

    // Over HTTP too, all of it.
    const res = await csv({ source: 'batch' });
    expect((res.body as string).trimEnd().split('\n')).toHaveLength(3001);
  });
});
