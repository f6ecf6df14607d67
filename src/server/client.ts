import { isSecureRoomUrl, parseUrl } from '../core/origins.js';
import { isValidAlias } from '../core/room-link.js';
import { LivedigitalApiError, statusToCode } from './errors.js';

export { LivedigitalApiError } from './errors.js';
export type { LivedigitalApiErrorCode } from './errors.js';

export const LIVEDIGITAL_API_URL = 'https://moodhood-api.livedigital.space';
export const TELEBOSS_API_URL = 'https://moodhood-api.teleboss.ru';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The documented ceiling for `ttl` (5 days); the vendor's default is 86400. */
export const MAX_ACCESS_TTL_SECONDS = 432_000;

export type AccessRole = 'user' | 'moderator';

/** The body of generate-access. Unknown keys are not forwarded. */
export interface GenerateAccessParams {
  username: string;
  role: AccessRole;
  externalUserId?: string;
  externalMeetingId?: string;
  /** Seconds, 1…432000; livedigital defaults to 86400. */
  ttl?: number;
  /** false/absent: the link works once; true: reusable until ttl ends. */
  isPermanent?: boolean;
  email?: string;
  phone?: string;
}

export interface LivedigitalRoom {
  id: string;
  spaceId: string;
  name: string;
  appId?: string;
  channelId?: string;
}

export interface CallOptions {
  /** Aborting it rejects with `code: 'timeout'`, like the client's own timeout. */
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

export interface LivedigitalClient {
  readonly apiUrl: string;
  generateAccess(spaceId: string, roomId: string, params: GenerateAccessParams, options?: CallOptions): Promise<{ url: string }>;
  roomByAlias(alias: string, options?: CallOptions): Promise<LivedigitalRoom>;
}

// Vendor ids are 24 hex digits today; accept the same alphabet as aliases so a path can never be bent.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TEXT = 256;
const OPTIONAL_TEXT_FIELDS = ['externalUserId', 'externalMeetingId', 'email', 'phone'] as const;

function invalid(message: string): LivedigitalApiError {
  return new LivedigitalApiError('invalid-params', 0, `${message} (nothing was sent to livedigital)`);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT;
}

function checkId(name: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw invalid(`${name} must be 1–64 letters, digits, "_" or "-"`);
  }
  return value;
}

/** Builds the request body field by field, so nothing the caller did not mean to send leaks out. */
function accessBody(params: GenerateAccessParams): Record<string, unknown> {
  // Values are never echoed in messages: usernames, emails and phones are personal data.
  if (typeof params !== 'object' || params === null) throw invalid('generate-access parameters must be an object');
  if (!isText(params.username)) throw invalid(`username must be a non-empty string of at most ${MAX_TEXT} characters`);
  if (params.role !== 'user' && params.role !== 'moderator') throw invalid('role must be "user" or "moderator"');
  const body: Record<string, unknown> = { username: params.username, role: params.role };
  for (const key of OPTIONAL_TEXT_FIELDS) {
    const value = params[key];
    if (value === undefined) continue;
    if (!isText(value)) throw invalid(`${key} must be a non-empty string of at most ${MAX_TEXT} characters`);
    body[key] = value;
  }
  if (params.ttl !== undefined) {
    if (!Number.isInteger(params.ttl) || params.ttl < 1 || params.ttl > MAX_ACCESS_TTL_SECONDS) {
      throw invalid(`ttl must be an integer number of seconds from 1 to ${MAX_ACCESS_TTL_SECONDS}`);
    }
    body.ttl = params.ttl;
  }
  if (params.isPermanent !== undefined) {
    if (typeof params.isPermanent !== 'boolean') throw invalid('isPermanent must be a boolean');
    body.isPermanent = params.isPermanent;
  }
  return body;
}

function apiBase(apiUrl: string | undefined): string {
  const url = parseUrl(apiUrl ?? LIVEDIGITAL_API_URL);
  // A bearer token never travels in clear text except to a loopback stand-in.
  if (!url || !isSecureRoomUrl(url) || url.search || url.hash) {
    throw new TypeError('apiUrl must be an https URL (http only on localhost) without query or fragment');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function createLivedigitalClient(options: LivedigitalClientOptions): LivedigitalClient {
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

  async function call(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (!configured) {
      throw new LivedigitalApiError('not-configured', 0, 'no personal token: give createLivedigitalClient({ token }) one, e.g. from LIVEDIGITAL_TOKEN');
    }
    if (signal?.aborted) throw new LivedigitalApiError('timeout', 0, 'the request was aborted before it was sent');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    try {
      // redirect: 'error' — the token is for this API only; never replay it at another address.
      const response = await fetchImpl(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        redirect: 'error',
      });
      status = response.status;
      text = await response.text();
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
    if (parsed === undefined) {
      throw new LivedigitalApiError('upstream', status, `livedigital answered ${status} without a JSON body`);
    }
    return parsed;
  }

  return {
    apiUrl: base,

    async generateAccess(spaceId, roomId, params, callOptions) {
      const path = `/v1/spaces/${encodeURIComponent(checkId('spaceId', spaceId))}/rooms/${encodeURIComponent(
        checkId('roomId', roomId),
      )}/generate-access`;
      const body = accessBody(params);
      const result = await call('POST', path, body, callOptions?.signal);
      const link = (result as { url?: unknown } | null)?.url;
      const url = typeof link === 'string' ? parseUrl(link) : null;
      // The link goes straight into an iframe with camera rights: accept only a secure one.
      if (!url || !isSecureRoomUrl(url)) {
        throw new LivedigitalApiError('upstream', 200, 'livedigital answered without a usable room link');
      }
      return { url: url.href };
    },

    async roomByAlias(alias, callOptions) {
      if (typeof alias !== 'string' || !isValidAlias(alias)) {
        throw invalid('alias must be 1–64 letters, digits, "_" or "-"');
      }
      const result = await call('GET', `/v1/spaces/room-by-alias/${encodeURIComponent(alias)}`, undefined, callOptions?.signal);
      const room = (result ?? {}) as Record<string, unknown>;
      if (typeof room.id !== 'string' || !ID_PATTERN.test(room.id) || typeof room.spaceId !== 'string' || !ID_PATTERN.test(room.spaceId)) {
        throw new LivedigitalApiError('upstream', 200, 'livedigital answered without usable room ids');
      }
      const out: LivedigitalRoom = { id: room.id, spaceId: room.spaceId, name: typeof room.name === 'string' ? room.name : '' };
      if (typeof room.appId === 'string') out.appId = room.appId;
      if (typeof room.channelId === 'string') out.channelId = room.channelId;
      return out;
    },
  };
}
