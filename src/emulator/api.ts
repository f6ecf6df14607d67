import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendEmpty, sendError, sendJson } from './http.js';
import { makeSecret } from './store.js';
import type { AccessRole, Room, RoomType, Space, Store, Webhook } from './store.js';

/**
 * The emulated `moodhood-api` (`/v1/...`): the subset the package and its demo use.
 * Field names and shapes follow the vendor's integration guide; where the guide is silent the
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
}

type Caller = 'owner' | 'user';
type Params = string[];
type Handler = (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, params: Params) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Plain users may call it. */
  forUsers?: boolean;
}

export const TTL_DEFAULT = 86_400;
/** The guide's maximum; the connector spec says 604800, the stricter documented value is used. */
export const TTL_MAX = 432_000;
const MAX_TEXT = 256;

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

function callerOf(ctx: ApiContext, req: IncomingMessage): Caller | null {
  const token = bearer(req);
  if (token === null) return null;
  if (token === ctx.token) return 'owner';
  if (token === ctx.userToken) return 'user';
  return null;
}

function optionalText(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    throw new HttpError(400, `${key} must be a string of at most ${MAX_TEXT} characters`);
  }
  return value;
}

function requiredText(body: Record<string, unknown>, key: string): string {
  const value = optionalText(body, key);
  if (value === undefined || value.trim() === '') throw new HttpError(400, `${key} is required`);
  return value.trim();
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new HttpError(400, `${key} must be a boolean`);
  return value;
}

function spaceOf(ctx: ApiContext, id: string): Space {
  const space = ctx.store.spaces.get(decodeSegment(id));
  if (!space) throw new HttpError(404, 'Space not found');
  return space;
}

function roomOf(ctx: ApiContext, spaceId: string, roomId: string): Room {
  const space = spaceOf(ctx, spaceId);
  const room = ctx.store.rooms.get(decodeSegment(roomId));
  if (!room || room.spaceId !== space.id) throw new HttpError(404, 'Room not found');
  return room;
}

function webhookUrl(body: Record<string, unknown>): string {
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

const webhookView = (hook: Webhook) => ({ url: hook.url, isActive: hook.isActive });
const roomView = (room: Room) => ({
  id: room.id,
  alias: room.alias,
  channelId: room.channelId,
  name: room.name,
  type: room.type,
  isPublic: room.isPublic,
  spaceId: room.spaceId,
});

/** generate-access: validates like the service (400 on bad params), then issues a one-time or permanent link. */
async function generateAccess(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, roomId]: Params) {
  const body = await readJsonObject(req);
  const username = requiredText(body, 'username');
  const role = body.role ?? 'user'; // assumption: an absent role means a plain participant
  if (role !== 'user' && role !== 'moderator') throw new HttpError(400, 'role must be "user" or "moderator"');
  const ttl = body.ttl ?? TTL_DEFAULT;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > TTL_MAX) {
    throw new HttpError(400, `ttl must be an integer number of seconds from 1 to ${TTL_MAX}`);
  }
  const isPermanent = optionalBoolean(body, 'isPermanent') ?? false;
  const extras = {
    externalUserId: optionalText(body, 'externalUserId'),
    externalMeetingId: optionalText(body, 'externalMeetingId'),
    email: optionalText(body, 'email'),
    phone: optionalText(body, 'phone'),
  };
  const room = roomOf(ctx, spaceId!, roomId!);
  const grant = ctx.store.issueGrant(room, { username, role: role as AccessRole, ttlSeconds: ttl, isPermanent, ...extras });
  const url = new URL(`/room/${encodeURIComponent(room.alias)}`, ctx.roomBaseUrl);
  url.searchParams.set('participantName', username);
  url.searchParams.set('accessToken', grant.token);
  sendJson(res, 200, { url: url.href });
}

async function createSpace(ctx: ApiContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonObject(req);
  const input: Parameters<Store['addSpace']>[0] = { name: requiredText(body, 'name') };
  const isPublic = optionalBoolean(body, 'isPublic');
  const description = optionalText(body, 'description');
  const logo = optionalText(body, 'logo');
  if (isPublic !== undefined) input.isPublic = isPublic;
  if (description !== undefined) input.description = description;
  if (logo !== undefined) input.logo = logo;
  sendJson(res, 201, { id: ctx.store.addSpace(input).id });
}

async function createRoom(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId]: Params) {
  const body = await readJsonObject(req);
  const name = requiredText(body, 'name');
  const type = body.type ?? 'lesson';
  if (type !== 'lesson' && type !== 'webinar') throw new HttpError(400, 'type must be "lesson" or "webinar"');
  const isPublic = optionalBoolean(body, 'isPublic');
  optionalBoolean(body, 'isScreensharingAllowed'); // accepted and validated, not modelled
  optionalBoolean(body, 'isChatAllowed');
  const space = spaceOf(ctx, spaceId!);
  const room = ctx.store.addRoom(space.id, { name, type: type as RoomType, ...(isPublic === undefined ? {} : { isPublic }) });
  sendJson(res, 201, { alias: room.alias, id: room.id, channelId: room.channelId });
}

