import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShop } from '@caisse/gateway';
import { openTestStore } from '@caisse/gateway/testing';
import { jest } from '@jest/globals';
import { sql } from 'kysely';
import { ALL_CVCS, ALL_PANS, CARDS, cardInput, REFUSED_NUMBERS } from './harness/cards.js';
import { check } from './harness/checker.js';
import { type Answer, ApiClient } from './harness/client.js';
import { type OrderRecord, planOrders, runOrder, runOrders } from './harness/orders.js';
import { prng, runSeed } from './harness/prng.js';
import { readJournal, readLedger } from './harness/records.js';
import { unknownOutcomes, waitForRecovery } from './harness/recovery.js';
import { databaseDump, type Finding, logTexts, outboxPayloads, scan } from './harness/secrets.js';
import { crash, freePort, type Service, startAcquirerProcess, startGatewayProcess } from './harness/stack.js';

/**
 * The reliability harness (docs/en/reliability.md): gateway and mock-acquirer processes on
 * PostgreSQL, faults injected, and a checker comparing what clients were told, the gateway's
 * journal and the acquirer's ledger. The four runs share one database, so the secrets check at the
 * end reads everything the others wrote.
 */
const seed = runSeed();
console.log(`reliability seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
jest.setTimeout(180_000);

let store: Awaited<ReturnType<typeof openTestStore>>;
let dir: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const approvedCards = [CARDS.visa, CARDS.mastercard, CARDS.amex, CARDS.cobadged];
const allCards = [...approvedCards, CARDS.declined, CARDS.insufficientFunds];

beforeAll(async () => {
  store = await openTestStore('postgres');
  dir = mkdtempSync(join(tmpdir(), 'caisse-reliability-'));
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  await store.close();
  if (process.env.RELIABILITY_KEEP_LOGS) console.log(`reliability logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
});

function report(name: string, counts: Record<string, number>, discrepancies: string[]): void {
  const lines = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(34)} ${v}`);
  const shown = discrepancies.slice(0, 30).map((d) => `  ! ${d}`);
  console.log([`${name} (seed ${seed})`, ...lines, ...shown].join('\n'));
}

async function stopAll(...services: (Service | undefined)[]): Promise<void> {
  for (const s of services) await s?.stop();
}

const log = (name: string) => join(dir, `${name}.log`);

it('crash: the gateway killed (-9) at random points during 500 payments with captures and refunds loses and doubles nothing', async () => {
  const shop = await createShop(store.db, { name: 'Crash' });
  const acquirer = await startAcquirerProcess(seed, log('acquirer-crash'));
  const port = await freePort();
  const options = { databaseUrl: store.url!, acquirerUrl: acquirer.url, port, logFile: log('gateway-crash') };
  let gateway: Service | undefined = await startGatewayProcess(options);
  try {
    const client = new ApiClient({ bases: () => [`http://127.0.0.1:${port}`], secretKey: shop.keys.test });
    const plans = planOrders(prng(seed), 500, 'crash', allCards);
    let burstDone = false;
    let kills = 0;
    let leftInFlight = 0;
    // Kill points follow the burst's progress (every 30 to 110 answers, then 0 to 300 ms more),
    // so a fast machine gets as many crashes as a slow one, each at a random point of a request.
    const killer = (async () => {
      const random = prng(seed ^ 0x5eed);
      let next = 30 + Math.floor(random() * 80);
      while (!burstDone) {
        if (client.answers.length < next) {
          await sleep(20);
          continue;
        }
        next = client.answers.length + 30 + Math.floor(random() * 80);
        await sleep(random() * 300);
        if (burstDone || !gateway) break;
        const victim = gateway;
        gateway = undefined;
        await crash(victim);
        kills++;
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pending_operations p join payments on payments.id = p.payment_id
          where payments.shop_id = ${shop.id}`.execute(store.db);
        leftInFlight += rows[0]!.n;
        gateway = await startGatewayProcess(options);
      }
    })();
    const records = await runOrders(client, plans, 16);
    burstDone = true;
    await killer;
    const recoveryMs = await waitForRecovery(store.db, shop.id, 60_000);
    await stopAll(gateway);
    gateway = undefined;

    const result = check({
      records,
      journal: await readJournal(store.db, shop.id),
      ledger: await readLedger(acquirer.url),
      shopId: shop.id,
    });
    const unanswered = client.answers.filter((a) => a.status === 0).length;
    report(
      'crash',
      {
        ...result.counts,
        kills,
        operations_left_in_flight_by_kills: leftInFlight,
        client_retries: client.retries,
        client_requests_never_answered: unanswered,
        recovery_ms_after_burst: recoveryMs,
      },
      result.discrepancies,
    );
    expect(result.discrepancies).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(unanswered).toBe(0);
    expect(result.counts.acquirer_refunds).toBeGreaterThan(0);
  } finally {
    await stopAll(gateway, acquirer);
  }
});

it('acquirer faults: 10 % timeouts, 5 % 5xx and 5 % dropped answers lose and double nothing, and every unknown outcome is settled by inquiry in time', async () => {
  const shop = await createShop(store.db, { name: 'Faults' });
  const acquirer = await startAcquirerProcess(seed, log('acquirer-faults'));
  const deadlineMs = 60_000;
  const gateway = await startGatewayProcess({
    databaseUrl: store.url!,
    acquirerUrl: acquirer.url,
    port: 0,
    logFile: log('gateway-faults'),
    env: { CAISSE_ACQUIRER_TIMEOUT_MS: '300', CAISSE_SETTLEMENT_DEADLINE_MS: String(deadlineMs) },
  });
  try {
    const rates = {
      timeout_rate: 0.1,
      error_rate: 0.025,
      error_after_process_rate: 0.025,
      drop_rate: 0.05,
      seed,
    };
    const set = await fetch(`${acquirer.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rates),
    });
    expect(set.status).toBeLessThan(300);
    const client = new ApiClient({ bases: () => [gateway.url], secretKey: shop.keys.test });
    const records = await runOrders(client, planOrders(prng(seed + 1), 300, 'faults', allCards), 16);
    // Recovery runs with the faults still on: its inquiries and resends fail too, and back off.
    const recoveryMs = await waitForRecovery(store.db, shop.id, 120_000);
    const faults = (await readLedger(acquirer.url)).faults;
    await fetch(`${acquirer.url}/_faults`, { method: 'DELETE' });
    await gateway.stop();

    const result = check({
      records,
      journal: await readJournal(store.db, shop.id),
      ledger: await readLedger(acquirer.url),
      shopId: shop.id,
      settlementDeadlineMs: deadlineMs,
    });
    const recovered = unknownOutcomes(readFileSync(log('gateway-faults'), 'utf8'));
    report(
      'acquirer faults',
      {
        ...result.counts,
        faults_timeout: faults.timeout,
        faults_error_503: faults.error,
        faults_error_after_process_500: faults.error_after_process,
        faults_dropped_answer: faults.drop,
        unknown_outcomes_settled_by_recovery: recovered.size,
        client_retries: client.retries,
        recovery_ms_after_burst: recoveryMs,
      },
      result.discrepancies,
    );
    expect(result.discrepancies).toEqual([]);
    for (const kind of ['timeout', 'error', 'error_after_process', 'drop'] as const)
      expect(faults[kind]).toBeGreaterThan(0);
    expect(recovered.size).toBeGreaterThan(0);
  } finally {
    await stopAll(gateway, acquirer);
  }
});

