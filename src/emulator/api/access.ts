import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendJson } from '../http.js';
import { isAccessRole } from '../../core/ids.js';
import { optionalBoolean, optionalText, requiredText, roomOf, TTL_DEFAULT, TTL_MAX } from './kit.js';
import type { ApiContext, Params, Route } from './kit.js';

/** generate-access: validates like the service (400 on bad params), then issues a one-time or permanent link. */
async function generateAccess(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, roomId]: Params) {
  const body = await readJsonObject(req);
  const username = requiredText(body, 'username');
  const role = body.role ?? 'user'; // assumption: an absent role means a plain participant
  if (!isAccessRole(role)) throw new HttpError(400, 'role must be "user" or "moderator"');
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
  const grant = ctx.store.issueGrant(room, { username, role, ttlSeconds: ttl, isPermanent, ...extras });
  const url = new URL(`/room/${encodeURIComponent(room.alias)}`, ctx.roomBaseUrl);
  url.searchParams.set('participantName', username);
  url.searchParams.set('accessToken', grant.token);
  sendJson(res, 200, { url: url.href });
}

/** Personal links and the alias lookup: what the access-link handler calls at lesson start. */
export const accessRoutes: Route[] = [
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
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)\/generate-access$/, handler: generateAccess },
];
