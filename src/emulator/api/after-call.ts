import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLACEHOLDER_MP4, personKey, type CallRecordState, type PastCall, type Presence } from '../calls.js';
import { HttpError, decodeSegment, sendJson } from '../http.js';
import { roomOf, spaceOf } from './kit.js';
import type { ApiContext, Params, Route } from './kit.js';

/**
 * Records and analytics (`000_…` of the vendor's guide): what a host backend asks after a call.
 * The report's JSON is not documented; the stand-in serves the shape `attendance()` in the
 * companion documents and expects, built from the links it issued and the pages it served.
 */

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function recordView(record: CallRecordState) {
  return {
    id: record.id,
    name: record.name,
    fileSize: record.fileSize,
    roomId: record.roomId,
    spaceId: record.spaceId,
    callId: record.callId,
    state: record.state,
    createdAt: iso(record.createdAt),
    startedAt: iso(record.startedAt),
    finishedAt: iso(record.finishedAt),
  };
}

/** One entry per person (externalUserId, else name), each with the visits it made. */
function people(call: PastCall): Array<{ key: string; first: Presence; visits: Presence[] }> {
  const byKey = new Map<string, { key: string; first: Presence; visits: Presence[] }>();
  for (const presence of call.presence) {
    const key = personKey(presence);
    const entry = byKey.get(key) ?? { key, first: presence, visits: [] };
    entry.visits.push(presence);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

function callView(call: PastCall) {
  const unique = people(call).length;
  // Assumption: participantsCount = people, totalParticipantsCount = joins (the guide does not say).
  return {
    id: call.id,
    active: false,
    roomId: call.roomId,
    participantsCount: unique,
    isBreakoutRoom: false,
    planAlias: 'emulator',
    roomType: call.roomType,
    totalParticipantsCount: call.presence.length,
    uniqueParticipantsCount: unique,
    startedAt: iso(call.startedAt),
    finishedAt: iso(call.finishedAt),
  };
}

function jsonReport(call: PastCall) {
  return {
    callId: call.id,
    roomId: call.roomId,
    spaceId: call.spaceId,
    startedAt: iso(call.startedAt),
    finishedAt: iso(call.finishedAt),
    participants: people(call).map(({ first, visits }) => ({
      name: first.name,
      ...(first.externalUserId !== undefined ? { externalUserId: first.externalUserId } : {}),
      role: first.role,
      sessions: visits.map((visit) => ({ joinedAt: iso(visit.joinedAt), leftAt: iso(visit.leftAt) })),
    })),
  };
}

/**
 * The xlsx file. write-excel-file is loaded only here, so the stand-in runs without it (it is a
 * development dependency of this package and an optional peer for users): without it, 501.
 */
async function xlsxReport(call: PastCall): Promise<Buffer | null> {
  let writeXlsxFile: typeof import('write-excel-file/node').default;
  try {
    writeXlsxFile = (await import('write-excel-file/node')).default;
  } catch {
    return null;
  }
  const header = ['Name', 'externalUserId', 'Role', 'Joined', 'Left', 'Seconds present'].map((value) => ({ value, fontWeight: 'bold' as const }));
  const rows = call.presence.map((p) => {
    const left = p.leftAt ?? call.finishedAt;
    return [
      { value: p.name },
      { value: p.externalUserId ?? '' },
      { value: p.role },
      { value: iso(p.joinedAt)! },
      { value: iso(left)! },
      { value: Math.round((left - p.joinedAt) / 1000), type: Number },
    ];
  });
  return writeXlsxFile([header, ...rows], { sheet: 'Attendance' }).toBuffer();
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://emulator.invalid').searchParams;
}

function dateParam(query: URLSearchParams, key: string, required: boolean): number | undefined {
  const value = query.get(key);
  if (value === null || value === '') {
    if (required) throw new HttpError(400, `${key} is required`);
    return undefined;
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new HttpError(400, `${key} must be an ISO date`);
  return ms;
}

function pastCallOf(ctx: ApiContext, roomId: string, callId: string): PastCall {
  const call = ctx.history.past.find((c) => c.id === callId && c.roomId === roomId);
  if (!call) throw new HttpError(404, 'Call not found');
  return call;
}

function analyticsRoom(ctx: ApiContext, spaceId: string, query: URLSearchParams) {
  const roomId = query.get('roomId');
  if (!roomId) throw new HttpError(400, 'roomId is required');
  return roomOf(ctx, spaceOf(ctx, spaceId).id, encodeURIComponent(roomId));
}

async function report(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, [spaceId]: Params) {
  const query = queryOf(req);
  const room = analyticsRoom(ctx, spaceId!, query);
  const format = query.get('format');
  if (format !== 'json' && format !== 'xlsx') throw new HttpError(400, 'format must be json or xlsx');
  const callId = query.get('callId');
  if (!callId) throw new HttpError(400, 'callId is required');
  const call = pastCallOf(ctx, room.id, callId);
  // Assumption: the real service's answer before the report is built is not documented; 404 here.
  if (!ctx.history.reportReady(call)) throw new HttpError(404, 'Analytics report is not ready yet');
  if (format === 'json') return sendJson(res, 200, jsonReport(call));
  const file = await xlsxReport(call);
  if (!file) throw new HttpError(501, 'xlsx reports need the optional package write-excel-file (npm install write-excel-file)');
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="report-${call.id}.xlsx"`,
    'content-length': file.length,
    'cache-control': 'no-store',
  });
  res.end(file);
}

function download(ctx: ApiContext, _req: IncomingMessage, res: ServerResponse, [spaceId, roomId, recordId]: Params) {
  const room = roomOf(ctx, spaceId!, roomId!);
  const id = decodeSegment(recordId!);
  const record = ctx.history.records.find((r) => r.id === id && r.roomId === room.id);
  if (!record || record.state !== 'finished') throw new HttpError(404, 'Record not found');
  const url = `${ctx.roomBaseUrl}/records/${ctx.history.issueLink(record.id)}/${record.id}.mp4`;
  if (ctx.history.settings.recordDownload === 'redirect') {
    res.writeHead(302, { location: url, 'cache-control': 'no-store' }).end();
    return;
  }
  // As documented: "a text string containing the record's URL".
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(url);
}

export const afterCallRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)\/records$/,
    handler: (ctx, req, res, [spaceId, roomId]) => {
      const room = roomOf(ctx, spaceId!, roomId!);
      const query = queryOf(req);
      const from = dateParam(query, 'dateFrom', false) ?? -Infinity;
      const to = dateParam(query, 'dateTo', false) ?? Infinity;
      const items = ctx.history.records.filter((r) => r.roomId === room.id && r.startedAt >= from && r.startedAt <= to).map(recordView);
      sendJson(res, 200, { items, total: items.length });
    },
  },
  { method: 'GET', pattern: /^\/v1\/spaces\/([^/]+)\/rooms\/([^/]+)\/records\/download\/([^/]+)$/, handler: download },
  {
    // The UTC day of `date`; a call counts on the days it started or finished.
    method: 'GET',
    pattern: /^\/v1\/spaces\/([^/]+)\/analytics\/calls$/,
    handler: (ctx, req, res, [spaceId]) => {
      const query = queryOf(req);
      const room = analyticsRoom(ctx, spaceId!, query);
      const day = new Date(dateParam(query, 'date', true)!).toISOString().slice(0, 10);
      const onDay = (ms: number) => new Date(ms).toISOString().slice(0, 10) === day;
      const items = ctx.history.past.filter((c) => c.roomId === room.id && (onDay(c.startedAt) || onDay(c.finishedAt))).map(callView);
      sendJson(res, 200, { items });
    },
  },
  { method: 'GET', pattern: /^\/v1\/spaces\/([^/]+)\/analytics\/report$/, handler: report },
];

/**
 * `/records/<token>/<recordId>.mp4`: what a download link points at (the real service: a storage
 * URL). No bearer token — the link itself is the credential, for 24 h.
 */
export function serveRecordFile(ctx: Pick<ApiContext, 'history'>, res: ServerResponse, pathname: string): boolean {
  const match = /^\/records\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\.mp4$/.exec(pathname);
  if (!match) return false;
  const record = ctx.history.redeemLink(match[1]!);
  if (record === 'expired') {
    sendJson(res, 403, { message: 'This download link has expired', code: 403 });
  } else if (!record || record.id !== match[2]) {
    sendJson(res, 404, { message: 'Not found', code: 404 });
  } else {
    const file = PLACEHOLDER_MP4;
    res.writeHead(200, {
      'content-type': 'video/mp4',
      'content-length': file.length,
      'content-disposition': `attachment; filename="${record.id}.mp4"`,
      'cache-control': 'no-store',
    });
    res.end(file);
  }
  return true;
}