it('concurrency: two gateway processes on one database, every request sent in parallel to both with the same key — each payment created once, captured once', async () => {
  const shop = await createShop(store.db, { name: 'Concurrency' });
  const acquirer = await startAcquirerProcess(seed, log('acquirer-concurrency'));
  const env = { databaseUrl: store.url!, acquirerUrl: acquirer.url, port: 0 };
  const a = await startGatewayProcess({ ...env, logFile: log('gateway-concurrency-a') });
  const b = await startGatewayProcess({ ...env, logFile: log('gateway-concurrency-b') });
  try {
    const client = new ApiClient({ bases: () => [a.url, b.url], secretKey: shop.keys.test });
    const plans = planOrders(prng(seed + 2), 100, 'concurrency', approvedCards).map((p) => ({
      ...p,
      typology: 'on_shipment' as const,
      capture: p.amount,
      refunds: [],
    }));
    const disagreements: string[] = [];
    const same = (answers: Answer[], what: string) => {
      const shapes = new Set(
        answers.map((x) =>
          JSON.stringify([x.status, x.payment?.id, x.payment?.status, x.payment?.captured_amount]),
        ),
      );
      if (shapes.size !== 1) disagreements.push(`${what}: ${[...shapes].join(' vs ')}`);
    };
    let concurrentCaptures = 0;
    const records: OrderRecord[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < plans.length) {
          const plan = plans[next++]!;
          const body = {
            amount: plan.amount,
            currency: 'EUR',
            reference: plan.reference,
            typology: { type: 'on_shipment' },
            card: cardInput(plan.card),
          };
          const creates = await Promise.all(
            [0, 1, 2, 3].map((bias) =>
              client.call('POST', '/v1/payments', `${plan.reference}-create`, body, bias),
            ),
          );
          same(creates, `create ${plan.reference}`);
          const payment = creates[0]?.payment;
          if (!payment) {
            disagreements.push(`create ${plan.reference}: no payment (${creates[0]?.status})`);
            continue;
          }
          const path = `/v1/payments/${payment.id}/capture`;
          // The same capture retried on both processes, and two other clients capturing it with their own keys.
          const [captures, others] = await Promise.all([
            Promise.all(
              [0, 1, 2, 3].map((bias) => client.call('POST', path, `${plan.reference}-capture`, {}, bias)),
            ),
            Promise.all(
              [0, 1].map((bias) => client.call('POST', path, `${plan.reference}-other-${bias}`, {}, bias)),
            ),
          ]);
          same(captures, `capture ${plan.reference}`);
          concurrentCaptures += captures.length + others.length;
          for (const o of others)
            if (o.status !== 200 && o.status !== 409)
              disagreements.push(`concurrent capture ${plan.reference}: answered ${o.status}`);
          records.push({ plan, create: creates[0], capture: captures[0], refunds: [] });
        }
      }),
    );
    await waitForRecovery(store.db, shop.id, 30_000);
    await stopAll(a, b);
    const ledger = await readLedger(acquirer.url);
    const result = check({ records, journal: await readJournal(store.db, shop.id), ledger, shopId: shop.id });
    const capturesPerAuthorization = new Map<string, number>();
    for (const e of ledger.entries)
      if (e.type === 'capture' && e.status === 'succeeded' && e.merchant_id === shop.id)
        capturesPerAuthorization.set(
          e.authorization_reference,
          (capturesPerAuthorization.get(e.authorization_reference) ?? 0) + 1,
        );
    const twice = [...capturesPerAuthorization.values()].filter((n) => n > 1).length;
    const discrepancies = [...result.discrepancies, ...disagreements];
    if (twice > 0) discrepancies.push(`${twice} authorisations captured more than once`);
    report(
      'concurrency',
      {
        ...result.counts,
        gateway_processes: 2,
        parallel_requests: client.answers.length,
        capture_requests_in_parallel: concurrentCaptures,
        authorizations_captured_more_than_once: twice,
        client_retries: client.retries,
      },
      discrepancies,
    );
    expect(discrepancies).toEqual([]);
    expect(result.counts.payments).toBe(plans.length);
    expect(capturesPerAuthorization.size).toBe(plans.length);
  } finally {
    await stopAll(a, b, acquirer);
  }
});

