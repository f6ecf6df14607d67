import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidAlias } from '../core/room-link.js';
import { HttpError, decodeSegment, readBody, sendError, sendHtml, sendJson } from './http.js';
import {
  contentSecurityPolicy,
  makeNonce,
  renderJoinForm,
  renderNotFound,
  renderRoomPage,
  renderUnauthorized,
} from './room-page.js';
import { moderatorPresent, mustWait } from './room-settings.js';
import type { CallHistory } from './calls.js';
import type { Call, JoinVia, Room, Store } from './store.js';
import type { WebhookDispatcher, WebhookEventName } from './webhooks.js';

/**
 * The emulated room site: `/room/<alias>` pages plus the small JSON endpoints their script calls
 * (`/leave`, `/end`, `/status`). Joining happens when the page is served, so a plain HTTP GET of
 * a room link is enough for tests to start a call.
 */

export interface RoomContext {
  store: Store;
  webhooks: WebhookDispatcher;
  /** Participants whose page has not polled for this long are dropped; 0 keeps them forever. */
  presenceTimeoutMs: number;
  /** Presence, recordings and past calls, for the records and analytics API. */
  history: CallHistory;
}

const MAX_NAME = 100;

export function emitCallEvent(ctx: RoomContext, room: Room, call: Call, eventName: WebhookEventName): void {
  const withCallId = ctx.history.settings.callIdInCallEvents;
  ctx.webhooks.dispatch(ctx.store.webhooks.get(room.spaceId), {
    eventName,
    roomId: room.id,
    spaceId: room.spaceId,
    ...(withCallId ? { callId: call.id } : {}),
  });
}

/** Key order as in the connector spec's example; the signature covers it. */
function emitRecordEvent(ctx: RoomContext, room: Room, record: { id: string; callId: string }, eventName: WebhookEventName): void {
  ctx.webhooks.dispatch(ctx.store.webhooks.get(room.spaceId), {
    eventName,
    roomId: room.id,
    spaceId: room.spaceId,
    recordId: record.id,
    callId: record.callId,
  });
}

/** The call is over: presence closed, a running recording stopped (record_finished first), call_finished. */
function finishCall(ctx: RoomContext, room: Room, call: Call): void {
  const { stoppedRecord } = ctx.history.finish(call);
  if (stoppedRecord) emitRecordEvent(ctx, room, stoppedRecord, 'record_finished');
  emitCallEvent(ctx, room, call, 'call_finished');
}

function sweep(ctx: RoomContext): void {
  const finished = ctx.store.sweep(ctx.presenceTimeoutMs);
  ctx.history.reconcile();
  for (const call of finished) {
    const room = ctx.store.rooms.get(call.roomId);
    if (room) finishCall(ctx, room, call);
  }
}

function html(res: ServerResponse, status: number, render: (nonce: string) => string): void {
  const nonce = makeNonce();
  sendHtml(res, status, render(nonce), { 'content-security-policy': contentSecurityPolicy(nonce) });
}

function join(
  ctx: RoomContext,
  res: ServerResponse,
  room: Room,
  who: { name: string; role: string; via: JoinVia },
  externalUserId?: string,
): void {
  const { participant, call, started } = ctx.store.join(room, who);
  ctx.history.joined(room, call, participant, externalUserId);
  if (started) emitCallEvent(ctx, room, call, 'call_started');
  const waiting = mustWait(room, who.role) && !moderatorPresent(call);
  html(res, 200, (nonce) => renderRoomPage(room, participant, call.participants.size, nonce, waiting));
}

function cleanName(value: string | null): string {
  return (value ?? '').trim().slice(0, MAX_NAME);
}

/**
 * GET of a room link. accessToken: must be a live grant for this room (one-time ones are used up
 * here). refreshToken: any non-empty value counts as a signed-in user (the emulator has no
 * accounts). Neither: the guest join form, name prefilled from participantName.
 */
function servePage(ctx: RoomContext, res: ServerResponse, room: Room, query: URLSearchParams): void {
  const name = cleanName(query.get('participantName'));
  const accessToken = query.get('accessToken');
  const refreshToken = query.get('refreshToken');
  if (accessToken !== null) {
    const grant = accessToken === '' ? null : ctx.store.redeemGrant(accessToken, room);
    if (!grant) return html(res, 401, renderUnauthorized);
    return join(ctx, res, room, { name: grant.username, role: grant.role, via: 'accessToken' }, grant.externalUserId);
  }
  if (refreshToken !== null) {
    if (refreshToken.trim() === '') return html(res, 401, renderUnauthorized);
    // A refresh token from the stand-in's password grant signs that user in with their room role.
    const user = ctx.store.userByRefreshToken(refreshToken);
    if (user) {
      const role = ctx.store.roomRoleOf(room, user.id) === 'role_room_moderator' ? 'moderator' : 'user';
      return join(ctx, res, room, { name: user.username, role, via: 'refreshToken' });
    }
    return join(ctx, res, room, { name: name || 'Registered user', role: 'user', via: 'refreshToken' });
  }
  html(res, 200, (nonce) => renderJoinForm(room, name, nonce));
}

