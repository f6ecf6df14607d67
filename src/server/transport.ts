import { isSecureRoomUrl, parseUrl } from '../core/origins.js';
import { LivedigitalApiError, statusToCode } from './errors.js';

export const LIVEDIGITAL_API_URL = 'https://moodhood-api.livedigital.space';
export const TELEBOSS_API_URL = 'https://moodhood-api.teleboss.ru';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CallOptions {
  /** Aborting it rejects the call; nothing more is sent. */
  signal?: AbortSignal;
}

export interface LivedigitalClientOptions {
  /**
   * The personal token from the dashboard ("Интеграция"). A secret: keep it on the server.
   * Missing (`undefined` or `""`) is accepted here so that a build without secrets can import the
   * module; every call then rejects with `code: 'not-configured'` before sending anything.
   */
  token: string | undefined;
  apiUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
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
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The one way the client talks to livedigital: auth header, timeout, abort, typed token-free
 * errors. API modules (`api/*.ts`) only describe requests and check answers.
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
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('timeoutMs must be a positive number');

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

  async function call(request: ApiRequest): Promise<unknown> {
    if (!configured) {
      throw new LivedigitalApiError('not-configured', 0, 'no personal token: give createLivedigitalClient({ token }) one, e.g. from LIVEDIGITAL_TOKEN');
    }
    const { method, body, signal } = request;
    const expect = request.expect ?? 'json';
    if (signal?.aborted) throw new LivedigitalApiError('timeout', 0, 'the request was aborted before it was sent');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
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
      if (controller.signal.aborted) {
        throw new LivedigitalApiError(
          'timeout',
          0,
          timedOut ? `livedigital did not answer within ${timeoutMs} ms` : 'the request to livedigital was aborted',
        );
      }
      throw new LivedigitalApiError('upstream', 0, 'could not reach livedigital', { cause: safeCause(error) });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
    const { status } = response;
    if (expect === 'location' && status >= 300 && status <= 399) {
      const location = response.headers.get('location');
      if (location) return new URL(location, base + request.path).href;
    }
    if (payload instanceof Uint8Array) return payload;
    const text = payload;
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status > 299) {
      // Vendor error bodies are `{ message, code }`; an echoing proxy could put the token anywhere.
      const vendor = (parsed as { message?: unknown } | undefined)?.message;
      const detail = typeof vendor === 'string' && vendor !== '' ? `: ${scrub(vendor).slice(0, 200)}` : '';
      throw new LivedigitalApiError(statusToCode(status), status, `livedigital answered ${status}${detail}`);
    }
    if (expect === 'none') return undefined;
    if (expect === 'text') return text;
    if (expect === 'location') {
      const link = typeof parsed === 'string' ? parsed : (parsed as { url?: unknown } | undefined)?.url ?? text.trim();
      if (typeof link === 'string' && link !== '') return link;
      throw new LivedigitalApiError('upstream', status, `livedigital answered ${status} without a link`);
    }
    if (parsed === undefined) {
      throw new LivedigitalApiError('upstream', status, `livedigital answered ${status} without a JSON body`);
    }
    return parsed;
  }

  return { apiUrl: base, call };
}
