import { randomBytes, randomInt } from 'node:crypto';
import type { AccessRole } from '../core/ids.js';

/**
 * In-memory state of the emulated livedigital service: spaces, rooms, webhooks, access grants
 * (what generate-access issues) and calls. Nothing here does I/O; the HTTP layers call it and
 * turn its results into responses and webhook deliveries.
 */

export type RoomType = 'lesson' | 'webinar';
export type { AccessRole };

export interface Space {
  id: string;
  name: string;
  isPublic: boolean;
  description?: string;
  logo?: string;
  createdAt: number;
}

export interface Room {
  id: string;
  alias: string;
  channelId: string;
  appId: string;
  spaceId: string;
  name: string;
  type: RoomType;
  isPublic: boolean;
  createdAt: number;
  /** What the room page shows and does; see {@link RoomSettings}. */
  settings: RoomSettings;
}

/**
 * Room settings from the guides: publishing flags are shown on the room page, `redirectUrl` is
 * where a room opened on its own sends its window after the call, `waitingRoomAudience` other than
 * `nobody` holds everyone but moderators on a waiting screen until a moderator is in the call.
 */
export type RoomSettings = { [Flag in (typeof ROOM_SETTING_FLAGS)[number]]?: boolean } & {
  waitingRoomAudience?: string;
  redirectUrl?: string;
  /** Fields the guides do not describe, kept as sent. */
  extra?: Record<string, unknown>;
};

/** The on/off room settings the guides describe. */
export const ROOM_SETTING_FLAGS = [
  'isChatAllowed',
  'isScreensharingAllowed',
  'isAutoRecordingAllowed',
  'isMicrophonePublishingAllowed',
  'isCameraPublishingAllowed',
  'isScreenMediaPublishingAllowed',
] as const;

/** A registered user (`POST /v1/users`); the stand-in keeps no password hash, only a match check. */
export interface User {
  id: string;
  email: string;
  username: string;
  password: string;
  phone?: string;
}

export interface Invite {
  id: string;
  spaceId: string;
  role: string;
  activatedBy?: string;
}

export interface Playback {
  id: string;
  spaceId: string;
  name: string;
  recordId?: string;
  isPublished: boolean;
  extra: Record<string, unknown>;
}

export interface PlaybackEvent {
  id: string;
  playbackId: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
  timezone?: string;
}

export interface Webhook {
  url: string;
  secret: string;
  isActive: boolean;
}

/** One generate-access result; `token` is the `accessToken` of the link. */
export interface IssuedAccess {
  token: string;
  roomId: string;
  username: string;
  role: AccessRole;
  expiresAt: number;
  isPermanent: boolean;
  used: boolean;
  externalUserId?: string;
  externalMeetingId?: string;
  email?: string;
  phone?: string;
}

/** How a participant got in: a generate-access link, a registered user's refresh token, or the guest form. */
export type JoinVia = 'accessToken' | 'refreshToken' | 'guest';

export interface Participant {
  sessionId: string;
  name: string;
  role: string;
  via: JoinVia;
  lastSeen: number;
}

/** A call lasts from the first participant in to the last one out (or until someone ends it). */
export interface Call {
  id: string;
  roomId: string;
  startedAt: number;
  participants: Map<string, Participant>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** 24 hex digits like the service's (MongoDB-style) ids: 4 bytes of seconds, then random bytes. */
export function objectId(nowMs = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
}

/** Aliases in the vendor docs are 10 letters/digits, e.g. `EGBYWoMZJe`. */
export function makeAlias(): string {
  return randomAlnum(10);
}

/** Webhook secrets in the vendor docs are 32 letters/digits. */
export function makeSecret(): string {
  return randomAlnum(32);
}

/** Opaque, unguessable, URL-safe; the real tokens are JWTs, nothing should parse them anyway. */
export function makeAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewRoom {
  id?: string;
  alias?: string;
  channelId?: string;
  name: string;
  type?: RoomType;
  isPublic?: boolean;
  settings?: RoomSettings;
}

export interface NewGrant {
  username: string;
  role: AccessRole;
  ttlSeconds: number;
  isPermanent: boolean;
  externalUserId?: string;
  externalMeetingId?: string;
  email?: string;
  phone?: string;
}

export interface LeaveResult {
  call: Call;
  finished: boolean;
}

export class Store {
  readonly spaces = new Map<string, Space>();
  readonly rooms = new Map<string, Room>();
  readonly webhooks = new Map<string, Webhook>();
  private readonly roomsByAlias = new Map<string, Room>();
  private readonly grants = new Map<string, IssuedAccess>();
  /** Active calls by room id. */
  private readonly calls = new Map<string, Call>();

