import { isValidAlias } from '../core/room-link.js';
import type { GenerateAccessParams, LivedigitalClient } from './client.js';
import { LivedigitalApiError } from './errors.js';
import type { LivedigitalApiErrorCode } from './errors.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  errorResponse,
  isJsonContentType,
  isPlainObject,
  jsonResponse,
  positiveIntegerOr,
  readBodyOrAnswer,
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
  /**
   * Sees every failure the response hides (authorize throwing, livedigital errors) for the
   * host's logs. Errors from the client are already token-free.
   */
  onError?: (error: unknown, request: Request) => void;
}

const MAX_PARTICIPANT_NAME = 256;

// Fixed texts: the browser learns what kind of failure happened, never livedigital's own words.
const UPSTREAM_MESSAGES: Record<LivedigitalApiErrorCode, string> = {
  unauthorized: 'livedigital refused the server credentials',
  forbidden: 'livedigital does not allow this server to grant access to the room',
  'invalid-params': 'livedigital rejected the access request',
  'not-found': 'livedigital does not know this room',
  timeout: 'livedigital did not answer in time',
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

  const report = (error: unknown, request: Request) => {
    try {
      onError?.(error, request);
    } catch {
      // A broken logger must not turn a clean error answer into a crash.
    }
  };

  return async function accessLinkHandler(request: Request): Promise<Response> {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method-not-allowed', 'use POST', { allow: 'POST' });
    }
    const contentType = request.headers.get('content-type');
    // Requiring JSON (when a type is given) keeps plain HTML forms from other sites out.
    if (contentType !== null && contentType.trim() !== '' && !isJsonContentType(contentType)) {
      return errorResponse(415, 'unsupported-media-type', 'send application/json');
    }

    const text = await readBodyOrAnswer(request, maxBodyBytes);
    if (text instanceof Response) return text;

    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return errorResponse(400, 'bad-request', 'the body must be JSON');
      }
    }
    if (!isPlainObject(body)) return errorResponse(400, 'bad-request', 'the body must be a JSON object');
    // An element without an alias or name may send null or ""; authorize sees such keys as absent.
    for (const key of ['alias', 'participantName']) {
      if (body[key] === null || body[key] === '') delete body[key];
    }
    if (body.alias !== undefined && (typeof body.alias !== 'string' || !isValidAlias(body.alias))) {
      return errorResponse(400, 'invalid-alias', 'alias may contain only letters, digits, "_" and "-" (1–64 characters)');
    }
    if (
      body.participantName !== undefined &&
      (typeof body.participantName !== 'string' || body.participantName.length > MAX_PARTICIPANT_NAME)
    ) {
      return errorResponse(400, 'bad-request', `participantName must be a string of at most ${MAX_PARTICIPANT_NAME} characters`);
    }

    let grant: AccessGrant | null;
    try {
      grant = await authorize(request, body as AccessRequestBody);
    } catch (error) {
      report(error, request);
      return errorResponse(500, 'internal', 'the access link could not be prepared');
    }
    if (grant === null || grant === undefined) {
      return errorResponse(403, 'forbidden', 'access to this room is not granted');
    }

    try {
      const { spaceId, roomId, alias, ...params } = grant as AccessGrant & Record<string, unknown>;
      const signal = request.signal;
      let ids: { spaceId: unknown; roomId: unknown } = { spaceId, roomId };
      // Explicit ids win: they save a round trip and cannot be redirected by a renamed alias.
      if ((spaceId === undefined || roomId === undefined) && typeof alias === 'string') {
        const room = await client.roomByAlias(alias, { signal });
        ids = { spaceId: room.spaceId, roomId: room.id };
      }
      const { url } = await client.generateAccess(ids.spaceId as string, ids.roomId as string, params, { signal });
      return jsonResponse(200, { url });
    } catch (error) {
      report(error, request);
      if (error instanceof LivedigitalApiError && !isLocalRefusal(error)) {
        return errorResponse(502, 'upstream', UPSTREAM_MESSAGES[error.code] ?? UPSTREAM_MESSAGES.upstream);
      }
      // Refused before sending (a bad grant from authorize, no token) or a non-client failure: the host's bug.
      return errorResponse(500, 'internal', 'the access link could not be prepared');
    }
  };
}

/** The client refuses bad input with status 0 before any request; that is not livedigital failing. */
function isLocalRefusal(error: LivedigitalApiError): boolean {
  return error.status === 0 && (error.code === 'invalid-params' || error.code === 'not-configured');
}
