import type { Clock } from '../../domain/clock.js';
import type { ApiKeyMatch } from '../../store/shops-repo.js';

/**
 * Remembers, per process, which API-key hashes were found active, for `ttlMs`: every API call
 * otherwise costs one more database round trip before any work. The price is a revocation delay:
 * a key revoked in the database keeps working for at most `ttlMs` on each process that saw it
 * (CAISSE_API_KEY_CACHE_MS; 0 turns the cache off). Unknown keys are never cached, so a key
 * created a moment ago works at once and random keys cannot fill the memory.
 */
export class ApiKeyCache {
  readonly #entries = new Map<string, { match: ApiKeyMatch; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #maxEntries: number;

  constructor(options: { ttlMs: number; clock: Clock; maxEntries?: number }) {
    this.#ttlMs = options.ttlMs;
    this.#clock = options.clock;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  get(hash: Buffer): ApiKeyMatch | undefined {
    if (this.#ttlMs === 0) return undefined;
    const key = hash.toString('base64');
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#clock.now().getTime()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.match;
  }

  set(hash: Buffer, match: ApiKeyMatch): void {
    if (this.#ttlMs === 0) return;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(hash.toString('base64'), {
      match,
      expiresAt: this.#clock.now().getTime() + this.#ttlMs,
    });
  }
}
