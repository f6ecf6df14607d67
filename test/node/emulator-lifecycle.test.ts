import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { trustRoomLink } from '../../src/core/room-link.js';
import { DEFAULT_TOKEN, startEmulator } from '../../src/emulator/index.js';
import { createLivedigitalClient } from '../../src/server/index.js';

// Starting, stopping and the command-line runner.

const CLI = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

describe('emulator lifecycle', () => {
  test('defaults: loopback, a free port, the dev token, URLs on one origin', async () => {
    const emu = await startEmulator();
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emu.apiUrl, emu.url);
      assert.equal(emu.roomBaseUrl, emu.url);
      assert.equal(emu.token, DEFAULT_TOKEN);
      const root = await fetch(emu.url);
      assert.match(await root.text(), /Demo room: http:\/\/127\.0\.0\.1:\d+\/room\/EGBYWoMZJe/);
    } finally {
      await emu.close();
    }
  });

  test('close() resolves promptly with a keep-alive connection open and may be called twice', async () => {
    const emu = await startEmulator();
    const res = await fetch(`${emu.url}/v1/spaces`, { headers: { authorization: `Bearer ${emu.token}` } });
    assert.equal(res.status, 200);
    await res.text();
    const started = Date.now();
    await Promise.all([emu.close(), emu.close()]);
    assert.ok(Date.now() - started < 1000);
    await assert.rejects(fetch(`${emu.url}/v1/spaces`));
  });

  test('custom token, seeds and publicUrl; bad options are refused', async () => {
    const emu = await startEmulator({
      token: 'my-token',
      publicUrl: 'http://localhost:9999/ignored-path',
      rooms: [{ alias: 'hMInKY6FoM', name: 'Seeded', spaceId: '64217150224cd9e040e114d1', roomId: '649c18e086b915cae33041a2' }],
    });
    try {
      assert.deepEqual(emu.rooms[1], {
        alias: 'hMInKY6FoM',
        name: 'Seeded',
        spaceId: '64217150224cd9e040e114d1',
        roomId: '649c18e086b915cae33041a2',
        type: 'lesson',
      });
      assert.equal(emu.roomBaseUrl, 'http://localhost:9999');
      const res = await fetch(`${emu.url}/v1/spaces/64217150224cd9e040e114d1/rooms/649c18e086b915cae33041a2/generate-access`, {
        method: 'POST',
        headers: { authorization: 'Bearer my-token', 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'A', role: 'user' }),
      });
      const { url } = (await res.json()) as { url: string };
      assert.match(url, /^http:\/\/localhost:9999\/room\/hMInKY6FoM\?participantName=A&accessToken=/);
    } finally {
      await emu.close();
    }
    await assert.rejects(startEmulator({ rooms: [{ alias: 'EGBYWoMZJe' }] }), /already taken/);
    await assert.rejects(startEmulator({ token: 'same', userToken: 'same' }), /differ/);
  });

  test('the CLI prints the apiUrl and base-url to paste, and both work as pasted; exits 0 on SIGTERM', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet', '--per-second', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    after(() => child.kill('SIGKILL'));
    const started = Date.now();
    while (!out.includes('Join form:')) {
      if (child.exitCode !== null) assert.fail(`CLI exited early: ${out}`);
      if (Date.now() - started > 15_000) assert.fail(`CLI printed no join form: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const apiUrl = /apiUrl: '([^']+)'/.exec(out)?.[1];
    const token = /token: '([^']+)'/.exec(out)?.[1];
    const baseUrl = /base-url="([^"]+)"/.exec(out)?.[1];
    assert.ok(apiUrl && token && baseUrl, out);
    assert.equal(token, DEFAULT_TOKEN);
    assert.match(out, /alias EGBYWoMZJe, spaceId [0-9a-f]{24}, roomId [0-9a-f]{24}/);
    const client = createLivedigitalClient({ token, apiUrl, maxAttempts: 1 });
    const room = await client.roomByAlias('EGBYWoMZJe');
    const { url } = await client.generateAccess(room.spaceId, room.id, { username: 'A', role: 'user' });
    assert.equal(trustRoomLink(url, baseUrl).pathname, '/room/EGBYWoMZJe');
    // --per-second 2: a third limited request within the second is refused.
    const refused = await client.generateAccess(room.spaceId, room.id, { username: 'B', role: 'user' }).catch((error: unknown) => error);
    assert.equal((refused as { code?: string }).code, 'rate-limited');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  test('the CLI usage names livedigital-emulator and its rate-limit flags', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(out, /usage: livedigital-emulator /);
    assert.match(out, /--max-concurrent N/);
    assert.match(out, /--per-second N/);
    assert.doesNotMatch(out, /tsx|src\//);
  });

  test('the CLI refuses a bad --port with exit code 2', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', 'abc'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
  });
});
