import type { CallSummary } from './api/analytics.js';
import { attendance, type AttendanceMapping, type AttendanceResult } from './attendance.js';
import type { LivedigitalClient } from './client.js';
import { LivedigitalApiError } from './errors.js';
import type { LivedigitalWebhookEvent } from './webhooks.js';

/** What `onCallReport` gets once a finished call's JSON report is ready. */
export interface CallReport {
  /** `call:<spaceId>:<callId>` — the unique key to store it under. */
  key: string;
  spaceId: string;
  roomId: string;
  callId: string;
  /** The call as `analytics/calls` lists it: startedAt, finishedAt, durationSeconds, participantsCount, uniqueParticipantsCount… */
  call: CallSummary;
  /** The JSON report as livedigital sent it. */
  report: unknown;
  /** `attendance(report, attendanceMapping)`, already computed. */
  attendance: AttendanceResult;
}

/** What `onRecording` gets for a finished cloud recording. */
export interface Recording {
  /** `record:<spaceId>:<recordId>` — the unique key to store it under. */
  key: string;
  spaceId: string;
  roomId: string;
  recordId: string;
  /** From the delivery, else from the records list; null when livedigital does not say. */
  callId: string | null;
  /** Download link, valid until `expiresAt` (24 h): store the recordId, ask for a new link later. */
  url: string;
  expiresAt: string;
}

export type AfterCallErrorCode =
  /** `analytics/calls` never listed the call (or, without callId in the delivery, any finished call). */
  | 'call-not-found'
  /** The report or download link was still not ready after the last attempt. */
  | 'not-ready'
  /** livedigital refused for good (bad token, no rights, bad ids): `cause` is the LivedigitalApiError. */
  | 'api'
  /** `onCallReport` / `onRecording` threw: `cause` is what it threw. */
  | 'handler'
  /** A record event without recordId. */
  | 'bad-event';

