import { isSecureRoomUrl, parseUrl } from '../../core/origins.js';
import { isValidAlias } from '../../core/room-link.js';
import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { checkId, ID_PATTERN, invalid, isText, MAX_TEXT } from '../validate.js';

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

/** Personal room links and the alias → ids lookup they need. */
export interface AccessApi {
  generateAccess(spaceId: string, roomId: string, params: GenerateAccessParams, options?: CallOptions): Promise<{ url: string }>;
  roomByAlias(alias: string, options?: CallOptions): Promise<LivedigitalRoom>;
}

const OPTIONAL_TEXT_FIELDS = ['externalUserId', 'externalMeetingId', 'email', 'phone'] as const;

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

export function accessApi(call: ApiCall): AccessApi {
  return {
    async generateAccess(spaceId, roomId, params, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}/generate-access`;
      const body = accessBody(params);
      const result = await call({ method: 'POST', path, body, signal: options?.signal });
      const link = (result as { url?: unknown } | null)?.url;
      const url = typeof link === 'string' ? parseUrl(link) : null;
      // The link goes straight into an iframe with camera rights: accept only a secure one.
      if (!url || !isSecureRoomUrl(url)) {
        throw new LivedigitalApiError('upstream', 200, 'livedigital answered without a usable room link');
      }
      return { url: url.href };
    },

    async roomByAlias(alias, options) {
      if (typeof alias !== 'string' || !isValidAlias(alias)) {
        throw invalid('alias must be 1–64 letters, digits, "_" or "-"');
      }
      const path = `/v1/spaces/room-by-alias/${encodeURIComponent(alias)}`;
      const room = ((await call({ method: 'GET', path, signal: options?.signal })) ?? {}) as Record<string, unknown>;
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
