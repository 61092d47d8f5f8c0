import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type PaymentSql, PLACEHOLDER, type TemplatedParam } from './template.js';

export function loadPaymentSql(): PaymentSql {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'payment-sql.json'), 'utf8')) as PaymentSql;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function randomId(prefix: string): string {
  let out = `${prefix}_`;
  for (const byte of randomBytes(24)) out += ALPHABET[byte % 62];
  return out;
}

type Vars = Map<string, string>;
type Compiled = { sql: string; params: ((vars: Vars, now: number) => unknown)[] };

function compileParam(param: TemplatedParam, keyHash: Buffer): (vars: Vars, now: number) => unknown {
  if (param !== null && typeof param === 'object') {
    const offset = param.$date;
    return (_vars, now) => new Date(now + offset);
  }
  if (param === '{{key_hash}}') return () => keyHash;
  if (typeof param === 'string' && param.includes('{{')) {
    return (vars) => param.replace(PLACEHOLDER, (_m, name: string) => vars.get(name) ?? '');
  }
  return () => param;
}

/**
 * Prepares the captured statements for replay on a database with this shop and API key: each
 * call of the returned function gives one payment's statements with fresh ids and keys.
 */
export function paymentStatements(
  file: PaymentSql,
  shop: { id: string; keyHash: Buffer },
): () => { sql: string; params: unknown[] }[] {
  const compiled: Compiled[] = file.statements.map((s) => ({
    sql: s.sql,
    params: s.params.map((p) => compileParam(p, shop.keyHash)),
  }));
  const names = new Set<string>();
  for (const s of file.statements)
    for (const p of s.params)
      if (typeof p === 'string') for (const m of p.matchAll(PLACEHOLDER)) names.add(m[1]!);
  let counter = 0;
  const prefix = `${process.pid.toString(36)}r${Date.now().toString(36)}`;
  return () => {
    const vars: Vars = new Map([
      ['shop', shop.id],
      ['idem', `${prefix}-${counter++}`],
    ]);
    for (const name of names) {
      if (vars.has(name) || name === 'key_hash') continue;
      vars.set(name, randomId(name.slice(0, name.lastIndexOf('_'))));
    }
    const now = Date.now();
    return compiled.map((s) => ({ sql: s.sql, params: s.params.map((f) => f(vars, now)) }));
  };
}

/**
 * Sends one payment's statements the way the gateway does: a statement outside a transaction
 * takes any pooled connection; BEGIN…COMMIT hold one connection.
 */
export async function replayPayment(
  pool: pg.Pool,
  statements: { sql: string; params: unknown[] }[],
): Promise<void> {
  let client: pg.PoolClient | undefined;
  try {
    for (const s of statements) {
      if (s.sql === 'begin') client = await pool.connect();
      await (client ?? pool).query(s.sql, s.params);
      if (s.sql === 'commit') {
        client?.release();
        client = undefined;
      }
    }
  } catch (error) {
    if (client) {
      await client.query('rollback').catch(() => {});
      client.release();
    }
    throw error;
  }
}

/** A parameter as an SQL literal, for the one-round-trip variant below. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Buffer.isBuffer(value)) return `decode('${value.toString('hex')}', 'hex')`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return pg.Client.prototype.escapeLiteral(String(value));
}

/**
 * The proposal "one round trip per transaction", measured: each BEGIN…COMMIT block is sent as one
 * multi-statement query (parameters inlined), the other statements as captured. Same SQL, same
 * commits, fewer round trips: the upper bound of merging a transaction's statements.
 */
export async function replayPaymentBatched(
  pool: pg.Pool,
  statements: { sql: string; params: unknown[] }[],
): Promise<void> {
  let block: string[] | undefined;
  for (const s of statements) {
    if (s.sql === 'begin') block = [];
    if (block) {
      block.push(s.sql.replace(/\$(\d+)/g, (_m, n: string) => literal(s.params[Number(n) - 1])));
      if (s.sql === 'commit') {
        await pool.query(block.join(';\n'));
        block = undefined;
      }
    } else {
      await pool.query(s.sql, s.params);
    }
  }
}
