import type { Event, List, ListEventsParams } from '../types.js';
import { bare, optional } from './define.js';

/** /v1/events: the IPN payloads with their delivery state. */
export const EVENTS = {
  /** Newest first. */
  list: optional<'/v1/events', ListEventsParams, List<Event>>('GET', '/v1/events'),
  /** With every delivery attempt and the emails it gave rise to. */
  retrieve: bare<'/v1/events/{id}', Event>('GET', '/v1/events/{id}'),
  /** Send the IPN again now (same webhook-id), with a fresh retry schedule. */
  replay: bare<'/v1/events/{id}/replay', Event>('POST', '/v1/events/{id}/replay'),
};
