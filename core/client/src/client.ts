import { type ClientOptions, HttpClient } from './http-client.js';
import { bind, paginate } from './resources/define.js';
import { EVENTS } from './resources/events.js';
import { OPERATIONS } from './resources/operations.js';
import { PAYMENTS } from './resources/payments.js';
import { EMAIL_SETTINGS, NOTIFICATION_SETTINGS } from './resources/shop.js';
import type {
  Event,
  JournalEntry,
  ListEventsParams,
  ListOperationsParams,
  ListPaymentsParams,
  Payment,
} from './types.js';

/**
 * The Caisse REST API v1, typed. One instance per secret key (each mode has its own key).
 * Every POST and PATCH carries an Idempotency-Key (generated, or yours), reused by the automatic
 * retries, so retrying never charges twice. Errors are CaisseApiError subclasses.
 *
 * @example
 * import { Caisse, toMinorUnits } from '@caisse/client';
 *
 * const caisse = new Caisse(process.env.CAISSE_SECRET_KEY!, { baseUrl: 'https://pay.example.com' });
 * const payment = await caisse.payments.create({
 *   amount: toMinorUnits('49.90', 'EUR'),
 *   currency: 'EUR',
 *   reference: 'ORDER-1042',
 *   typology: { type: 'on_shipment' },
 *   customer: { email: 'buyer@example.com', language: 'fr' },
 * });
 * // later, when the order ships:
 * await caisse.payments.reportOrderEvent(payment.id, { type: 'shipped' });
 */
export class Caisse {
  readonly payments;
  readonly events;
  readonly operations;
  readonly shop;
  readonly #http: HttpClient;

  constructor(secretKey: string, options: ClientOptions = {}) {
    this.#http = new HttpClient(secretKey, options);
    const http = this.#http;
    const payments = bind(http, PAYMENTS);
    const events = bind(http, EVENTS);
    const operations = bind(http, OPERATIONS);
    this.payments = {
      ...payments,
      /** Every payment matching the filter, newest first, page after page. */
      iterate: (params: Omit<ListPaymentsParams, 'starting_after'> = {}): AsyncGenerator<Payment> =>
        paginate((p) => payments.list(p), params),
    };
    this.events = {
      ...events,
      /** Every event matching the filter, newest first. */
      iterate: (params: Omit<ListEventsParams, 'starting_after'> = {}): AsyncGenerator<Event> =>
        paginate((p) => events.list(p), params),
    };
    this.operations = {
      ...operations,
      /** Every journal entry matching the filter, newest first. */
      iterate: (params: Omit<ListOperationsParams, 'starting_after'> = {}): AsyncGenerator<JournalEntry> =>
        paginate((p) => operations.list(p), params),
    };
    this.shop = {
      notifications: bind(http, NOTIFICATION_SETTINGS),
      emails: bind(http, EMAIL_SETTINGS),
    };
  }

  /** Whether this client uses a test-mode key (mock acquirer, no money moves). */
  get testMode(): boolean {
    return this.#http.testMode;
  }
}
