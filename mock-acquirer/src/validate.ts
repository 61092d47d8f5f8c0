import { normalizeCardNumber } from './card-number.js';
import { InvalidRequestError } from './errors.js';
import {
  type AuthenticationRequest,
  type AuthorizationRequest,
  type CaptureRequest,
  type CardInput,
  REDIRECT_MEANS,
  type RedirectMeans,
  type RedirectPaymentRequest,
  type ReversalRequest,
  type ThreeDsInput,
} from './wire.js';

// Hand-written checks rather than a schema library: this is the benchmark's hot path, and the
// mock accepts unknown fields so the gateway can send more than the mock reads.

type Body = Record<string, unknown>;

const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;
const PAN = /^\d{12,19}$/;
const CVC = /^\d{3,4}$/;

function object(value: unknown, field: string | null): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequestError(
      field,
      field === null
        ? 'body must be a JSON object sent with Content-Type: application/json'
        : `${field} must be a JSON object`,
    );
  }
  return value as Body;
}

function string(body: Body, field: string, path = field, max = 128): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new InvalidRequestError(path, `${path} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

function optionalString(body: Body, field: string, path = field, max = 128): string | undefined {
  return body[field] === undefined ? undefined : string(body, field, path, max);
}

function reference(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !REFERENCE.test(value)) {
    throw new InvalidRequestError(field, `${field} must be 1 to 64 characters among A-Z a-z 0-9 _ -`);
  }
  return value;
}

function integer(body: Body, field: string, min: number, path = field): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidRequestError(path, `${path} must be an integer ≥ ${min}`);
  }
  return value;
}

function amount(body: Body, min: number): number {
  const value = body['amount'];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidRequestError(
      'amount',
      `amount must be an integer ≥ ${min} in minor units (1050 for 10.50 EUR)`,
    );
  }
  return value;
}

function card(value: unknown): CardInput {
  const body = object(value, 'card');
  const rawNumber = string(body, 'number', 'card.number', 32);
  const number = normalizeCardNumber(rawNumber);
  // The message never repeats the number: it may be a real PAN typed by mistake.
  if (!PAN.test(number)) throw new InvalidRequestError('card.number', 'card.number must be 12 to 19 digits');
  const expMonth = integer(body, 'exp_month', 1, 'card.exp_month');
  if (expMonth > 12) throw new InvalidRequestError('card.exp_month', 'card.exp_month must be 1 to 12');
  let expYear = integer(body, 'exp_year', 0, 'card.exp_year');
  if (expYear < 100) expYear += 2000;
  if (expYear < 2000 || expYear > 2099) {
    throw new InvalidRequestError('card.exp_year', 'card.exp_year must be a year such as 2030 (or 30)');
  }
  const result: CardInput = { number, exp_month: expMonth, exp_year: expYear };
  if (body['cvc'] !== undefined) {
    if (typeof body['cvc'] !== 'string' || !CVC.test(body['cvc'])) {
      throw new InvalidRequestError('card.cvc', 'card.cvc must be a string of 3 or 4 digits');
    }
    result.cvc = body['cvc'];
  }
  const holder = optionalString(body, 'holder', 'card.holder', 256);
  if (holder !== undefined) result.holder = holder;
  return result;
}

function threeDs(value: unknown): ThreeDsInput {
  const body = object(value, 'three_ds');
  const result: ThreeDsInput = { trans_status: string(body, 'trans_status', 'three_ds.trans_status', 2) };
  const eci = optionalString(body, 'eci', 'three_ds.eci', 2);
  if (eci !== undefined) result.eci = eci;
  const cavv = optionalString(body, 'authentication_value', 'three_ds.authentication_value', 128);
  if (cavv !== undefined) result.authentication_value = cavv;
  const version = optionalString(body, 'version', 'three_ds.version', 16);
  if (version !== undefined) result.version = version;
  return result;
}

export function parseAuthorizationRequest(value: unknown): AuthorizationRequest {
  const body = object(value, null);
  const request: AuthorizationRequest = {
    reference: reference(body, 'reference'),
    merchant_id: string(body, 'merchant_id'),
    amount: amount(body, 0),
    currency: parseCurrency(body['currency']),
    card: card(body['card']),
    capture: false,
  };
  if (body['capture'] !== undefined) {
    if (typeof body['capture'] !== 'boolean')
      throw new InvalidRequestError('capture', 'capture must be a boolean');
    request.capture = body['capture'];
  }
  const channel = optionalString(body, 'channel');
  if (channel !== undefined) request.channel = channel;
  if (body['three_ds'] !== undefined) request.three_ds = threeDs(body['three_ds']);
  if (body['initiator'] !== undefined) {
    if (body['initiator'] !== 'customer' && body['initiator'] !== 'merchant') {
      throw new InvalidRequestError('initiator', 'initiator must be "customer" or "merchant"');
    }
    request.initiator = body['initiator'];
  }
  return request;
}

function parseCurrency(value: unknown): string {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw new InvalidRequestError(
      'currency',
      'currency must be an ISO 4217 alpha-3 code in capitals, such as EUR',
    );
  }
  return value;
}

export function parseCaptureRequest(value: unknown): CaptureRequest {
  const body = object(value, null);
  return {
    reference: reference(body, 'reference'),
    authorization_reference: reference(body, 'authorization_reference'),
    amount: amount(body, 1),
  };
}

export const parseRefundRequest = parseCaptureRequest;

export function parseReversalRequest(value: unknown): ReversalRequest {
  const body = object(value, null);
  return {
    reference: reference(body, 'reference'),
    authorization_reference: reference(body, 'authorization_reference'),
  };
}

function httpUrl(body: Body, field: string): string {
  const value = string(body, field, field, 2048);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidRequestError(field, `${field} must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(field, `${field} must be an absolute http(s) URL`);
  }
  return value;
}

