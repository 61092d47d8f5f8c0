import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AcquirerConnector } from '../acquirer/connector.js';
import type { Mode, Source } from '../domain/channel.js';
import type { Clock } from '../domain/clock.js';
import type { Operation } from '../domain/operation.js';
import type { Payment } from '../domain/payment.js';
import type { NextAction } from '../domain/payment-resource.js';
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
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  authorizationValidityDays: 7,
  inquiryDelayMs: 15_000,
  settlementDeadlineMs: 5 * 60_000,
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
}

/** Who is asking, for one use-case call. */
export interface RequestContext {
  scope: ShopScope;
  source: Source;
  /** Bound to the payment in the first transaction that changes it, so a retry resumes rather than repeats. */
  idempotencyKey?: string | undefined;
}

/** A payment with its journal: what every use case returns. */
export interface PaymentView {
  payment: Payment;
  operations: Operation[];
  /** True when the requested acquirer operation is still pending (outcome unknown): the API answers 202. */
  pending: boolean;
}
