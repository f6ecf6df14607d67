import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createLivedigitalClient, LivedigitalApiError, PLAYBACK_PATHS } from '../../src/server/index.js';
import type { LivedigitalClient } from '../../src/server/index.js';

// Every provisioning method of the companion over real HTTP against the stand-in: what goes on the
// wire (method, path, body, bearer) and what comes back, typed errors included.

interface Sent {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

let emu: Emulator;
let client: LivedigitalClient;
const sent: Sent[] = [];

/** The real fetch, recording what the client hands it. */
const recording: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  sent.push({
    method: init?.method ?? 'GET',
    path: url.pathname + url.search,
    authorization: headers.get('authorization'),
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
  });
  return fetch(input, init);
};

const clientWith = (token: string) => createLivedigitalClient({ token, apiUrl: emu.apiUrl, fetch: recording });

before(async () => {
  emu = await startEmulator();
  client = clientWith(emu.token);
});
after(() => emu.close());
beforeEach(() => {
  sent.length = 0;
});

const last = () => sent[sent.length - 1]!;
const bearer = () => `Bearer ${emu.token}`;

async function rejection(promise: Promise<unknown>): Promise<LivedigitalApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LivedigitalApiError, `expected LivedigitalApiError, got ${String(error)}`);
    assert.ok(!inspect(error).includes(emu.token), 'the personal token never appears in an error');
    return error;
  }
  assert.fail('expected a rejection');
}

async function newSpace(name = 'Course 101'): Promise<string> {
  return (await client.createSpace({ name, isPublic: false })).id;
}

describe('spaces', () => {
  test('createSpace POSTs the documented body with the bearer; listSpaces and updateSpace see it', async () => {
    const { id } = await client.createSpace({ name: 'Course 101', isPublic: false, description: 'Spring term' });
    assert.deepEqual(last(), {
      method: 'POST',
      path: '/v1/spaces',
      authorization: bearer(),
      body: { name: 'Course 101', isPublic: false, description: 'Spring term' },
    });
    assert.match(id, /^[0-9a-f]{24}$/);

    await client.updateSpace(id, { name: 'Course 102', isPublic: true, logo: 'https://lms.example/logo.png' });
    assert.deepEqual(last(), {
      method: 'PUT',
      path: `/v1/spaces/${id}`,
      authorization: bearer(),
      body: { name: 'Course 102', isPublic: true, logo: 'https://lms.example/logo.png' },
    });

    const spaces = await client.listSpaces();
    assert.deepEqual(last(), { method: 'GET', path: '/v1/spaces', authorization: bearer(), body: undefined });
    const mine = spaces.find((space) => space.id === id);
    assert.deepEqual(mine, { id, name: 'Course 102', isPublic: true, description: 'Spring term', logo: 'https://lms.example/logo.png' });
  });

  test('updateSpace requires isPublic, as the guide does; nothing is sent', async () => {
    const error = await rejection(client.updateSpace('60d55c0eb9ef88ab17b0aabb', { name: 'x' } as never));
    assert.equal(error.code, 'invalid-params');
    assert.equal(error.status, 0);
    assert.match(error.message, /isPublic.*nothing was sent/);
    assert.equal(sent.length, 0);
  });
});

