import type {
  CaptureParams,
  CreatePaymentLinkParams,
  CreatePaymentParams,
  DuplicateParams,
  List,
  ListPaymentsParams,
  ModifyPaymentParams,
  OrderEventParams,
  Payment,
  RefundParams,
} from '../types.js';
import { bare, optional, required } from './define.js';

/** /v1/payments: create, read and operate payments. */
export const PAYMENTS = {
  /** Create a payment; with `card` it is authorised at once. */
  create: required<'/v1/payments', CreatePaymentParams, Payment>('POST', '/v1/payments'),
  /** Payment by email: a payment whose hosted page is emailed to `customer.email` (see payment_link). */
  createLink: required<'/v1/payment-links', CreatePaymentLinkParams, Payment>('POST', '/v1/payment-links'),
  retrieve: bare<'/v1/payments/{id}', Payment>('GET', '/v1/payments/{id}'),
  /** Newest first. */
  list: optional<'/v1/payments', ListPaymentsParams, List<Payment>>('GET', '/v1/payments'),
  /** Lower the amount or move the capture date before capture. */
  modify: required<'/v1/payments/{id}', ModifyPaymentParams, Payment>('PATCH', '/v1/payments/{id}'),
  capture: optional<'/v1/payments/{id}/capture', CaptureParams, Payment>('POST', '/v1/payments/{id}/capture'),
  refund: optional<'/v1/payments/{id}/refund', RefundParams, Payment>('POST', '/v1/payments/{id}/refund'),
  cancel: bare<'/v1/payments/{id}/cancel', Payment>('POST', '/v1/payments/{id}/cancel'),
  validate: bare<'/v1/payments/{id}/validate', Payment>('POST', '/v1/payments/{id}/validate'),
  /** A new payment for the same buyer. */
  duplicate: optional<'/v1/payments/{id}/duplicate', DuplicateParams, Payment>(
    'POST',
    '/v1/payments/{id}/duplicate',
  ),
  /** Report an order event (shipped, delivered, cancelled); the typology decides what it does. */
  reportOrderEvent: required<'/v1/payments/{id}/events', OrderEventParams, Payment>(
    'POST',
    '/v1/payments/{id}/events',
  ),
};
