import express, { type ErrorRequestHandler, type Express } from 'express';
import { authorize } from './authorize.js';
import { baseUrlOf, browserPages } from './browser-pages.js';
import { capture } from './capture.js';
import { InvalidRequestError, ReferenceConflictError } from './errors.js';
import { injectFaults, reply } from './fault-middleware.js';
import { inquire } from './inquire.js';
import { refund } from './refund.js';
import { reverse } from './reverse.js';
import type { MockAcquirerState } from './state.js';
import { TEST_CARDS } from './test-cards.js';
import {
  parseAuthenticationRequest,
  parseAuthorizationRequest,
  parseCaptureRequest,
  parseRedirectPaymentRequest,
  parseRefundRequest,
  parseReversalRequest,
} from './validate.js';

/** The mock acquirer's HTTP API over `state`. Listen with it, or hand it to supertest. */
export function createMockAcquirerApp(state: MockAcquirerState): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag hashing of every answer: this server is a benchmark's throughput limit.
  app.set('etag', false);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/test-cards', (_req, res) => {
    res.json(TEST_CARDS);
  });

  app.use(browserPages(state));

  app.use((req, res, next) => {
    if (state.authorized(req.get('authorization'))) return next();
    res
      .status(401)
      .json({ error: 'unauthorized', message: 'send the API key as Authorization: Bearer <key>' });
  });
  app.use(express.json({ limit: '64kb' }));

  app.post('/v1/authorizations', injectFaults(state, 'authorizations'), (req, res) => {
    reply(res, 200, authorize(state.context, parseAuthorizationRequest(req.body)));
  });
  app.post('/v1/captures', injectFaults(state, 'captures'), (req, res) => {
    reply(res, 200, capture(state.context, parseCaptureRequest(req.body)));
  });
  app.post('/v1/refunds', injectFaults(state, 'refunds'), (req, res) => {
    reply(res, 200, refund(state.context, parseRefundRequest(req.body)));
  });
  app.post('/v1/reversals', injectFaults(state, 'reversals'), (req, res) => {
    reply(res, 200, reverse(state.context, parseReversalRequest(req.body)));
  });
  app.get('/v1/operations/:reference', injectFaults(state, 'operations'), (req, res) => {
    const reference = req.params['reference'];
    const answer = typeof reference === 'string' ? inquire(state.ledger, reference) : undefined;
    if (answer) reply(res, 200, answer);
    else reply(res, 404, { error: 'not_found' });
  });

  app.post('/v1/3ds/authenticate', (req, res) => {
    res.json(state.threeDs.authenticate(parseAuthenticationRequest(req.body), baseUrlOf(req)));
  });
  app.get('/v1/3ds/authentications/:id', (req, res) => {
    const answer = state.threeDs.find(String(req.params['id']));
    if (answer) res.json(answer);
    else res.status(404).json({ error: 'not_found' });
  });
  app.post('/v1/redirect-payments', (req, res) => {
    res.json(state.redirects.start(state.context, parseRedirectPaymentRequest(req.body), baseUrlOf(req)));
  });

  // Test control: never faulted.
  app.get('/_ledger', (_req, res) => {
    res.json(state.view());
  });
  app.post('/_reset', (_req, res) => {
    state.reset();
    res.json({ status: 'ok' });
  });
  app.post('/_faults', (req, res) => {
    res.json({ rates: state.faults.set(req.body) });
  });
  app.delete('/_faults', (_req, res) => {
    state.faults.clear();
    res.json({ status: 'ok' });
  });
  app.post('/_faults/next', (req, res) => {
    state.faults.next(req.body);
    res.json({ status: 'ok' });
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof InvalidRequestError) {
    reply(res, 400, { error: err.code, field: err.field, message: err.message });
  } else if (err instanceof ReferenceConflictError) {
    reply(res, 409, { error: err.code, message: err.message });
  } else if (err?.type === 'entity.parse.failed') {
    // Never echo the parser's message: it quotes the body, which may hold a card number.
    res.status(400).json({ error: 'invalid_request', field: null, message: 'body must be valid JSON' });
  } else if (err?.type === 'entity.too.large') {
    res.status(413).json({ error: 'invalid_request', field: null, message: 'body must be at most 64 kB' });
  } else {
    // Name only: the error may carry request data.
    console.error(`mock acquirer: unexpected ${err?.name ?? 'error'}`);
    res.status(500).json({ error: 'internal_error' });
  }
};
