import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment } from '../http.js';
import { MAX_TEXT_LENGTH } from '../../core/ids.js';
import type { CallHistory } from '../calls.js';
import type { Room, Space, Store } from '../store.js';

/**
 * What every route module of the emulated `moodhood-api` shares: the context, the route shape and
 * the body checks. Field names and shapes follow the vendor's guide; where the guide is silent the
 * choice is noted at the handler.
 */

export interface ApiContext {
  store: Store;
  /** The accepted personal token: acts as owner/moderator of every space and room. */
  token: string;
  /** A valid token of a plain user: may look rooms up, everything else is 403. */
  userToken: string;
  /** Origin room links point at (the real service: https://edu.livedigital.space). */
  roomBaseUrl: string;
  /** The client of the password grant (`POST /v1/auth/token`), as the dashboard's «Интеграция» gives it. */
  clientId: string;
  clientSecret: string;
  /** Past calls, presence and recordings, for the records and analytics routes. */
  history: CallHistory;
}

export type Caller = 'owner' | 'user';
export type Params = string[];
export type Handler = (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: Params) => Promise<void> | void;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Plain users may call it. */
  forUsers?: boolean;
}

export const TTL_DEFAULT = 86_400;
/** The guide's maximum; the connector spec says 604800, the stricter documented value is used. */
export const TTL_MAX = 432_000;
export const MAX_TEXT = MAX_TEXT_LENGTH;

export function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

export function callerOf(ctx: ApiContext, req: IncomingMessage): Caller | null {
  const token = bearer(req);
  if (token === null) return null;
  if (token === ctx.token) return 'owner';
  if (token === ctx.userToken) return 'user';
  // A registered user's access token from the password grant: a plain user too.
  if (ctx.store.userByAccessToken(token)) return 'user';
  return null;
}

export function optionalText(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    throw new HttpError(400, `${key} must be a string of at most ${MAX_TEXT} characters`);
  }
  return value;
}

export function requiredText(body: Record<string, unknown>, key: string): string {
  const value = optionalText(body, key);
  if (value === undefined || value.trim() === '') throw new HttpError(400, `${key} is required`);
  return value.trim();
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new HttpError(400, `${key} must be a boolean`);
  return value;
}

export function spaceOf(ctx: ApiContext, id: string): Space {
  const space = ctx.store.spaces.get(decodeSegment(id));
  if (!space) throw new HttpError(404, 'Space not found');
  return space;
}

export function roomOf(ctx: ApiContext, spaceId: string, roomId: string): Room {
  const space = spaceOf(ctx, spaceId);
  const room = ctx.store.rooms.get(decodeSegment(roomId));
  if (!room || room.spaceId !== space.id) throw new HttpError(404, 'Room not found');
  return room;
}

/** An absolute http(s) URL under `key`, or undefined when absent. */
export function optionalHttpUrl(body: Record<string, unknown>, key: string): string | undefined {
  const value = optionalText(body, key);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new HttpError(400, `${key} must be an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HttpError(400, `${key} must be an absolute http(s) URL`);
  return value;
}

export function webhookUrl(body: Record<string, unknown>): string {
  const url = requiredText(body, 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpError(400, 'url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new HttpError(400, 'url must be an absolute http(s) URL');
  }
  return url;
}

