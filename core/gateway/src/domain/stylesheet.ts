import postcss, { CssSyntaxError } from 'postcss';

/** The largest stylesheet a shop may upload. */
export const MAX_STYLESHEET_BYTES = 64 * 1024;

/** At-rules a shop stylesheet may use; anything else (@import, @document...) is refused. */
const AT_RULES = new Set([
  'media',
  'supports',
  'font-face',
  'keyframes',
  '-webkit-keyframes',
  'layer',
  'container',
  'charset',
  'page',
]);

/** Functions that fetch or run something: refused outright (url() is checked, not refused). */
const FORBIDDEN_FUNCTIONS = new Set([
  'expression',
  'image-set',
  '-webkit-image-set',
  'image',
  'element',
  '-moz-element',
]);
const FORBIDDEN_PROPERTIES = new Set(['behavior', '-moz-binding', 'behaviour']);

/** CSS escapes resolved (\75 rl( is url(), \u is u), so that no spelling slips past the checks. */
export function decodeCssEscapes(text: string): string {
  return text
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (_, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff ? '\uFFFD' : String.fromCodePoint(code);
    })
    .replace(/\\(.)/gs, '$1');
}

export type StylesheetCheck = { ok: true; css: string } | { ok: false; problems: string[] };

/**
 * Vets a shop's stylesheet (CUS2) with a real CSS parser (postcss), refusing rather than silently
 * rewriting, so the merchant learns what to fix:
 * - no @import (of any host), and at-rules from a short list only;
 * - url() only towards the shop's own assets (/assets/shops/<shop id>/...);
 * - no expression(), image-set() and friends, no behavior / -moz-binding, no javascript: anywhere;
 * - escapes decoded before every check.
 * The hosted page's CSP (img-src, font-src 'self') stays the second belt if anything got through.
 */
export function checkStylesheet(css: string, shopId: string): StylesheetCheck {
  if (css.includes('\0')) return { ok: false, problems: ['the stylesheet contains a NUL character'] };
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (error) {
    const line = error instanceof CssSyntaxError ? ` (line ${error.line})` : '';
    return { ok: false, problems: [`it is not valid CSS${line}`] };
  }
  const own = `/assets/shops/${shopId}/`;
  const problems: string[] = [];
  const at = (node: postcss.Node) => `line ${node.source?.start?.line ?? '?'}`;
  const checkValue = (value: string, node: postcss.Node) => {
    const text = decodeCssEscapes(value);
    if (/javascript\s*:/i.test(text)) problems.push(`${at(node)}: javascript: is not allowed`);
    for (const match of text.matchAll(/([a-zA-Z_-][\w-]*)\s*\(/g)) {
      const name = match[1]!.toLowerCase();
      if (FORBIDDEN_FUNCTIONS.has(name)) problems.push(`${at(node)}: ${name}() is not allowed`);
    }
    for (const match of text.matchAll(/\b(url|src)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) {
      const target = (match[2] ?? match[3] ?? match[4] ?? '').trim();
      if (!target.startsWith(own) || target.includes('..') || target.includes('\\') || /[?#]/.test(target)) {
        problems.push(
          `${at(node)}: url() may only point to this shop's own assets (${own}...), not "${target.slice(0, 80)}"`,
        );
      }
    }
    // A url( the pattern above could not read (unbalanced, nested) is refused rather than guessed.
    const urls = text.match(/\b(url|src)\s*\(/gi)?.length ?? 0;
    const read = [...text.matchAll(/\b(url|src)\s*\(\s*(?:"[^"]*"|'[^']*'|[^)\s]*)\s*\)/gi)].length;
    if (urls !== read) problems.push(`${at(node)}: a url() could not be read`);
  };
  root.walk((node) => {
    if (node.type === 'atrule') {
      const name = decodeCssEscapes(node.name).toLowerCase();
      if (!AT_RULES.has(name)) problems.push(`${at(node)}: @${name} is not allowed`);
      checkValue(node.params, node);
    } else if (node.type === 'decl') {
      const prop = decodeCssEscapes(node.prop).toLowerCase();
      if (FORBIDDEN_PROPERTIES.has(prop)) problems.push(`${at(node)}: the ${prop} property is not allowed`);
      checkValue(node.value, node);
    } else if (node.type === 'rule') {
      checkValue(node.selector, node);
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, css: root.toString() };
}
