import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, decodeSegment, readJsonObject, sendEmpty, sendJson } from '../http.js';
import { objectId } from '../store.js';
import { bearer, optionalText, requiredText, roomOf, spaceOf } from './kit.js';
import type { ApiContext, Params, Route } from './kit.js';

/**
 * Registered users: sign-up, the password grant, space invites and room roles. The stand-in has
 * one client (`ctx.clientId` / `ctx.clientSecret`); the refresh tokens it issues sign the user in
 * on the stand-in's room page with their name and room role.
 */

async function createUser(ctx: ApiContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonObject(req);
  const email = requiredText(body, 'email');
  const username = requiredText(body, 'username');
  const password = body.password;
  if (typeof password !== 'string' || password.length < 6) throw new HttpError(400, 'password must be at least 6 characters');
  const phone = optionalText(body, 'phone');
  optionalText(body, 'captchaToken');
  const user = ctx.store.addUser({ email, username, password, ...(phone === undefined ? {} : { phone }) });
  if (!user) throw new HttpError(400, 'a user with this email already exists');
  sendJson(res, 201, { id: user.id });
}

/** `POST /v1/auth/token`: only the password grant is modelled (client_credentials gets 400). */
async function token(ctx: ApiContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonObject(req);
  if (body.client_id !== ctx.clientId || body.client_secret !== ctx.clientSecret) throw new HttpError(401, 'invalid client');
  if (body.grant_type !== 'password') throw new HttpError(400, 'grant_type must be "password"');
  const username = requiredText(body, 'username');
  const tokens = typeof body.password === 'string' ? ctx.store.signIn(username, body.password) : null;
  if (!tokens) throw new HttpError(401, 'invalid username or password');
  sendJson(res, 200, { access_token: tokens.accessToken, token_type: 'Bearer', refresh_token: tokens.refreshToken });
}

async function createInvite(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId]: Params) {
  const body = await readJsonObject(req);
  if (body.role !== 'role_space_moderator' && body.role !== 'role_space_user') {
    throw new HttpError(400, 'role must be "role_space_moderator" or "role_space_user"');
  }
  const space = spaceOf(ctx, spaceId!);
  const invite = { id: objectId(ctx.store.now()), spaceId: space.id, role: body.role };
  ctx.store.invites.set(invite.id, invite);
  sendJson(res, 201, { id: invite.id });
}

/** Only the invited user's own access token activates an invite; one invite, one user. */
function activateInvite(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, inviteId]: Params) {
  const user = ctx.store.userByAccessToken(bearer(req) ?? '');
  if (!user) throw new HttpError(403, "an invite is activated with the invited user's own access token");
  const space = spaceOf(ctx, spaceId!);
  const invite = ctx.store.invites.get(decodeSegment(inviteId!));
  if (!invite || invite.spaceId !== space.id) throw new HttpError(404, 'Invite not found');
  if (invite.activatedBy !== undefined) throw new HttpError(400, 'the invite was already activated');
  invite.activatedBy = user.id;
  sendEmpty(res, 204);
}

async function grantRole(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId, roomId]: Params) {
  const body = await readJsonObject(req);
  const userId = requiredText(body, 'targetUserId');
  if (body.role !== 'role_room_user' && body.role !== 'role_room_moderator') {
    throw new HttpError(400, 'role must be "role_room_user" or "role_room_moderator"');
  }
  const room = roomOf(ctx, spaceId!, roomId!);
  if (!ctx.store.users.has(userId)) throw new HttpError(404, 'User not found');
  ctx.store.roomRoles.set(`${room.id}/${userId}`, body.role);
  sendEmpty(res, 200);
}

export const userRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\/users$/, handler: createUser },
  { method: 'POST', pattern: /^\/v1\/auth\/token$/, handler: token },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/invites$/, handler: createInvite },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/invites\/([^/]+)\/activate$/, handler: activateInvite, forUsers: true },
  { method: 'POST', pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)\/roles$/, handler: grantRole },
];
