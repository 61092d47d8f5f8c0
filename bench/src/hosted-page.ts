// Hosted payment page: a payment waiting for the buyer, its page fetched under load — pages/s, p99,
// and the page's total bytes (HTML and the assets it links). The page is built on another branch
// (issue 3): until `POST /v1/payments` without a card returns next_action.redirect_url, this
// benchmark says "not available yet" in its output and its JSON.
import { ADMIN_URL, createBenchDatabase, type DatabaseKind } from './lib/bench-database.js';
import { runLoad } from './lib/load.js';
import { machineInfo } from './lib/machine.js';
import { databases, isMain, settings } from './lib/options.js';
import { apiHeaders } from './lib/payment-request.js';
import { sampleMemory } from './lib/proc.js';
import { round1, table, writeResult } from './lib/results.js';
import { startAcquirer, startGatewayProcess } from './lib/stack.js';

/** The page's HTML and every same-origin asset it links (stylesheets, scripts, images), in bytes. */
async function pageWeight(url: string): Promise<{ html: number; assets: { url: string; bytes: number }[] }> {
  const response = await fetch(url);
  const html = await response.text();
  const links = [...html.matchAll(/<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const assets: { url: string; bytes: number }[] = [];
  for (const link of new Set(links)) {
    if (link.startsWith('data:')) continue;
    const asset = new URL(link, url);
    if (asset.origin !== new URL(url).origin) continue;
    const body = await (await fetch(asset)).arrayBuffer();
    assets.push({ url: asset.pathname, bytes: body.byteLength });
  }
  return { html: Buffer.byteLength(html), assets };
}

async function runOn(kind: DatabaseKind, machine: Awaited<ReturnType<typeof machineInfo>>) {
  const db = await createBenchDatabase(kind, 'page');
  const acquirer = await startAcquirer(3);
  const gateway = await startGatewayProcess({ database: db, acquirerUrl: acquirer.url });
  try {
    const created = await fetch(`${gateway.url}/v1/payments`, {
      method: 'POST',
      headers: apiHeaders(db.shop.secretKey, `page-${Date.now()}`),
      body: JSON.stringify({ amount: 4200, currency: 'EUR', reference: 'bench-page' }),
    });
    const payment = (await created.json()) as { next_action?: { redirect_url?: string } | null };
    const pageUrl = payment.next_action?.redirect_url;
    const base = {
      benchmark: 'hosted-page',
      date: new Date().toISOString(),
      machine,
      parameters: { database: kind },
    };
    if (created.status !== 201 || !pageUrl) {
      const reason = `not available yet: POST /v1/payments without a card answered ${created.status} with no next_action.redirect_url (the hosted page lands with issue 3)`;
      console.log(`hosted page on ${kind}: ${reason}`);
      return writeResult(`hosted-page-${kind}`, { ...base, available: false, reason });
    }
    const weight = await pageWeight(pageUrl);
    const url = new URL(pageUrl);
    const rows = [];
    for (const c of settings.concurrency) {
      const memory = sampleMemory(gateway.pid);
      const r = await runLoad({
        url: url.origin,
        method: 'GET',
        path: url.pathname + url.search,
        headers: { accept: 'text/html', 'accept-language': 'fr' },
        durationS: settings.limitDurationS,
        load: { mode: 'closed', connections: c },
      });
      rows.push({
        concurrency: c,
        pages_per_s: r.throughput,
        p50_ms: r.latency_ms.p50,
        p99_ms: r.latency_ms.p99,
        errors: r.errors,
        gateway_rss_mb: round1(memory.stop()),
      });
    }
    const totalBytes = weight.html + weight.assets.reduce((n, a) => n + a.bytes, 0);
    console.log(
      `\nHosted page on ${kind}: ${weight.html} B HTML + ${weight.assets.length} assets = ${totalBytes} B`,
    );
    console.log(
      table(
        ['conc', 'pages/s', 'p50 ms', 'p99 ms', 'errors', 'RSS MB'],
        rows.map((r) => [r.concurrency, r.pages_per_s, r.p50_ms, r.p99_ms, r.errors, r.gateway_rss_mb]),
      ),
    );
    return writeResult(`hosted-page-${kind}`, {
      ...base,
      available: true,
      page: { html_bytes: weight.html, assets: weight.assets, total_bytes: totalBytes },
      rows,
      summary: {
        pages_per_s: Math.max(...rows.map((r) => r.pages_per_s)),
        p99_ms: rows.find((r) => r.concurrency === 8)?.p99_ms ?? rows[0]?.p99_ms,
        total_bytes: totalBytes,
        database: kind,
      },
    });
  } finally {
    await gateway.stop();
    await acquirer.stop();
    await db.drop();
  }
}

export async function runHostedPageBenchmark(): Promise<string[]> {
  const kinds = await databases();
  const machine = await machineInfo(kinds.includes('postgres') ? ADMIN_URL : undefined);
  const written: string[] = [];
  for (const kind of kinds) written.push(await runOn(kind, machine));
  return written;
}

if (isMain(import.meta.url)) {
  for (const f of await runHostedPageBenchmark()) console.log(`wrote ${f}`);
}
