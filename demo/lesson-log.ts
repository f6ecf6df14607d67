/**
 * The demo LMS's side of "after the lesson": who is in the course (what a real host reads from
 * its session), and each finished lesson's attendance and recording, filled by the after-call
 * pipeline from verified webhooks. A real host writes these to its database under the keys the
 * README names; the demo keeps them in memory.
 */
import type { ServerResponse } from 'node:http';
import {
  createAfterCall,
  type AttendanceResult,
  type CallSummary,
  type LivedigitalClient,
  type LivedigitalWebhookEvent,
} from '../src/server/index.js';

/** The demo course: the teacher may record; the LMS id goes to generate-access as externalUserId. */
const COURSE: Record<string, { externalUserId: string; role: 'moderator' | 'user' }> = {
  'Ivan Petrov': { externalUserId: 'lms-1042', role: 'moderator' },
  'Anna Smirnova': { externalUserId: 'lms-2077', role: 'user' },
};

/** Course members get their LMS id; anyone else joins as a plain participant keyed by name. */
export function courseMember(username: string): { role: 'moderator' | 'user'; externalUserId?: string } {
  return COURSE[username] ?? { role: 'user' };
}

export interface LessonSummary {
  callId: string;
  call: CallSummary;
  attendance: AttendanceResult;
  recording: { url: string; expiresAt: string } | null;
  /** record_started was seen for this call and record_finished's link has not arrived yet. */
  recordingPending: boolean;
}

export function createLessonLog(options: { client: LivedigitalClient; log: (line: string) => void }) {
  const { client, log } = options;
  const reports = new Map<string, Omit<LessonSummary, 'recording' | 'recordingPending'>>();
  const recordings = new Map<string, { url: string; expiresAt: string }>();
  const recordingStarted = new Set<string>();
  const afterCall = createAfterCall({
    client,
    onCallReport: ({ callId, call, attendance }) => {
      reports.set(callId, { callId, call, attendance });
      log(`after-call: report of call ${callId.slice(0, 8)} (${attendance.ok ? `${attendance.rows.length} attendee(s)` : attendance.message})`);
    },
    onRecording: ({ callId, recordId, url, expiresAt }) => {
      recordings.set(callId ?? recordId, { url, expiresAt });
      log(`after-call: recording ${recordId.slice(0, 8)} ready`);
    },
    onError: (error) => log(`after-call: ${error.code}: ${error.message}`),
    // The stand-in builds reports at once; the real service may take minutes (the defaults).
    retry: { firstDelayMs: 1000 },
  });

  return {
    onEvent(event: LivedigitalWebhookEvent) {
      if (event.eventName === 'record_started' && event.callId) recordingStarted.add(event.callId);
      afterCall.onEvent(event);
    },
    /** What `/api/lessons` answers: lessons newest first, and whether reports are still on their way. */
    list() {
      const lessons: LessonSummary[] = [...reports.values()]
        .map((lesson) => ({
          ...lesson,
          recording: recordings.get(lesson.callId) ?? null,
          recordingPending: recordingStarted.has(lesson.callId) && !recordings.has(lesson.callId),
        }))
        .sort((a, b) => (b.call.finishedAt ?? '').localeCompare(a.call.finishedAt ?? ''));
      return { pending: afterCall.pending, lessons };
    },
    /** `/api/lessons/<callId>/report.xlsx`: the vendor's xlsx report, passed through. */
    async serveXlsx(path: string, spaceId: string, roomId: string, res: ServerResponse) {
      const callId = /^\/api\/lessons\/([A-Za-z0-9_-]{1,64})\/report\.xlsx$/.exec(path)?.[1];
      if (!callId || !reports.has(callId)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such lesson');
        return;
      }
      try {
        const bytes = await client.analyticsReport(spaceId, roomId, callId, { format: 'xlsx' });
        res.writeHead(200, {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="lesson-${callId}.xlsx"`,
          'cache-control': 'no-store',
        });
        res.end(bytes);
      } catch (error) {
        log(`after-call: xlsx report failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        res.writeHead(502, { 'content-type': 'text/plain' }).end('the report could not be fetched');
      }
    },
    close: () => afterCall.close(),
  };
}
