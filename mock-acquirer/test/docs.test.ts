import { readFile } from 'node:fs/promises';
import { TEST_CARDS } from '../src/index.js';

/** Card numbers in the first column of a page's tables. */
async function numbersIn(page: string): Promise<Set<string>> {
  const text = await readFile(new URL(`../../docs/${page}`, import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .filter((line) => /^\|\s*\d/.test(line))
      .map((line) => line.split('|')[1]!.replace(/\s/g, '')),
  );
}

describe('the gateway docs', () => {
  it.each(['en/test-cards.md', 'fr/test-cards.md'])(
    'list every test card of the mock acquirer in docs/%s',
    async (page) => {
      const documented = await numbersIn(page);
      expect(TEST_CARDS.map((card) => card.number).filter((number) => !documented.has(number))).toEqual([]);
      expect([...documented].filter((number) => !TEST_CARDS.some((card) => card.number === number))).toEqual(
        [],
      );
    },
  );
});
