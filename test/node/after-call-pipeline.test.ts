import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import {
  createAfterCall,
  createWebhookHandler,
  type AfterCallError,
  type AfterCallOptions,
  type CallReport,
  type LivedigitalClient,
  type Recording,
} from '../../src/server/index.js';
import { eventually, join, registerWebhook, roomAction, serve, standIn } from '../support/stand-in-call.js';

/**
 * stand-in room → signed webhook → the companion's webhook handler → createAfterCall →
 * analytics/calls + report (or the download link) → onCallReport / onRecording.
 */
async function pipeline(
  emulatorOptions: EmulatorOptions = {},
  wrap?: (client: LivedigitalClient, s: Awaited<ReturnType<typeof standIn>>) => AfterCallOptions['client'],
  retry: AfterCallOptions['retry'] = { attempts: 3, firstDelayMs: 1 },
) {
  const s = await standIn(emulatorOptions);
  const reports: CallReport[] = [];
  const recordings: Recording[] = [];
  const errors: AfterCallError[] = [];
  const afterCall = createAfterCall({
    client: wrap ? wrap(s.client, s) : s.client,
    onCallReport: (report) => void reports.push(report),
    onRecording: (recording) => void recordings.push(recording),
    onError: (error) => void errors.push(error),
    retry,
    now: () => s.clock.ms,
  });
  let secret = '';
  const answers: number[] = [];
  const receiver = await serve(async (request) => {
    const response = await createWebhookHandler({ secret, onEvent: afterCall.onEvent })(request);
    answers.push(response.status);
    return response;
  });
  secret = await registerWebhook(s.emulator, `${receiver.url}/webhooks`);
  const close = async () => {
    afterCall.close();
    await afterCall.idle();
    await Promise.all([receiver.close(), s.emulator.close()]);
  };
  return { ...s, afterCall, reports, recordings, errors, answers, receiver, close };
}

