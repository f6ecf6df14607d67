import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendEmpty, sendJson } from '../http.js';
import { makeSecret } from '../store.js';
import type { Room, RoomType, Store, Webhook } from '../store.js';
import { optionalBoolean, optionalText, requiredText, spaceOf, webhookUrl } from './kit.js';
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
});

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
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms$/, handler: createRoom },
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

