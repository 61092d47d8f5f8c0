import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from './catalogue.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe.each(['en', 'fr'])('docs/%s/errors.md', (language) => {
  const rows = readFileSync(join(root, 'docs', language, 'errors.md'), 'utf8')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'));
  const documented = new Set(rows.flatMap((row) => [...row.matchAll(/^\|\s*`([a-z_]+)`/g)].map((m) => m[1])));

  it('lists every code of the catalogue, with its HTTP status', () => {
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      const row = rows.find((r) => new RegExp(`^\\|\\s*\`${code}\``).test(r));
      expect(row ?? `missing row for ${code}`).toMatch(new RegExp(`\\|\\s*${status}\\s*\\|`));
    }
  });

  it('lists no code the catalogue does not have', () => {
    expect([...documented].filter((code) => !(code! in ERROR_CATALOGUE))).toEqual([]);
  });
});
