import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createLivedigitalClient } from '../../src/server/index.js';

// The admin CLI run as a process (as `npx livedigital` runs it) against the stand-in.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = 'src/cli/livedigital.ts';

let emu: Emulator;
before(async () => {
  emu = await startEmulator();
});
after(() => emu.close());

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const token = 'LIVEDIGITAL_TOKEN' in env ? env.LIVEDIGITAL_TOKEN : emu.token;
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
  if (token !== undefined) childEnv.LIVEDIGITAL_TOKEN = token;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: childEnv, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      // Whatever the outcome, the token never reaches the terminal.
      if (token) assert.ok(!stdout.includes(token) && !stderr.includes(token), 'the token was printed');
      resolve({ code, stdout, stderr });
    });
  });
}

const api = () => ['--api-url', emu.apiUrl];

describe('livedigital CLI against the stand-in', () => {
  test('is the package bin, built like the emulator CLI', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(pkg.bin.livedigital, './dist/cli/livedigital.js');
    const node = readFileSync(new URL('../../tsconfig.node.json', import.meta.url), 'utf8');
    assert.match(node, /"src\/cli"/);
    assert.match(readFileSync(new URL(`../../${ENTRY}`, import.meta.url), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  test('a space, a lesson room with settings, its webhook and a moderator link, then clean-up', async () => {
    const space = await cli(['spaces', 'create', '--name', 'Course 101', '--public', 'off', '--json', ...api()]);
    assert.equal(space.code, 0, space.stderr);
    const { id: spaceId } = JSON.parse(space.stdout) as { id: string };

    const created = await cli(['rooms', 'create', spaceId, '--name', 'Lesson 5', '--type', 'lesson', '--microphone', 'off', '--waiting-room', 'everyone', '--redirect-url', 'https://lms.example/after', '--json', ...api()]);
    assert.equal(created.code, 0, created.stderr);
    const room = JSON.parse(created.stdout) as { id: string; alias: string; link: string; spaceId: string };
    assert.equal(room.link, `${emu.roomBaseUrl}/room/${room.alias}`);
    assert.equal(room.spaceId, spaceId);

    const client = createLivedigitalClient({ token: emu.token, apiUrl: emu.apiUrl });
    let [listed] = await client.listRooms(spaceId);
    assert.deepEqual([listed!.fields.isMicrophonePublishingAllowed, listed!.fields.waitingRoomAudience, listed!.fields.redirectUrl], [false, 'everyone', 'https://lms.example/after']);

    const updated = await cli(['rooms', 'update', spaceId, room.id, '--camera', 'off', '--name', 'Lesson 5b', ...api()]);
    assert.equal(updated.code, 0, updated.stderr);
    assert.equal(updated.stdout, `Updated room ${room.id}\n`);
    [listed] = await client.listRooms(spaceId);
    assert.deepEqual([listed!.name, listed!.fields.isCameraPublishingAllowed, listed!.fields.isMicrophonePublishingAllowed], ['Lesson 5b', false, false]);

    const list = await cli(['rooms', 'list', spaceId, ...api()]);
    assert.equal(list.stdout, `${room.id}  ${room.alias}  lesson  Lesson 5b\n`);

    const hook = await cli(['webhook', 'set', spaceId, '--url', 'https://lms.example/hooks/ld', ...api()]);
    assert.equal(hook.code, 0, hook.stderr);
    const secret = /secret: ([A-Za-z0-9]{32})\n/.exec(hook.stdout)?.[1];
    assert.ok(secret, hook.stdout);
    const again = await cli(['webhook', 'set', spaceId, '--url', 'https://lms.example/hooks/v2', '--active', 'off', ...api()]);
    assert.equal(again.stdout, `Updated the webhook of space ${spaceId}: https://lms.example/hooks/v2 (inactive)\n`);
    const got = await cli(['webhook', 'get', spaceId, '--json', ...api()]);
    assert.deepEqual(JSON.parse(got.stdout), { url: 'https://lms.example/hooks/v2', isActive: false });
    const rotated = await cli(['webhook', 'rotate', spaceId, '--json', ...api()]);
    const fresh = (JSON.parse(rotated.stdout) as { secret: string }).secret;
    assert.match(fresh, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(fresh, secret);

    const link = await cli(['link', room.alias, '--name', 'Olga Ivanovna', '--role', 'moderator', ...api()]);
    assert.equal(link.code, 0, link.stderr);
    const url = new URL(link.stdout.trim());
    assert.equal(url.origin + url.pathname, `${emu.roomBaseUrl}/room/${room.alias}`);
    const page = await (await fetch(url)).text();
    assert.match(page, /<strong id="ld-name">Olga Ivanovna<\/strong> \(<span id="ld-role">moderator<\/span>\)/);

    assert.equal((await cli(['webhook', 'delete', spaceId, ...api()])).code, 0);
    assert.equal((await cli(['webhook', 'get', spaceId, ...api()])).code, 4);
    const deleted = await cli(['rooms', 'delete', spaceId, room.id, ...api()]);
    assert.equal(deleted.stdout, `Deleted room ${room.id}\n`);
    assert.equal((await cli(['rooms', 'list', spaceId, ...api()])).stdout, `No rooms in space ${spaceId}.\n`);
    const spaces = JSON.parse((await cli(['spaces', 'list', '--json', ...api()])).stdout) as Array<{ id: string; name: string }>;
    assert.ok(spaces.some((s) => s.id === spaceId && s.name === 'Course 101'));
  });

  test('no token: exit 3 and how to set one; a refused token: exit 3 without its value', async () => {
    const missing = await cli(['spaces', 'list', ...api()], { LIVEDIGITAL_TOKEN: undefined });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /set LIVEDIGITAL_TOKEN/);
    const wrong = await cli(['spaces', 'list', ...api()], { LIVEDIGITAL_TOKEN: 'wrong-SECRET-token' });
    assert.equal(wrong.code, 3);
    assert.match(wrong.stderr, /livedigital answered 401[\s\S]*refused LIVEDIGITAL_TOKEN/);
  });

  test('wrong usage and bad values: exit 2, saying what to fix, nothing sent', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['rooms', 'explode'], /unknown command "rooms explode"/],
      [['rooms', 'create', '--name', 'x'], /expected SPACE_ID/],
      [['rooms', 'create', emu.defaultRoom.spaceId, '--name', 'x', '--microphone', 'maybe'], /--microphone takes on or off/],
      [['rooms', 'create', emu.defaultRoom.spaceId, '--name', 'x', '--type', 'seminar'], /--type takes lesson or webinar/],
      [['rooms', 'create', emu.defaultRoom.spaceId, '--name', 'x', '--redirect-url', 'javascript:alert(1)'], /redirectUrl must be an absolute http\(s\) URL \(nothing was sent/],
      [['link', emu.defaultRoom.alias], /--name is required/],
      [['spaces', 'list', '--colour', 'red'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await cli([...args, ...api()]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });

  test('livedigital refusals exit 4 with a hint; an unreachable API exits 5; --help exits 0', async () => {
    const missing = await cli(['rooms', 'delete', '60d55c0eb9ef88ab17b0aaff', '60d55c0eb9ef88ab17b0aaff', ...api()]);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /answered 404[\s\S]*livedigital rooms list SPACE_ID/);
    const forbidden = await cli(['rooms', 'create', emu.defaultRoom.spaceId, '--name', 'x', ...api()], { LIVEDIGITAL_TOKEN: emu.userToken });
    assert.equal(forbidden.code, 4);
    assert.match(forbidden.stderr, /answered 403[\s\S]*may not do that/);
    const json = await cli(['webhook', 'get', '60d55c0eb9ef88ab17b0aaff', '--json', ...api()]);
    assert.deepEqual(JSON.parse(json.stdout), { error: { code: 'not-found', status: 404, message: 'livedigital answered 404: Space not found' } });

    const down = await cli(['spaces', 'list', '--api-url', 'http://127.0.0.1:9']);
    assert.equal(down.code, 5);
    assert.match(down.stderr, /could not reach livedigital[\s\S]*check --api-url/);

    const help = await cli(['--help'], { LIVEDIGITAL_TOKEN: undefined });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: livedigital <command>/);
  });
});