describe('rooms', () => {
  test('createRoom sends the lesson settings; the room is found by alias, listed, updated and deleted', async () => {
    const spaceId = await newSpace();
    sent.length = 0;
    const room = await client.createRoom(spaceId, {
      name: 'Lesson 5',
      type: 'lesson',
      isAutoRecordingAllowed: true,
      isMicrophonePublishingAllowed: false,
      isCameraPublishingAllowed: true,
      isScreenMediaPublishingAllowed: false,
      waitingRoomAudience: 'everyone',
      redirectUrl: 'https://lms.example/after',
      extra: { isHandRaisingAllowed: true },
    });
    assert.deepEqual(last(), {
      method: 'POST',
      path: `/v1/spaces/${spaceId}/rooms`,
      authorization: bearer(),
      body: {
        name: 'Lesson 5',
        type: 'lesson',
        isAutoRecordingAllowed: true,
        isMicrophonePublishingAllowed: false,
        isCameraPublishingAllowed: true,
        isScreenMediaPublishingAllowed: false,
        waitingRoomAudience: 'everyone',
        redirectUrl: 'https://lms.example/after',
        isHandRaisingAllowed: true,
      },
    });
    assert.match(room.alias, /^[A-Za-z0-9]{10}$/);
    assert.deepEqual(await client.roomByAlias(room.alias), { id: room.id, spaceId, name: 'Lesson 5', appId: '62a09fc702f86ce37a9386f1', channelId: room.channelId });

    await client.updateRoom(spaceId, room.id, { name: 'Lesson 5 (moved)', isMicrophonePublishingAllowed: true });
    assert.deepEqual(last(), {
      method: 'PUT',
      path: `/v1/spaces/${spaceId}/rooms/${room.id}`,
      authorization: bearer(),
      body: { name: 'Lesson 5 (moved)', isMicrophonePublishingAllowed: true },
    });

    const rooms = await client.listRooms(spaceId);
    assert.deepEqual(last(), { method: 'GET', path: `/v1/spaces/${spaceId}/rooms`, authorization: bearer(), body: undefined });
    assert.equal(rooms.length, 1);
    assert.equal(rooms[0]!.name, 'Lesson 5 (moved)');
    assert.equal(rooms[0]!.alias, room.alias);
    assert.equal(rooms[0]!.type, 'lesson');
    assert.equal(rooms[0]!.fields.isMicrophonePublishingAllowed, true);
    assert.equal(rooms[0]!.fields.redirectUrl, 'https://lms.example/after');

    await client.deleteRoom(spaceId, room.id);
    assert.deepEqual(last(), { method: 'DELETE', path: `/v1/spaces/${spaceId}/rooms/${room.id}`, authorization: bearer(), body: undefined });
    assert.equal((await rejection(client.roomByAlias(room.alias))).code, 'not-found');
    assert.deepEqual(await client.listRooms(spaceId), []);
  });

  test('bad settings are refused before sending: type, name, redirectUrl scheme, a flag, extra repeating a field, an empty update, a bent id', async () => {
    const spaceId = '60d55c0eb9ef88ab17b0aabb';
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [client.createRoom(spaceId, { name: 'L', type: 'seminar' as never }), /type must be "lesson" or "webinar"/],
      [client.createRoom(spaceId, { name: '  ', type: 'lesson' }), /name/],
      [client.createRoom(spaceId, { name: 'L', type: 'lesson', redirectUrl: 'javascript:alert(1)' }), /redirectUrl must be an absolute http\(s\) URL/],
      [client.createRoom(spaceId, { name: 'L', type: 'lesson', isCameraPublishingAllowed: 'no' as never }), /isCameraPublishingAllowed must be true or false/],
      [client.createRoom(spaceId, { name: 'L', type: 'lesson', extra: { type: 'webinar' } }), /extra.type is a documented field/],
      [client.updateRoom(spaceId, 'r1', {}), /at least one field/],
      [client.deleteRoom(spaceId, '../admin'), /roomId must be/],
    ];
    for (const [promise, message] of cases) {
      const error = await rejection(promise);
      assert.equal(error.code, 'invalid-params');
      assert.equal(error.status, 0);
      assert.match(error.message, message);
      assert.match(error.message, /nothing was sent/);
    }
    assert.equal(sent.length, 0);
  });
});

