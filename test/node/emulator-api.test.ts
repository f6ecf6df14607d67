import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';

// The emulated moodhood-api over real HTTP on loopback.

let emu: Emulator;
before(async () => {
  emu = await startEmulator();
});
after(() => emu.close());

async function api(method: string, path: string, body?: unknown, token: string | null = emu.token) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(emu.apiUrl + path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const accessPath = () => `/v1/spaces/${emu.defaultRoom.spaceId}/rooms/${emu.defaultRoom.roomId}/generate-access`;

describe('emulator API: auth', () => {
  test('no token, a wrong token or a non-Bearer scheme is 401 { message, code }', async () => {
    for (const token of [null, 'wrong-token']) {
      const res = await api('POST', accessPath(), { username: 'A' }, token);
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { message: 'Unauthorized', code: 401 });
    }
    const basic = await fetch(emu.apiUrl + accessPath(), { method: 'POST', headers: { authorization: `Basic ${emu.token}` } });
    assert.equal(basic.status, 401);
  });

  test('a plain user token is 403 "method forbidden for user" on generate-access but may look rooms up', async () => {
    const res = await api('POST', accessPath(), { username: 'A', role: 'user' }, emu.userToken);
    assert.equal(res.status, 403);
    assert.equal(res.json?.message, 'method forbidden for user');
    const lookup = await api('GET', `/v1/spaces/room-by-alias/${emu.defaultRoom.alias}`, undefined, emu.userToken);
    assert.equal(lookup.status, 200);
  });
});

describe('emulator API: generate-access', () => {
  test('returns a room link with participantName and a fresh accessToken', async () => {
    const a = await api('POST', accessPath(), { username: 'John Smith', role: 'moderator', ttl: 60, isPermanent: true });
    const b = await api('POST', accessPath(), { username: 'John Smith' });
    assert.equal(a.status, 200);
    const url = new URL(a.json!.url);
    assert.equal(url.origin, emu.roomBaseUrl);
    assert.equal(url.pathname, `/room/${emu.defaultRoom.alias}`);
    assert.equal(url.searchParams.get('participantName'), 'John Smith');
    assert.match(url.searchParams.get('accessToken') ?? '', /^[A-Za-z0-9_-]{20,}$/);
    assert.notEqual(new URL(b.json!.url).searchParams.get('accessToken'), url.searchParams.get('accessToken'));
  });

  const invalid: Array<[string, unknown]> = [
    ['missing username', { role: 'user' }],
    ['blank username', { username: '   ', role: 'user' }],
    ['bad role', { username: 'A', role: 'admin' }],
    ['ttl 0', { username: 'A', ttl: 0 }],
    ['ttl 432001', { username: 'A', ttl: 432001 }],
    ['ttl not an integer', { username: 'A', ttl: 1.5 }],
    ['ttl as a string', { username: 'A', ttl: '60' }],
    ['isPermanent not a boolean', { username: 'A', isPermanent: 'yes' }],
  ];
  for (const [name, body] of invalid) {
    test(`400 on ${name}`, async () => {
      const res = await api('POST', accessPath(), body);
      assert.equal(res.status, 400);
      assert.equal(res.json?.code, 400);
      assert.equal(typeof res.json?.message, 'string');
    });
  }

  test('400 on a body that is not JSON', async () => {
    const res = await fetch(emu.apiUrl + accessPath(), {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: '{"username":',
    });
    assert.equal(res.status, 400);
  });

  test('ttl at the documented bounds (1 and 432000) is accepted', async () => {
    for (const ttl of [1, 432000]) assert.equal((await api('POST', accessPath(), { username: 'A', ttl })).status, 200);
  });

  test('404 for an unknown space, an unknown room, or a room of another space', async () => {
    const { spaceId, roomId } = emu.defaultRoom;
    const other = await api('POST', '/v1/spaces', { name: 'Other', isPublic: true });
    for (const path of [
      `/v1/spaces/000000000000000000000000/rooms/${roomId}/generate-access`,
      `/v1/spaces/${spaceId}/rooms/000000000000000000000000/generate-access`,
      `/v1/spaces/${other.json!.id}/rooms/${roomId}/generate-access`,
    ]) {
      const res = await api('POST', path, { username: 'A', role: 'user' });
      assert.equal(res.status, 404, path);
      assert.equal(res.json?.code, 404);
    }
  });
});

