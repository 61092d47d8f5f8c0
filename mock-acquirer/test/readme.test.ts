import { readFile } from 'node:fs/promises';
import { TEST_CARDS } from '../src/index.js';

describe('README', () => {
  it('documents exactly the test cards the mock acquirer serves', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Test cards'), readme.indexOf('## Fault injection'));
    const rows = section
      .split('\n')
      .filter((line) => /^\|\s*\d/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map(([, number, outcome]) => [number?.replace(/ /g, ''), outcome])).toEqual(
      TEST_CARDS.map((card) => [card.number, card.description]),
    );
  });
});
