import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';

// The emulated room site: token checks, the page's contents and headers, and what gets logged.

let clock = Date.UTC(2026, 0, 1);
const logLines: string[] = [];
let emu: Emulator;
before(async () => {
  emu = await startEmulator({
    now: () => clock,
    log: (line) => logLines.push(line),
    presenceTimeoutMs: 0,
    rooms: [{ alias: 'q3_5V3uwik', name: 'Second room', type: 'webinar' }],
  });
});
after(() => emu.close());

async function link(body: Record<string, unknown> = {}): Promise<string> {
  const { spaceId, roomId } = emu.defaultRoom;
  const res = await fetch(`${emu.apiUrl}/v1/spaces/${spaceId}/rooms/${roomId}/generate-access`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'Ivan', role: 'user', ...body }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { url: string }).url;
}

async function open(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

describe('emulator room page: access tokens', () => {
  test('a one-time link works once, then shows Unauthorized (401)', async () => {
    const url = await link({ username: 'Olga' });
    const first = await open(url);
    assert.equal(first.status, 200);
    assert.match(first.html, /Joined as <strong id="ld-name">Olga<\/strong>/);
    const second = await open(url);
    assert.equal(second.status, 401);
    assert.match(second.html, /<h1>Unauthorized<\/h1>/);
    assert.match(first.html, /<body data-page="room"/);
    assert.match(second.html, /<body data-page="unauthorized"/);
    assert.doesNotMatch(second.html, /ld-session|data-session/);
  });

  test('a permanent link works twice', async () => {
    const url = await link({ isPermanent: true, role: 'moderator', username: 'Host' });
    for (let i = 0; i < 2; i++) {
      const res = await open(url);
      assert.equal(res.status, 200);
      assert.match(res.html, /<span id="ld-role">moderator<\/span>/);
    }
  });

  test('links expire after ttl, permanent ones included (injected clock)', async () => {
    const oneTime = await link({ ttl: 60 });
    const permanent = await link({ ttl: 60, isPermanent: true });
    assert.equal((await open(permanent)).status, 200);
    clock += 59_000;
    assert.equal((await open(permanent)).status, 200);
    clock += 1_000;
    assert.equal((await open(permanent)).status, 401);
    assert.equal((await open(oneTime)).status, 401);
  });

  test('an unknown, empty or other-room token is Unauthorized', async () => {
    const base = `${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}`;
    assert.equal((await open(`${base}?accessToken=made-up`)).status, 401);
    assert.equal((await open(`${base}?accessToken=`)).status, 401);
    const other = emu.rooms[1]!;
    assert.equal(other.alias, 'q3_5V3uwik');
    const token = new URL(await link()).searchParams.get('accessToken')!;
    assert.equal((await open(`${emu.roomBaseUrl}/room/${other.alias}?accessToken=${token}`)).status, 401);
  });

  test('any non-empty refreshToken joins as a signed-in user named by participantName', async () => {
    const res = await open(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}?participantName=Anna&refreshToken=abc`);
    assert.equal(res.status, 200);
    assert.match(res.html, /Joined as <strong id="ld-name">Anna<\/strong>/);
    assert.match(res.html, /signed in/);
  });

  test('no token shows the join form prefilled from participantName; posting it joins as a guest', async () => {
    const url = `${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}?participantName=Pavel`;
    const form = await open(url);
    assert.equal(form.status, 200);
    assert.match(form.html, /<input id="ld-join-name" name="participantName" value="Pavel"/);
    assert.match(form.html, /<body data-page="join"/);
    const joined = await open(url, { method: 'POST', body: new URLSearchParams({ participantName: 'Pavel' }) });
    assert.equal(joined.status, 200);
    assert.match(joined.html, /<span id="ld-role">guest<\/span>/);
    const empty = await open(url, { method: 'POST', body: new URLSearchParams({ participantName: ' ' }) });
    assert.equal(empty.status, 400);
  });

  test('an unknown alias is a 404 page', async () => {
    const res = await open(`${emu.roomBaseUrl}/room/NoSuchRoom`);
    assert.equal(res.status, 404);
    assert.match(res.html, /Room not found/);
  });
});

describe('emulator room page: contents and headers', () => {
  test('a hostile participantName is escaped everywhere it appears', async () => {
    const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;
    const joined = await open(await link({ username: hostile }));
    const form = await open(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}?participantName=${encodeURIComponent(hostile)}`);
    for (const { html } of [joined, form]) {
      assert.doesNotMatch(html, /<script>alert/);
      assert.doesNotMatch(html, /<img src=x/);
      assert.match(html, /&#34;&#62;&#60;script&#62;alert\(&#39;x&#39;\)/);
    }
    assert.equal(joined.html.match(/<script/g)?.length, 1, 'only the page’s own script');
  });

  test('the page ends the call with exactly postMessage(\'ld_finish_call\', \'*\') and listens for emulator:end-call', async () => {
    const { html } = await open(await link());
    assert.ok(html.includes(`window.parent.postMessage('ld_finish_call', '*')`));
    assert.ok(html.includes(`event.data === 'emulator:end-call'`));
    assert.ok(html.includes(`event.data !== 'emulator:state'`), 'answers the state question');
    assert.match(html, /<button id="ld-leave"[^>]*>Leave<\/button>/);
    assert.match(html, /<button id="ld-end"[^>]*>End call<\/button>/);
  });

  test('room pages may be framed, are not cached, and allow only their own nonce’d script', async () => {
    const { headers, html } = await open(await link());
    assert.equal(headers.get('x-frame-options'), null);
    const csp = headers.get('content-security-policy') ?? '';
    assert.doesNotMatch(csp, /frame-ancestors/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.match(csp, /default-src 'none'/);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(headers.get('referrer-policy'), 'no-referrer');
    assert.doesNotMatch(html, /(src|href)="https?:/, 'no external resources');
  });

  test('log lines never carry the personal token or access tokens', async () => {
    const url = await link({ isPermanent: true });
    await open(url);
    await fetch(`${emu.apiUrl}/v1/spaces`, { headers: { authorization: 'Bearer wrong-secret-token' } });
    const accessToken = new URL(url).searchParams.get('accessToken')!;
    assert.ok(logLines.some((line) => line.includes(`/room/${emu.defaultRoom.alias}`)), 'requests are logged');
    for (const secret of [emu.token, accessToken, 'wrong-secret-token', 'refreshToken=abc']) {
      assert.ok(!logLines.some((line) => line.includes(secret)), `a log line contains ${secret.slice(0, 8)}…`);
    }
  });
});
