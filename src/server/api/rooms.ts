import type { ApiCall, CallOptions } from '../transport.js';
import { checkId } from '../validate.js';
import { answeredId, answerItems, answerObject, flag, httpUrl, nonEmpty, objectOf, oneOf, optionalBoolean, optionalString, text, withExtra } from './fields.js';
import type { Body, ExtraFields } from './fields.js';

export type RoomType = 'lesson' | 'webinar';

/**
 * Who waits in the waiting room until a moderator lets them in. The connector spec shows only
 * `"nobody"` (no waiting room); other values are the vendor's and passed through as given.
 */
export type WaitingRoomAudience = 'nobody' | (string & {});

/** Room settings from the integration guide (`001_…`) and the connector spec (`004_…`). */
export interface RoomSettings {
  name?: string;
  /** lesson: everyone may publish; webinar: only owner and moderators. Changing it later is deprecated. */
  type?: RoomType;
  isPublic?: boolean;
  isChatAllowed?: boolean;
  isScreensharingAllowed?: boolean;
  /** Recording starts by itself when an admin enters. */
  isAutoRecordingAllowed?: boolean;
  /** false: participants' microphones are off. */
  isMicrophonePublishingAllowed?: boolean;
  /** false: participants' cameras are off. */
  isCameraPublishingAllowed?: boolean;
  /** false: participants may not share their screen. */
  isScreenMediaPublishingAllowed?: boolean;
  waitingRoomAudience?: WaitingRoomAudience;
  /** Where the room sends people after the call (when the room is opened on its own, not embedded). */
  redirectUrl?: string;
  /** Undocumented fields (`templateId`, `isHandRaisingAllowed`, …), sent as given. */
  extra?: ExtraFields;
}

export interface NewRoomSettings extends RoomSettings {
  name: string;
  type: RoomType;
}

/** What createRoom answers: `alias` is what links and the element use, `id` what API paths use. */
export interface CreatedRoom {
  id: string;
  alias: string;
  channelId?: string;
}

export interface RoomSummary {
  id: string;
  alias?: string;
  name: string;
  type?: RoomType;
  isPublic?: boolean;
  /** Everything else the vendor listed, as it came. */
  fields: Record<string, unknown>;
}

/** Rooms of a space: create one per lesson, change its settings, list and delete them. */
export interface RoomsApi {
  createRoom(spaceId: string, settings: NewRoomSettings, options?: CallOptions): Promise<CreatedRoom>;
  /** Sends only the fields given. */
  updateRoom(spaceId: string, roomId: string, settings: RoomSettings, options?: CallOptions): Promise<void>;
  listRooms(spaceId: string, options?: CallOptions): Promise<RoomSummary[]>;
  deleteRoom(spaceId: string, roomId: string, options?: CallOptions): Promise<void>;
}

export const ROOM_TYPES: readonly RoomType[] = ['lesson', 'webinar'];
const ROOM_FLAGS = [
  'isPublic',
  'isChatAllowed',
  'isScreensharingAllowed',
  'isAutoRecordingAllowed',
  'isMicrophonePublishingAllowed',
  'isCameraPublishingAllowed',
  'isScreenMediaPublishingAllowed',
] as const;
const ROOM_FIELDS = ['name', 'type', 'waitingRoomAudience', 'redirectUrl', ...ROOM_FLAGS];

function roomBody(settings: unknown, create: boolean): Body {
  const input = objectOf('room settings', settings);
  const body: Body = {};
  text(body, input, 'name', { required: create });
  oneOf(body, input, 'type', ROOM_TYPES, { required: create });
  for (const key of ROOM_FLAGS) flag(body, input, key);
  text(body, input, 'waitingRoomAudience', { max: 64 });
  httpUrl(body, input, 'redirectUrl');
  return withExtra(body, input.extra, ROOM_FIELDS);
}

const roomPath = (spaceId: string, roomId: string) => `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}`;

export function roomsApi(call: ApiCall): RoomsApi {
  return {
    async createRoom(spaceId, settings, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms`;
      const body = roomBody(settings, true);
      const room = answerObject(await call({ method: 'POST', path, body, signal: options?.signal, idempotent: false }), 'the new room');
      const created: CreatedRoom = { id: answeredId(room.id, 'room id'), alias: answeredId(room.alias, 'room alias') };
      if (typeof room.channelId === 'string') created.channelId = room.channelId;
      return created;
    },

    async updateRoom(spaceId, roomId, settings, options) {
      const path = roomPath(spaceId, roomId);
      const body = nonEmpty(roomBody(settings, false), 'updateRoom');
      await call({ method: 'PUT', path, body, signal: options?.signal, expect: 'none' });
    },

    async listRooms(spaceId, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms`;
      return answerItems(await call({ method: 'GET', path, signal: options?.signal }), 'rooms').flatMap((item) => {
        if (typeof item.id !== 'string') return [];
        const room: RoomSummary = { id: item.id, name: optionalString(item.name) ?? '', fields: item };
        const alias = optionalString(item.alias);
        if (alias !== undefined) room.alias = alias;
        if (item.type === 'lesson' || item.type === 'webinar') room.type = item.type;
        const isPublic = optionalBoolean(item.isPublic);
        if (isPublic !== undefined) room.isPublic = isPublic;
        return [room];
      });
    },

    async deleteRoom(spaceId, roomId, options) {
      await call({ method: 'DELETE', path: roomPath(spaceId, roomId), signal: options?.signal, expect: 'none' });
    },
  };
}
