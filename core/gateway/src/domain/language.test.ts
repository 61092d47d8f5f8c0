import { chooseLanguage, negotiateLanguage, toLanguage } from './language.js';

describe('page language', () => {
  it('reads the language of a BCP 47 tag', () => {
    expect(toLanguage('fr-FR')).toBe('fr');
    expect(toLanguage('zh-Hans-CN')).toBe('zh');
    expect(toLanguage('PT_br')).toBe('pt');
    expect(toLanguage('ja')).toBeUndefined();
    expect(toLanguage('')).toBeUndefined();
  });

  it('negotiates Accept-Language by q-value, then order, skipping what we lack', () => {
    expect(negotiateLanguage('ja, de-CH;q=0.9, fr;q=0.8')).toBe('de');
    expect(negotiateLanguage('en;q=0.5, nl')).toBe('nl');
    expect(negotiateLanguage('it;q=0, es;q=0.1')).toBe('es');
    expect(negotiateLanguage('ja, ko')).toBeUndefined();
    expect(negotiateLanguage(undefined)).toBeUndefined();
  });

  it('prefers the buyer pick, then the request, then the browser, then the shop, then French', () => {
    expect(chooseLanguage({ picked: 'it', requested: 'de', acceptLanguage: 'en', shopDefault: 'es' })).toBe(
      'it',
    );
    expect(chooseLanguage({ requested: 'de', acceptLanguage: 'en', shopDefault: 'es' })).toBe('de');
    expect(chooseLanguage({ requested: 'ja', acceptLanguage: 'en', shopDefault: 'es' })).toBe('en');
    expect(chooseLanguage({ acceptLanguage: 'ja', shopDefault: 'es' })).toBe('es');
    expect(chooseLanguage({})).toBe('fr');
  });
});
