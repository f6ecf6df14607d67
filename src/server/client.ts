import { accessApi, type AccessApi } from './api/access.js';
import { playbacksApi, type PlaybacksApi } from './api/playbacks.js';
import { roomsApi, type RoomsApi } from './api/rooms.js';
import { spacesApi, type SpacesApi } from './api/spaces.js';
import { usersApi, type UsersApi } from './api/users.js';
import { webhooksApi, type WebhooksApi } from './api/webhooks.js';
import { analyticsApi, type AnalyticsApi } from './api/analytics.js';
import { recordsApi, type RecordsApi } from './api/records.js';
import { createTransport, type LivedigitalClientOptions } from './transport.js';

export { LivedigitalApiError } from './errors.js';
export type { LivedigitalApiErrorCode } from './errors.js';
export { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS, LIVEDIGITAL_API_URL, TELEBOSS_API_URL } from './transport.js';
export type { ApiCall, ApiRequest, CallOptions, LivedigitalClientOptions } from './transport.js';
export { MAX_ACCESS_TTL_SECONDS } from './api/access.js';
export type { AccessApi, AccessRole, GenerateAccessParams, VendorRoom } from './api/access.js';
export type { ExtraFields, ExtraFieldValue } from './api/fields.js';
export type { LivedigitalSpace, SpaceSettings, SpacesApi } from './api/spaces.js';
export type { CreatedRoom, NewRoomSettings, RoomSettings, RoomSummary, RoomsApi, RoomType, WaitingRoomAudience } from './api/rooms.js';
export type { SetWebhookResult, WebhookSettings, WebhooksApi, WebhookWithSecret } from './api/webhooks.js';
export type { NewUser, PasswordGrant, RoomRole, SpaceInviteRole, UserTokens, UsersApi } from './api/users.js';
export type { PlaybackEventSettings, PlaybackSettings, PlaybacksApi } from './api/playbacks.js';
export { PLAYBACK_PATHS } from './api/playbacks.js';
export { ROOM_TYPES } from './api/rooms.js';
export { ROOM_ROLES, SPACE_INVITE_ROLES } from './api/users.js';
export { RECORD_LINK_TTL_MS } from './api/records.js';
export type { ListRecordsParams, RecordLink, RecordsApi, RoomRecord } from './api/records.js';
export type { AnalyticsApi, CallSummary, ListCallsParams, ReportFormat } from './api/analytics.js';
export type { DateInput } from './api/dates.js';

/**
 * Everything the host backend asks livedigital, grouped by what an integrator does; each group
 * lives in `api/` and only describes requests, the transport sends them.
 */
export interface LivedigitalClient extends AccessApi, SpacesApi, RoomsApi, WebhooksApi, UsersApi, PlaybacksApi, RecordsApi, AnalyticsApi {
  readonly apiUrl: string;
}

export function createLivedigitalClient(options: LivedigitalClientOptions): LivedigitalClient {
  const { apiUrl, call } = createTransport(options);
  // A registered user's own token (activateInvite) rides the same transport rules as the personal one.
  const callAs = (token: string) => createTransport({ ...options, token }).call;
  const { forgetRoom, ...access } = accessApi(call, options);
  const rooms = roomsApi(call);
  return {
    apiUrl,
    ...access,
    ...spacesApi(call),
    ...rooms,
    // A deleted or re-pointed room must not live on in the alias cache of this client.
    async updateRoom(spaceId, roomId, settings, callOptions) {
      await rooms.updateRoom(spaceId, roomId, settings, callOptions);
      forgetRoom(roomId);
    },
    async deleteRoom(spaceId, roomId, callOptions) {
      await rooms.deleteRoom(spaceId, roomId, callOptions);
      forgetRoom(roomId);
    },
    ...webhooksApi(call),
    ...usersApi(call, callAs),
    ...playbacksApi(call),
    ...recordsApi(call),
    ...analyticsApi(call),
  };
}
