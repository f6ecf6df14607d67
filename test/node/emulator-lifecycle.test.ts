import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { DEFAULT_TOKEN, startEmulator } from '../../src/emulator/index.js';

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

  test('the CLI prints its URLs, token and demo room, and exits 0 on SIGTERM', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    while (!out.includes('Join form:')) {
      if (child.exitCode !== null) assert.fail(`CLI exited early: ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(out, /API: +http:\/\/127\.0\.0\.1:\d+\/v1/);
    assert.match(out, new RegExp(`Token: +${DEFAULT_TOKEN}`));
    assert.match(out, /alias EGBYWoMZJe, spaceId [0-9a-f]{24}, roomId [0-9a-f]{24}/);
    const api = /API: +(http:\/\/\S+)\/v1/.exec(out)![1]!;
    assert.equal((await fetch(`${api}/v1/spaces/room-by-alias/EGBYWoMZJe`, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } })).status, 200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  test('the CLI refuses a bad --port with exit code 2', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', 'abc'], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
  });
});
