// CPU per request of the access-link handler (stub livedigital client) against a bare node:http
// handler returning constant JSON, each server in a process of its own and measured there.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function cpuPerRequest(kind, requests, concurrency) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/handler-server.ts', kind], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = await once(child.stdout, 'data');
    const base = `http://127.0.0.1:${String(chunk).trim()}`;
    const post = () =>
      fetch(`${base}/api/access-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"alias":"hMInKY6FoM","participantName":"Ann"}' }).then((r) => r.text());
    const load = async (n) => {
      let left = n;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (left-- > 0) await post();
      }));
    };
    const sample = await post();
    if (!sample.includes('"url"')) throw new Error(`the ${kind} server did not answer a link: ${sample.slice(0, 200)}`);
    const cpu = async () => Number(await (await fetch(`${base}/__cpu`)).text());
    await load(Math.min(500, requests)); // warm-up: JIT and connection pool
    const before = await cpu();
    await load(requests);
    return (await cpu() - before) / requests;
  } finally {
    child.kill();
  }
}

/** `{ handler, bare }`: microseconds of server CPU per request. */
export async function measureHandlerCpu({ requests = 3000, concurrency = 8 } = {}) {
  const bare = await cpuPerRequest('bare', requests, concurrency);
  const handler = await cpuPerRequest('access', requests, concurrency);
  return { handler, bare };
}
