import { isSecureRoomUrl, parseUrl } from '../core/origins.js';
import { backoffDelayMs, parseRetryAfter, type BackoffOptions } from './backoff.js';
import { LivedigitalApiError, statusToCode } from './errors.js';
import { Slots } from './slots.js';

export const LIVEDIGITAL_API_URL = 'https://moodhood-api.livedigital.space';
export const TELEBOSS_API_URL = 'https://moodhood-api.teleboss.ru';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface CallOptions {
  /** Aborting it rejects the call with `code: 'aborted'`; nothing more is sent. */
  signal?: AbortSignal;
}

export interface LivedigitalClientOptions {
  /**
   * The personal token from the dashboard ("Интеграция"). A secret: keep it on the server.
   * Missing (`undefined` or `""`) is accepted here so that a build without secrets can import the
   * module; every call then rejects with `code: 'not-configured'` before sending anything.
   */
  token: string | undefined;
  /** The API base, with or without a trailing `/v1`. Default {@link LIVEDIGITAL_API_URL}. */
  apiUrl?: string;
  fetch?: typeof fetch;
  /** One attempt's limit, counted from when it is sent (not while it waits for a slot). Default 10 s. */
  timeoutMs?: number;
  /**
   * The whole call's limit: waiting for a slot, every attempt and every backoff. A retry that
   * could not start before it is not made. Default 30 s.
   */
  deadlineMs?: number;
  /**
   * At most this many requests to livedigital at once from this client; the rest wait in line,
   * first come first served. Default: no limit.
   */
  maxConcurrent?: number;
  /** Attempts per call, the first included; 1 turns retries off. Default 10 (the deadline usually ends it first). */
  maxAttempts?: number;
  /** Tunes the backoff between attempts (exponential, full jitter, on top of `Retry-After`). */
  backoff?: BackoffOptions;
  /** How long `roomByAlias` answers are kept, in ms; 0 turns the cache off. Default 5 minutes. */
  aliasCacheMs?: number;
}

/**
 * One request to the vendor's API, as every API module describes it. `path` starts with `/v1/`
 * and has each dynamic segment already checked and `encodeURIComponent`-ed.
 */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Added as `?key=value`; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON when present. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * False for a request that must not be sent twice (creating a space or a room): such a request is
   * repeated only when the vendor refused it outright (429/503). Default: true.
   */
  idempotent?: boolean;
  /**
   * How a 2xx answer is read: `json` (default; parsed, an error when it is not JSON), `text`,
   * `bytes` (a Uint8Array), `none` (ignored), or `location`: a link the vendor hands over either
   * as a 3xx `Location` (never followed) or as the body (a text URL or JSON `{url}`).
   */
  expect?: 'json' | 'text' | 'bytes' | 'none' | 'location';
}

/** Sends one request with the personal token and resolves with the answer read as asked. */
export type ApiCall = (request: ApiRequest) => Promise<unknown>;

export interface Transport {
  /** The API base in use, e.g. `https://moodhood-api.livedigital.space`. */
  readonly apiUrl: string;
  readonly call: ApiCall;
}

function apiBase(apiUrl: string | undefined): string {
  const url = parseUrl(apiUrl ?? LIVEDIGITAL_API_URL);
  // A bearer token never travels in clear text except to a loopback stand-in.
  if (!url || !isSecureRoomUrl(url) || url.search || url.hash) {
    throw new TypeError('apiUrl must be an https URL (http only on localhost) without query or fragment');
  }
  // Paths are written with their `/v1`; a base pasted with it (as the vendor's docs show it) must not double it.
  return url.origin + url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
}

function positive(value: number | undefined, fallback: number, name: string): number {
  const out = value ?? fallback;
  // Timers fire at once beyond 2^31-1 ms, so "forever" is refused rather than silently inverted.
  if (!(out > 0) || !Number.isFinite(out) || out > 2 ** 31 - 1) throw new TypeError(`${name} must be a positive number of ms`);
  return out;
}

