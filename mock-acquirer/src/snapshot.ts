import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Ledger, LedgerSnapshot } from './ledger.js';

/** Loads `file` into `ledger`; false when the file does not exist yet. */
export async function loadSnapshot(file: string, ledger: Ledger): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  ledger.restore(JSON.parse(text) as LedgerSnapshot);
  return true;
}

/** Writes the ledger to `file` through a temporary file, so a crash never leaves half a snapshot. */
export async function saveSnapshot(file: string, ledger: Ledger): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(ledger.toSnapshot()));
  await rename(temporary, file);
}