describe('after the call: webhook → report → attendance', () => {
  it('join with an externalUserId, End call: one report with the call and an attendance row', async () => {
    const p = await pipeline();
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann Student', role: 'user', externalUserId: 'lms-42' });
      const callId = p.emulator.activeCall(p.alias)!.callId;
      p.advance(75);
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      const report = await eventually(() => p.reports[0], 5000, 'onCallReport');
      assert.equal(report.callId, callId);
      assert.equal(report.key, `call:${p.spaceId}:${callId}`);
      assert.equal(report.call.durationSeconds, 75);
      assert.equal(report.call.startedAt, '2026-11-23T10:00:00.000Z');
      assert.equal(report.call.uniqueParticipantsCount, 1);
      assert.ok(report.attendance.ok);
      assert.deepEqual(report.attendance.rows, [
        {
          key: 'lms-42',
          keyedBy: 'externalUserId',
          externalUserId: 'lms-42',
          name: 'Ann Student',
          joinedAt: '2026-11-23T10:00:00.000Z',
          leftAt: '2026-11-23T10:01:15.000Z',
          secondsPresent: 75,
          visits: 1,
        },
      ]);
      assert.deepEqual(report.attendance.call, { startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:01:15.000Z', durationSeconds: 75 });
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  it('presence: Leave ends a visit, rejoining adds one, End call closes the rest', async () => {
    const p = await pipeline();
    try {
      const teacher = await join(p.client, p.emulator, { username: 'Olga', role: 'moderator', externalUserId: 'lms-1' });
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user', externalUserId: 'lms-42', isPermanent: true });
      p.advance(20);
      assert.equal((await roomAction(p.emulator, 'leave', { sessionId: ann.sessionId })).status, 200);
      p.advance(30);
      await join(p.client, p.emulator, { username: 'Ann', role: 'user', externalUserId: 'lms-42' });
      p.advance(10);
      await roomAction(p.emulator, 'end', { sessionId: teacher.sessionId });
      const report = await eventually(() => p.reports[0], 5000, 'onCallReport');
      assert.ok(report.attendance.ok);
      const byKey = Object.fromEntries(report.attendance.rows.map((row) => [row.key, [row.secondsPresent, row.visits]]));
      assert.deepEqual(byKey, { 'lms-1': [60, 1], 'lms-42': [30, 2] });
    } finally {
      await p.close();
    }
  });

  it('a call_finished without callId: the call that finished last, from analytics/calls', async () => {
    const p = await pipeline({ callIdInCallEvents: false });
    try {
      const first = await join(p.client, p.emulator, { username: 'Early', role: 'user' });
      await roomAction(p.emulator, 'end', { sessionId: first.sessionId });
      await eventually(() => p.reports[0], 5000, 'the first report');
      p.advance(600);
      const second = await join(p.client, p.emulator, { username: 'Ann', role: 'user', externalUserId: 'lms-42' });
      const callId = p.emulator.activeCall(p.alias)!.callId;
      p.advance(30);
      await roomAction(p.emulator, 'end', { sessionId: second.sessionId });
      const report = await eventually(() => p.reports[1], 5000, 'the second report');
      const delivered = p.emulator.webhookDeliveries.filter((d) => d.payload.body.eventName === 'call_finished');
      assert.ok(delivered.every((d) => !('callId' in d.payload.body)), 'the stand-in sent no callId');
      assert.equal(report.callId, callId);
      assert.equal(report.attendance.ok && report.attendance.rows[0]!.key, 'lms-42');
    } finally {
      await p.close();
    }
  });

  it('asks again until the report is ready', async () => {
    let reportCalls = 0;
    const p = await pipeline({ reportDelayMs: 60_000 }, (client, s) => ({
      ...client,
      analyticsReport: ((...args: Parameters<LivedigitalClient['analyticsReport']>) => {
        reportCalls++;
        if (reportCalls === 2) s.advance(60); // the report gets built between the 1st and 2nd try
        return client.analyticsReport(...args);
      }) as LivedigitalClient['analyticsReport'],
    }));
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user', externalUserId: 'lms-42' });
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      await eventually(() => p.reports[0], 5000, 'onCallReport');
      assert.equal(reportCalls, 2);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  it('answers the webhook while the report is still being built', async () => {
    // A minute between tries: the answer can only be 204 already if nobody waited for them.
    const p = await pipeline({ reportDelayMs: 3_600_000 }, undefined, { attempts: 2, firstDelayMs: 60_000 });
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user' });
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      await p.emulator.waitForDelivery('call_finished');
      assert.deepEqual(p.answers, [204, 204]); // call_started, call_finished
      assert.equal(p.afterCall.pending, 1);
      assert.equal(p.reports.length, 0);
      p.afterCall.close();
      await p.afterCall.idle();
      assert.deepEqual(p.errors, [], 'closing is not an error');
    } finally {
      await p.close();
    }
  });

  it('gives up after the last attempt and tells onError', async () => {
    const p = await pipeline({ reportDelayMs: 3_600_000 });
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user' });
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      await eventually(() => p.errors[0], 5000, 'onError');
      assert.equal(p.reports.length, 0);
      assert.deepEqual(p.errors.map((e) => e.code), ['not-ready']);
      assert.equal((p.errors[0]!.cause as { code?: string }).code, 'not-found');
    } finally {
      await p.close();
    }
  });

  it('a refusal for good is not retried: onError with the API error', async () => {
    let calls = 0;
    const p = await pipeline({}, (client) => ({
      ...client,
      listCalls: async (...args: Parameters<LivedigitalClient['listCalls']>) => {
        calls++;
        const { createLivedigitalClient } = await import('../../src/server/index.js');
        const user = createLivedigitalClient({ token: 'emulator-user-token', apiUrl: client.apiUrl });
        return user.listCalls(...args);
      },
    }));
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user' });
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      await eventually(() => p.errors[0], 5000, 'onError');
      assert.equal(p.errors[0]!.code, 'api');
      assert.equal((p.errors[0]!.cause as { code?: string }).code, 'forbidden');
      assert.equal(calls, 1);
    } finally {
      await p.close();
    }
  });

  it('duplicate deliveries of call_finished and record_finished are handled once', async () => {
    const p = await pipeline();
    try {
      const teacher = await join(p.client, p.emulator, { username: 'Olga', role: 'moderator', externalUserId: 'lms-1' });
      await roomAction(p.emulator, 'record', { sessionId: teacher.sessionId, action: 'start' });
      p.advance(30);
      await roomAction(p.emulator, 'end', { sessionId: teacher.sessionId });
      await eventually(() => (p.reports.length && p.recordings.length ? true : undefined), 5000, 'report and recording');
      // livedigital retries a delivery it thinks failed: the same signed body again, twice.
      for (const name of ['call_finished', 'record_finished']) {
        const delivery = p.emulator.webhookDeliveries.find((d) => d.payload.body.eventName === name)!;
        for (let i = 0; i < 2; i++) {
          const response = await fetch(`${p.receiver.url}/webhooks`, { method: 'POST', body: JSON.stringify(delivery.payload) });
          assert.equal(response.status, 204);
        }
      }
      await p.afterCall.idle();
      assert.equal(p.reports.length, 1);
      assert.equal(p.recordings.length, 1);
    } finally {
      await p.close();
    }
  });

  it('a duplicate call_finished without callId is handled once too', async () => {
    const p = await pipeline({ callIdInCallEvents: false });
    try {
      const ann = await join(p.client, p.emulator, { username: 'Ann', role: 'user' });
      await roomAction(p.emulator, 'end', { sessionId: ann.sessionId });
      await eventually(() => p.reports[0], 5000, 'onCallReport');
      const delivery = p.emulator.webhookDeliveries.find((d) => d.payload.body.eventName === 'call_finished')!;
      const response = await fetch(`${p.receiver.url}/webhooks`, { method: 'POST', body: JSON.stringify(delivery.payload) });
      assert.equal(response.status, 204);
      await p.afterCall.idle();
      assert.equal(p.reports.length, 1);
    } finally {
      await p.close();
    }
  });

  it('record_finished → onRecording with the call, a working link and its expiry', async () => {
    const p = await pipeline();
    try {
      const teacher = await join(p.client, p.emulator, { username: 'Olga', role: 'moderator' });
      const callId = p.emulator.activeCall(p.alias)!.callId;
      await roomAction(p.emulator, 'record', { sessionId: teacher.sessionId, action: 'start' });
      await roomAction(p.emulator, 'record', { sessionId: teacher.sessionId, action: 'stop' });
      const recording = await eventually(() => p.recordings[0], 5000, 'onRecording');
      const started = p.emulator.webhookDeliveries.find((d) => d.payload.body.eventName === 'record_started')!;
      assert.equal(recording.recordId, started.payload.body.recordId);
      assert.equal(recording.callId, callId);
      assert.equal(recording.key, `record:${p.spaceId}:${recording.recordId}`);
      assert.ok(Date.parse(recording.expiresAt) > Date.now() + 23 * 3600_000);
      assert.equal((await fetch(recording.url)).status, 200);
    } finally {
      await p.close();
    }
  });

  it('only a moderator may record', async () => {
    const p = await pipeline();
    try {
      const student = await join(p.client, p.emulator, { username: 'Ann', role: 'user' });
      assert.doesNotMatch(student.html, /id="ld-record"/);
      assert.equal((await roomAction(p.emulator, 'record', { sessionId: student.sessionId, action: 'start' })).status, 403);
      const teacher = await join(p.client, p.emulator, { username: 'Olga', role: 'moderator' });
      assert.match(teacher.html, /id="ld-record"/);
    } finally {
      await p.close();
    }
  });
});