it('secrets: no log line, database row or outbox payload of the runs above holds a card number or a CVC', async () => {
  // Requests the gateway must refuse, carrying card data, so the error paths are logged too.
  const shop = await createShop(store.db, { name: 'Secrets' });
  const acquirer = await startAcquirerProcess(seed, log('acquirer-secrets'));
  const gateway = await startGatewayProcess({
    databaseUrl: store.url!,
    acquirerUrl: acquirer.url,
    port: 0,
    logFile: log('gateway-secrets'),
  });
  let refused = 0;
  try {
    const client = new ApiClient({ bases: () => [gateway.url], secretKey: shop.keys.test });
    const base = { amount: 1234, currency: 'EUR', reference: 'secrets' };
    const bad: unknown[] = [
      { ...base, card: { ...cardInput(CARDS.visa), exp_month: 13 } },
      { ...base, card: { ...cardInput(CARDS.mastercard), cvc: '12a45' } },
      { ...base, card: { ...cardInput(CARDS.visa), number: REFUSED_NUMBERS[0] } },
      { ...base, card: { ...cardInput(CARDS.amex), pin: '1234' } },
      { ...base, amount: -1, card: cardInput(CARDS.cobadged) },
      { ...base, card: { ...cardInput(CARDS.visa), number: REFUSED_NUMBERS[1], exp_year: 2001 } },
    ];
    for (const [i, body] of bad.entries()) {
      const answer = await client.call('POST', '/v1/payments', `secrets-bad-${i}`, body);
      if (answer.status >= 400 && answer.status < 500) refused++;
    }
    for (const text of [
      `{"card":{"number":"${REFUSED_NUMBERS[2]}","cvc":"${CARDS.visa.cvc}"`,
      `number=${REFUSED_NUMBERS[2]}`,
    ]) {
      const response = await fetch(`${gateway.url}/v1/payments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${shop.keys.test}`,
          'content-type': text.startsWith('{') ? 'application/json' : 'text/plain',
        },
        body: text,
      });
      if (response.status >= 400 && response.status < 500) refused++;
    }
    await runOrder(client, planOrders(prng(seed + 3), 1, 'secrets', [CARDS.visa])[0]!);
  } finally {
    await stopAll(gateway, acquirer);
  }

  const findings: Finding[] = [];
  const logs = logTexts(dir);
  for (const { source, text } of logs) findings.push(...scan(source, text, ALL_PANS, ALL_CVCS));
  const dump = await databaseDump(store.url!, store.db);
  findings.push(...scan(dump.source, dump.text, ALL_PANS, ALL_CVCS));
  const outbox = await outboxPayloads(store.db);
  findings.push(...scan('outbox payloads', outbox.text, ALL_PANS, ALL_CVCS));
  report(
    'secrets',
    {
      log_files: logs.length,
      log_lines: logs.reduce((n, l) => n + l.text.split('\n').length, 0),
      database_dump_bytes: dump.text.length,
      outbox_payloads: outbox.count,
      card_numbers_searched: ALL_PANS.length,
      refused_requests_with_card_data: refused,
      findings: findings.length,
    },
    findings.map((f) => `${f.source}: ${f.what}`),
  );
  expect(refused).toBe(8);
  expect(dump.text.length).toBeGreaterThan(0);
  expect(findings).toEqual([]);
});
