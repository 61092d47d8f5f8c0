import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabaseKind } from '@caisse/gateway/testing';
import { jest } from '@jest/globals';
import { capturePaymentSql } from '../../bench/src/sql/capture.js';
import type { PaymentSql } from '../../bench/src/sql/template.js';

const committed = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../bench/src/sql/payment-sql.json'), 'utf8'),
) as PaymentSql;

describe('the storage-limit benchmark', () => {
  jest.setTimeout(60_000);

  it('replays exactly the statements the gateway sends for one payment (else: npm run capture-sql -w @caisse/bench)', async () => {
    const kind = testDatabaseKind();
    const captured = await capturePaymentSql(
      kind === 'postgres' ? { kind, adminUrl: process.env.TEST_DATABASE_URL! } : { kind },
    );
    const shape = (file: PaymentSql) =>
      file.statements.map((s) => `${s.sql} -- ${s.params.length} parameters`);
    expect(shape(captured)).toEqual(shape(committed));
    expect(captured.statements.filter((s) => s.sql === 'commit')).toHaveLength(2);
  });
});
