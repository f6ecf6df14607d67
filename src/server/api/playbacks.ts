import type { ApiCall, CallOptions } from '../transport.js';
import { checkId, invalid } from '../validate.js';
import { answeredId, flag, nonEmpty, objectOf, text, withExtra } from './fields.js';
import type { Body, ExtraFields } from './fields.js';

/**
 * Where autowebinar requests go. The vendor's guides name the operations (createPlayback,
 * updatePlayback, createPlaybackEvent) but not their paths: these are assumptions, kept here in one
 * place so a correction is one edit (and the stand-in serves the same ones).
 */
export const PLAYBACK_PATHS = {
  playbacks: (spaceId: string) => `/v1/spaces/${spaceId}/playbacks`,
  playback: (spaceId: string, playbackId: string) => `/v1/spaces/${spaceId}/playbacks/${playbackId}`,
  events: (spaceId: string, playbackId: string) => `/v1/spaces/${spaceId}/playbacks/${playbackId}/events`,
} as const;

export interface PlaybackSettings {
  name?: string;
  /** The recording the autowebinar plays (a record id from the room's records). Field name assumed. */
  recordId?: string;
  /** Publishing makes its events open to people. Field name assumed. */
  isPublished?: boolean;
  extra?: ExtraFields;
}

/** When a playback is shown; all null = "plays whenever someone opens the link". */
export interface PlaybackEventSettings {
  name: string;
  /** ISO date-time (`2025-02-06T11:50:00.000Z`) or null. */
  startDate?: string | null;
  endDate?: string | null;
  /** e.g. `Europe/Moscow`. */
  timezone?: string;
  /** The connector spec recommends leaving it null. */
  recurrence?: null;
  extra?: ExtraFields;
}

/** Autowebinars: a recording played as a live event at `<room site>/event/<eventId>`. */
export interface PlaybacksApi {
  createPlayback(spaceId: string, settings: { name: string; extra?: ExtraFields }, options?: CallOptions): Promise<{ id: string }>;
  updatePlayback(spaceId: string, playbackId: string, settings: PlaybackSettings, options?: CallOptions): Promise<void>;
  /** `eventId` is what the element's `event-id` takes. */
  createPlaybackEvent(spaceId: string, playbackId: string, settings: PlaybackEventSettings, options?: CallOptions): Promise<{ eventId: string }>;
}

function dateOrNull(body: Body, input: Record<string, unknown>, key: string): void {
  const value = input[key];
  if (value === undefined) return;
  if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))) {
    throw invalid(`${key} must be an ISO date-time like 2025-02-06T11:50:00.000Z, or null`);
  }
  body[key] = value;
}

export function playbacksApi(call: ApiCall): PlaybacksApi {
  return {
    async createPlayback(spaceId, settings, options) {
      const path = PLAYBACK_PATHS.playbacks(checkId('spaceId', spaceId));
      const input = objectOf('playback', settings);
      const body: Body = {};
      text(body, input, 'name', { required: true });
      withExtra(body, input.extra, ['name']);
      const answer = await call({ method: 'POST', path, body, signal: options?.signal, idempotent: false });
      return { id: answeredId((answer as { id?: unknown } | null)?.id, 'playback id') };
    },

    async updatePlayback(spaceId, playbackId, settings, options) {
      const path = PLAYBACK_PATHS.playback(checkId('spaceId', spaceId), checkId('playbackId', playbackId));
      const input = objectOf('playback settings', settings);
      const body: Body = {};
      text(body, input, 'name');
      if (input.recordId !== undefined) body.recordId = decodeURIComponent(checkId('recordId', input.recordId));
      flag(body, input, 'isPublished');
      withExtra(body, input.extra, ['name', 'recordId', 'isPublished']);
      await call({ method: 'PUT', path, body: nonEmpty(body, 'updatePlayback'), signal: options?.signal, expect: 'none' });
    },

    async createPlaybackEvent(spaceId, playbackId, settings, options) {
      const playback = checkId('playbackId', playbackId);
      const path = PLAYBACK_PATHS.events(checkId('spaceId', spaceId), playback);
      const input = objectOf('playback event', settings);
      const body: Body = {};
      text(body, input, 'name', { required: true });
      body.playbackId = playbackId;
      dateOrNull(body, input, 'startDate');
      dateOrNull(body, input, 'endDate');
      text(body, input, 'timezone', { max: 64 });
      if (input.recurrence !== undefined && input.recurrence !== null) throw invalid('recurrence must be null (the connector spec recommends it)');
      if (input.recurrence === null) body.recurrence = null;
      withExtra(body, input.extra, ['name', 'playbackId', 'startDate', 'endDate', 'timezone', 'recurrence']);
      const answer = await call({ method: 'POST', path, body, signal: options?.signal, idempotent: false });
      const event = answer as { id?: unknown; eventId?: unknown } | null;
      return { eventId: answeredId(event?.eventId ?? event?.id, 'event id') };
    },
  };
}
