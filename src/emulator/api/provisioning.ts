import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendEmpty, sendJson } from '../http.js';
import { makeSecret } from '../store.js';
import { ROOM_SETTING_FLAGS, type Room, type RoomSettings, type RoomType, type Store, type Webhook } from '../store.js';
import { optionalBoolean, optionalHttpUrl, optionalText, requiredText, roomOf, spaceOf, webhookUrl } from './kit.js';
import type { ApiContext, Params, Route } from './kit.js';

const webhookView = (hook: Webhook) => ({ url: hook.url, isActive: hook.isActive });
const roomView = (room: Room) => ({
  id: room.id,
  alias: room.alias,
  channelId: room.channelId,
  name: room.name,
  type: room.type,
  isPublic: room.isPublic,
  spaceId: room.spaceId,
  ...room.settings.extra,
  ...Object.fromEntries(Object.entries(room.settings).filter(([key]) => key !== 'extra')),
});

const ROOM_KEYS = new Set<string>(['name', 'type', 'isPublic', 'waitingRoomAudience', 'redirectUrl', ...ROOM_SETTING_FLAGS]);

/** The settings present in a create/update body, checked like the service would (400 on a bad one). */
function settingsIn(body: Record<string, unknown>): RoomSettings {
  const settings: RoomSettings = {};
  for (const key of ROOM_SETTING_FLAGS) {
    const value = optionalBoolean(body, key);
    if (value !== undefined) settings[key] = value;
  }
  const audience = optionalText(body, 'waitingRoomAudience');
  if (audience !== undefined) settings.waitingRoomAudience = audience;
  const redirectUrl = optionalHttpUrl(body, 'redirectUrl');
  if (redirectUrl !== undefined) settings.redirectUrl = redirectUrl;
  // Assumption: the service keeps fields its guides do not describe (templateId, isHandRaisingAllowed…).
  const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !ROOM_KEYS.has(key)));
  if (Object.keys(extra).length > 0) settings.extra = extra;
  return settings;
}

function roomType(value: unknown): RoomType | undefined {
  if (value === undefined) return undefined;
  if (value !== 'lesson' && value !== 'webinar') throw new HttpError(400, 'type must be "lesson" or "webinar"');
  return value;
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
  const type = roomType(body.type) ?? 'lesson';
  const isPublic = optionalBoolean(body, 'isPublic');
  const settings = settingsIn(body);
  const space = spaceOf(ctx, spaceId!);
  const room = ctx.store.addRoom(space.id, { name, type, settings, ...(isPublic === undefined ? {} : { isPublic }) });
  sendJson(res, 201, { alias: room.alias, id: room.id, channelId: room.channelId });
}

/** Assumption: a PUT changes only the fields it carries (the guides do not say whether it replaces). */
async function updateRoom(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, roomId]: Params) {
  const body = await readJsonObject(req);
  const name = body.name === undefined ? undefined : requiredText(body, 'name');
  const type = roomType(body.type);
  const isPublic = optionalBoolean(body, 'isPublic');
  const settings = settingsIn(body);
  const room = roomOf(ctx, spaceId!, roomId!);
  if (name !== undefined) room.name = name;
  if (type !== undefined) room.type = type;
  if (isPublic !== undefined) room.isPublic = isPublic;
  const extra = settings.extra ? { ...room.settings.extra, ...settings.extra } : room.settings.extra;
  room.settings = { ...room.settings, ...settings, ...(extra ? { extra } : {}) };
  sendJson(res, 200, roomView(room));
}

/** The guide requires `name` and `isPublic` on a space update. */
async function updateSpace(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId]: Params) {
  const body = await readJsonObject(req);
  const name = requiredText(body, 'name');
  const isPublic = optionalBoolean(body, 'isPublic');
  if (isPublic === undefined) throw new HttpError(400, 'isPublic is required');
  const description = optionalText(body, 'description');
  const logo = optionalText(body, 'logo');
  const space = spaceOf(ctx, spaceId!);
  Object.assign(space, { name, isPublic }, description === undefined ? {} : { description }, logo === undefined ? {} : { logo });
  sendJson(res, 200, { id: space.id });
}

function getWebhook(ctx: ApiContext, spaceId: string): Webhook {
  const hook = ctx.store.webhooks.get(spaceOf(ctx, spaceId).id);
  if (!hook) throw new HttpError(404, 'Webhook not found');
  return hook;
}

/** Spaces, rooms and the space's webhook: what a host backend sets up before a lesson. */
export const provisioningRoutes: Route[] = [
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
  { method: 'PUT', pattern: /^\/v1\/spaces\/([^/]+)$/, handler: updateSpace },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms$/, handler: createRoom },
  { method: 'PUT', pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)$/, handler: updateRoom },
  {
    method: 'DELETE',
    pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)$/,
    handler: (ctx, _req, res, [spaceId, roomId]) => {
      ctx.store.deleteRoom(roomOf(ctx, spaceId!, roomId!));
      sendEmpty(res, 204);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/spaces\/([^/]+)\/rooms$/,
    handler: (ctx, _req, res, [spaceId]) => {
      const items = ctx.store.roomsOf(spaceOf(ctx, spaceId!).id).map(roomView);
      sendJson(res, 200, { items, total: items.length });
    },
  },
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