describe('webhook', () => {
  test('setWebhook creates (POST, secret once), then updates (PUT, no secret); get, rotate, delete', async () => {
    const spaceId = await newSpace();
    sent.length = 0;
    const created = await client.setWebhook(spaceId, { url: 'https://lms.example/hooks/ld' });
    assert.deepEqual(sent.map((s) => `${s.method} ${s.path}`), [`GET /v1/spaces/${spaceId}/webhook`, `POST /v1/spaces/${spaceId}/webhook`]);
    assert.deepEqual(last().body, { url: 'https://lms.example/hooks/ld' });
    assert.equal(created.created, true);
    assert.equal(created.isActive, true);
    assert.match(created.secret!, /^[A-Za-z0-9]{32}$/);

    sent.length = 0;
    const updated = await client.setWebhook(spaceId, { url: 'https://lms.example/hooks/v2', isActive: false });
    assert.deepEqual(last(), { method: 'PUT', path: `/v1/spaces/${spaceId}/webhook`, authorization: bearer(), body: { url: 'https://lms.example/hooks/v2', isActive: false } });
    assert.deepEqual(updated, { url: 'https://lms.example/hooks/v2', isActive: false, created: false });

    assert.deepEqual(await client.getWebhook(spaceId), { url: 'https://lms.example/hooks/v2', isActive: false });
    const rotated = await client.refreshWebhookSecret(spaceId);
    assert.deepEqual(last(), { method: 'PUT', path: `/v1/spaces/${spaceId}/webhook/refresh-secret`, authorization: bearer(), body: undefined });
    assert.match(rotated.secret, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(rotated.secret, created.secret);

    await client.deleteWebhook(spaceId);
    assert.deepEqual(last(), { method: 'DELETE', path: `/v1/spaces/${spaceId}/webhook`, authorization: bearer(), body: undefined });
    assert.equal((await rejection(client.getWebhook(spaceId))).code, 'not-found');
  });

  test('a webhook created inactive is switched off right after creation', async () => {
    const spaceId = await newSpace();
    const created = await client.setWebhook(spaceId, { url: 'https://lms.example/hooks/ld', isActive: false });
    assert.equal(created.isActive, false);
    assert.ok(created.secret);
    assert.deepEqual(await client.getWebhook(spaceId), { url: 'https://lms.example/hooks/ld', isActive: false });
  });

  test('a webhook URL that is not http(s) is refused locally', async () => {
    const error = await rejection(client.setWebhook('60d55c0eb9ef88ab17b0aabb', { url: 'ftp://lms.example/hook' }));
    assert.equal(error.code, 'invalid-params');
    assert.equal(sent.length, 0);
  });
});

describe('registered users', () => {
  const password = 'Pa55-word-SECRET';

  test('createUser, the password grant, an invite activated with the user\'s own token, a room role', async () => {
    const { id: userId } = await client.createUser({ email: 'anna@lms.example', password, username: 'Anna', phone: '+79671234567' });
    assert.deepEqual(last(), {
      method: 'POST',
      path: '/v1/users',
      authorization: bearer(),
      body: { email: 'anna@lms.example', password, username: 'Anna', phone: '+79671234567' },
    });

    const tokens = await client.getUserToken({ clientId: emu.clientId, clientSecret: emu.clientSecret, username: 'anna@lms.example', password });
    assert.deepEqual(last(), {
      method: 'POST',
      path: '/v1/auth/token',
      authorization: bearer(),
      body: { client_id: emu.clientId, client_secret: emu.clientSecret, grant_type: 'password', username: 'anna@lms.example', password },
    });
    assert.ok(tokens.accessToken && tokens.refreshToken && tokens.accessToken !== tokens.refreshToken);

    const spaceId = emu.defaultRoom.spaceId;
    const invite = await client.createInvite(spaceId, { role: 'role_space_user' });
    assert.deepEqual(last(), { method: 'POST', path: `/v1/spaces/${spaceId}/invites`, authorization: bearer(), body: { role: 'role_space_user' } });

    await client.activateInvite(spaceId, invite.id, { accessToken: tokens.accessToken });
    assert.deepEqual(last(), {
      method: 'POST',
      path: `/v1/spaces/${spaceId}/invites/${invite.id}/activate`,
      authorization: `Bearer ${tokens.accessToken}`,
      body: undefined,
    });
    const again = await rejection(client.activateInvite(spaceId, invite.id, { accessToken: tokens.accessToken }));
    assert.equal(again.status, 400, 'one invite, one user');
    assert.ok(!again.message.includes(tokens.accessToken));

    await client.grantRoomRole(spaceId, emu.defaultRoom.roomId, { userId, role: 'role_room_moderator' });
    assert.deepEqual(last(), {
      method: 'POST',
      path: `/v1/spaces/${spaceId}/rooms/${emu.defaultRoom.roomId}/roles`,
      authorization: bearer(),
      body: { targetUserId: userId, role: 'role_room_moderator' },
    });
  });

  test('a refused password grant names neither the password nor the client secret', async () => {
    const error = await rejection(client.getUserToken({ clientId: emu.clientId, clientSecret: emu.clientSecret, username: 'nobody@lms.example', password }));
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.status, 401);
    for (const secret of [password, emu.clientSecret]) assert.ok(!inspect(error).includes(secret));
  });

  test('a proxy echoing the request in its error body still leaks no secret', async () => {
    const echo: typeof fetch = async (_input, init) =>
      new Response(JSON.stringify({ message: `bad request: ${String(init?.body)}` }), { status: 400, headers: { 'content-type': 'application/json' } });
    const echoing = createLivedigitalClient({ token: emu.token, apiUrl: emu.apiUrl, fetch: echo });
    const error = await rejection(echoing.getUserToken({ clientId: 'lms', clientSecret: 'client-SECRET-value', username: 'anna', password }));
    assert.equal(error.code, 'invalid-params');
    assert.match(error.message, /\[redacted\]/);
    for (const secret of [password, 'client-SECRET-value']) assert.ok(!inspect(error).includes(secret), `${secret} leaked`);
    const user = await rejection(echoing.createUser({ email: 'a@b.c', password, username: 'A' }));
    assert.ok(!inspect(user).includes(password));
    const activate = await rejection(echoing.activateInvite('s1', 'i1', { accessToken: 'user-ACCESS-token' }));
    assert.ok(!inspect(activate).includes('user-ACCESS-token'));
  });

  test('missing secrets and unknown roles are refused locally', async () => {
    const cases: Array<Promise<unknown>> = [
      client.getUserToken({ clientId: 'lms', clientSecret: '', username: 'a', password }),
      client.getUserToken({ clientId: 'lms', clientSecret: 's', username: 'a', password: '' }),
      client.createUser({ email: 'a@b.c', password: '', username: 'A' }),
      client.createInvite('60d55c0eb9ef88ab17b0aabb', { role: 'role_room_user' as never }),
      client.activateInvite('60d55c0eb9ef88ab17b0aabb', 'i1', { accessToken: '' }),
      client.grantRoomRole('60d55c0eb9ef88ab17b0aabb', 'r1', { userId: 'u1', role: 'moderator' as never }),
    ];
    for (const promise of cases) assert.equal((await rejection(promise)).code, 'invalid-params');
    assert.equal(sent.length, 0);
  });
});

