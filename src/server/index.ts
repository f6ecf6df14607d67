/**
 * `livedigital-room/server`: the host-backend half. Hands the browser element access links
 * without the personal token ever leaving the server, and receives livedigital webhooks.
 * Node ≥ 20 or any runtime with fetch-standard Request/Response; no dependencies.
 */
export {
  createLivedigitalClient,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  LIVEDIGITAL_API_URL,
  LivedigitalApiError,
  MAX_ACCESS_TTL_SECONDS,
  RECORD_LINK_TTL_MS,
  TELEBOSS_API_URL,
} from './client.js';
export { PLAYBACK_PATHS, ROOM_ROLES, ROOM_TYPES, SPACE_INVITE_ROLES } from './client.js';
export type {
  CreatedRoom,
  ExtraFields,
  ExtraFieldValue,
  LivedigitalSpace,
  NewRoomSettings,
  NewUser,
  PasswordGrant,
  PlaybackEventSettings,
  PlaybackSettings,
  RoomRole,
  RoomSettings,
  RoomSummary,
  RoomType,
  SetWebhookResult,
  SpaceInviteRole,
  SpaceSettings,
  UserTokens,
  WaitingRoomAudience,
  WebhookSettings,
  WebhookWithSecret,
} from './client.js';
export type {
  AccessRole,
  AnalyticsApi,
  CallOptions,
  CallSummary,
  DateInput,
  ListCallsParams,
  ListRecordsParams,
  RecordLink,
  RecordsApi,
  ReportFormat,
  RoomRecord,
  GenerateAccessParams,
  LivedigitalApiErrorCode,
  LivedigitalClient,
  LivedigitalClientOptions,
  VendorRoom,
} from './client.js';
export type { BackoffOptions } from './backoff.js';

export { createAccessLinkHandler } from './handler.js';
export type { AccessGrant, AccessLinkHandlerOptions, AccessRequestBody } from './handler.js';

export { toNodeListener } from './node.js';
export type { FetchHandler } from './node.js';

export {
  createWebhookHandler,
  isKnownWebhookEvent,
  signWebhookBody,
  verifyWebhookSignature,
  webhookEventKey,
} from './webhooks.js';
export type {
  LivedigitalCallEvent,
  LivedigitalCallEventName,
  LivedigitalRecordEvent,
  LivedigitalRecordEventName,
  LivedigitalWebhookDelivery,
  LivedigitalWebhookEvent,
  LivedigitalWebhookEventName,
  WebhookHandlerOptions,
} from './webhooks.js';

export { AfterCallError, createAfterCall } from './after-call.js';
export type { AfterCall, AfterCallErrorCode, AfterCallOptions, AfterCallRetry, CallReport, Recording } from './after-call.js';
export { attendance } from './attendance.js';
export type { AttendanceMapping, AttendanceResult, AttendanceRow } from './attendance.js';
