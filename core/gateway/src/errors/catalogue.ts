/**
 * The one catalogue of error codes. A code is never reused for another meaning: when a meaning
 * changes, add a code. Each entry says the HTTP status and a message template; `{name}` parts are
 * filled from the error's params. Messages say what to fix.
 *
 * The docs (docs/en/api/errors.md) list this table; a test keeps them in step.
 */
export const ERROR_CATALOGUE = {
  // 400 — the request itself is malformed
  invalid_json: { status: 400, message: 'The request body is not valid JSON: {detail}' },
  invalid_request: { status: 400, message: '{detail}' },
  unknown_field: { status: 400, message: 'Unknown field "{field}": remove it (see /v1/openapi.json).' },
  invalid_field: { status: 400, message: 'Field "{field}" is invalid: {detail}' },
  missing_field: { status: 400, message: 'Field "{field}" is required.' },
  invalid_amount: {
    status: 400,
    message: 'Field "{field}" must be a positive integer in minor units (e.g. 5000 for 50.00 EUR): {detail}',
  },
  unknown_currency: {
    status: 400,
    message: 'Currency "{currency}" is not an ISO 4217 currency code this gateway supports.',
  },
  invalid_card_number: {
    status: 400,
    message: 'The card number is not valid (length or check digit): ask the buyer to check it.',
  },
  card_expired: { status: 400, message: 'The card expired at the end of {month}/{year}.' },
  invalid_card_expiry: {
    status: 400,
    message: 'The card expiry {month}/{year} is not a valid month and year.',
  },
  invalid_cvc: {
    status: 400,
    message: 'The card security code must have {length} digits for a {brand} card.',
  },
  unsupported_card_brand: { status: 400, message: 'Cards of this brand are not accepted.' },
  invalid_typology: { status: 400, message: '{detail}' },
  invalid_capture_date: { status: 400, message: '{detail}' },
  invalid_idempotency_key: {
    status: 400,
    message: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.',
  },
  invalid_cursor: { status: 400, message: 'starting_after "{cursor}" is not a payment of this shop.' },
  card_data_not_allowed: { status: 400, message: '{detail}' },

  // 401 / 403
  missing_api_key: {
    status: 401,
    message: 'Send your secret key as "Authorization: Bearer sk_test_…" (or sk_live_…).',
  },
  invalid_api_key: { status: 401, message: 'This API key is not valid: check it, or create a new one.' },

  // 404
  not_found: { status: 404, message: 'No {resource} with id "{id}" in this shop and mode.' },
  route_not_found: { status: 404, message: 'No route {method} {path}. See /v1/openapi.json.' },

  // 405 / 413 / 415
  method_not_allowed: { status: 405, message: 'Method {method} is not allowed on {path}.' },
  payload_too_large: { status: 413, message: 'The request body is larger than {limit}.' },
  unsupported_media_type: {
    status: 415,
    message: 'Send the body as JSON with "Content-Type: application/json".',
  },

  // 409 — state conflicts
  illegal_transition: {
    status: 409,
    message: 'Cannot {action} a payment that is {status}; it must be {expected}.',
  },
  operation_in_progress: {
    status: 409,
    message: 'Another operation on this payment is in progress ({operation}); retry when it has settled.',
  },
  amount_too_large: { status: 409, message: '{detail}' },
  authorization_expired: {
    status: 409,
    message: 'The authorisation expired on {expired_at}: it can no longer be captured.',
  },
  idempotency_key_reused: {
    status: 409,
    message: 'This Idempotency-Key was already used with another request; use a new key for a new request.',
  },
  idempotency_key_in_use: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry in a moment.',
  },
  payment_already_captured: { status: 409, message: '{detail}' },
  operation_declined: {
    status: 422,
    message: 'The acquirer declined the {operation} of payment {payment}: {reason} (code {response_code}).',
  },

  // 422 — well-formed but not acceptable for this shop
  live_mode_refused: { status: 422, message: '{detail}' },

  // ---- notifications and journals (issue 4) ----
  invalid_event_cursor: {
    status: 400,
    message: 'starting_after "{cursor}" is not an event of this shop and mode.',
  },
  invalid_operation_cursor: {
    status: 400,
    message: 'starting_after "{cursor}" is not an operation of this shop and mode.',
  },
  invalid_email_template: {
    status: 400,
    message: 'Field "{field}" is not a valid Handlebars template: {detail}',
  },
  empty_update: { status: 400, message: 'Nothing to change: give at least one of {fields}.' },

  // 5xx — ours, never for bad input
  acquirer_unavailable: {
    status: 503,
    message: 'The acquirer did not answer; nothing was charged. Retry with the same Idempotency-Key.',
  },
  internal_error: { status: 500, message: 'Internal error; the incident was logged with id {incident}.' },
  not_ready: { status: 503, message: 'The database is not reachable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