/** What one attempt came to when it did not succeed: the error, and whether trying again may help. */
interface Failure {
  error: LivedigitalApiError;
  retry: boolean;
  retryAfterMs: number | null;
}

const RETRY_ALWAYS = new Set([429, 503]);
const RETRY_IF_IDEMPOTENT = new Set([502, 504]);

/**
 * The one way the client talks to livedigital: auth header, timeout, abort, retries with backoff
 * within a deadline, an optional cap on concurrent requests, typed token-free errors. API modules
 * (`api/*.ts`) only describe requests and check answers.
 */
export function createTransport(options: LivedigitalClientOptions): Transport {
  const token = options?.token;
  // A missing token (an unset environment variable) is refused at the first call, not here:
  // frameworks that evaluate server modules while building (Next.js) have no secrets then.
  const configured = token !== undefined && token !== null && token !== '';
  // A malformed one is refused now: fetch would otherwise reject the header with the value in its message.
  if (configured && (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token))) {
    throw new TypeError('token must be a personal token without spaces or control characters');
  }
  const base = apiBase(options.apiUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new TypeError('no fetch implementation available');
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const deadlineMs = positive(options.deadlineMs, DEFAULT_DEADLINE_MS, 'deadlineMs');
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new TypeError('maxAttempts must be a positive integer');
  const maxConcurrent = options.maxConcurrent;
  if (maxConcurrent !== undefined && (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)) {
    throw new TypeError('maxConcurrent must be a positive integer');
  }
  const slots = maxConcurrent === undefined ? null : new Slots(maxConcurrent);
  const backoff = options.backoff ?? {};

  const encodedToken = configured ? encodeURIComponent(token) : '';
  const scrub = (text: string): string => {
    if (!configured) return text;
    let out = text.split(token).join('[redacted]');
    if (encodedToken !== token) out = out.split(encodedToken).join('[redacted]');
    return out;
  };

  /** A cause that keeps what helps debugging (name, message, errno code) and nothing else. */
  const safeCause = (error: unknown): Error => {
    if (!(error instanceof Error)) return new Error(scrub(String(error)).slice(0, 300));
    const inner = (error as { cause?: { code?: unknown } }).cause?.code;
    const detail = typeof inner === 'string' ? ` (${inner})` : '';
    const cause = new Error(scrub(`${error.name}: ${error.message}${detail}`).slice(0, 300));
    cause.stack = undefined;
    return cause;
  };

  const urlOf = (request: ApiRequest): string => {
    let url = base + request.path;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.append(key, String(value));
    }
    const search = query.toString();
    if (search) url += `?${search}`;
    return url;
  };

  const aborted = () => new LivedigitalApiError('aborted', 0, 'the request to livedigital was aborted by its caller');

  /** One request; a slot is held from sending until the answer is read. */
  async function attempt(request: ApiRequest, deadline: number): Promise<{ value: unknown } | Failure> {
    const { method, body, signal } = request;
    const expect = request.expect ?? 'json';
    const idempotent = request.idempotent !== false;
    const untilDeadline = new AbortController();
    const deadlineTimer = setTimeout(() => untilDeadline.abort(), Math.max(0, deadline - Date.now()));
    let release: (() => void) | undefined;
    try {
      if (slots) {
        try {
          release = await slots.acquire(signal ? AbortSignal.any([signal, untilDeadline.signal]) : untilDeadline.signal);
        } catch {
          if (signal?.aborted) throw aborted();
          const error = new LivedigitalApiError('timeout', 0, `no free slot to livedigital within ${deadlineMs} ms (maxConcurrent ${maxConcurrent})`);
          return { error, retry: false, retryAfterMs: null };
        }
      }
      // The attempt's own clock starts now: time spent in line is the deadline's business only.
      const limit = Math.min(timeoutMs, Math.max(0, deadline - Date.now()));
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, limit);
      const forwardAbort = () => controller.abort();
      signal?.addEventListener('abort', forwardAbort, { once: true });
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: expect === 'bytes' ? '*/*' : 'application/json, text/plain;q=0.9',
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      let payload: string | Uint8Array;
      try {
        // 'error' — the token is for this API only; never replay it at another address. A link
        // handed over as a redirect is read from `Location`, never followed.
        response = await fetchImpl(urlOf(request), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
          redirect: expect === 'location' ? 'manual' : 'error',
        });
        const ok = response.status >= 200 && response.status <= 299;
        payload = ok && expect === 'bytes' ? new Uint8Array(await response.arrayBuffer()) : await response.text();
      } catch (error) {
        if (signal?.aborted) throw aborted();
        if (controller.signal.aborted && timedOut) {
          const failure = new LivedigitalApiError('timeout', 0, `livedigital did not answer within ${limit} ms`);
          return { error: failure, retry: idempotent, retryAfterMs: null };
        }
        const failure = new LivedigitalApiError('upstream', 0, 'could not reach livedigital', { cause: safeCause(error) });
        return { error: failure, retry: idempotent, retryAfterMs: null };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forwardAbort);
      }
      return read(request, response, payload, idempotent);
    } finally {
      clearTimeout(deadlineTimer);
      release?.();
    }
  }

  function read(request: ApiRequest, response: Response, payload: string | Uint8Array, idempotent: boolean): { value: unknown } | Failure {
    const expect = request.expect ?? 'json';
    const { status } = response;
    if (expect === 'location' && status >= 300 && status <= 399) {
      const location = response.headers.get('location');
      if (location) return { value: new URL(location, base + request.path).href };
    }
    if (payload instanceof Uint8Array) return { value: payload };
    const text = payload;
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status > 299) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const retryAfter = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
      // Vendor error bodies are `{ message, code }`; an echoing proxy could put the token anywhere.
      const vendor = (parsed as { message?: unknown } | undefined)?.message;
      const detail = typeof vendor === 'string' && vendor !== '' ? `: ${scrub(vendor).slice(0, 200)}` : '';
      const error = new LivedigitalApiError(statusToCode(status), status, `livedigital answered ${status}${detail}`, { retryAfter });
      // 429/503: refused before doing anything, safe to repeat; 502/504: it may have done it.
      const retry = RETRY_ALWAYS.has(status) || (idempotent && RETRY_IF_IDEMPOTENT.has(status));
      return { error, retry, retryAfterMs };
    }
    if (expect === 'none') return { value: undefined };
    if (expect === 'text') return { value: text };
    if (expect === 'location') {
      const link = typeof parsed === 'string' ? parsed : (parsed as { url?: unknown } | undefined)?.url ?? text.trim();
      if (typeof link === 'string' && link !== '') return { value: link };
      throw new LivedigitalApiError('upstream', status, `livedigital answered ${status} without a link`);
    }
    if (parsed === undefined) {
      throw new LivedigitalApiError('upstream', status, `livedigital answered ${status} without a JSON body`);
    }
    return { value: parsed };
  }

  /** Resolves after `ms`, or rejects as aborted when the caller gives up first. */
  function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(aborted());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async function call(request: ApiRequest): Promise<unknown> {
    if (!configured) {
      throw new LivedigitalApiError('not-configured', 0, 'no personal token: give createLivedigitalClient({ token }) one, e.g. from LIVEDIGITAL_TOKEN', {
        refusedLocally: true,
      });
    }
    const { signal } = request;
    if (signal?.aborted) throw new LivedigitalApiError('aborted', 0, 'the request was aborted before it was sent');
    const deadline = Date.now() + deadlineMs;
    for (let tries = 0; ; tries++) {
      const outcome = await attempt(request, deadline);
      if ('value' in outcome) return outcome.value;
      const { error, retry, retryAfterMs } = outcome;
      if (!retry || tries + 1 >= maxAttempts) throw error;
      const delay = backoffDelayMs(tries, retryAfterMs, Math.random(), backoff);
      // A retry that cannot even start before the deadline only costs the vendor another request.
      if (Date.now() + delay >= deadline) throw error;
      await pause(delay, signal);
    }
  }

  return { apiUrl: base, call };
}
