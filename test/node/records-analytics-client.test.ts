import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLivedigitalClient, LivedigitalApiError } from '../../src/server/index.js';
import { join, roomAction, standIn } from '../support/stand-in-call.js';

async function rejection(promise: Promise<unknown>): Promise<LivedigitalApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LivedigitalApiError, `expected a LivedigitalApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('records and analytics over HTTP against the stand-in', () => {
  let s: Awaited<ReturnType<typeof standIn>>;
  let callId: string;
  let recordId: string;

  before(async () => {
    s = await standIn({ reportDelayMs: 30_000 });
    // A teacher (moderator) and a student with an LMS id; the teacher records part of the lesson.
    const teacher = await join(s.client, s.emulator, { username: 'Olga Teacher', role: 'moderator', externalUserId: 'lms-1' });
    callId = s.emulator.activeCall(s.alias)!.callId;
    s.advance(10);
    await join(s.client, s.emulator, { username: 'Ann Student', role: 'user', externalUserId: 'lms-42' });
    assert.equal((await roomAction(s.emulator, 'record', { sessionId: teacher.sessionId, action: 'start' })).status, 200);
    s.advance(60);
    assert.equal((await roomAction(s.emulator, 'record', { sessionId: teacher.sessionId, action: 'stop' })).status, 200);
    s.advance(20);
    assert.equal((await roomAction(s.emulator, 'end', { sessionId: teacher.sessionId })).status, 200);
    recordId = (await s.client.listRecords(s.spaceId, s.roomId)).items[0]!.id;
  });
  after(() => s.emulator.close());

  it('listCalls: the finished call with its documented fields and a computed duration', async () => {
    const calls = await s.client.listCalls(s.spaceId, s.roomId, { date: new Date(s.clock.ms) });
    assert.equal(calls.length, 1);
    const [call] = calls;
    assert.equal(call!.id, callId);
    assert.equal(call!.roomId, s.roomId);
    assert.equal(call!.startedAt, '2026-11-23T10:00:00.000Z');
    assert.equal(call!.finishedAt, '2026-11-23T10:01:30.000Z');
    assert.equal(call!.durationSeconds, 90);
    assert.equal(call!.uniqueParticipantsCount, 2);
  });

  it('listCalls: another day lists nothing', async () => {
    assert.deepEqual(await s.client.listCalls(s.spaceId, s.roomId, { date: '2026-11-22T10:00:00Z' }), []);
  });

  it('analyticsReport answers not-found until the report is built, then JSON with externalUserId', async () => {
    const early = await rejection(s.client.analyticsReport(s.spaceId, s.roomId, callId, { format: 'json' }));
    assert.equal(early.code, 'not-found');
    s.advance(30);
    const report = (await s.client.analyticsReport(s.spaceId, s.roomId, callId, { format: 'json' })) as {
      participants: Array<{ name: string; externalUserId?: string; sessions: Array<{ joinedAt: string; leftAt: string }> }>;
    };
    const ann = report.participants.find((p) => p.externalUserId === 'lms-42');
    assert.deepEqual(ann, {
      name: 'Ann Student',
      externalUserId: 'lms-42',
      role: 'user',
      sessions: [{ joinedAt: '2026-11-23T10:00:10.000Z', leftAt: '2026-11-23T10:01:30.000Z' }],
    });
  });

  it('analyticsReport xlsx comes as the bytes of a zip (an .xlsx file)', async () => {
    const bytes = await s.client.analyticsReport(s.spaceId, s.roomId, callId, { format: 'xlsx' });
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]); // "PK\3\4"
  });

  it('listRecords lists the recording with its call; dateFrom after it lists nothing', async () => {
    const { items, total } = await s.client.listRecords(s.spaceId, s.roomId);
    assert.equal(total, 1);
    assert.equal(items[0]!.callId, callId);
    assert.equal(items[0]!.startedAt, '2026-11-23T10:00:10.000Z');
    assert.equal(items[0]!.finishedAt, '2026-11-23T10:01:10.000Z');
    const later = await s.client.listRecords(s.spaceId, s.roomId, { dateFrom: '2026-11-23T10:00:11Z' });
    assert.equal(later.total, 0);
  });

  it('recordDownloadUrl: a text URL to the file, valid 24 h', async () => {
    const issued = Date.now();
    const link = await s.client.recordDownloadUrl(s.spaceId, s.roomId, recordId);
    assert.equal(new URL(link.url).origin, s.emulator.roomBaseUrl);
    assert.ok(Math.abs(Date.parse(link.expiresAt) - issued - 24 * 3600_000) < 60_000);
    const file = await fetch(link.url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'video/mp4');
    s.advance(24 * 3600 + 1);
    assert.equal((await fetch(link.url)).status, 403);
  });

  it('checks ids, dates and format before sending anything', async () => {
    for (const promise of [
      s.client.listRecords(s.spaceId, 'room/../x'),
      s.client.listRecords(s.spaceId, s.roomId, { dateFrom: 'yesterday' }),
      s.client.listCalls(s.spaceId, s.roomId, { date: 'not a date' }),
      s.client.analyticsReport(s.spaceId, s.roomId, callId, { format: 'csv' as 'json' }),
      s.client.recordDownloadUrl(s.spaceId, s.roomId, ''),
    ]) {
      const error = await rejection(promise);
      assert.equal(error.code, 'invalid-params');
      assert.equal(error.status, 0);
    }
  });

  it('unknown ids are not-found; a plain user is forbidden', async () => {
    assert.equal((await rejection(s.client.recordDownloadUrl(s.spaceId, s.roomId, 'ffffffffffffffffffffffff'))).code, 'not-found');
    const user = createLivedigitalClient({ token: s.emulator.userToken, apiUrl: s.emulator.apiUrl });
    assert.equal((await rejection(user.listCalls(s.spaceId, s.roomId, { date: new Date() }))).code, 'forbidden');
  });

  it('an aborted signal rejects without an answer', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(s.client.listRecords(s.spaceId, s.roomId, {}, { signal: controller.signal }));
    assert.equal(error.status, 0);
  });
});

describe('recordDownloadUrl when the link comes as a redirect', () => {
  it('takes Location as the link from the stand-in', async () => {
    const s = await standIn({ recordDownload: 'redirect' });
    try {
      const teacher = await join(s.client, s.emulator, { username: 'Olga', role: 'moderator' });
      await roomAction(s.emulator, 'record', { sessionId: teacher.sessionId, action: 'start' });
      await roomAction(s.emulator, 'end', { sessionId: teacher.sessionId });
      const [record] = (await s.client.listRecords(s.spaceId, s.roomId)).items;
      const link = await s.client.recordDownloadUrl(s.spaceId, s.roomId, record!.id);
      assert.match(new URL(link.url).pathname, new RegExp(`^/records/[^/]+/${record!.id}\\.mp4$`));
      assert.equal((await fetch(link.url)).status, 200);
    } finally {
      await s.emulator.close();
    }
  });

  it('never follows the redirect into the video', async () => {
    let videoHits = 0;
    const video = createServer((_req, res) => {
      videoHits++;
      res.writeHead(200, { 'content-type': 'video/mp4' }).end('x');
    });
    await new Promise<void>((resolve) => video.listen(0, '127.0.0.1', resolve));
    const videoUrl = `http://127.0.0.1:${(video.address() as AddressInfo).port}/v/record.mp4`;
    const api = createServer((_req, res) => res.writeHead(302, { location: videoUrl }).end());
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const client = createLivedigitalClient({ token: 't', apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` });
      const link = await client.recordDownloadUrl('s1', 'r1', 'rec1');
      assert.equal(link.url, videoUrl);
      assert.equal(videoHits, 0);
    } finally {
      video.closeAllConnections();
      api.closeAllConnections();
      await Promise.all([new Promise((r) => video.close(r)), new Promise((r) => api.close(r))]);
    }
  });
});
