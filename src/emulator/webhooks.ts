import { setTimeout as sleep } from 'node:timers/promises';
import { createHmac } from 'node:crypto';
import type { Webhook } from './store.js';

/** The events the emulator produces (the real service also sends record_aborted / record_failed). */
export type WebhookEventName = 'call_started' | 'call_finished' | 'record_started' | 'record_finished';

/** The signed part of a delivery; key order matters, the signature covers `JSON.stringify(body)`. */
export interface WebhookEventBody {
  eventName: WebhookEventName;
  roomId: string;
  spaceId: string;
  /** Record events only. */
  recordId?: string;
  /** Absent from call events when the stand-in plays the export guide's reading (no callId in call_finished). */
  callId?: string;
}

export interface WebhookPayload {
  signature: string;
  body: WebhookEventBody;
}

export interface WebhookAttempt {
  at: number;
  /** HTTP status of the receiver's answer; absent when the request itself failed. */
  status?: number;
  error?: string;
}

/** One event's delivery to one URL, with every attempt made. `done` once it succeeded or gave up. */
export interface WebhookDelivery {
  id: number;
  url: string;
  payload: WebhookPayload;
  attempts: WebhookAttempt[];
  ok: boolean;
  done: boolean;
}

export type DeliveryMatch = WebhookEventName | ((delivery: WebhookDelivery) => boolean);

export interface DispatcherOptions {
  fetch: typeof fetch;
  now: () => number;
  log: (line: string) => void;
  /** Waits before the 2nd and 3rd attempts. More than two entries are ignored: 3 attempts in all, as documented. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

const MAX_ATTEMPTS = 3;
const MAX_DELAY_MS = 60_000;

/**
 * The vendor's scheme, written here on its own rather than borrowed from the companion: if either
 * side misread it, the two would disagree and the tests would say so.
 */
function sign(secret: string, body: WebhookEventBody): string {
  return createHmac('sha256', secret).update(JSON.stringify(body), 'utf8').digest('hex');
}

/** Where a delivery went, without a query string that might carry the receiver's own secret. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return '[invalid url]';
  }
}

/**
 * Sends signed webhook deliveries in the background, retrying failures (non-2xx or network
 * errors) like the real service: up to 3 attempts, and delivery is not guaranteed.
 * Nothing here ever delays the HTTP answer that caused the event.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly listeners = new Set<(delivery: WebhookDelivery) => void>();
  private readonly pending = new Set<Promise<void>>();
  private readonly stop = new AbortController();
  private nextId = 1;

  constructor(private readonly options: DispatcherOptions) {}

  dispatch(webhook: Webhook | undefined, body: WebhookEventBody): void {
    if (!webhook || !webhook.isActive || this.stop.signal.aborted) return;
    const delivery: WebhookDelivery = {
      id: this.nextId++,
      url: webhook.url,
      payload: { signature: sign(webhook.secret, body), body },
      attempts: [],
      ok: false,
      done: false,
    };
    this.deliveries.push(delivery);
    const run = this.run(delivery).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  onDelivery(listener: (delivery: WebhookDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first finished delivery that matches, including ones finished before the call. */
  waitForDelivery(match: DeliveryMatch, timeoutMs = 5000): Promise<WebhookDelivery> {
    const test = typeof match === 'function' ? match : (d: WebhookDelivery) => d.payload.body.eventName === match;
    const found = this.deliveries.find((d) => d.done && test(d));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching webhook delivery within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onDelivery((delivery) => {
        if (!test(delivery)) return;
        clearTimeout(timer);
        off();
        resolve(delivery);
      });
    });
  }

  /** Stops retries and in-flight requests; resolves when every delivery task has settled. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.pending]);
  }

  private async run(delivery: WebhookDelivery): Promise<void> {
    const delays = this.options.retryDelaysMs.slice(0, MAX_ATTEMPTS - 1);
    const where = describeUrl(delivery.url);
    const event = delivery.payload.body.eventName;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) {
        const delay = Math.min(Math.max(0, delays[attempt - 1] ?? 0), MAX_DELAY_MS);
        try {
          await sleep(delay, undefined, { signal: this.stop.signal });
        } catch {
          break; // closed while waiting
        }
      }
      const record: WebhookAttempt = { at: this.options.now() };
      delivery.attempts.push(record);
      try {
        const response = await this.options.fetch(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'livedigital-room-emulator' },
          body: JSON.stringify(delivery.payload),
          redirect: 'manual',
          signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.options.timeoutMs)]),
        });
        record.status = response.status;
        // Drain the answer so the connection is released (keep-alive) and close() never waits on it.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) delivery.ok = true;
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      const outcome = record.status !== undefined ? String(record.status) : `error (${record.error})`;
      this.options.log(`webhook ${event} -> ${where}: ${outcome} (attempt ${attempt + 1}/${delays.length + 1})`);
      if (delivery.ok || this.stop.signal.aborted) break;
    }
    delivery.done = true;
    for (const listener of [...this.listeners]) {
      try {
        listener(delivery);
      } catch {
        // An observer's bug must not break deliveries.
      }
    }
  }
}