  constructor(
    readonly now: () => number,
    readonly appId: string,
  ) {}

  addSpace(input: { id?: string; name: string; isPublic?: boolean; description?: string; logo?: string }): Space {
    const id = input.id ?? objectId(this.now());
    if (this.spaces.has(id)) throw new Error(`space ${id} already exists`);
    const space: Space = { id, name: input.name, isPublic: input.isPublic ?? true, createdAt: this.now() };
    if (input.description !== undefined) space.description = input.description;
    if (input.logo !== undefined) space.logo = input.logo;
    this.spaces.set(id, space);
    return space;
  }

  addRoom(spaceId: string, input: NewRoom): Room {
    if (!this.spaces.has(spaceId)) throw new Error(`space ${spaceId} does not exist`);
    let alias = input.alias;
    if (alias === undefined) {
      do alias = makeAlias();
      while (this.roomsByAlias.has(alias));
    } else if (this.roomsByAlias.has(alias)) {
      throw new Error(`alias ${alias} is already taken`);
    }
    const id = input.id ?? objectId(this.now());
    if (this.rooms.has(id)) throw new Error(`room ${id} already exists`);
    const room: Room = {
      id,
      alias,
      channelId: input.channelId ?? objectId(this.now()),
      appId: this.appId,
      spaceId,
      name: input.name,
      type: input.type ?? 'lesson',
      isPublic: input.isPublic ?? true,
      createdAt: this.now(),
      settings: { ...input.settings },
    };
    this.rooms.set(id, room);
    this.roomsByAlias.set(alias, room);
    return room;
  }

  roomByAlias(alias: string): Room | undefined {
    return this.roomsByAlias.get(alias);
  }

  deleteRoom(room: Room): void {
    this.rooms.delete(room.id);
    this.roomsByAlias.delete(room.alias);
    this.calls.delete(room.id);
  }

  readonly users = new Map<string, User>();
  readonly invites = new Map<string, Invite>();
  /** `${roomId}/${userId}` → role_room_user | role_room_moderator. */
  readonly roomRoles = new Map<string, string>();
  readonly playbacks = new Map<string, Playback>();
  readonly playbackEvents = new Map<string, PlaybackEvent>();
  /** Tokens the password grant issued, to the user they belong to. */
  private readonly userAccessTokens = new Map<string, string>();
  private readonly userRefreshTokens = new Map<string, string>();

  addUser(input: Omit<User, 'id'>): User | null {
    for (const user of this.users.values()) if (user.email === input.email) return null;
    const user: User = { id: objectId(this.now()), ...input };
    this.users.set(user.id, user);
    return user;
  }

  /** The password grant: tokens for a user by e-mail or username and password, or null. */
  signIn(login: string, password: string): { accessToken: string; refreshToken: string } | null {
    const user = [...this.users.values()].find((u) => (u.email === login || u.username === login) && u.password === password);
    if (!user) return null;
    const tokens = { accessToken: makeAccessToken(), refreshToken: makeAccessToken() };
    this.userAccessTokens.set(tokens.accessToken, user.id);
    this.userRefreshTokens.set(tokens.refreshToken, user.id);
    return tokens;
  }

  userByAccessToken(token: string): User | undefined {
    const id = this.userAccessTokens.get(token);
    return id === undefined ? undefined : this.users.get(id);
  }

