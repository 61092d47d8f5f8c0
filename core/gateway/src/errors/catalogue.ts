/**
 * The one catalogue of error codes. A code is never reused for another meaning: when a meaning
 * changes, add a code. Each entry says the HTTP status and a message template; `{name}` parts are
 * filled from the error's params. Messages say what to fix.
 *
 * The docs (docs/en/errors.md and docs/fr/errors.md) list this table; a test keeps them in step.
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

  // 401 / 403
  missing_api_key: {
    status: 401,
    message: 'Send your secret key as "Authorization: Bearer sk_test_…" (or sk_live_…).',
  },
  invalid_api_key: { status: 401, message: 'This API key is not valid: check it, or create a new one.' },

  // 404
  not_found: { status: 404, message: 'No {resource} with id "{id}" in this shop and mode.' },
  route_not_found: { status: 404, message: 'No route {method} {path}. See /v1/openapi.json.' },

  // 413 / 415
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
  // 422 — a definite refusal by the acquirer, journaled
  operation_declined: {
    status: 422,
    message: 'The acquirer declined the {operation} of payment {payment}: {reason} (code {response_code}).',
  },

  // 422 — well-formed but not acceptable for this shop
  live_mode_refused: { status: 422, message: '{detail}' },

  // Hosted payment page, 3-D Secure, payment means, shop look (issue 3)
  page_expired: {
    status: 410,
    message: 'This payment page is no longer open (payment {status}); the buyer cannot pay on it again.',
  },
  payment_method_not_enabled: {
    status: 400,
    message: 'Payment means "{method}" is not enabled for this shop (GET /v1/shop/settings lists them).',
  },
  unsupported_logo: {
    status: 415,
    message: 'The logo must be a PNG, JPEG or WebP image sent with its Content-Type ({detail}).',
  },
  logo_too_large: { status: 413, message: 'The logo is larger than {limit}.' },
  stylesheet_refused: { status: 400, message: 'The stylesheet was refused: {detail}' },
  stylesheet_too_large: { status: 413, message: 'The stylesheet is larger than {limit}.' },
  unsupported_stylesheet_type: { status: 415, message: 'Send the stylesheet as "Content-Type: text/css".' },
  invalid_notification: { status: 401, message: 'The notification signature is missing or wrong.' },
  network_choice_expired: {
    status: 409,
    message: 'The card held for the network choice is gone (used or expired): enter the card again.',
  },

  // Signed-form door POST /vads-payment/ (issue 3): answered as an HTML error page
  vads_malformed_field: { status: 400, message: 'Field {field} is invalid: {detail}' },
  vads_unsupported: { status: 400, message: 'Field {field}: {detail}' },
  vads_unknown_site: {
    status: 400,
    message: 'No shop has vads_site_id "{site_id}": check the site id in GET /v1/shop/settings.',
  },
  vads_bad_signature: {
    status: 400,
    message:
      'The signature does not match: sort the vads_* fields by name, join their values with "+", append "+" and the {mode} key, then Base64(HMAC-SHA-256).',
  },
  vads_wrong_mode_key: {
    status: 400,
    message:
      'The form is signed with the {used} key while vads_ctx_mode is {mode}: sign it with the {mode} key.',
  },
  vads_sha1_not_enabled: {
    status: 400,
    message:
      'The form is signed with SHA-1, which this shop has not enabled: use HMAC-SHA-256 (or enable SHA-1 in the shop settings).',
  },
  vads_duplicate_trans_id: {
    status: 409,
    message:
      'vads_trans_id {trans_id} was already used by this shop on {day} (UTC): use a new one for each payment of the day.',
  },
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
  invalid_link_expiry: {
    status: 400,
    message: 'Field "expires_at" must be between 15 minutes and 30 days from now ({min} to {max}): {detail}.',
  },

  // 5xx — ours, never for bad input
  acquirer_unavailable: {
    status: 503,
    message:
      'The acquirer could not be reached before anything was sent; nothing was charged. Try again in a moment.',
  },
  internal_error: { status: 500, message: 'Internal error; the incident was logged with id {incident}.' },
  not_ready: { status: 503, message: 'The database is not reachable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