function getWebhook(ctx: ApiContext, spaceId: string): Webhook {
  const hook = ctx.store.webhooks.get(spaceOf(ctx, spaceId).id);
  if (!hook) throw new HttpError(404, 'Webhook not found');
  return hook;
}

const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/spaces\/room-by-alias\/([^/]+)$/,
    forUsers: true,
    handler: (ctx, _req, res, [alias]) => {
      const room = ctx.store.roomByAlias(decodeSegment(alias!));
      if (!room) throw new HttpError(404, 'Room not found');
      sendJson(res, 200, { id: room.id, appId: room.appId, channelId: room.channelId, name: room.name, spaceId: room.spaceId });
    },
  },
  { method: 'POST', pattern: /^\/v1\/spaces$/, handler: createSpace },
  {
    // Assumption: list responses are `{ items, total }` like the records and analytics endpoints.
    method: 'GET',
    pattern: /^\/v1\/spaces$/,
    handler: (ctx, _req, res) => {
      const items = [...ctx.store.spaces.values()].map(({ id, name, isPublic, description, logo }) => ({ id, name, isPublic, description, logo }));
      sendJson(res, 200, { items, total: items.length });
    },
  },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms$/, handler: createRoom },
  {
    method: 'GET',
    pattern: /^\/v1\/spaces\/([^/]+)\/rooms$/,
    handler: (ctx, _req, res, [spaceId]) => {
      const items = ctx.store.roomsOf(spaceOf(ctx, spaceId!).id).map(roomView);
      sendJson(res, 200, { items, total: items.length });
    },
  },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)\/generate-access$/, handler: generateAccess },
  {
    // Assumption: POST on a space that already has a webhook re-points it and keeps the secret.
    method: 'POST',
    pattern: /^\/v1\/spaces\/([^/]+)\/webhook$/,
    handler: async (ctx, req, res, [spaceId]) => {
      const body = await readJsonObject(req);
      const url = webhookUrl(body);
      const isActive = optionalBoolean(body, 'isActive') ?? true;
      const space = spaceOf(ctx, spaceId!);
      const existing = ctx.store.webhooks.get(space.id);
      const hook: Webhook = { url, secret: existing?.secret ?? makeSecret(), isActive };
      ctx.store.webhooks.set(space.id, hook);
      sendJson(res, existing ? 200 : 201, { url: hook.url, secret: hook.secret, isActive: hook.isActive });
    },
  },
  {
    // As documented, update answers `{ url, isActive }` without the secret.
    method: 'PUT',
    pattern: /^\/v1\/spaces\/([^/]+)\/webhook$/,
    handler: async (ctx, req, res, [spaceId]) => {
      const body = await readJsonObject(req);
      const url = body.url === undefined ? undefined : webhookUrl(body);
      const isActive = optionalBoolean(body, 'isActive');
      const hook = getWebhook(ctx, spaceId!);
      if (url !== undefined) hook.url = url;
      if (isActive !== undefined) hook.isActive = isActive;
      sendJson(res, 200, webhookView(hook));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/spaces\/([^/]+)\/webhook$/,
    handler: (ctx, _req, res, [spaceId]) => sendJson(res, 200, webhookView(getWebhook(ctx, spaceId!))),
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/spaces\/([^/]+)\/webhook$/,
    handler: (ctx, _req, res, [spaceId]) => {
      getWebhook(ctx, spaceId!);
      ctx.store.webhooks.delete(decodeSegment(spaceId!));
      sendEmpty(res, 204);
    },
  },
  {
    method: 'PUT',
    pattern: /^\/v1\/spaces\/([^/]+)\/webhook\/refresh-secret$/,
    handler: (ctx, _req, res, [spaceId]) => {
      const hook = getWebhook(ctx, spaceId!);
      hook.secret = makeSecret();
      sendJson(res, 200, { url: hook.url, secret: hook.secret, isActive: hook.isActive });
    },
  },
];

/** Serves one `/v1/...` request: 401 without a known token, 404/405 for unknown routes, 403 for plain users. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  try {
    const caller = callerOf(ctx, req);
    if (!caller) throw new HttpError(401, 'Unauthorized');
    const allowed: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.method !== req.method) {
        allowed.push(route.method);
        continue;
      }
      if (caller === 'user' && !route.forUsers) throw new HttpError(403, 'method forbidden for user');
      await route.handler(ctx, req, res, match.slice(1));
      return;
    }
    if (allowed.length > 0) {
      res.setHeader('allow', allowed.join(', '));
      throw new HttpError(405, 'Method not allowed');
    }
    throw new HttpError(404, 'Not found');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (!res.headersSent) sendError(res, error.status, error.message);
  }
}
