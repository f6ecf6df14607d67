/**
 * Lesson start under load: N students ask a host backend for a room link at the same moment,
 * while the livedigital stand-in refuses beyond 50 concurrent and 100 per second (429 +
 * Retry-After). The backend is built as the demo's reference backend is (createLivedigitalClient +
 * createAccessLinkHandler + toNodeListener); each student follows the element's retry policy.
 * The same crowd runs again with retries off (one try each, server and students) as the baseline.
 *
 *   npm run bench:burst [-- --students 500 --concurrency 50 --per-second 100 --latency-ms 20]
 *
 * A benchmark, not a test: it prints figures and exits 0; `runBurst` is exported for `npm run bench`.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RETRY_POLICY, retryDelay } from '../src/core/retry.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { createAccessLinkHandler, createLivedigitalClient, toNodeListener } from '../src/server/index.ts';

/**
 * The student's retry policy is the element's own (`retryDelay` in src/core/retry.ts): exponential
 * backoff with full jitter on top of the wait the answer asked for (`Retry-After`). The student
 * loop below keeps the total budget, so the core function's own budget is lifted here. Another
 * policy can be passed to runBurst as `policy`. Returns the wait in ms before retry `attempt` (0-based).
 */
export function elementRetryDelay(attempt, retryAfterSeconds, random) {
  const now = Date.now();
  return retryDelay(attempt, retryAfterSeconds, random, now, now, { ...RETRY_POLICY, budgetMs: Infinity });
}

/** Total time a student keeps trying before the error screen. */
export const STUDENT_BUDGET_MS = 60_000;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function listen(listener) {
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One student: POST for a link; 429/503 wait as the policy says and try again; a network error retries once. */
async function student(endpoint, { retries, policy, budgetMs }) {
  const started = performance.now();
  let networkRetried = false;
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    let retryAfter = null;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alias: 'EGBYWoMZJe', participantName: `Student ${attempt}` }),
      });
      status = response.status;
      const header = response.headers.get('retry-after');
      retryAfter = header !== null && /^\d+$/.test(header) ? Number(header) : null;
      const body = await response.json().catch(() => ({}));
      if (status === 200 && typeof body.url === 'string') return { ok: true, ms: performance.now() - started, attempts: attempt + 1 };
    } catch {
      status = 0;
    }
    const retryable = status === 429 || status === 503 || (status === 0 && !networkRetried);
    if (!retries || !retryable) return { ok: false, ms: performance.now() - started, status, attempts: attempt + 1 };
    if (status === 0) networkRetried = true;
    const delay = policy(attempt, retryAfter, Math.random());
    if (performance.now() - started + delay > budgetMs) return { ok: false, ms: performance.now() - started, status, attempts: attempt + 1 };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function runOnce({ students, concurrency, perSecond, latencyMs, retries, policy, budgetMs, maxConcurrent }) {
  const emulator = await startEmulator({ ...(concurrency ? { rateLimit: { concurrency, perSecond } } : {}), latencyMs });
  const room = emulator.defaultRoom;
  // As demo/host-backend.ts builds it; retries off means one attempt per call.
  const client = createLivedigitalClient({
    token: emulator.token,
    apiUrl: emulator.apiUrl,
    ...(retries ? {} : { maxAttempts: 1 }),
    ...(maxConcurrent ? { maxConcurrent } : {}),
  });
  const backend = await listen(
    toNodeListener(
      createAccessLinkHandler({
        client,
        authorize: (_request, body) => ({ spaceId: room.spaceId, roomId: room.roomId, username: body.participantName ?? 'Guest', role: 'user' }),
      }),
    ),
  );
  try {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: students }, () => student(`${backend.url}/api/room-access`, { retries, policy, budgetMs })),
    );
    const wall = performance.now() - started;
    const joined = results.filter((r) => r.ok);
    const times = joined.map((r) => r.ms).sort((a, b) => a - b);
    const load = { ...emulator.load };
    return {
      students,
      joined: joined.length,
      failed: students - joined.length,
      lastLinkMs: times.length > 0 ? times[times.length - 1] : NaN,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      wallMs: wall,
      studentRequests: results.reduce((sum, r) => sum + r.attempts, 0),
      upstreamRequests: load.requests,
      upstreamPerLink: joined.length > 0 ? load.requests / joined.length : NaN,
      peakUpstreamConcurrent: load.peakConcurrent,
      peakUpstreamPerSecond: load.peakPerSecond,
      refused429: load.rateLimited,
    };
  } finally {
    await backend.close();
    await emulator.close();
  }
}

