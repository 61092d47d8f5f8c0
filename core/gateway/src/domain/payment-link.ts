import { fieldError } from '../errors/index.js';

/**
 * Payment by email (TE7): a payment whose hosted page is sent to the buyer as a link, open much
 * longer than a page the shop redirects to. Its URL is the page's own (`/pay/<token>`, 40 random
 * base62 characters): nothing else identifies it, so nothing can be guessed from it.
 */

/** A link nobody dated stays payable this long (7 days). */
export const LINK_DEFAULT_TTL_MS = 7 * 24 * 3600_000;
/** At least this far ahead: the email must have time to arrive and be read (15 minutes). */
export const LINK_MIN_TTL_MS = 15 * 60_000;
/**
 * At most this far ahead (30 days): the URL is a bearer credential sitting in a mailbox, and an
 * order older than a month is better sent again with its amount checked.
 */
export const LINK_MAX_TTL_MS = 30 * 24 * 3600_000;

/**
 * When a new link stops being payable: `requested` if it falls within [now + 15 min, now + 30 days],
 * else a 400 `invalid_link_expiry` on `expires_at`; now + 7 days without one.
 */
export function linkExpiry(now: Date, requested?: Date | undefined): Date {
  if (requested === undefined) return new Date(now.getTime() + LINK_DEFAULT_TTL_MS);
  const min = new Date(now.getTime() + LINK_MIN_TTL_MS);
  const max = new Date(now.getTime() + LINK_MAX_TTL_MS);
  if (Number.isNaN(requested.getTime()) || requested < min || requested > max) {
    const detail = Number.isNaN(requested.getTime())
      ? 'not a date'
      : requested <= now
        ? `${requested.toISOString()} is in the past`
        : requested < min
          ? `${requested.toISOString()} is less than 15 minutes away`
          : `${requested.toISOString()} is more than 30 days away`;
    throw fieldError('invalid_link_expiry', 'expires_at', {
      detail,
      min: min.toISOString(),
      max: max.toISOString(),
    });
  }
  return requested;
}
