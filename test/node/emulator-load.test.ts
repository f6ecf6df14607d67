import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function generateAccess(emu: Emulator, username = 'A') {
  const { spaceId, roomId } = emu.defaultRoom;
  return fetch(`${emu.apiUrl}/v1/spaces/${spaceId}/rooms/${roomId}/generate-access`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username, role: 'user' }),
  });
}

function roomByAlias(emu: Emulator) {
  return fetch(`${emu.apiUrl}/v1/spaces/room-by-alias/${emu.defaultRoom.alias}`, { headers: { authorization: `Bearer ${emu.token}` } });
}

describe('stand-in rate-limit mode', { timeout: 20_000 }, () => {
  it('answers 429 with Retry-After beyond the concurrency limit', async () => {
    const emu = await startEmulator({ rateLimit: { concurrency: 1 }, latencyMs: 300 });
    try {
      const [a, b] = await Promise.all([generateAccess(emu), generateAccess(emu)]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 429]);
      const refused = a.status === 429 ? a : b;
      assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(emu.load.peakConcurrent, 1);
      // Once the first is done, a new one is served again.
      assert.equal((await generateAccess(emu)).status, 200);
    } finally {
      await emu.close();
    }
  });

  it('answers 429 beyond the per-second limit, counting generate-access and room-by-alias together', async () => {
    const emu = await startEmulator({ rateLimit: { perSecond: 2 } });
    try {
      assert.equal((await roomByAlias(emu)).status, 200);
      assert.equal((await generateAccess(emu)).status, 200);
      const third = await generateAccess(emu);
      assert.equal(third.status, 429);
      assert.equal(third.headers.get('retry-after'), '1');
      assert.deepEqual(await third.json(), { message: 'Too many requests', code: 429 });
      assert.equal(emu.load.served, 2);
      assert.equal(emu.load.rateLimited, 1);
      // Other routes are not limited.
      const other = await fetch(`${emu.apiUrl}/v1/spaces/${emu.defaultRoom.spaceId}/rooms`, { headers: { authorization: `Bearer ${emu.token}` } });
      assert.notEqual(other.status, 429);
    } finally {
      await emu.close();
    }
  });

  it('injects 503 faults when asked', async () => {
    const emu = await startEmulator({ faults: { unavailable: 1 } });
    try {
      const response = await generateAccess(emu);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '1');
    } finally {
      await emu.close();
    }
  });

  it('refuses bad limits', async () => {
    await assert.rejects(startEmulator({ rateLimit: { perSecond: 0 } }), TypeError);
    await assert.rejects(startEmulator({ faults: { unavailable: 2 } }), TypeError);
  });
});

/** Every relative import of a file, resolved to a path (`.js` specifiers point at `.ts` sources). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  // `… from '…'`, a bare `import '…'` and `import('…')`.
  const pattern = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const spec = (match[1] ?? match[2] ?? match[3])!;
    out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the stand-in plays the vendor on its own', { timeout: 20_000 }, () => {
  it('imports nothing from src/server, directly or through another module', () => {
    const seen = new Set<string>();
    const queue = filesUnder(join(SRC, 'emulator'));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      assert.ok(!file.startsWith(join(SRC, 'server') + sep), `${file.slice(SRC.length)} is reached from src/emulator`);
      queue.push(...importsOf(file));
    }
    assert.ok(seen.size > 10, 'the walk found the stand-in');
  });
});
