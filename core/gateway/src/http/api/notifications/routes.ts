import { Router } from 'express';
import type { EngineDeps } from '../../../engine/context.js';
import { CaisseError } from '../../../errors/index.js';
import {
  getEmailSettings,
  previewEmail,
  removeTemplateOverride,
  saveTemplateOverride,
  updateEmailSettings,
} from '../../../notify/email-settings.js';
import { getEventDetails, replayEvent } from '../../../notify/events.js';
import {
  getNotificationSettings,
  revealWebhookSecrets,
  rotateWebhookSecret,
  setNotificationUrl,
} from '../../../notify/notification-settings.js';
import { listStoredEvents } from '../../../store/event-delivery-repo.js';
import { scopeOf } from '../auth.js';
import { type HandlerResult, type IdempotentHandler, idempotent } from '../idempotency.js';
import { parseInput } from '../validate.js';
import {
  toEmailSettingsResource,
  toEventResource,
  toNotificationSettingsResource,
  toWebhookSecretResource,
} from './resources.js';
import {
  EmailSettingsBody,
  EmptyBody,
  EventIdParams,
  ListEventsQuery,
  NotificationSettingsBody,
  RotateSecretBody,
  TemplateOverrideBody,
  TemplateParams,
} from './schemas.js';

export interface NotificationsRouterOptions {
  idempotencyLockMs: number;
  idempotencyWaitMs: number;
}

/**
 * Events (REP2/REP3: list, read with attempts, replay) and the shop's notification and email
 * settings. Thin handlers: parse → one call → respond.
 */
export function notificationsRouter(deps: EngineDeps, options: NotificationsRouterOptions): Router {
  const router = Router();
  const post = (run: IdempotentHandler) =>
    idempotent(
      deps,
      {
        lockMs: options.idempotencyLockMs,
        waitMs: options.idempotencyWaitMs,
        // These routes never bind a key to a payment, so there is never a payment to resume.
        render: (): HandlerResult => {
          throw new Error('no payment to resume on this route');
        },
      },
      run,
    );

  // ---- events ----
  router.get('/events', async (req, res) => {
    const scope = scopeOf(res);
    const query = parseInput(ListEventsQuery, req.query);
    const page = await listStoredEvents(deps.db, scope, {
      type: query.type,
      paymentId: query.payment,
      status: query.status,
      createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
      createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    if (!page.cursorFound) {
      throw new CaisseError('invalid_event_cursor', {
        cursor: query.starting_after,
        field: 'starting_after',
      });
    }
    const data = page.events.map((event) => toEventResource(event));
    res.json({
      object: 'list',
      data,
      has_more: page.hasMore,
      next_cursor: page.hasMore ? (data.at(-1)?.id ?? null) : null,
    });
  });

  router.get('/events/:id', async (req, res) => {
    const { id } = parseInput(EventIdParams, req.params);
    const details = await getEventDetails(deps.db, scopeOf(res), id);
    res.json(toEventResource(details.event, details));
  });

  router.post(
    '/events/:id/replay',
    post(async (req, ctx) => {
      const { id } = parseInput(EventIdParams, req.params);
      parseInput(EmptyBody, req.body ?? {});
      const details = await replayEvent(deps, ctx.scope, id);
      return { status: 200, body: toEventResource(details.event, details) };
    }),
  );

  // ---- IPN settings of the shop, per mode (the mode of the key) ----
  router.get('/shop/notifications', async (_req, res) => {
    res.json(toNotificationSettingsResource(await getNotificationSettings(deps, scopeOf(res))));
  });

  router.put('/shop/notifications', async (req, res) => {
    const body = parseInput(NotificationSettingsBody, req.body ?? {});
    res.json(toNotificationSettingsResource(await setNotificationUrl(deps, scopeOf(res), body.url)));
  });

  router.get('/shop/notifications/secret', async (_req, res) => {
    const scope = scopeOf(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json(toWebhookSecretResource(scope.mode, await revealWebhookSecrets(deps, scope)));
  });

  router.post(
    '/shop/notifications/secret/rotate',
    post(async (req, ctx) => {
      const body = parseInput(RotateSecretBody, req.body ?? {});
      const settings = await rotateWebhookSecret(deps, ctx.scope, {
        previousValidHours: body.previous_secret_valid_hours ?? 24,
      });
      // The new secret is not in this answer (it would be kept with the idempotency key): GET it.
      return { status: 200, body: toNotificationSettingsResource(settings) };
    }),
  );

  // ---- emails of the shop (both modes) ----
  router.get('/shop/emails', async (_req, res) => {
    res.json(toEmailSettingsResource(await getEmailSettings(deps, scopeOf(res).shopId)));
  });

  router.patch(
    '/shop/emails',
    post(async (req, ctx) => {
      const body = parseInput(EmailSettingsBody, req.body ?? {});
      if (Object.keys(body).length === 0) {
        throw new CaisseError('empty_update', {
          fields: 'buyer_enabled, merchant_enabled, merchant_address',
        });
      }
      const view = await updateEmailSettings(deps, ctx.scope.shopId, {
        buyerEnabled: body.buyer_enabled,
        merchantEnabled: body.merchant_enabled,
        merchantAddress: body.merchant_address,
      });
      return { status: 200, body: toEmailSettingsResource(view) };
    }),
  );

  router.put('/shop/emails/templates/:template/:language', async (req, res) => {
    const params = parseInput(TemplateParams, req.params);
    const body = parseInput(TemplateOverrideBody, req.body ?? {});
    const parts = { subject: body.subject ?? null, html: body.html ?? null, text: body.text ?? null };
    if (parts.subject === null && parts.html === null && parts.text === null) {
      throw new CaisseError('empty_update', {
        fields: 'subject, html, text (to go back to the default, DELETE the template)',
      });
    }
    await saveTemplateOverride(deps, scopeOf(res).shopId, { ...params, ...parts });
    res.json(toEmailSettingsResource(await getEmailSettings(deps, scopeOf(res).shopId)));
  });

  router.delete('/shop/emails/templates/:template/:language', async (req, res) => {
    const params = parseInput(TemplateParams, req.params);
    await removeTemplateOverride(deps, scopeOf(res).shopId, params.template, params.language);
    res.json(toEmailSettingsResource(await getEmailSettings(deps, scopeOf(res).shopId)));
  });

  router.get('/shop/emails/templates/:template/:language/preview', async (req, res) => {
    const params = parseInput(TemplateParams, req.params);
    const email = await previewEmail(deps, scopeOf(res).shopId, params.template, params.language);
    res.json({ object: 'email_preview', ...email });
  });

  return router;
}