describe('emulator API: rooms and spaces', () => {
  test('room-by-alias returns { id, appId, channelId, name, spaceId }; unknown alias is 404', async () => {
    const res = await api('GET', `/v1/spaces/room-by-alias/${emu.defaultRoom.alias}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json!).sort(), ['appId', 'channelId', 'id', 'name', 'spaceId']);
    assert.equal(res.json!.id, emu.defaultRoom.roomId);
    assert.equal(res.json!.spaceId, emu.defaultRoom.spaceId);
    assert.equal((await api('GET', '/v1/spaces/room-by-alias/NoSuchRoom')).status, 404);
  });

  test('the demo room is seeded with the documented-looking alias and type lesson', () => {
    assert.equal(emu.defaultRoom.alias, 'EGBYWoMZJe');
    assert.equal(emu.defaultRoom.type, 'lesson');
    assert.match(emu.defaultRoom.spaceId, /^[0-9a-f]{24}$/);
  });

  test('create space, create room, list both, and the new alias gets a working link', async () => {
    const space = await api('POST', '/v1/spaces', { name: 'School', isPublic: true, description: 'd' });
    assert.equal(space.status, 201);
    assert.match(space.json!.id, /^[0-9a-f]{24}$/);
    const room = await api('POST', `/v1/spaces/${space.json!.id}/rooms`, { name: 'Webinar 1', type: 'webinar', isPublic: true });
    assert.equal(room.status, 201);
    assert.deepEqual(Object.keys(room.json!).sort(), ['alias', 'channelId', 'id']);
    assert.match(room.json!.alias, /^[A-Za-z0-9]{10}$/);

    const spaces = await api('GET', '/v1/spaces');
    assert.ok(spaces.json!.items.some((s: { id: string }) => s.id === space.json!.id));
    const rooms = await api('GET', `/v1/spaces/${space.json!.id}/rooms`);
    assert.deepEqual(rooms.json!.items.map((r: { alias: string; type: string }) => [r.alias, r.type]), [[room.json!.alias, 'webinar']]);

    const byAlias = await api('GET', `/v1/spaces/room-by-alias/${room.json!.alias}`);
    assert.equal(byAlias.json!.id, room.json!.id);
    const link = await api('POST', `/v1/spaces/${space.json!.id}/rooms/${room.json!.id}/generate-access`, { username: 'Z', role: 'user' });
    const pageRes = await fetch(link.json!.url);
    assert.equal(pageRes.status, 200);
    assert.match(await pageRes.text(), /Webinar 1/);
  });

  test('room creation validates name and type; unknown space is 404', async () => {
    const { spaceId } = emu.defaultRoom;
    assert.equal((await api('POST', `/v1/spaces/${spaceId}/rooms`, { type: 'lesson' })).status, 400);
    assert.equal((await api('POST', `/v1/spaces/${spaceId}/rooms`, { name: 'x', type: 'party' })).status, 400);
    assert.equal((await api('POST', '/v1/spaces/000000000000000000000000/rooms', { name: 'x' })).status, 404);
    assert.equal((await api('POST', '/v1/spaces', {})).status, 400);
  });

  test('unknown routes are 404 and wrong methods 405', async () => {
    assert.equal((await api('GET', '/v1/nothing')).status, 404);
    assert.equal((await api('DELETE', '/v1/spaces')).status, 405);
  });
});

describe('emulator API: webhooks', () => {
  test('create returns { url, secret, isActive }; get/put hide the secret; refresh changes it; delete removes', async () => {
    const path = `/v1/spaces/${emu.defaultRoom.spaceId}/webhook`;
    assert.equal((await api('GET', path)).status, 404);
    const created = await api('POST', path, { url: 'https://host.example/hooks' });
    assert.equal(created.status, 201);
    assert.equal(created.json!.url, 'https://host.example/hooks');
    assert.equal(created.json!.isActive, true);
    assert.match(created.json!.secret, /^[A-Za-z0-9]{32}$/);

    assert.deepEqual((await api('GET', path)).json, { url: 'https://host.example/hooks', isActive: true });
    assert.deepEqual((await api('PUT', path, { isActive: false })).json, { url: 'https://host.example/hooks', isActive: false });

    const refreshed = await api('PUT', `${path}/refresh-secret`);
    assert.equal(refreshed.status, 200);
    assert.match(refreshed.json!.secret, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(refreshed.json!.secret, created.json!.secret);

    assert.equal((await api('DELETE', path)).status, 204);
    assert.equal((await api('GET', path)).status, 404);
  });

  test('webhook url must be an absolute http(s) URL; a plain user may not manage webhooks', async () => {
    const path = `/v1/spaces/${emu.defaultRoom.spaceId}/webhook`;
    assert.equal((await api('POST', path, { url: 'not a url' })).status, 400);
    assert.equal((await api('POST', path, { url: 'javascript:alert(1)' })).status, 400);
    assert.equal((await api('POST', path, { url: 'https://x.example' }, emu.userToken)).status, 403);
  });
});
