import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { Database } from '../store/schema.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { Mailer } from './emails/mailer.js';
import type { IpnFormatChooser } from './ipn-format.js';

export interface NotifyConfig {
  /** An IPN that has not answered after this long is a failed attempt (REP2: 10 s). */
  webhookTimeoutMs: number;
  /**
   * How long a claimed event or email is reserved for the worker that claimed it. Longer than the
   * time a batch can take (the sends of a batch run in parallel, each within the timeout); after a
   * crash, what was claimed is sent again once the lease runs out.
   */
  leaseMs: number;
  /** Events (and, separately, emails) claimed per round. */
  batchSize: number;
  /** Sends in flight at once within a batch. Events of one payment go one after the other. */
  concurrency: number;
  /** The From: of every email. */
  mailFrom: string;
  /** Where the gateway is reached, for links in emails; optional. */
  publicUrl?: string | undefined;
}

export const DEFAULT_NOTIFY_CONFIG: NotifyConfig = {
  webhookTimeoutMs: 10_000,
  leaseMs: 5 * 60_000,
  batchSize: 50,
  concurrency: 10,
  mailFrom: 'Caisse <no-reply@localhost>',
};

/** What the relay needs; built once by the gateway (or a test) beside the engine's deps. */
export interface NotifyDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Opens the shops' webhook secrets. */
  secretBox: SecretBox;
  config: NotifyConfig;
  /** SMTP; undefined when none is configured (emails are then `skipped`). */
  mailer: Mailer | undefined;
  /**
   * Picks the wire format of each event's IPN: the signed form's `vads_*` fields for the payments
   * that came through POST /vads-payment/, Standard Webhooks JSON for the rest.
   */
  ipnFormatFor: IpnFormatChooser;
  /** Jitter of the retry schedule; tests pin it. */
  random: () => number;
}
