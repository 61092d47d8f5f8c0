import type { Store } from '@caisse/gateway';
import { sql } from 'kysely';

/** Waits until the shop has nothing left in flight (the scheduler's recovery has run), or throws. */
export async function waitForRecovery(db: Store['db'], shopId: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await sql<{ pending: number; processing: number }>`
      select
        (select count(*)::int from pending_operations p join payments on payments.id = p.payment_id
          where payments.shop_id = ${shopId}) as pending,
        (select count(*)::int from payments where shop_id = ${shopId} and status = 'processing') as processing`.execute(
      db,
    );
    const { pending, processing } = rows[0]!;
    if (pending === 0 && processing === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `recovery did not finish in ${timeoutMs} ms: ${pending} pending operations, ${processing} payments processing`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Operation ids the gateway logged as having an unknown outcome (then settled by inquiry or reversal). */
export function unknownOutcomes(logText: string): Set<string> {
  const ids = new Set<string>();
  for (const line of logText.split('\n')) {
    if (!line.includes('outcome unknown') && !line.includes('still unknown')) continue;
    try {
      const entry = JSON.parse(line) as { operation?: string };
      if (entry.operation) ids.add(entry.operation);
    } catch {}
  }
  return ids;
}
