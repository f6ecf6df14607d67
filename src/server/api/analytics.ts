import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { checkId, ID_PATTERN, invalid } from '../validate.js';
import { isoDate, vendorTime, type DateInput } from './dates.js';

/** One finished call as `GET /v1/spaces/{spaceId}/analytics/calls` lists it (documented fields). */
export interface CallSummary {
  /** The callId. */
  id: string;
  roomId: string;
  startedAt?: string;
  finishedAt?: string;
  /** Seconds from startedAt to finishedAt, computed here (not a vendor field); absent without both. */
  durationSeconds?: number;
  active?: boolean;
  participantsCount?: number;
  totalParticipantsCount?: number;
  uniqueParticipantsCount?: number;
  roomType?: string;
  isBreakoutRoom?: boolean;
  planAlias?: string;
}

export interface ListCallsParams {
  /** The day to list; the vendor takes a full ISO time (`2023-08-01T12:25:40.253Z`). */
  date: DateInput;
}

export type ReportFormat = 'json' | 'xlsx';

export interface AnalyticsApi {
  /** Finished calls of a room on a day (`analyticsCalls`). */
  listCalls(spaceId: string, roomId: string, params: ListCallsParams, options?: CallOptions): Promise<CallSummary[]>;
  /**
   * A call's analytics report (`getRoomAnalyticsReport`): `json` parsed as it comes (its shape is
   * not documented; see `attendance()`), `xlsx` as the file's bytes. Meaningful only after
   * `call_finished`.
   */
  analyticsReport(spaceId: string, roomId: string, callId: string, params: { format: 'json' }, options?: CallOptions): Promise<unknown>;
  analyticsReport(spaceId: string, roomId: string, callId: string, params: { format: 'xlsx' }, options?: CallOptions): Promise<Uint8Array>;
  analyticsReport(spaceId: string, roomId: string, callId: string, params: { format: ReportFormat }, options?: CallOptions): Promise<unknown>;
}

const COUNTS = ['participantsCount', 'totalParticipantsCount', 'uniqueParticipantsCount'] as const;

function toCall(value: unknown): CallSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || !ID_PATTERN.test(item.id)) return null;
  const call: CallSummary = { id: item.id, roomId: typeof item.roomId === 'string' ? item.roomId : '' };
  const startedAt = vendorTime(item.startedAt);
  const finishedAt = vendorTime(item.finishedAt);
  if (startedAt !== undefined) call.startedAt = startedAt;
  if (finishedAt !== undefined) call.finishedAt = finishedAt;
  if (startedAt !== undefined && finishedAt !== undefined) {
    call.durationSeconds = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  }
  for (const key of COUNTS) {
    const count = item[key];
    if (typeof count === 'number' && Number.isFinite(count)) call[key] = count;
  }
  if (typeof item.active === 'boolean') call.active = item.active;
  if (typeof item.isBreakoutRoom === 'boolean') call.isBreakoutRoom = item.isBreakoutRoom;
  if (typeof item.roomType === 'string') call.roomType = item.roomType;
  if (typeof item.planAlias === 'string') call.planAlias = item.planAlias;
  return call;
}

export function analyticsApi(call: ApiCall): AnalyticsApi {
  return {
    async listCalls(spaceId, roomId, params, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/analytics/calls`;
      checkId('roomId', roomId);
      if (typeof params !== 'object' || params === null) throw invalid('listCalls needs { date }');
      const query = { roomId, date: isoDate('date', params.date) };
      const answer = (await call({ method: 'GET', path, query, signal: options?.signal })) as { items?: unknown } | null;
      if (!Array.isArray(answer?.items)) throw new LivedigitalApiError('upstream', 200, 'livedigital answered without a calls list');
      return answer.items.map(toCall).filter((item): item is CallSummary => item !== null);
    },

    async analyticsReport(spaceId: string, roomId: string, callId: string, params: { format: ReportFormat }, options?: CallOptions) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}/analytics/report`;
      checkId('roomId', roomId);
      checkId('callId', callId);
      const format = (params as { format?: unknown } | undefined)?.format;
      if (format !== 'json' && format !== 'xlsx') throw invalid('format must be "json" or "xlsx"');
      const query = { roomId, callId, format };
      return call({ method: 'GET', path, query, signal: options?.signal, expect: format === 'xlsx' ? 'bytes' : 'json' });
    },
  } as AnalyticsApi;
}
