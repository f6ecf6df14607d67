import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendEmpty, sendJson } from '../http.js';
import { objectId } from '../store.js';
import type { Playback } from '../store.js';
import { optionalBoolean, optionalText, requiredText, spaceOf } from './kit.js';
import type { ApiContext, Params, Route } from './kit.js';

/**
 * Autowebinars. The paths are the companion's assumptions (its `PLAYBACK_PATHS`): the vendor's
 * guides name these operations without giving their paths.
 */

function playbackOf(ctx: ApiContext, spaceId: string, playbackId: string): Playback {
  const space = spaceOf(ctx, spaceId);
  const playback = ctx.store.playbacks.get(decodeSegment(playbackId));
  if (!playback || playback.spaceId !== space.id) throw new HttpError(404, 'Playback not found');
  return playback;
}

function dateOrNull(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new HttpError(400, `${key} must be an ISO date or null`);
  return value;
}

const KNOWN = new Set(['name', 'recordId', 'isPublished']);

export const playbackRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/spaces\/([^/]+)\/playbacks$/,
    handler: async (ctx, req, res, [spaceId]) => {
      const body = await readJsonObject(req);
      const name = requiredText(body, 'name');
      const space = spaceOf(ctx, spaceId!);
      const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN.has(key)));
      const playback: Playback = { id: objectId(ctx.store.now()), spaceId: space.id, name, isPublished: false, extra };
      ctx.store.playbacks.set(playback.id, playback);
      sendJson(res, 201, { id: playback.id });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/v1\/spaces\/([^/]+)\/playbacks\/([^/]+)$/,
    handler: async (ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, playbackId]: Params) => {
      const body = await readJsonObject(req);
      const name = body.name === undefined ? undefined : requiredText(body, 'name');
      const recordId = optionalText(body, 'recordId');
      const isPublished = optionalBoolean(body, 'isPublished');
      const playback = playbackOf(ctx, spaceId!, playbackId!);
      if (name !== undefined) playback.name = name;
      if (recordId !== undefined) playback.recordId = recordId;
      if (isPublished !== undefined) playback.isPublished = isPublished;
      for (const [key, value] of Object.entries(body)) if (!KNOWN.has(key)) playback.extra[key] = value;
      sendEmpty(res, 204);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/spaces\/([^/]+)\/playbacks\/([^/]+)\/events$/,
    handler: async (ctx, req, res, [spaceId, playbackId]) => {
      const body = await readJsonObject(req);
      const name = requiredText(body, 'name');
      const startDate = dateOrNull(body, 'startDate');
      const endDate = dateOrNull(body, 'endDate');
      const timezone = optionalText(body, 'timezone');
      const playback = playbackOf(ctx, spaceId!, playbackId!);
      if (body.playbackId !== undefined && body.playbackId !== playback.id) throw new HttpError(400, 'playbackId does not match the path');
      const event = { id: objectId(ctx.store.now()), playbackId: playback.id, name, startDate, endDate, ...(timezone === undefined ? {} : { timezone }) };
      ctx.store.playbackEvents.set(event.id, event);
      sendJson(res, 201, { id: event.id });
    },
  },
];