async function joinAsGuest(ctx: RoomContext, req: IncomingMessage, res: ServerResponse, room: Room): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const name = cleanName(form.get('participantName'));
  if (name === '') return html(res, 400, (nonce) => renderJoinForm(room, '', nonce, 'Enter your name to join.'));
  join(ctx, res, room, { name, role: 'guest', via: 'guest' });
}

async function sessionOf(req: IncomingMessage): Promise<string> {
  // JSON from fetch(), or the same JSON as text/plain from navigator.sendBeacon().
  let value: unknown;
  try {
    value = JSON.parse(await readBody(req));
  } catch {
    throw new HttpError(400, 'expected {"sessionId": "..."}');
  }
  const sessionId = (value as { sessionId?: unknown } | null)?.sessionId;
  if (typeof sessionId !== 'string' || sessionId === '') throw new HttpError(400, 'expected {"sessionId": "..."}');
  return sessionId;
}

async function leave(ctx: RoomContext, req: IncomingMessage, res: ServerResponse, room: Room): Promise<void> {
  const sessionId = await sessionOf(req);
  const result = ctx.store.leave(room, sessionId);
  if (result) ctx.history.left(result.call, sessionId);
  if (result?.finished) finishCall(ctx, room, result.call);
  sendJson(res, 200, { left: result !== null, callFinished: result?.finished ?? false });
}

/**
 * Ends the call for everyone. Assumption: any participant may do it here; in the real service
 * that is the owner's or a moderator's right.
 */
async function end(ctx: RoomContext, req: IncomingMessage, res: ServerResponse, room: Room): Promise<void> {
  const call = ctx.store.endCall(room, await sessionOf(req));
  if (call) finishCall(ctx, room, call);
  sendJson(res, 200, { callFinished: call !== null });
}

/**
 * The record control: `{"sessionId", "action": "start"|"stop"}` from a moderator of the running
 * call (403 for anyone else), answered with the recording state; starting sends record_started,
 * stopping record_finished.
 */
async function record(ctx: RoomContext, req: IncomingMessage, res: ServerResponse, room: Room): Promise<void> {
  let body: { sessionId?: unknown; action?: unknown } | null = null;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    // answered below
  }
  const action = body?.action;
  if (typeof body?.sessionId !== 'string' || (action !== 'start' && action !== 'stop')) {
    throw new HttpError(400, 'expected {"sessionId": "...", "action": "start" | "stop"}');
  }
  const call = ctx.store.activeCall(room.id);
  const participant = call?.participants.get(body.sessionId);
  if (!call || !participant) throw new HttpError(409, 'not in a call');
  if (participant.role !== 'moderator') throw new HttpError(403, 'only moderators may record');
  if (action === 'start') {
    const started = ctx.history.startRecording(room, call);
    if (started) emitRecordEvent(ctx, room, started, 'record_started');
  } else {
    const stopped = ctx.history.stopRecording(call.id);
    if (stopped) emitRecordEvent(ctx, room, stopped, 'record_finished');
  }
  sendJson(res, 200, { recording: ctx.history.recordingOf(call.id) !== undefined });
}

function status(ctx: RoomContext, res: ServerResponse, room: Room, query: URLSearchParams): void {
  const call = ctx.store.touch(room, query.get('session') ?? '');
  // Only a room with a waiting room tells its pages whether a moderator is in.
  const waitingRoom = room.settings.waitingRoomAudience === undefined ? {} : { moderatorPresent: moderatorPresent(call) };
  sendJson(res, 200, { inCall: call !== null, participants: call?.participants.size ?? 0, ...waitingRoom });
}

/** Serves `/room/<alias>[/leave|/end|/status|/record]`. */
export async function handleRoom(
  ctx: RoomContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  query: URLSearchParams,
): Promise<void> {
  const match = /^\/room\/([^/]+)(?:\/(leave|end|status|record))?\/?$/.exec(pathname);
  try {
    sweep(ctx);
    const alias = match ? decodeSegment(match[1]!) : '';
    const room = isValidAlias(alias) ? ctx.store.roomByAlias(alias) : undefined;
    const action = match?.[2];
    if (!room) {
      if (action) throw new HttpError(404, 'Room not found');
      return html(res, 404, renderNotFound);
    }
    const method = req.method ?? 'GET';
    const allowed = action === undefined ? ['GET', 'POST'] : action === 'status' ? ['GET'] : ['POST'];
    if (!allowed.includes(method)) {
      res.setHeader('allow', allowed.join(', '));
      throw new HttpError(405, 'Method not allowed');
    }
    if (action === 'leave') return await leave(ctx, req, res, room);
    if (action === 'end') return await end(ctx, req, res, room);
    if (action === 'record') return await record(ctx, req, res, room);
    if (action === 'status') return status(ctx, res, room, query);
    if (method === 'POST') return await joinAsGuest(ctx, req, res, room);
    servePage(ctx, res, room, query);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (!res.headersSent) sendError(res, error.status, error.message);
  }
}
