import { LANGUAGES } from '../../domain/language.js';
import { loadTexts, SAME_AS_ENGLISH, translator } from './i18n.js';

function flatten(texts: Record<string, Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [group, entries] of Object.entries(texts)) {
    for (const [key, value] of Object.entries(entries)) out.set(`${group}.${key}`, value);
  }
  return out;
}

const english = flatten(loadTexts('en'));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('page texts', () => {
  it.each(LANGUAGES.map((lang) => [lang]))('%s has every key of English and no other', (lang) => {
    const texts = flatten(loadTexts(lang));
    expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of texts) {
      expect(value.trim()).not.toBe('');
      // The same placeholders, so no amount or card ending goes missing in a translation.
      expect([key, placeholders(value)]).toEqual([key, placeholders(english.get(key)!)]);
    }
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'en').map((lang) => [lang]))(
    '%s leaks no English: every text differs from English but the documented exceptions',
    (lang) => {
      const allowed = new Set([...(SAME_AS_ENGLISH['*'] ?? []), ...(SAME_AS_ENGLISH[lang] ?? [])]);
      const leaks = [...flatten(loadTexts(lang))].filter(
        ([key, value]) => value === english.get(key) && !allowed.has(key),
      );
      expect(leaks).toEqual([]);
    },
  );

  it('interpolates without escaping (the templates escape)', () => {
    expect(translator('fr')('page.pay_to', { shop: 'Café & Thé' })).toBe('Paiement à Café & Thé');
    expect(translator('de')('card.submit', { amount: '24,90 €' })).toBe('24,90 € bezahlen');
  });
});
