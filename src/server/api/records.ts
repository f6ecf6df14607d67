import { isSecureRoomUrl, parseUrl } from '../../core/origins.js';
import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { checkId, ID_PATTERN, invalid } from '../validate.js';
import { isoDate, vendorTime, type DateInput } from './dates.js';

/** How long a download link stays valid, as documented (24 h). */
export const RECORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** One cloud recording as `GET …/rooms/{roomId}/records` lists it. */
export interface RoomRecord {
  id: string;
  roomId: string;
  spaceId: string;
  /** The call it was made in; absent when livedigital does not say. */
  callId?: string;
  name?: string;
  /** Bytes. */
  fileSize?: number;
  /** e.g. `new`; the values are not documented beyond that. */
  state?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ListRecordsParams {
  dateFrom?: DateInput;
  dateTo?: DateInput;
}

export interface RecordLink {
  /** Where the mp4 can be downloaded; hand it to an admin, never store it for later. */
  url: string;
  /** When the link stops working: documented as 24 h from issue, counted here from the request. */
  expiresAt: string;
}

export interface RecordsApi {
  listRecords(spaceId: string, roomId: string, params?: ListRecordsParams, options?: CallOptions): Promise<{ items: RoomRecord[]; total: number }>;
  /**
   * A fresh download link for one recording (`RedirectToDownloadRoomRecord`). The documented
   * answer is a text URL; a redirect is read from its `Location` and never followed, so the video
   * itself is not downloaded here.
   */
  recordDownloadUrl(spaceId: string, roomId: string, recordId: string, options?: CallOptions): Promise<RecordLink>;
}

function upstream(message: string): LivedigitalApiError {
  return new LivedigitalApiError('upstream', 200, message);
}

function toRecord(value: unknown): RoomRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || !ID_PATTERN.test(item.id)) return null;
  const record: RoomRecord = {
    id: item.id,
    roomId: typeof item.roomId === 'string' ? item.roomId : '',
    spaceId: typeof item.spaceId === 'string' ? item.spaceId : '',
  };
  if (typeof item.callId === 'string' && ID_PATTERN.test(item.callId)) record.callId = item.callId;
  if (typeof item.name === 'string') record.name = item.name;
  if (typeof item.fileSize === 'number' && Number.isFinite(item.fileSize)) record.fileSize = item.fileSize;
  if (typeof item.state === 'string') record.state = item.state;
  for (const key of ['createdAt', 'startedAt', 'finishedAt'] as const) {
    const time = vendorTime(item[key]);
    if (time !== undefined) record[key] = time;
  }
  return record;
}

export function recordsApi(call: ApiCall): RecordsApi {
  return {
    async listRecords(spaceId, roomId, params = {}, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}/records`;
      if (typeof params !== 'object' || params === null) throw invalid('records filter must be an object');
      const query = {
        dateFrom: params.dateFrom === undefined ? undefined : isoDate('dateFrom', params.dateFrom),
        dateTo: params.dateTo === undefined ? undefined : isoDate('dateTo', params.dateTo),
      };
      const answer = (await call({ method: 'GET', path, query, signal: options?.signal })) as { items?: unknown; total?: unknown } | null;
      if (!Array.isArray(answer?.items)) throw upstream('livedigital answered without a records list');
      const items = answer.items.map(toRecord).filter((item): item is RoomRecord => item !== null);
      const total = typeof answer.total === 'number' ? answer.total : items.length;
      return { items, total };
    },

    async recordDownloadUrl(spaceId, roomId, recordId, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/rooms/${checkId('roomId', roomId)}/records/download/${checkId('recordId', recordId)}`;
      const issuedAt = Date.now();
      const link = await call({ method: 'GET', path, expect: 'location', signal: options?.signal });
      const url = typeof link === 'string' ? parseUrl(link) : null;
      // The link goes to an admin's browser: only a secure, absolute one.
      if (!url || !isSecureRoomUrl(url)) throw upstream('livedigital answered without a usable download link');
      return { url: url.href, expiresAt: new Date(issuedAt + RECORD_LINK_TTL_MS).toISOString() };
    },
  };
}
