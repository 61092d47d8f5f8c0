import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { EngineDeps } from '../engine/context.js';
import { CaisseError } from '../errors/index.js';
import type { Store } from '../store/database.js';
import { ApiKeyCache } from './api/api-key-cache.js';
import { authenticate } from './api/auth.js';
import { notificationsRouter } from './api/notifications/routes.js';
import { buildOpenApiDocument } from './api/openapi.js';
import { operationsRouter } from './api/operations/routes.js';
import { paymentLinksRouter } from './api/payment-links/routes.js';
import { paymentsRouter } from './api/payments/routes.js';
import { errorHandler, sendProblem } from './api/problem.js';
import { shopRouter, shopUploadBodies } from './api/shop/routes.js';
import { payRoutes } from './pay/router.js';
import { vadsRoutes } from './vads/routes.js';

export interface AppOptions {
  idempotencyLockMs?: number;
  idempotencyWaitMs?: number;
  /** Log one line per request (off in tests). */
  accessLog?: boolean;
  /** More routes, mounted before the 404 (the demo shop of `npm start`). */
  routes?: Router[];
  /** Development pages (mailbox, IPN receiver), mounted at /dev by `npm start` only. */
  devRouter?: Router | undefined;
  /** How long an active API key is remembered (ms): the delay before a revocation takes effect. 0: no cache. */
  apiKeyCacheMs?: number;
}

/**
 * The gateway's HTTP surface: REST API v1 under /v1, its OpenAPI document and reference page,
 * and the health probes. Pages (hosted payment page, back office) mount beside it.
 */
export function createApp(deps: EngineDeps, store: Store, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    res.locals.requestId = requestId;
    res.setHeader('Request-Id', requestId);
    if (options.accessLog) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        deps.logger.info(
          {
            request_id: requestId,
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      });
    }
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ready', database: store.kind });
    } catch {
      sendProblem(res, new CaisseError('not_ready'));
    }
  });

  const openapi = buildOpenApiDocument();
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/v1/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'Caisse API reference' }));

  const api = express.Router();
  api.use(shopUploadBodies);
  api.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  api.use((req, _res, next) => {
    // A body that is not JSON: say so, rather than treating it as an empty request.
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && req.body === undefined) throw new CaisseError('unsupported_media_type');
    next();
  });
  api.use(authenticate(deps.db, new ApiKeyCache({ ttlMs: options.apiKeyCacheMs ?? 0, clock: deps.clock })));
  api.use(
    paymentsRouter(deps, {
      idempotencyLockMs: options.idempotencyLockMs ?? 30_000,
      idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000,
    }),
  );
  api.use(
    shopRouter(deps, {
      idempotencyLockMs: options.idempotencyLockMs ?? 30_000,
      idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000,
    }),
  );
  api.use(
    notificationsRouter(deps, {
      idempotencyLockMs: options.idempotencyLockMs ?? 30_000,
      idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000,
    }),
  );
  api.use(
    paymentLinksRouter(deps, {
      idempotencyLockMs: options.idempotencyLockMs ?? 30_000,
      idempotencyWaitMs: options.idempotencyWaitMs ?? 10_000,
    }),
  );
  api.use(operationsRouter(deps));
  app.use('/v1', api);
  if (options.devRouter) app.use('/dev', options.devRouter);

  app.use(payRoutes(deps));
  app.use(vadsRoutes(deps));
  for (const routes of options.routes ?? []) app.use(routes);

  app.use((req: Request, _res: Response) => {
    throw new CaisseError('route_not_found', { method: req.method, path: req.path });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
