import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '@caisse/gateway';
import { sql } from 'kysely';

/** Every way a card number may be written: digits, groups of four (or Amex 4-6-5) with spaces or dashes. */
export function panForms(pan: string): string[] {
  const digits = pan.replace(/\D/g, '');
  const groups = digits.length === 15 ? [4, 6, 5] : [4, 4, 4, 4, 4].slice(0, Math.ceil(digits.length / 4));
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return [...new Set([digits, parts.join(' '), parts.join('-'), pan])];
}

/**
 * A CVC is three or four digits, which a timestamp or an id contains by chance: it is searched
 * for where it could only be a CVC — as the value of a field named like one.
 */
const CVC_FIELD =
  /["']?\b(cvc|cvv|cvv2|cvc2|csc|cid|security_?code|card_?verification\w*)\b["']?\s*[:=]\s*["']?(\d{3,4})\b/gi;

export interface Finding {
  source: string;
  what: string;
}

/** Card numbers and CVCs found in a text; `source` names where the text came from. */
export function scan(
  source: string,
  text: string,
  pans: readonly string[],
  cvcs: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  for (const pan of pans) {
    for (const form of panForms(pan)) {
      if (text.includes(form))
        findings.push({ source, what: `card number ${form.slice(0, 6)}…${form.slice(-4)}` });
    }
  }
  for (const match of text.matchAll(CVC_FIELD)) {
    const value = match[2]!;
    findings.push({
      source,
      what: `a CVC field (${match[1]}) with a value${cvcs.includes(value) ? ' sent as a CVC' : ''}`,
    });
  }
  return findings;
}

/** Every log file the run's processes wrote (stdout and stderr). */
export function logTexts(dir: string): { source: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => ({ source: `log ${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** A text dump of the whole database: pg_dump when installed, else every row of every table as text. */
export async function databaseDump(url: string, db: Store['db']): Promise<{ source: string; text: string }> {
  const dump = spawnSync('pg_dump', ['--no-owner', url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (dump.status === 0 && dump.stdout.length > 0) return { source: 'pg_dump', text: dump.stdout };
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db);
  const chunks: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(db);
    chunks.push(`-- ${name}`, ...rows.rows.map((r) => r.row));
  }
  return { source: 'full-table text scan', text: chunks.join('\n') };
}

/** Every outbox payload, as the relay would send it. */
export async function outboxPayloads(db: Store['db']): Promise<{ count: number; text: string }> {
  const rows = await sql<{ payload: string }>`select payload::text as payload from outbox`.execute(db);
  return { count: rows.rows.length, text: rows.rows.map((r) => r.payload).join('\n') };
}
