import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../../domain/language.js';
import { PAGE_FILES } from './assets.js';

export type Texts = Record<string, Record<string, string>>;

/** One JSON file per language (locales/<lang>.json), read once. */
export function loadTexts(language: Language): Texts {
  return JSON.parse(readFileSync(join(PAGE_FILES, 'locales', `${language}.json`), 'utf8')) as Texts;
}

/**
 * Keys whose text may be the same as in English, with why: brand and scheme names are not
 * translated, and a few short words are the same word in that language. The locale test allows
 * these and nothing else, so English cannot leak into a page unnoticed.
 */
export const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  '*': ['means.paypal', 'means.cofinoga', 'means.cetelem_aurore', 'means.sofinco', 'result.three_ds'],
  es: ['result.guarantee_no'],
  it: ['result.guarantee_no'],
};

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: loadTexts(lang) }])),
  lng: 'fr',
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  // Handlebars escapes every value it prints; escaping here too would print &amp; entities.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The texts of one language. A missing key shows as the key itself, which the locale test forbids. */
export function translator(language: Language): TFunction {
  return instance.getFixedT(language);
}

/** Each language's own name, for the switcher (in that language, so a lost buyer finds theirs). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  fr: 'Français',
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
  pt: 'Português',
  zh: '中文',
};
