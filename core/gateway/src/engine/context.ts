import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AcquirerConnector } from '../acquirer/connector.js';
import type { RedirectMeansConnector } from '../acquirer/redirect-means-connector.js';
import type { ThreeDSConnector } from '../acquirer/three-ds-connector.js';
import type { Mode, Source } from '../domain/channel.js';
import type { Clock } from '../domain/clock.js';
import type { Operation } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import type { NextAction } from '../domain/payment-resource.js';
import type { HeldKey } from '../store/idempotency-repo.js';
import type { Database } from '../store/schema.js';
import type { ShopScope } from '../store/scope.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { AuthorizationSteps } from './authorization-steps.js';

export interface EngineConfig {
  /** Days an authorisation stays capturable (DESIGN §3: 7 by default). */
  authorizationValidityDays: number;
  /** Delay before the recovery job first inquires about an operation left pending. */
  inquiryDelayMs: number;
  /** After this long, a still-unconfirmed authorisation is reversed rather than inquired again. */
  settlementDeadlineMs: number;
  /** How long a hosted payment page stays open before the payment is abandoned (default 20 min). */
  pageTtlMinutes: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  authorizationValidityDays: 7,
  inquiryDelayMs: 15_000,
  settlementDeadlineMs: 5 * 60_000,
  pageTtlMinutes: 20,
};

/** Everything a use case needs from the outside world; built once by the server or a test. */
export interface EngineDeps {
  db: Kysely<Database>;
  /** The acquirer of a mode; test mode always has the mock acquirer (BO10). Undefined: no contract. */
  acquirer(mode: Mode): AcquirerConnector | undefined;
  clock: Clock;
  /** Key of the card fingerprints (HMAC), derived from the master secret. */
  fingerprintKey: Buffer;
  /** Encrypts the secrets the gateway must read back (signing keys, webhook secrets...). */
  secretBox: SecretBox;
  config: EngineConfig;
  logger: Logger;
  steps: AuthorizationSteps;
  /** Where a payment waiting for the buyer sends them (the hosted page), if one is served. */
  nextActionFor?: ((payment: Payment) => NextAction | null) | undefined;
  /** The URL of a payment's hosted page whatever its status (a payment link's URL), if one is served. */
  pageUrlFor?: ((payment: Payment) => string | null) | undefined;

  // Hosted page, 3-D Secure and redirect means (issue 3)
  /** Base URL buyers and the acquirer reach this gateway at (CAISSE_PUBLIC_URL, else where it listens). */
  publicUrl?: (() => string) | undefined;
  /** The 3-D Secure directory server of a mode. */
  threeDSServer?: ((mode: Mode) => ThreeDSConnector | undefined) | undefined;
  /** Redirect payment means (wallet, PayPal...) of a mode. */
  redirectMeans?: ((mode: Mode) => RedirectMeansConnector | undefined) | undefined;
  /** Root of the per-reference keys the acquirer signs its notifications (RReq, redirect outcomes) with. */
  notificationKey?: Buffer | undefined;
  /** Key of the hosted pages' CSRF tokens. */
  pageKey?: Buffer | undefined;
}

/** Who is asking, for one use-case call. */
export interface RequestContext {
  scope: ShopScope;
  source: Source;
  /**
   * The Idempotency-Key this request holds: bound to the payment in the first transaction that
   * changes it, so a retry resumes rather than repeats.
   */
  idempotencyKey?: HeldKey | undefined;
}

/** A payment with its journal: what every use case returns. */
export interface PaymentView {
  payment: Payment;
  operations: Operation[];
  /** True when the requested acquirer operation is still pending (outcome unknown): the API answers 202. */
  pending: boolean;
}