  userByRefreshToken(token: string): User | undefined {
    const id = this.userRefreshTokens.get(token);
    return id === undefined ? undefined : this.users.get(id);
  }

  roomRoleOf(room: Room, userId: string): string | undefined {
    return this.roomRoles.get(`${room.id}/${userId}`);
  }

  roomsOf(spaceId: string): Room[] {
    return [...this.rooms.values()].filter((room) => room.spaceId === spaceId);
  }

  issueGrant(room: Room, input: NewGrant): IssuedAccess {
    const grant: IssuedAccess = {
      token: makeAccessToken(),
      roomId: room.id,
      username: input.username,
      role: input.role,
      expiresAt: this.now() + input.ttlSeconds * 1000,
      isPermanent: input.isPermanent,
      used: false,
    };
    for (const key of ['externalUserId', 'externalMeetingId', 'email', 'phone'] as const) {
      if (input[key] !== undefined) grant[key] = input[key];
    }
    this.grants.set(grant.token, grant);
    return grant;
  }

  /**
   * Checks an access token for a room and consumes it when it is one-time. Expired, used, unknown
   * and other rooms' tokens all come back as null: the page shows the same "Unauthorized" for each.
   */
  redeemGrant(token: string, room: Room): IssuedAccess | null {
    const grant = this.grants.get(token);
    if (!grant || grant.roomId !== room.id) return null;
    if (this.now() >= grant.expiresAt) {
      this.grants.delete(token);
      return null;
    }
    if (grant.used) return null;
    if (!grant.isPermanent) grant.used = true;
    return grant;
  }

  activeCall(roomId: string): Call | undefined {
    return this.calls.get(roomId);
  }

  /** Adds a participant; `started` tells whether this join opened a new call. */
  join(room: Room, who: { name: string; role: string; via: JoinVia }): { participant: Participant; call: Call; started: boolean } {
    let call = this.calls.get(room.id);
    const started = call === undefined;
    if (!call) {
      call = { id: objectId(this.now()), roomId: room.id, startedAt: this.now(), participants: new Map() };
      this.calls.set(room.id, call);
    }
    const participant: Participant = { sessionId: makeAccessToken(), ...who, lastSeen: this.now() };
    call.participants.set(participant.sessionId, participant);
    return { participant, call, started };
  }

  /** Removes a participant; the last one out finishes the call. Null when the session is not in a call. */
  leave(room: Room, sessionId: string): LeaveResult | null {
    const call = this.calls.get(room.id);
    if (!call || !call.participants.delete(sessionId)) return null;
    const finished = call.participants.size === 0;
    if (finished) this.calls.delete(room.id);
    return { call, finished };
  }

  /** Ends the room's call for everyone; only a participant of that call may do it. */
  endCall(room: Room, sessionId: string): Call | null {
    const call = this.calls.get(room.id);
    if (!call || !call.participants.has(sessionId)) return null;
    call.participants.clear();
    this.calls.delete(room.id);
    return call;
  }

  /** Marks a participant as still there; false when it is no longer in the room's call. */
  touch(room: Room, sessionId: string): Call | null {
    const call = this.calls.get(room.id);
    const participant = call?.participants.get(sessionId);
    if (!call || !participant) return null;
    participant.lastSeen = this.now();
    return call;
  }

  /**
   * Drops participants whose page stopped polling (a tab closed without its leave beacon getting
   * through), so calls still finish. Returns the calls this finished.
   */
  sweep(timeoutMs: number): Call[] {
    if (timeoutMs <= 0) return [];
    const finished: Call[] = [];
    const cutoff = this.now() - timeoutMs;
    for (const [roomId, call] of this.calls) {
      for (const [id, participant] of call.participants) {
        if (participant.lastSeen < cutoff) call.participants.delete(id);
      }
      if (call.participants.size === 0) {
        this.calls.delete(roomId);
        finished.push(call);
      }
    }
    return finished;
  }
}
