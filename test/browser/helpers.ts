import { fixture, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LivedigitalRoom } from '../../src/element.js';
import type { LdErrorEvent, LdLoadEvent } from '../../src/events.js';

/** The test page is http://localhost:<port>; the same server as 127.0.0.1 is a real second origin. */
export const ROOM_ORIGIN = `http://127.0.0.1:${location.port}`;

export function frameOf(el: LivedigitalRoom): HTMLIFrameElement | null {
  return el.shadowRoot!.querySelector('iframe');
}

export function statusOf(el: LivedigitalRoom): HTMLElement {
  return el.shadowRoot!.querySelector('[part~="status"]')!;
}

/** Creates an element (not yet in the page), so listeners can be attached before it starts. */
export function create(attributes: Record<string, string> = {}): LivedigitalRoom {
  const el = document.createElement('livedigital-room');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** Every wait in a test has a limit: below mocha's, so the failure says what was awaited. */
export const WAIT_MS = 5000;

/** `promise`, or a rejection naming `what` after `ms`. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * The element's next `ld-load`; rejects at once with the code and message if `ld-error` comes
 * first, so a failing mount reads as its error rather than a timeout.
 */
export function nextLoad(el: LivedigitalRoom): Promise<LdLoadEvent> {
  const failed = oneEvent<LdErrorEvent>(el, 'ld-error').then((event) => {
    throw new Error(`ld-error ${event.code}: ${event.message}`);
  });
  return within(Promise.race([oneEvent<LdLoadEvent>(el, 'ld-load'), failed]), 'ld-load');
}

/** Puts the element into a fresh fixture container and waits for its iframe to load. */
export async function mountLoaded(el: LivedigitalRoom): Promise<HTMLIFrameElement> {
  const loaded = nextLoad(el);
  await fixture(el);
  await loaded;
  return frameOf(el)!;
}

export async function mountFailing(el: LivedigitalRoom): Promise<LdErrorEvent> {
  const failed = within(oneEvent<LdErrorEvent>(el, 'ld-error'), 'ld-error');
  await fixture(el);
  const event = await failed;
  await el.updateComplete;
  return event;
}

/**
 * Asks a stand-in room frame to do something and waits for its `test:ack`, which it posts after
 * whatever it was asked to post: messages from one window arrive in order, so by then any
 * `ld_finish_call` it sent has been seen (and ignored or not) by every listener.
 */
export function command(frameWindow: Window, message: unknown, listenOn: Window = window): Promise<void> {
  return within(new Promise((resolve) => {
    const onAck = (event: MessageEvent) => {
      if (event.data === 'test:ack') {
        listenOn.removeEventListener('message', onAck);
        resolve();
      }
    };
    listenOn.addEventListener('message', onAck);
    frameWindow.postMessage(message, '*');
  }), `test:ack for ${JSON.stringify(message)}`);
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function recordEvents(el: EventTarget, type: string): Event[] {
  const seen: Event[] = [];
  el.addEventListener(type, (event) => seen.push(event));
  return seen;
}

/** The next message to this window that `match` picks a value from. */
export function nextMessage<T>(match: (data: any) => T | undefined): Promise<T> {
  return within(new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const value = match(event.data);
      if (value !== undefined) {
        window.removeEventListener('message', onMessage);
        resolve(value);
      }
    };
    window.addEventListener('message', onMessage);
  }), 'the awaited message');
}

let id = 0;
/** An access endpoint that gives these answers in turn (test/support/scripted-endpoint.mjs), and how often it was asked. */
export async function scripted(answers: object[]): Promise<{ endpoint: string; calls: () => Promise<number> }> {
  const endpoint = `/test-scripted/retry-${Date.now()}-${++id}`;
  await fetch(endpoint, { method: 'PUT', body: JSON.stringify(answers) });
  return { endpoint, calls: async () => (await fetch(`${endpoint}/calls`)).json() };
}

/** A busy answer for {@link scripted}. */
export const busy = (status: number, retryAfter?: string) => ({ status, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