describe('autowebinars (paths assumed, kept in PLAYBACK_PATHS)', () => {
  test('createPlayback, updatePlayback with the record, createPlaybackEvent → eventId', async () => {
    const spaceId = emu.defaultRoom.spaceId;
    const { id } = await client.createPlayback(spaceId, { name: 'Intro course' });
    assert.deepEqual(last(), { method: 'POST', path: PLAYBACK_PATHS.playbacks(spaceId), authorization: bearer(), body: { name: 'Intro course' } });
    assert.equal(PLAYBACK_PATHS.playbacks(spaceId), `/v1/spaces/${spaceId}/playbacks`);

    await client.updatePlayback(spaceId, id, { recordId: '66d546c02b949f07df0e96ae', isPublished: true });
    assert.deepEqual(last(), {
      method: 'PUT',
      path: `/v1/spaces/${spaceId}/playbacks/${id}`,
      authorization: bearer(),
      body: { recordId: '66d546c02b949f07df0e96ae', isPublished: true },
    });

    const { eventId } = await client.createPlaybackEvent(spaceId, id, { name: 'Intro course', startDate: '2025-02-06T11:50:00.000Z', endDate: null, recurrence: null, timezone: 'Europe/Moscow' });
    assert.deepEqual(last(), {
      method: 'POST',
      path: `/v1/spaces/${spaceId}/playbacks/${id}/events`,
      authorization: bearer(),
      body: { name: 'Intro course', playbackId: id, startDate: '2025-02-06T11:50:00.000Z', endDate: null, timezone: 'Europe/Moscow', recurrence: null },
    });
    assert.match(eventId, /^[0-9a-f]{24}$/);
  });

  test('a start date that is not ISO is refused locally', async () => {
    const error = await rejection(client.createPlaybackEvent('60d55c0eb9ef88ab17b0aabb', 'p1', { name: 'x', startDate: '06.02.2025' }));
    assert.match(error.message, /startDate must be an ISO date-time/);
    assert.equal(sent.length, 0);
  });
});

describe('typed errors from the stand-in and the signal', () => {
  test('400, 401, 403 and 404 come back as codes, never with the token', async () => {
    const bad = await rejection(client.createUser({ email: 'b@lms.example', password: '123', username: 'B' }));
    assert.deepEqual([bad.code, bad.status], ['invalid-params', 400]);

    const wrong = await rejection(clientWith('not-the-token').createSpace({ name: 'x' }));
    assert.deepEqual([wrong.code, wrong.status], ['unauthorized', 401]);

    const plain = await rejection(clientWith(emu.userToken).createRoom(emu.defaultRoom.spaceId, { name: 'x', type: 'lesson' }));
    assert.deepEqual([plain.code, plain.status], ['forbidden', 403]);
    assert.ok(!inspect(plain).includes(emu.userToken));

    const missing = await rejection(client.createRoom('60d55c0eb9ef88ab17b0aaff', { name: 'x', type: 'lesson' }));
    assert.deepEqual([missing.code, missing.status], ['not-found', 404]);
    const noRoom = await rejection(client.updateRoom(emu.defaultRoom.spaceId, '60d55c0eb9ef88ab17b0aaff', { name: 'x' }));
    assert.deepEqual([noRoom.code, noRoom.status], ['not-found', 404]);
  });

  test('an aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const calls: Array<Promise<unknown>> = [
      client.createSpace({ name: 'x' }, { signal: controller.signal }),
      client.createRoom(emu.defaultRoom.spaceId, { name: 'x', type: 'lesson' }, { signal: controller.signal }),
      client.setWebhook(emu.defaultRoom.spaceId, { url: 'https://lms.example/h' }, { signal: controller.signal }),
      client.createPlayback(emu.defaultRoom.spaceId, { name: 'x' }, { signal: controller.signal }),
    ];
    for (const promise of calls) await rejection(promise);
    assert.equal(sent.length, 0);
  });
});
