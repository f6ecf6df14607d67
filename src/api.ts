/**
 * Everything public but `upgradeLinks`, which each entry exports in its own form: at once in
 * `./element` and the CDN file, loaded on first use in `.` and `./define`.
 */
export { LivedigitalRoom, type RoomState } from './livedigital-room.js';
export { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent } from './events.js';
export type { LinkSource, LivedigitalRoomEventMap } from './events.js';
export { endpointFetcher } from './access.js';
export type { UpgradeLinksOptions } from './upgrade-links.js';
export type { AccessAnswer, AccessRequest, Fetcher } from './access.js';
export type { ErrorCode } from './core/errors.js';
export { RoomError } from './core/errors.js';
export { DEFAULT_ALLOW, buildAllow } from './core/permissions.js';
export { FINISH_CALL_MESSAGE } from './core/messages.js';
export { LIVEDIGITAL_BASE_URL, TELEBOSS_BASE_URL, buildRoomLink, trustRoomLink } from './core/room-link.js';
export type { RoomInputs } from './core/room-link.js';
export type { InputAttributes as LivedigitalRoomAttributes, InputProperties as LivedigitalRoomProperties } from './inputs.js';
