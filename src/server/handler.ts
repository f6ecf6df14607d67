import { ALIAS_MESSAGE, isValidId, MAX_TEXT_LENGTH } from '../core/ids.js';
import type { GenerateAccessParams, LivedigitalClient } from './client.js';
import { LivedigitalApiError } from './errors.js';
import type { LivedigitalApiErrorCode } from './errors.js';
import {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  errorResponse,
  HttpError,
  httpErrorResponse,
  isJsonContentType,
  isPlainObject,
  jsonResponse,
  positiveIntegerOr,
  readBody,
} from './http.js';

/**
 * What the browser element posts. `alias` and `participantName` are checked (null or "" count as
 * absent); other keys are passed to `authorize` untouched.
 */
export interface AccessRequestBody {
  alias?: string;
  participantName?: string;
  [key: string]: unknown;
}

/** The host's grant: explicit ids, or an alias that the handler resolves with `roomByAlias`. */
export type AccessGrant =
  | (GenerateAccessParams & { spaceId: string; roomId: string; alias?: undefined })
  | (GenerateAccessParams & { alias: string; spaceId?: undefined; roomId?: undefined });

export interface AccessLinkHandlerOptions {
  client: Pick<LivedigitalClient, 'generateAccess' | 'roomByAlias'>;
  /**
   * The host's decision. Return the generate-access parameters, or `null` to refuse (403).
   * The body is untrusted browser input: check the user's session, not `body.participantName`,
   * before handing out a `moderator` role.
   */
  authorize: (request: Request, body: AccessRequestBody) => AccessGrant | null | Promise<AccessGrant | null>;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /** The whole body must arrive within this many ms, or the answer is 408. Default 10 s. */
  bodyTimeoutMs?: number;
  /**
   * Serve requests a browser marks `Sec-Fetch-Site: cross-site` (a page on another site calling
   * this endpoint). Off by default: such a request rides on the user's cookies without the user's
   * page asking for it. Same-site pages (`www.` calling `api.`) are always served.
   */
  allowCrossSite?: boolean;
  /**
   * Sees every failure the response hides (authorize throwing, livedigital errors) for the
   * host's logs. Errors from the client are already token-free.
   */
  onError?: (error: unknown, request: Request) => void;
}


// Fixed texts: the browser learns what kind of failure happened, never livedigital's own words.
const UPSTREAM_MESSAGES: Record<LivedigitalApiErrorCode, string> = {
  unauthorized: 'livedigital refused the server credentials',
  forbidden: 'livedigital does not allow this server to grant access to the room',
  'invalid-params': 'livedigital rejected the access request',
  'not-found': 'livedigital does not know this room',
  timeout: 'livedigital did not answer in time',
  'rate-limited': 'many people are joining at once; try again in a few seconds',
  aborted: 'the request was cancelled',
  upstream: 'livedigital could not issue an access link',
  'not-configured': 'the access link could not be prepared',
};

/**
 * A fetch-standard `(Request) => Promise<Response>` that turns the element's request into a
 * generate-access link. Mount it directly (Next.js, Hono, Bun, Deno) or via `toNodeListener`.
 */
