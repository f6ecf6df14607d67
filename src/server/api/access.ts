import { isSecureRoomUrl, parseUrl } from '../../core/origins.js';
import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { ALIAS_MESSAGE, ID_PATTERN, isAccessRole, MAX_TEXT_LENGTH as MAX_TEXT, type AccessRole } from '../../core/ids.js';
import { checkId, invalid, isText } from '../validate.js';

/** The documented ceiling for `ttl` (5 days); the vendor's default is 86400. */
export const MAX_ACCESS_TTL_SECONDS = 432_000;

export type { AccessRole };

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

/** A room as room-by-alias describes it: the ids generate-access needs, and its name. */
export interface VendorRoom {
  id: string;
  spaceId: string;
  name: string;
  appId?: string;
  channelId?: string;
}

/** Lets the client drop cached aliases of a room it has just deleted or changed. */
export interface RoomForgetting {
  forgetRoom(roomId: string): void;
}

/** Personal room links and the alias → ids lookup they need. */
export interface AccessApi {
  generateAccess(spaceId: string, roomId: string, params: GenerateAccessParams, options?: CallOptions): Promise<{ url: string }>;
  roomByAlias(alias: string, options?: CallOptions): Promise<VendorRoom>;
}

const OPTIONAL_TEXT_FIELDS = ['externalUserId', 'externalMeetingId', 'email', 'phone'] as const;

/** Builds the request body field by field, so nothing the caller did not mean to send leaks out. */
function accessBody(params: GenerateAccessParams): Record<string, unknown> {
  // Values are never echoed in messages: usernames, emails and phones are personal data.
  if (typeof params !== 'object' || params === null) throw invalid('generate-access parameters must be an object');
  if (!isText(params.username)) throw invalid(`username must be a non-empty string of at most ${MAX_TEXT} characters`);
  if (!isAccessRole(params.role)) throw invalid('role must be "user" or "moderator"');
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

export interface AccessApiOptions {
  /** How long `roomByAlias` answers are kept, in ms; 0 turns the cache off. Default 5 minutes. */
  aliasCacheMs?: number;
}

export const DEFAULT_ALIAS_CACHE_MS = 5 * 60_000;

export function accessApi(call: ApiCall, options: AccessApiOptions = {}): AccessApi & RoomForgetting {
  const cacheMs = options.aliasCacheMs ?? DEFAULT_ALIAS_CACHE_MS;
  if (!(cacheMs >= 0) || !Number.isFinite(cacheMs)) throw new TypeError('aliasCacheMs must be 0 or a positive number of ms');
  // At lesson start hundreds of students ask for one alias within seconds: one lookup serves them
  // all, and the answer is kept because an alias keeps pointing at its room.
  const cache = new Map<string, { room: VendorRoom; until: number }>();
  const inFlight = new Map<string, Promise<VendorRoom>>();

  async function lookUp(alias: string): Promise<VendorRoom> {
    const path = `/v1/spaces/room-by-alias/${encodeURIComponent(alias)}`;
    // No caller's signal: the request is shared, one caller leaving must not fail the others.
    const room = ((await call({ method: 'GET', path })) ?? {}) as Record<string, unknown>;
    if (typeof room.id !== 'string' || !ID_PATTERN.test(room.id) || typeof room.spaceId !== 'string' || !ID_PATTERN.test(room.spaceId)) {
      throw new LivedigitalApiError('upstream', 200, 'livedigital answered without usable room ids');
    }
    const out: VendorRoom = { id: room.id, spaceId: room.spaceId, name: typeof room.name === 'string' ? room.name : '' };
    if (typeof room.appId === 'string') out.appId = room.appId;
    if (typeof room.channelId === 'string') out.channelId = room.channelId;
    return out;
  }

  function shared(alias: string): Promise<VendorRoom> {
    let pending = inFlight.get(alias);
    if (!pending) {
      pending = lookUp(alias).then(
        (room) => {
          if (cacheMs > 0) cache.set(alias, { room, until: Date.now() + cacheMs });
          return room;
        },
      );
      const settled = () => inFlight.delete(alias);
      pending.then(settled, settled);
      inFlight.set(alias, pending);
    }
    return pending;
  }

  return {
    forgetRoom(roomId) {
      for (const [alias, { room }] of cache) if (room.id === roomId) cache.delete(alias);
    },

    async generateAccess(spaceId, roomId, params, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}/generate-access`;
      const body = accessBody(params);
      // A second link from a repeated request is harmless (it just goes unused), so it may be retried.
      const result = await call({ method: 'POST', path, body, signal: options?.signal, idempotent: true });
      const link = (result as { url?: unknown } | null)?.url;
      const url = typeof link === 'string' ? parseUrl(link) : null;
      // The link goes straight into an iframe with camera rights: accept only a secure one.
      if (!url || !isSecureRoomUrl(url)) {
        throw new LivedigitalApiError('upstream', 200, 'livedigital answered without a usable room link');
      }
      return { url: url.href };
    },

    async roomByAlias(alias, options) {
      if (typeof alias !== 'string' || !ID_PATTERN.test(alias)) throw invalid(ALIAS_MESSAGE);
      const signal = options?.signal;
      if (signal?.aborted) throw new LivedigitalApiError('aborted', 0, 'the request was aborted before it was sent');
      const hit = cache.get(alias);
      if (hit && hit.until > Date.now()) return { ...hit.room };
      if (hit) cache.delete(alias);
      const room = shared(alias);
      if (!signal) return { ...(await room) };
      // This caller stops waiting on abort; the shared lookup goes on for the others.
      return new Promise<VendorRoom>((resolve, reject) => {
        const onAbort = () => reject(new LivedigitalApiError('aborted', 0, 'the request to livedigital was aborted by its caller'));
        signal.addEventListener('abort', onAbort, { once: true });
        room.then(
          (value) => {
            signal.removeEventListener('abort', onAbort);
            resolve({ ...value });
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
  };
}
