import type { RegisterPaths } from '../openapi-paths.js';
import type { z } from '../zod.js';
import {
  EmailPreviewResource,
  EmailSettingsBody,
  EmailSettingsResource,
  EmptyBody,
  EventIdParams,
  EventList,
  EventResource,
  ListEventsQuery,
  NotificationSettingsBody,
  NotificationSettingsResource,
  RotateSecretBody,
  TemplateOverrideBody,
  TemplateParams,
  WebhookSecretResource,
} from './schemas.js';

/** OpenAPI paths of events (IPN) and the shop's notification and email settings. */
export const registerNotificationPaths: RegisterPaths = (
  registry,
  { security, idempotencyHeader, problems, json },
) => {
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/v1/events',
    summary: 'List events (IPN payloads with their delivery state), newest first',
    security,
    request: { query: ListEventsQuery },
    responses: { 200: json('A page of events', EventList), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/events/{id}',
    summary: 'Retrieve an event with every IPN attempt and its emails',
    security,
    request: { params: EventIdParams },
    responses: { 200: json('The event', EventResource), ...problems(401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/events/{id}/replay',
    summary: 'Send the IPN of an event again now, with a fresh retry schedule and the same webhook-id',
    security,
    request: { params: EventIdParams, headers: idempotencyHeader, body: body(EmptyBody) },
    responses: { 200: json('The event, due now', EventResource), ...problems(400, 401, 404, 409) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/shop/notifications',
    summary: "The IPN settings of the key's mode (notification URL, secret rotation)",
    security,
    responses: { 200: json('The settings', NotificationSettingsResource), ...problems(401) },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/shop/notifications',
    summary: "Set or remove the notification URL of the key's mode",
    security,
    request: { body: body(NotificationSettingsBody) },
    responses: { 200: json('The settings', NotificationSettingsResource), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/shop/notifications/secret',
    summary: 'The Standard Webhooks signing secret (whsec_…) of the key’s mode',
    security,
    responses: { 200: json('The secret(s)', WebhookSecretResource), ...problems(401) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/shop/notifications/secret/rotate',
    summary: 'Replace the signing secret; the previous one keeps signing for a grace period',
    security,
    request: { headers: idempotencyHeader, body: body(RotateSecretBody) },
    responses: {
      200: json('The settings (GET the secret)', NotificationSettingsResource),
      ...problems(400, 401, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/shop/emails',
    summary: 'Email toggles, merchant address and template overrides of the shop',
    security,
    responses: { 200: json('The settings', EmailSettingsResource), ...problems(401) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/shop/emails',
    summary: 'Change email toggles or the merchant address',
    security,
    request: { headers: idempotencyHeader, body: body(EmailSettingsBody) },
    responses: { 200: json('The settings', EmailSettingsResource), ...problems(400, 401, 409) },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/shop/emails/templates/{template}/{language}',
    summary: "Set the shop's own subject / HTML / text of an email in a language (Handlebars)",
    security,
    request: { params: TemplateParams, body: body(TemplateOverrideBody) },
    responses: { 200: json('The settings', EmailSettingsResource), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/v1/shop/emails/templates/{template}/{language}',
    summary: 'Go back to the default email for this template and language',
    security,
    request: { params: TemplateParams },
    responses: { 200: json('The settings', EmailSettingsResource), ...problems(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/shop/emails/templates/{template}/{language}/preview',
    summary: 'Render the email as it would be sent now, for a sample payment',
    security,
    request: { params: TemplateParams },
    responses: { 200: json('The rendered email', EmailPreviewResource), ...problems(400, 401) },
  });
};
