import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from './config.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/** Read outside the gateway's schema, and documented on the same page. */
const OUTSIDE_SCHEMA = new Set(['MOCK_ACQUIRER_API_KEY']);

/** The default of a setting as the docs print it, or undefined when it has none. */
function defaultOf(key: string): string | undefined {
  const def = (ConfigSchema.shape[key as keyof typeof ConfigSchema.shape] as { _zod: { def: unknown } })._zod
    .def as { type: string; defaultValue?: unknown };
  return def.type === 'default' ? String(def.defaultValue) : undefined;
}

describe.each(['en', 'fr'])('docs/%s/configuration.md', (language) => {
  const rows = readFileSync(join(root, 'docs', language, 'configuration.md'), 'utf8')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'));
  const rowOf = (key: string) => rows.find((row) => new RegExp(`^\\|\\s*\`${key}\`\\s*\\|`).test(row));

  it.each(Object.keys(ConfigSchema.shape))('has a row for %s, with its default', (key) => {
    const row = rowOf(key);
    expect(row ?? `no table row for ${key}`).toMatch(/^\|/);
    const fallback = defaultOf(key);
    // The second column is the default, written as code.
    const defaultCell = row?.split('|')[2]?.trim();
    if (fallback !== undefined) expect(defaultCell).toBe(`\`${fallback}\``);
    else expect(defaultCell).not.toMatch(/^`/);
  });

  it('lists no variable the schema does not have', () => {
    const documented = rows.flatMap((row) =>
      [...row.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/g)].map((m) => m[1]!),
    );
    expect(documented.filter((key) => !(key in ConfigSchema.shape) && !OUTSIDE_SCHEMA.has(key))).toEqual([]);
  });
});