/**
 * Runs the crowd with retries (client and students) and again without; resolves with both and
 * the goal's verdict. Options: students (500), concurrency (50), perSecond (100), latencyMs (20),
 * maxConcurrent (the backend client's cap; default none, as in the demo), policy, budgetMs.
 */
export async function runBurst(options = {}) {
  const config = {
    students: options.students ?? 500,
    concurrency: options.concurrency ?? 50,
    perSecond: options.perSecond ?? 100,
    latencyMs: options.latencyMs ?? 20,
    maxConcurrent: options.maxConcurrent,
    policy: options.policy ?? elementRetryDelay,
    budgetMs: options.budgetMs ?? STUDENT_BUDGET_MS,
  };
  // What this machine manages with no limit at all: on a busy machine that, not the limit, is the floor.
  const unlimited = await runOnce({ ...config, concurrency: 0, perSecond: 0, retries: true });
  const baseline = await runOnce({ ...config, retries: false });
  const withRetries = await runOnce({ ...config, retries: true });
  const limitFloorMs = (config.students / config.perSecond) * 1000;
  const floorMs = Math.max(limitFloorMs, unlimited.lastLinkMs);
  const goal = {
    limitFloorMs,
    machineFloorMs: unlimited.lastLinkMs,
    floorMs,
    allJoined: withRetries.joined === config.students,
    lastLinkWithin2xFloor: withRetries.lastLinkMs <= 2 * floorMs,
    withinLimits: withRetries.peakUpstreamConcurrent <= config.concurrency && withRetries.peakUpstreamPerSecond <= config.perSecond,
  };
  return { config: { ...config, policy: config.policy.name || 'custom' }, unlimited, baseline, withRetries, goal };
}

function table(result) {
  const { config, baseline, withRetries, goal } = result;
  const s = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
  const rows = [
    ['', 'retries off (baseline)', 'retries on'],
    ['joined / failed', `${baseline.joined} / ${baseline.failed}`, `${withRetries.joined} / ${withRetries.failed}`],
    ['last link', s(baseline.lastLinkMs), s(withRetries.lastLinkMs)],
    ['p50 / p95 time to link', `${s(baseline.p50Ms)} / ${s(baseline.p95Ms)}`, `${s(withRetries.p50Ms)} / ${s(withRetries.p95Ms)}`],
    ['peak upstream concurrency', `${baseline.peakUpstreamConcurrent} (limit ${config.concurrency})`, `${withRetries.peakUpstreamConcurrent} (limit ${config.concurrency})`],
    ['peak upstream per second', `${baseline.peakUpstreamPerSecond} (limit ${config.perSecond})`, `${withRetries.peakUpstreamPerSecond} (limit ${config.perSecond})`],
    ['upstream requests per link', baseline.upstreamPerLink.toFixed(2), withRetries.upstreamPerLink.toFixed(2)],
    ['student requests per student', (baseline.studentRequests / config.students).toFixed(2), (withRetries.studentRequests / config.students).toFixed(2)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  lines.unshift(
    `burst: ${config.students} students at once; stand-in limited to ${config.concurrency} concurrent and ${config.perSecond}/s, ${config.latencyMs} ms per call;`,
    `students: ${config.policy} (exponential backoff, full jitter, honours Retry-After, ${config.budgetMs / 1000} s in all)`,
    '',
  );
  const ratio = withRetries.lastLinkMs / goal.floorMs;
  lines.push(
    '',
    `physical floor ${s(goal.floorMs)}: the larger of students ÷ per-second limit (${s(goal.limitFloorMs)}) and this machine with no limit (${s(goal.machineFloorMs)})`,
    `last link at ${ratio.toFixed(2)}× the floor; baseline ${(baseline.lastLinkMs / goal.floorMs).toFixed(2)}× with ${baseline.failed} failed`,
    `goal: all joined ${goal.allJoined ? 'yes' : 'NO'} · last link ≤ 2× floor ${goal.lastLinkWithin2xFloor ? 'yes' : 'NO'} · upstream within limits ${goal.withinLimits ? 'yes' : 'NO'}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      students: { type: 'string' },
      concurrency: { type: 'string' },
      'per-second': { type: 'string' },
      'latency-ms': { type: 'string' },
      'max-concurrent': { type: 'string' },
    },
  });
  const num = (v) => (v === undefined ? undefined : Number(v));
  const result = await runBurst({
    students: num(values.students),
    concurrency: num(values.concurrency),
    perSecond: num(values['per-second']),
    latencyMs: num(values['latency-ms']),
    maxConcurrent: num(values['max-concurrent']),
  });
  process.stdout.write(`${table(result)}\n`);
}