function notificationKey(body: Body): string {
  const value = body['notification_key'];
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{32,128}$/.test(value)) {
    throw new InvalidRequestError(
      'notification_key',
      'notification_key must be 32 to 128 base64url characters',
    );
  }
  return value;
}

export function parseAuthenticationRequest(value: unknown): AuthenticationRequest {
  const body = object(value, null);
  const { number, exp_month, exp_year } = card(body['card']);
  const request: AuthenticationRequest = {
    three_ds_server_trans_id: reference(body, 'three_ds_server_trans_id'),
    merchant_id: string(body, 'merchant_id'),
    amount: amount(body, 0),
    currency: parseCurrency(body['currency']),
    card: { number, exp_month, exp_year },
    notification_url: httpUrl(body, 'notification_url'),
    notification_key: notificationKey(body),
    return_url: httpUrl(body, 'return_url'),
  };
  const version = optionalString(body, 'message_version', 'message_version', 16);
  if (version !== undefined) request.message_version = version;
  return request;
}

export function parseRedirectPaymentRequest(value: unknown): RedirectPaymentRequest {
  const body = object(value, null);
  const means = body['means'];
  if (typeof means !== 'string' || !(REDIRECT_MEANS as readonly string[]).includes(means)) {
    throw new InvalidRequestError('means', `means must be one of ${REDIRECT_MEANS.join(', ')}`);
  }
  if (body['capture'] !== undefined && typeof body['capture'] !== 'boolean') {
    throw new InvalidRequestError('capture', 'capture must be a boolean');
  }
  return {
    reference: reference(body, 'reference'),
    merchant_id: string(body, 'merchant_id'),
    means: means as RedirectMeans,
    amount: amount(body, 1),
    currency: parseCurrency(body['currency']),
    capture: body['capture'] === true,
    return_url: httpUrl(body, 'return_url'),
    notification_url: httpUrl(body, 'notification_url'),
    notification_key: notificationKey(body),
  };
}
