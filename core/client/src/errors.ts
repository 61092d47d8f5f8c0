/**
 * Everything the client throws is a CaisseError. API answers that are errors (RFC 9457
 * problem+json) become a CaisseApiError subclass picked by status, carrying the gateway's stable
 * `code`, the offending `field` and the `requestId` to quote to support; network failures become
 * CaisseConnectionError; webhook verification failures CaisseWebhookError.
 */

/**
 * One invalid field of a request, as listed in problem+json `errors`.
 *
 * @example
 * for (const e of error.errors) console.log(e.field, e.code, e.message);
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * The problem+json body of an API error.
 *
 * @example
 * const problem: ProblemDetails | undefined = error.problem;
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: FieldError[];
  request_id?: string;
}

/**
 * Base of every error of @caisse/client.
 *
 * @example
 * try {
 *   await caisse.payments.capture('pay_…');
 * } catch (error) {
 *   if (error instanceof CaisseError) console.error(error.message);
 * }
 */
export class CaisseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An error answer of the API. `code` is stable (see the gateway's docs/en/errors.md): branch
 * on it, not on the message.
 *
 * @example
 * try {
 *   await caisse.payments.refund('pay_…', { amount: 999_999 });
 * } catch (error) {
 *   if (error instanceof CaisseApiError && error.code === 'amount_too_large') {
 *     console.log(error.field, error.message, error.requestId);
 *   }
 * }
 */
export class CaisseApiError extends CaisseError {
  /** HTTP status. */
  readonly status: number;
  /** Stable error code, e.g. `illegal_transition`, `invalid_amount`. */
  readonly code: string;
  /** The request field at fault, e.g. `amount` or `card.number`. */
  readonly field: string | undefined;
  /** The gateway's request id (`Request-Id` header): quote it when asking for help. */
  readonly requestId: string | undefined;
  /** Every invalid field when there were several. */
  readonly errors: FieldError[];
  /** The problem+json body as received, when there was one. */
  readonly problem: ProblemDetails | undefined;

  constructor(
    message: string,
    init: {
      status: number;
      code: string;
      field?: string;
      requestId?: string;
      errors?: FieldError[];
      problem?: ProblemDetails;
    },
  ) {
    super(message);
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.requestId = init.requestId;
    this.errors = init.errors ?? [];
    this.problem = init.problem;
  }

  /**
   * The error for an HTTP error answer: the subclass for its status, the fields from its
   * problem+json body (or `http_<status>` when the body is not problem+json, e.g. from a proxy).
   *
   * @example
   * const error = CaisseApiError.from(409, { code: 'illegal_transition', detail: 'Cannot capture…' }, 'req_1');
   * error instanceof CaisseConflictError; // true
   */
  static from(status: number, body: unknown, requestId?: string): CaisseApiError {
    const problem = isProblem(body) ? body : undefined;
    const code = problem?.code ?? `http_${status}`;
    const message = problem?.detail ?? `The gateway answered HTTP ${status}.`;
    const init = {
      status,
      code,
      field: problem?.field,
      requestId: problem?.request_id ?? requestId,
      errors: problem?.errors,
      problem,
    };
    if (status === 401 || status === 403) return new CaisseAuthenticationError(message, init);
    if (status === 409) return new CaisseConflictError(message, init);
    if (status === 422) return new CaisseDeclinedError(message, init);
    if (status === 429) return new CaisseRateLimitError(message, init);
    if (status >= 500) return new CaisseServerError(message, init);
    return new CaisseInvalidRequestError(message, init);
  }
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

/**
 * 400, 404, 405, 413, 415: the request is wrong (see `code` and `field`); sending it again will not help.
 *
 * @example
 * if (error instanceof CaisseInvalidRequestError) showFieldError(error.field, error.message);
 */
export class CaisseInvalidRequestError extends CaisseApiError {}

/**
 * 401/403: the secret key is missing, malformed, revoked or of another mode.
 *
 * @example
 * if (error instanceof CaisseAuthenticationError) alertOps('check CAISSE_SECRET_KEY');
 */
export class CaisseAuthenticationError extends CaisseApiError {}

/**
 * 409: the payment's state does not allow it (`illegal_transition`), another operation is in
 * progress, or an Idempotency-Key clash. The client itself retries `idempotency_key_in_use`.
 *
 * @example
 * if (error instanceof CaisseConflictError && error.code === 'illegal_transition') refreshPayment();
 */
export class CaisseConflictError extends CaisseApiError {}

/**
 * 422: well-formed but refused — the acquirer declined the operation (`operation_declined`), or
 * the mode has no acquirer contract.
 *
 * @example
 * if (error instanceof CaisseDeclinedError) console.log('declined:', error.message);
 */
export class CaisseDeclinedError extends CaisseApiError {}

/**
 * 429: too many requests; retried automatically with backoff.
 *
 * @example
 * if (error instanceof CaisseRateLimitError) await sleep(1000);
 */
export class CaisseRateLimitError extends CaisseApiError {}

/**
 * 5xx: the gateway or the acquirer failed. Retried automatically with the same Idempotency-Key,
 * which makes retrying a payment safe.
 *
 * @example
 * if (error instanceof CaisseServerError) console.log('retry later, request', error.requestId);
 */
export class CaisseServerError extends CaisseApiError {}

/**
 * No answer at all: connection refused or reset, DNS failure, timeout. Retried automatically; when
 * it still fails, the request may or may not have been applied — retry it with the same
 * Idempotency-Key (`options.idempotencyKey`) to find out safely.
 *
 * @example
 * if (error instanceof CaisseConnectionError) queueForRetry(request, error.idempotencyKey);
 */
export class CaisseConnectionError extends CaisseError {
  /** The Idempotency-Key the request was sent with (POST/PATCH), to retry it safely. */
  readonly idempotencyKey: string | undefined;
  constructor(message: string, options: { cause?: unknown; idempotencyKey?: string | undefined } = {}) {
    super(message, { cause: options.cause });
    this.idempotencyKey = options.idempotencyKey;
  }
}

/**
 * Why an IPN did not verify.
 *
 * @example
 * if (error instanceof CaisseWebhookError && error.reason === 'stale_timestamp') alert('check the clock');
 */
export type WebhookErrorReason =
  /** The body was not the raw string or Buffer (e.g. already parsed by a JSON middleware). */
  | 'body_not_raw'
  /** webhook-id, webhook-timestamp or webhook-signature is missing. */
  | 'missing_headers'
  /** webhook-timestamp is not a Unix time in seconds. */
  | 'invalid_timestamp'
  /** webhook-timestamp is more than the tolerance (5 min) away from now: a replayed or delayed request. */
  | 'stale_timestamp'
  /** No v1 signature matches: wrong secret (test vs live?), or the body was changed. */
  | 'invalid_signature'
  /** The secret is not a `whsec_…` Standard Webhooks secret. */
  | 'invalid_secret'
  /** The signature is right but the body is not a Caisse event. */
  | 'invalid_payload';

/**
 * An IPN that must not be trusted; `reason` says why. Answer it 400 (and do not act on it).
 *
 * @example
 * try {
 *   const event = verifyWebhook(rawBody, req.headers, secret);
 * } catch (error) {
 *   if (error instanceof CaisseWebhookError) return res.status(400).send(error.reason);
 *   throw error;
 * }
 */
export class CaisseWebhookError extends CaisseError {
  readonly reason: WebhookErrorReason;
  constructor(reason: WebhookErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
