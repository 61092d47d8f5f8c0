import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { Mode } from '../../domain/channel.js';
import { newId, randomBase62 } from '../../domain/ids.js';
import { CaisseError } from '../../errors/index.js';
import type { Database } from '../../store/schema.js';
import type { ShopScope } from '../../store/scope.js';
import { findApiKeyByHash } from '../../store/shops-repo.js';
import type { ApiKeyCache } from './api-key-cache.js';

const KEY_FORMAT = /^sk_(test|live)_[0-9A-Za-z]{32}$/;

/** Secret keys are stored as SHA-256: they are 190-bit random, so a slow hash would add nothing. */
export function hashSecretKey(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function generateSecretKey(mode: Mode): { id: string; secret: string; hash: Buffer; prefix: string } {
  const secret = `sk_${mode}_${randomBase62(32)}`;
  return { id: newId('key'), secret, hash: hashSecretKey(secret), prefix: secret.slice(0, 12) };
}

export function scopeOf(res: Response): ShopScope {
  const scope = res.locals.scope as ShopScope | undefined;
  if (!scope) throw new Error('route used without authentication');
  return scope;
}

/**
 * Bearer secret key per shop and mode. The key is looked up by its hash (no comparison of secrets
 * in our code, hence nothing to time); a malformed key is refused before any query. Active keys
 * are remembered for a short while (api-key-cache.ts), which delays a revocation by as much.
 */
export function authenticate(db: Kysely<Database>, cache?: ApiKeyCache): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) throw new CaisseError('missing_api_key');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new CaisseError('missing_api_key');
    const secret = match[1]!;
    if (!KEY_FORMAT.test(secret)) throw new CaisseError('invalid_api_key');
    const hash = hashSecretKey(secret);
    let key = cache?.get(hash);
    if (!key) {
      key = await findApiKeyByHash(db, hash);
      if (!key) throw new CaisseError('invalid_api_key');
      cache?.set(hash, key);
    }
    res.locals.scope = { shopId: key.shopId, mode: key.mode } satisfies ShopScope;
    next();
  };
}
