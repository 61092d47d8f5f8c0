import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The path of a file shipped beside this module (translations, templates). The compiled build
 * (dist/) does not copy them, and the package ships src/ too: look there when running from dist.
 */
export function emailAssetPath(...parts: string[]): string {
  const local = join(here, ...parts);
  if (existsSync(local)) return local;
  return join(here, '..', '..', '..', 'src', 'notify', 'emails', ...parts);
}

export function readEmailAsset(...parts: string[]): string {
  return readFileSync(emailAssetPath(...parts), 'utf8');
}
