import { createHash } from 'node:crypto';
import { logoContentType, logoTypeOf, MAX_LOGO_BYTES } from '../domain/logo.js';
import { checkStylesheet, MAX_STYLESHEET_BYTES } from '../domain/stylesheet.js';
import { CaisseError } from '../errors/index.js';
import { insertShopAsset, updateShopSettings } from '../store/shop-settings-repo.js';
import type { EngineDeps } from './context.js';

const hashOf = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 16);

/**
 * A new logo for the shop's pages (FORM1): PNG, JPEG or WebP up to 256 KB, its bytes matching its
 * type. Stored under a content-hashed name, so pages cached with the old one stay consistent.
 */
export async function uploadLogo(
  deps: EngineDeps,
  shopId: string,
  body: Buffer,
  contentType: string,
): Promise<{ name: string }> {
  if (body.length > MAX_LOGO_BYTES) throw new CaisseError('logo_too_large', { limit: '256 KB' });
  const type = logoTypeOf(body, contentType);
  if (typeof type !== 'string') throw new CaisseError('unsupported_logo', { detail: type.refused });
  const name = `logo-${hashOf(body)}.${type}`;
  await deps.db.transaction().execute(async (trx) => {
    await insertShopAsset(trx, shopId, { name, contentType: logoContentType(type), body }, deps.clock.now());
    await updateShopSettings(trx, shopId, { logoAsset: name });
  });
  return { name };
}

/** A new stylesheet for the shop's pages (CUS2), vetted by domain/stylesheet.ts, up to 64 KB. */
export async function uploadStylesheet(
  deps: EngineDeps,
  shopId: string,
  body: Buffer,
): Promise<{ name: string }> {
  if (body.length > MAX_STYLESHEET_BYTES) throw new CaisseError('stylesheet_too_large', { limit: '64 KB' });
  const text = body.toString('utf8');
  if (Buffer.from(text, 'utf8').compare(body) !== 0) {
    throw new CaisseError('stylesheet_refused', { detail: 'it is not UTF-8 text' });
  }
  const checked = checkStylesheet(text, shopId);
  if (!checked.ok)
    throw new CaisseError('stylesheet_refused', { detail: checked.problems.slice(0, 10).join('; ') });
  const css = Buffer.from(checked.css, 'utf8');
  const name = `style-${hashOf(css)}.css`;
  await deps.db.transaction().execute(async (trx) => {
    await insertShopAsset(
      trx,
      shopId,
      { name, contentType: 'text/css; charset=utf-8', body: css },
      deps.clock.now(),
    );
    await updateShopSettings(trx, shopId, { stylesheetAsset: name });
  });
  return { name };
}
