/**
 * Who was in a call and for how long, from the call's JSON analytics report.
 *
 * livedigital does not document the report's JSON. This module reads the shape below by default
 * (the local stand-in serves exactly it), takes a field mapping for anything else, and answers
 * "unknown report shape" instead of guessing when the fields it was told to read are missing:
 *
 * ```json
 * {
 *   "startedAt": "2026-11-23T10:00:00.000Z",
 *   "finishedAt": "2026-11-23T10:45:00.000Z",
 *   "participants": [
 *     { "name": "Ivan Petrov", "externalUserId": "lms-1042",
 *       "sessions": [{ "joinedAt": "2026-11-23T10:00:05.000Z", "leftAt": "2026-11-23T10:44:59.000Z" }] }
 *   ]
 * }
 * ```
 */

/** Dotted paths (`data.users`) into the report; each defaults to the name in the shape above. */
export interface AttendanceMapping {
  /** The participants array, from the report's root. */
  participants?: string;
  /** From a participant. */
  name?: string;
  /** From a participant: the id the host passed to generate-access. */
  externalUserId?: string;
  /** From a participant: the array of visits. `null`: `joinedAt`/`leftAt` sit on the participant itself. */
  sessions?: string | null;
  /** From a visit (or the participant, with `sessions: null`). */
  joinedAt?: string;
  leftAt?: string;
  /** The call's start and end, from the report's root. */
  startedAt?: string;
  finishedAt?: string;
}

export interface AttendanceRow {
  /** externalUserId when the participant has one, else the name. */
  key: string;
  keyedBy: 'externalUserId' | 'name';
  externalUserId: string | null;
  name: string;
  /** First join and last leave, ISO. */
  joinedAt: string;
  leftAt: string;
  /** Time present; overlapping visits (two tabs) count once. */
  secondsPresent: number;
  /** How many visits were merged into this row. */
  visits: number;
}

export type AttendanceResult =
  | {
      ok: true;
      rows: AttendanceRow[];
      /** The call's span and total duration; null when the report does not carry both times. */
      call: { startedAt: string; finishedAt: string; durationSeconds: number } | null;
    }
  | { ok: false; reason: 'unknown-report-shape'; message: string };

const DEFAULTS: Required<AttendanceMapping> = {
  participants: 'participants',
  name: 'name',
  externalUserId: 'externalUserId',
  sessions: 'sessions',
  joinedAt: 'joinedAt',
  leftAt: 'leftAt',
  startedAt: 'startedAt',
  finishedAt: 'finishedAt',
};

function read(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function time(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Total length of the union of intervals, in ms. */
function unionMs(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

interface Acc {
  externalUserId: string | null;
  name: string;
  intervals: Array<[number, number]>;
}

/**
 * Attendance rows from a JSON analytics report, one per person: keyed by `externalUserId`
 * (the id the host gave generate-access), falling back to the display name for guests.
 * A visit without `leftAt` ends at the call's `finishedAt`. Returns `{ ok: false }` when the
 * report does not have the fields the mapping names: a host should log it and fix the mapping.
 */
export function attendance(report: unknown, mapping: AttendanceMapping = {}): AttendanceResult {
  const m = { ...DEFAULTS, ...mapping };
  const unknown = (message: string): AttendanceResult => ({ ok: false, reason: 'unknown-report-shape', message });
  const participants = read(report, m.participants);
  if (!Array.isArray(participants)) return unknown(`no participants array at "${m.participants}"`);
  const startedAt = time(read(report, m.startedAt));
  const finishedAt = time(read(report, m.finishedAt));

  const people = new Map<string, Acc>();
  for (const [index, participant] of participants.entries()) {
    const externalUserId = text(read(participant, m.externalUserId));
    const name = text(read(participant, m.name));
    if (externalUserId === null && name === null) {
      return unknown(`participant ${index} has neither "${m.externalUserId}" nor "${m.name}"`);
    }
    const visits = m.sessions === null ? [participant] : read(participant, m.sessions);
    if (!Array.isArray(visits)) return unknown(`participant ${index} has no "${m.sessions}" array`);
    const key = externalUserId !== null ? `id:${externalUserId}` : `name:${name}`;
    const acc = people.get(key) ?? { externalUserId, name: name ?? externalUserId!, intervals: [] };
    people.set(key, acc);
    for (const visit of visits) {
      const joined = time(read(visit, m.joinedAt));
      if (joined === null) return unknown(`participant ${index} has a visit without a "${m.joinedAt}" time`);
      const left = time(read(visit, m.leftAt)) ?? finishedAt;
      if (left === null) return unknown(`participant ${index} has a visit without "${m.leftAt}" and the report no "${m.finishedAt}"`);
      acc.intervals.push([joined, Math.max(joined, left)]);
    }
  }

  const rows: AttendanceRow[] = [];
  for (const acc of people.values()) {
    if (acc.intervals.length === 0) continue;
    const joinedAt = Math.min(...acc.intervals.map(([from]) => from));
    const leftAt = Math.max(...acc.intervals.map(([, to]) => to));
    rows.push({
      key: acc.externalUserId ?? acc.name,
      keyedBy: acc.externalUserId !== null ? 'externalUserId' : 'name',
      externalUserId: acc.externalUserId,
      name: acc.name,
      joinedAt: new Date(joinedAt).toISOString(),
      leftAt: new Date(leftAt).toISOString(),
      secondsPresent: Math.round(unionMs(acc.intervals) / 1000),
      visits: acc.intervals.length,
    });
  }
  rows.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.key.localeCompare(b.key));
  const call =
    startedAt !== null && finishedAt !== null
      ? {
          startedAt: new Date(startedAt).toISOString(),
          finishedAt: new Date(finishedAt).toISOString(),
          durationSeconds: Math.max(0, Math.round((finishedAt - startedAt) / 1000)),
        }
      : null;
  return { ok: true, rows, call };
}
