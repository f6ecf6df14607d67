/**
 * `livedigital-room/emulator`: a local stand-in for the livedigital service, for demos and tests.
 * One loopback HTTP server serves both what the real service splits in two: the API
 * (`moodhood-api.livedigital.space`, here `emulator.apiUrl`) and the room site
 * (`edu.livedigital.space`, here `emulator.roomBaseUrl`).
 *
 * Importing this module has no side effects; call {@link startEmulator}.
 */
export { startEmulator, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN, DEFAULT_USER_TOKEN } from './server.js';
export type { Emulator, EmulatorCall, EmulatorOptions, EmulatorRoomInfo, EmulatorRoomSeed } from './server.js';
export type { AccessRole, JoinVia, RoomSettings, RoomType } from './store.js';
export type { EmulatorFaults, EmulatorLoad, EmulatorRateLimit } from './load.js';
export type {
  DeliveryMatch,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEventBody,
  WebhookEventName,
  WebhookPayload,
} from './webhooks.js';
export { TTL_DEFAULT, TTL_MAX } from './api.js';
