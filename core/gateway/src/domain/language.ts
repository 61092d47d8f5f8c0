/** Languages of the hosted pages (FORM2): the seven of the offer sheet and Chinese. */
export const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(code: string): code is Language {
  return (LANGUAGES as readonly string[]).includes(code);
}

/** A BCP 47 tag's language if we have it: "fr-FR" → fr, "zh-Hans-CN" → zh, "ja" → undefined. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The best of our languages for an Accept-Language header, by q-value then order
 * ("de-CH, fr;q=0.8, en;q=0.5" → de). Undefined when none is acceptable.
 */
export function negotiateLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const language = toLanguage(entry.tag);
    if (language) return language;
  }
  return undefined;
}

/**
 * The page language (FORM2): the buyer's own pick on the page, then the language the shop asked
 * for, then the browser's Accept-Language, then the shop's default, then French.
 */
export function chooseLanguage(candidates: {
  picked?: string | null | undefined;
  requested?: string | null | undefined;
  acceptLanguage?: string | undefined;
  shopDefault?: string | null | undefined;
}): Language {
  return (
    toLanguage(candidates.picked) ??
    toLanguage(candidates.requested) ??
    negotiateLanguage(candidates.acceptLanguage) ??
    toLanguage(candidates.shopDefault) ??
    'fr'
  );
}