export function createAccessLinkHandler(options: AccessLinkHandlerOptions): (request: Request) => Promise<Response> {
  const { client, authorize, onError } = options;
  if (!client || typeof client.generateAccess !== 'function' || typeof client.roomByAlias !== 'function') {
    throw new TypeError('client must come from createLivedigitalClient');
  }
  if (typeof authorize !== 'function') throw new TypeError('authorize must be a function');
  const maxBodyBytes = positiveIntegerOr(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const bodyTimeoutMs = positiveIntegerOr(options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS, 'bodyTimeoutMs');
  const allowCrossSite = options.allowCrossSite === true;

  const report = (error: unknown, request: Request) => {
    try {
      onError?.(error, request);
    } catch {
      // A broken logger must not turn a clean error answer into a crash.
    }
  };

  async function readRequest(request: Request): Promise<AccessRequestBody> {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST', { code: 'method-not-allowed', headers: { allow: 'POST' } });
    if (!allowCrossSite && request.headers.get('sec-fetch-site') === 'cross-site') {
      throw new HttpError(403, 'requests from other sites are refused (allowCrossSite is off)', { code: 'cross-site' });
    }
    // The element always sends JSON; requiring it keeps out HTML forms and no-cors fetches from
    // other sites, which can only send "simple" content types.
    const contentType = request.headers.get('content-type');
    if (contentType === null || !isJsonContentType(contentType)) {
      throw new HttpError(415, 'send application/json', { code: 'unsupported-media-type' });
    }
    const text = await readBody(request, maxBodyBytes, bodyTimeoutMs);
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'the body must be JSON', { code: 'bad-request' });
      }
    }
    if (!isPlainObject(body)) throw new HttpError(400, 'the body must be a JSON object', { code: 'bad-request' });
    // An element without an alias or name may send null or ""; authorize sees such keys as absent.
    for (const key of ['alias', 'participantName']) {
      if (body[key] === null || body[key] === '') delete body[key];
    }
    if (body.alias !== undefined && !isValidId(body.alias)) throw new HttpError(400, ALIAS_MESSAGE, { code: 'invalid-alias' });
    if (
      body.participantName !== undefined &&
      (typeof body.participantName !== 'string' || body.participantName.length > MAX_TEXT_LENGTH)
    ) {
      throw new HttpError(400, `participantName must be a string of at most ${MAX_TEXT_LENGTH} characters`, { code: 'bad-request' });
    }
    return body as AccessRequestBody;
  }

  async function decide(request: Request, body: AccessRequestBody): Promise<AccessGrant> {
    let grant: AccessGrant | null;
    try {
      grant = await authorize(request, body);
    } catch (error) {
      report(error, request);
      throw new HttpError(500, 'the access link could not be prepared', { code: 'internal' });
    }
    if (grant === null || grant === undefined) throw new HttpError(403, 'access to this room is not granted', { code: 'forbidden' });
    return grant;
  }

  async function issue(request: Request, grant: AccessGrant): Promise<string> {
    const { spaceId, roomId, alias, ...params } = grant as AccessGrant & Record<string, unknown>;
    // The browser going away aborts the livedigital call: nobody is left to use the link.
    const signal = request.signal;
    let ids: { spaceId: unknown; roomId: unknown } = { spaceId, roomId };
    // Explicit ids win: they save a round trip and cannot be redirected by a renamed alias.
    if ((spaceId === undefined || roomId === undefined) && typeof alias === 'string') {
      const room = await client.roomByAlias(alias, { signal });
      ids = { spaceId: room.spaceId, roomId: room.id };
    }
    const { url } = await client.generateAccess(ids.spaceId as string, ids.roomId as string, params as GenerateAccessParams, { signal });
    return url;
  }

  return async function accessLinkHandler(request: Request): Promise<Response> {
    try {
      const body = await readRequest(request);
      const grant = await decide(request, body);
      let url: string;
      try {
        url = await issue(request, grant);
      } catch (error) {
        report(error, request);
        throw upstreamAnswer(error);
      }
      return jsonResponse(200, { url });
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      report(error, request);
      return errorResponse(500, 'internal', 'the access link could not be prepared');
    }
  };
}

/**
 * What the browser learns of a failed livedigital call: a fixed text by kind, never livedigital's
 * own words. Rate limiting becomes 503 with `Retry-After`, so the element waits and tries again.
 */
function upstreamAnswer(error: unknown): HttpError {
  // Refused before sending (a bad grant from authorize, no token) or not a client failure: the host's bug.
  if (!(error instanceof LivedigitalApiError) || error.refusedLocally) {
    return new HttpError(500, 'the access link could not be prepared', { code: 'internal' });
  }
  const message = UPSTREAM_MESSAGES[error.code] ?? UPSTREAM_MESSAGES.upstream;
  if (error.code === 'rate-limited' || error.retryAfter !== undefined) {
    const code = error.code === 'rate-limited' ? 'rate-limited' : 'upstream';
    return new HttpError(503, message, { code, headers: { 'retry-after': String(Math.max(1, error.retryAfter ?? 1)) } });
  }
  if (error.code === 'aborted') return new HttpError(503, message, { code: 'aborted' });
  return new HttpError(502, message, { code: 'upstream' });
}
