import {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  HttpError,
  httpErrorResponse,
  isPlainObject,
  positiveIntegerOr,
  readBody,
  within,
} from './http.js';
import { verifyWebhookSignature } from './webhook-signature.js';

export { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

export type LivedigitalCallEventName = 'call_started' | 'call_finished';
export type LivedigitalRecordEventName = 'record_started' | 'record_finished' | 'record_aborted' | 'record_failed';
export type LivedigitalWebhookEventName = LivedigitalCallEventName | LivedigitalRecordEventName;

export interface LivedigitalCallEvent {
  eventName: LivedigitalCallEventName;
  roomId: string;
  spaceId: string;
  callId?: string;
}

export interface LivedigitalRecordEvent {
  eventName: LivedigitalRecordEventName;
  roomId: string;
  spaceId: string;
  /** Pass to `GET …/rooms/{roomId}/records/download/{recordId}` for the mp4 link. */
  recordId?: string;
  callId?: string;
}

/** The signed `body` of a delivery. Fields livedigital adds later are kept at runtime. */
export type LivedigitalWebhookEvent = LivedigitalCallEvent | LivedigitalRecordEvent;

/** What livedigital POSTs: `signature` is hex HMAC-SHA256 of `JSON.stringify(body)`. */
export interface LivedigitalWebhookDelivery<Body = LivedigitalWebhookEvent> {
  signature: string;
  body: Body;
}

export interface WebhookHandlerOptions {
  /**
   * The space's webhook secret (create-webhook response or the dashboard). Missing (`undefined` or
   * `""`) is accepted so a build without secrets can import the module; deliveries then get 500.
   */
  secret: string | undefined;
  /**
   * Runs for every verified known event; the answer (204) waits for it. Throwing answers 500 so
   * livedigital retries (up to 3 attempts in all). A captured delivery replays with a valid
   * signature and retries repeat deliveries, so make this idempotent, e.g. keyed by
   * {@link webhookEventKey}.
   */
  onEvent: (event: LivedigitalWebhookEvent, request: Request) => void | Promise<void>;
  /**
   * A correctly signed delivery whose `eventName` this version does not know. Without this
   * option it is acknowledged (204) and dropped: refusing would only make livedigital retry
   * something no retry can fix.
   */
  onUnknownEvent?: (body: Record<string, unknown>, request: Request) => void | Promise<void>;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /** The whole delivery must arrive within this many ms, or the answer is 408. Default 10 s. */
  bodyTimeoutMs?: number;
  /**
   * `onEvent` (or `onUnknownEvent`) must finish within this many ms, or the answer is 503 and
   * livedigital tries the delivery again; the slow call is not cancelled, so keep it idempotent.
   * Default 10 s.
   */
  eventTimeoutMs?: number;
}

export const DEFAULT_EVENT_TIMEOUT_MS = 10_000;

const KNOWN_EVENTS: ReadonlySet<string> = new Set<LivedigitalWebhookEventName>([
  'call_started',
  'call_finished',
  'record_started',
  'record_finished',
  'record_aborted',
  'record_failed',
]);

export function isKnownWebhookEvent(body: unknown): body is LivedigitalWebhookEvent {
  return (
    isPlainObject(body) &&
    typeof body.eventName === 'string' &&
    KNOWN_EVENTS.has(body.eventName) &&
    typeof body.roomId === 'string' &&
    typeof body.spaceId === 'string'
  );
}

/**
 * A stable key for deduplication: two deliveries of the same event (a retry or a replay) give
 * the same key. Events without callId/recordId for the same room collapse; use with that in mind.
 */
export function webhookEventKey(event: LivedigitalWebhookEvent): string {
  const recordId = 'recordId' in event ? event.recordId : undefined;
  return [event.eventName, event.spaceId, event.roomId, event.callId ?? '', recordId ?? ''].join(':');
}

/**
 * A fetch-standard handler for livedigital webhook deliveries.
 * 405 non-POST · 413 oversized · 400 not a JSON delivery · 401 missing/bad signature ·
 * 400 signed but a known event without roomId/spaceId · 500 handler failed ·
 * 503 handler too slow (`eventTimeoutMs`) · 204 done.
 * Answers only after the event was handled, so a crash mid-way leads to a retry, not a loss.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const { secret, onEvent, onUnknownEvent } = options;
  // As with the client's token, a missing secret (an unset environment variable) must not break a
  // build that imports this module; nothing can be verified without it, so deliveries get 500 and
  // livedigital retries them.
  const configured = secret !== undefined && secret !== null && secret !== '';
  if (configured && typeof secret !== 'string') throw new TypeError('secret must be a string');
  if (typeof onEvent !== 'function') throw new TypeError('onEvent must be a function');
  const maxBodyBytes = positiveIntegerOr(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const bodyTimeoutMs = positiveIntegerOr(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs');
  const eventTimeoutMs = positiveIntegerOr(options.eventTimeoutMs, DEFAULT_EVENT_TIMEOUT_MS, 'eventTimeoutMs');
  const tooSlow = () => new HttpError(503, 'the event was not handled in time', { code: 'timeout' });

  async function handle(request: Request): Promise<void> {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST', { code: 'method-not-allowed', headers: { allow: 'POST' } });
    if (!configured) throw new HttpError(500, 'the webhook secret is not configured on this server', { code: 'not-configured' });
    const text = await readBody(request, maxBodyBytes, bodyTimeoutMs);
    let delivery: unknown;
    try {
      delivery = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'the body must be a JSON webhook delivery', { code: 'bad-request' });
    }
    if (!isPlainObject(delivery) || !isPlainObject(delivery.body)) {
      throw new HttpError(400, 'the delivery must be an object with a "body" object', { code: 'bad-request' });
    }
    if (!verifyWebhookSignature(secret, delivery.body, delivery.signature)) {
      throw new HttpError(401, 'the webhook signature is missing or does not match', { code: 'invalid-signature' });
    }
    const body = delivery.body;
    if (!isKnownWebhookEvent(body) && typeof body.eventName === 'string' && KNOWN_EVENTS.has(body.eventName)) {
      throw new HttpError(400, 'the event lacks roomId or spaceId', { code: 'bad-request' });
    }
    try {
      // Answering late is answering never: livedigital gives up on the attempt and may not retry.
      const work = isKnownWebhookEvent(body) ? onEvent(body, request) : onUnknownEvent?.(body, request);
      await within(Promise.resolve(work), eventTimeoutMs, tooSlow);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      // The host's error stays in the host: livedigital only needs to know to retry.
      throw new HttpError(500, 'the event could not be handled', { code: 'internal' });
    }
  }

  return async function webhookHandler(request: Request): Promise<Response> {
    try {
      await handle(request);
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      return httpErrorResponse(new HttpError(500, 'the event could not be handled', { code: 'internal' }));
    }
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  };
}