export class AfterCallError extends Error {
  override readonly name = 'AfterCallError';
  constructor(
    readonly code: AfterCallErrorCode,
    message: string,
    readonly event: { spaceId: string; roomId: string; callId?: string; recordId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AfterCallRetry {
  /** Tries per step (finding the call, the report, the link). Default 10. */
  attempts?: number;
  /** Wait before the 2nd try; doubles each time. Default 2000. */
  firstDelayMs?: number;
  /** Ceiling of one wait. Default 60000 — with the defaults a step gives up after about 5 minutes. */
  maxDelayMs?: number;
}

export interface AfterCallOptions {
  client: Pick<LivedigitalClient, 'listCalls' | 'analyticsReport' | 'recordDownloadUrl' | 'listRecords'>;
  onCallReport?: (report: CallReport) => void | Promise<void>;
  onRecording?: (recording: Recording) => void | Promise<void>;
  /** Every failure of the background work (default: one console line). Errors are token-free. */
  onError?: (error: AfterCallError) => void;
  /** How to read the report for `attendance`; see `AttendanceMapping`. */
  attendanceMapping?: AttendanceMapping;
  retry?: AfterCallRetry;
  /** Clock, for "which day's calls" (default Date.now). */
  now?: () => number;
}

export interface AfterCall {
  /**
   * Pass to `createWebhookHandler({ onEvent })`. Returns at once: the report is polled in the
   * background (it can take minutes), so the webhook is answered without waiting; failures go to
   * `onError`. `call_finished` and `record_finished` are handled, other events ignored.
   */
  onEvent(event: LivedigitalWebhookEvent): void;
  /** The same work, awaited: from a job queue, a cron, or to retry after `onError`. null = already handled here. */
  processCall(event: { spaceId: string; roomId: string; callId?: string }): Promise<CallReport | null>;
  processRecording(event: { spaceId: string; roomId: string; recordId: string; callId?: string }): Promise<Recording | null>;
  /** Background tasks still running. */
  readonly pending: number;
  /** Resolves when no background task is running (graceful shutdown, tests). */
  idle(): Promise<void>;
  /** Stops waiting between retries; running tasks end without calling back. */
  close(): void;
}

// Answers that may change if asked again: the report is built after the call, the list may lag.
const RETRYABLE = new Set(['not-found', 'upstream', 'timeout', 'rate-limited']);
const DAY_MS = 24 * 60 * 60 * 1000;
/** How many handled keys one process remembers; a host database is the durable record. */
const REMEMBERED_KEYS = 10_000;

class Closed extends Error {}

export function createAfterCall(options: AfterCallOptions): AfterCall {
  const { client, onCallReport, onRecording, attendanceMapping } = options;
  if (!client || typeof client.listCalls !== 'function' || typeof client.analyticsReport !== 'function') {
    throw new TypeError('client must come from createLivedigitalClient');
  }
  const attempts = Math.max(1, Math.floor(options.retry?.attempts ?? 10));
  const firstDelayMs = Math.max(0, options.retry?.firstDelayMs ?? 2000);
  const maxDelayMs = Math.max(firstDelayMs, options.retry?.maxDelayMs ?? 60_000);
  const now = options.now ?? Date.now;
  const onError =
    options.onError ?? ((error: AfterCallError) => console.error(`livedigital after-call: ${error.code}: ${error.message}`));
  const stop = new AbortController();
  const claimed = new Set<string>();
  const lookups = new Map<string, Promise<CallSummary>>();
  const tasks = new Set<Promise<void>>();

  const claim = (key: string): boolean => {
    if (claimed.has(key)) return false;
    claimed.add(key);
    if (claimed.size > REMEMBERED_KEYS) claimed.delete(claimed.values().next().value!);
    return true;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (stop.signal.aborted) return reject(new Closed());
      const timer = setTimeout(() => {
        stop.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Closed());
      };
      stop.signal.addEventListener('abort', onAbort, { once: true });
    });

  /** Runs `step` until it yields a value; a retryable API error or `undefined` means "not yet". */
  async function retrying<T>(step: () => Promise<T | undefined>, notYet: () => AfterCallError): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1)));
      if (stop.signal.aborted) throw new Closed();
      try {
        const value = await step();
        if (value !== undefined) return value;
      } catch (error) {
        if (!(error instanceof LivedigitalApiError) || !RETRYABLE.has(error.code)) throw error;
        lastError = error;
      }
    }
    const error = notYet();
    if (lastError !== undefined) Object.defineProperty(error, 'cause', { value: lastError });
    throw error;
  }

  const apiError = (error: unknown, event: AfterCallError['event']): AfterCallError => {
    if (error instanceof AfterCallError || error instanceof Closed) return error as AfterCallError;
    return new AfterCallError('api', `livedigital refused: ${error instanceof Error ? error.message : String(error)}`, event, { cause: error });
  };

  /** The call from `analytics/calls` of today and yesterday (a call may end just after midnight). */
  async function findCall(spaceId: string, roomId: string, callId: string | undefined): Promise<CallSummary | undefined> {
    const candidates: CallSummary[] = [];
    for (const day of [now(), now() - DAY_MS]) {
      const calls = await client.listCalls(spaceId, roomId, { date: new Date(day) }, { signal: stop.signal });
      for (const call of calls) {
        if ((call.roomId === '' || call.roomId === roomId) && call.finishedAt !== undefined && call.active !== true) candidates.push(call);
      }
      if (callId !== undefined ? candidates.some((call) => call.id === callId) : candidates.length > 0) break;
    }
    if (callId !== undefined) return candidates.find((call) => call.id === callId);
    return candidates.sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))[0];
  }

  async function processCall(event: { spaceId: string; roomId: string; callId?: string }): Promise<CallReport | null> {
    const { spaceId, roomId } = event;
    const given = typeof event.callId === 'string' && event.callId !== '' ? event.callId : undefined;
    if (given !== undefined && claimed.has(`call:${spaceId}:${given}`)) return null;
    const where = { spaceId, roomId, ...(given ? { callId: given } : {}) };
    // Deliveries of one event (livedigital retries) share one lookup instead of polling twice.
    const lookupKey = `${spaceId}:${roomId}:${given ?? ''}`;
    let lookup = lookups.get(lookupKey);
    if (!lookup) {
      lookup = retrying(
        () => findCall(spaceId, roomId, given),
        () => new AfterCallError('call-not-found', `analytics/calls did not list ${given ? `call ${given}` : 'a finished call'} of room ${roomId}`, where),
      ).finally(() => lookups.delete(lookupKey));
      lookups.set(lookupKey, lookup);
    }
    let call: CallSummary;
    try {
      call = await lookup;
    } catch (error) {
      throw apiError(error, where);
    }
    const callId = call.id;
    const key = `call:${spaceId}:${callId}`;
    if (!claim(key)) return null;
    try {
      const report = await retrying(
        () => client.analyticsReport(spaceId, roomId, callId, { format: 'json' }, { signal: stop.signal }),
        () => new AfterCallError('not-ready', `the analytics report of call ${callId} was not ready after ${attempts} attempts`, { ...where, callId }),
      );
      const result: CallReport = { key, spaceId, roomId, callId, call, report, attendance: attendance(report, attendanceMapping) };
      try {
        await onCallReport?.(result);
      } catch (error) {
        throw new AfterCallError('handler', 'onCallReport threw', { ...where, callId }, { cause: error });
      }
      return result;
    } catch (error) {
      claimed.delete(key); // a later delivery or processCall may try again
      throw apiError(error, { ...where, callId });
    }
  }

  async function processRecording(event: { spaceId: string; roomId: string; recordId: string; callId?: string }): Promise<Recording | null> {
    const { spaceId, roomId, recordId } = event;
    const where = { spaceId, roomId, recordId };
    const key = `record:${spaceId}:${recordId}`;
    if (!claim(key)) return null;
    try {
      let callId = typeof event.callId === 'string' && event.callId !== '' ? event.callId : null;
      if (callId === null) {
        // Best effort: the record list says which call a recording belongs to.
        const records = await client.listRecords(spaceId, roomId, {}, { signal: stop.signal }).catch(() => null);
        callId = records?.items.find((item) => item.id === recordId)?.callId ?? null;
      }
      const link = await retrying(
        () => client.recordDownloadUrl(spaceId, roomId, recordId, { signal: stop.signal }),
        () => new AfterCallError('not-ready', `no download link for record ${recordId} after ${attempts} attempts`, where),
      );
      const result: Recording = { key, spaceId, roomId, recordId, callId, url: link.url, expiresAt: link.expiresAt };
      try {
        await onRecording?.(result);
      } catch (error) {
        throw new AfterCallError('handler', 'onRecording threw', where, { cause: error });
      }
      return result;
    } catch (error) {
      claimed.delete(key);
      throw apiError(error, where);
    }
  }

  function background(work: () => Promise<unknown>): void {
    const task = work()
      .then(
        () => undefined,
        (error: unknown) => {
          // After close(), an aborted request is the expected end, not a failure to report.
          if (error instanceof Closed || stop.signal.aborted) return;
          try {
            onError(error instanceof AfterCallError ? error : new AfterCallError('api', String(error), { spaceId: '', roomId: '' }, { cause: error }));
          } catch {
            // A broken logger must not become an unhandled rejection.
          }
        },
      )
      .finally(() => tasks.delete(task));
    tasks.add(task);
  }

  return {
    onEvent(event) {
      if (stop.signal.aborted || typeof event !== 'object' || event === null) return;
      const { spaceId, roomId } = event;
      if (event.eventName === 'call_finished') {
        background(() => processCall(event));
      } else if (event.eventName === 'record_finished') {
        const recordId = 'recordId' in event ? event.recordId : undefined;
        if (typeof recordId !== 'string' || recordId === '') {
          background(() => Promise.reject(new AfterCallError('bad-event', 'record_finished without recordId', { spaceId, roomId })));
          return;
        }
        background(() => processRecording({ spaceId, roomId, recordId, ...(event.callId ? { callId: event.callId } : {}) }));
      }
    },
    processCall,
    processRecording,
    get pending() {
      return tasks.size;
    },
    async idle() {
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
    },
    close() {
      stop.abort();
    },
  };
}
