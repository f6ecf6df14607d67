import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { checkId, invalid } from '../validate.js';
import { answeredId, answerObject, objectOf, oneOf, scrubbing, text, withExtra } from './fields.js';
import type { Body, ExtraFields } from './fields.js';

export interface NewUser {
  email: string;
  /** A secret: never put into an error. */
  password: string;
  username: string;
  phone?: string;
  captchaToken?: string;
  extra?: ExtraFields;
}

/** The documented password grant of `POST /v1/auth/token`. */
export interface PasswordGrant {
  /** From the dashboard's «Интеграция». */
  clientId: string;
  /** A secret: never put into an error. */
  clientSecret: string;
  username: string;
  /** A secret: never put into an error. */
  password: string;
}

export interface UserTokens {
  /** The user's own bearer token (expires); what `activateInvite` needs. */
  accessToken: string;
  /** What the element's `refresh-token` takes for the user's background sign-in. */
  refreshToken: string;
}

export type SpaceInviteRole = 'role_space_moderator' | 'role_space_user';
export type RoomRole = 'role_room_user' | 'role_room_moderator';

/** Registered users: create them, sign them in, let them into spaces and rooms. */
export interface UsersApi {
  createUser(user: NewUser, options?: CallOptions): Promise<{ id: string }>;
  getUserToken(grant: PasswordGrant, options?: CallOptions): Promise<UserTokens>;
  /** One invite lets one user into the space; public spaces need none. */
  createInvite(spaceId: string, invite: { role: SpaceInviteRole }, options?: CallOptions): Promise<{ id: string }>;
  /**
   * Runs as the invited user: `accessToken` is theirs (from {@link UsersApi.getUserToken}), sent
   * instead of the personal token for this one request. The invite is void afterwards.
   */
  activateInvite(spaceId: string, inviteId: string, invitee: { accessToken: string }, options?: CallOptions): Promise<void>;
  grantRoomRole(spaceId: string, roomId: string, grant: { userId: string; role: RoomRole }, options?: CallOptions): Promise<void>;
}

export const SPACE_INVITE_ROLES: readonly SpaceInviteRole[] = ['role_space_moderator', 'role_space_user'];
export const ROOM_ROLES: readonly RoomRole[] = ['role_room_user', 'role_room_moderator'];

function secret(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '' || value.length > 1024) throw invalid(`${key} is required: a non-empty string`);
  return value;
}

function tokenOf(answer: unknown, key: 'access_token' | 'refresh_token'): string {
  const value = answerObject(answer, 'tokens')[key];
  if (typeof value !== 'string' || value === '') throw new LivedigitalApiError('upstream', 200, `livedigital answered without ${key}`);
  return value;
}

/**
 * @param callAs a call authorised by another bearer token than the personal one (the invited
 *   user's), built by the client from the same options.
 */
export function usersApi(call: ApiCall, callAs: (token: string) => ApiCall): UsersApi {
  return {
    async createUser(user, options) {
      const input = objectOf('user', user);
      const body: Body = {};
      text(body, input, 'email', { required: true });
      body.password = secret(input, 'password');
      text(body, input, 'username', { required: true });
      text(body, input, 'phone', { max: 32 });
      text(body, input, 'captchaToken', { max: 4096 });
      withExtra(body, input.extra, ['email', 'password', 'username', 'phone', 'captchaToken']);
      const answer = await scrubbing(call, [body.password as string])({ method: 'POST', path: '/v1/users', body, signal: options?.signal, idempotent: false });
      return { id: answeredId((answer as { id?: unknown } | null)?.id, 'user id') };
    },

    async getUserToken(grant, options) {
      const input = objectOf('password grant', grant);
      const body: Body = {};
      const clientId = input.clientId;
      if (typeof clientId !== 'string' || clientId.trim() === '' || clientId.length > 256) throw invalid('clientId is required: the client id from «Интеграция»');
      const clientSecret = secret(input, 'clientSecret');
      text(body, input, 'username', { required: true });
      const password = secret(input, 'password');
      Object.assign(body, { client_id: clientId, client_secret: clientSecret, grant_type: 'password', username: body.username, password });
      const answer = await scrubbing(call, [clientSecret, password])({ method: 'POST', path: '/v1/auth/token', body, signal: options?.signal });
      return { accessToken: tokenOf(answer, 'access_token'), refreshToken: tokenOf(answer, 'refresh_token') };
    },

    async createInvite(spaceId, invite, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/invites`;
      const body: Body = {};
      oneOf(body, objectOf('invite', invite), 'role', SPACE_INVITE_ROLES, { required: true });
      const answer = await call({ method: 'POST', path, body, signal: options?.signal, idempotent: false });
      return { id: answeredId((answer as { id?: unknown } | null)?.id, 'invite id') };
    },

    async activateInvite(spaceId, inviteId, invitee, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/invites/${checkId('inviteId', inviteId)}/activate`;
      const token = objectOf('invitee', invitee).accessToken;
      if (typeof token !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(token)) {
        throw invalid("accessToken must be the invited user's access token (from getUserToken)");
      }
      await scrubbing(callAs(token), [token])({ method: 'POST', path, signal: options?.signal, idempotent: false, expect: 'none' });
    },

    async grantRoomRole(spaceId, roomId, grant, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}/roles`;
      const input = objectOf('room role', grant);
      const body: Body = { targetUserId: decodeURIComponent(checkId('userId', input.userId)) };
      oneOf(body, input, 'role', ROOM_ROLES, { required: true });
      await call({ method: 'POST', path, body, signal: options?.signal, expect: 'none' });
    },
  };
}
