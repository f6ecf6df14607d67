import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { backoffDelayMs, parseRetryAfter } from '../../src/server/backoff.js';
import { createLivedigitalClient, LivedigitalApiError } from '../../src/server/index.js';
import { createTransport } from '../../src/server/transport.js';

const TOKEN = 'pt_SECRET-retry-token.1234567890';
const LINK = 'http://127.0.0.1:9/room/EGBYWoMZJe?accessToken=one';
const PARAMS = { username: 'Ann', role: 'user' } as const;

interface Hit {
  at: number;
  url: string;
  body: string;
  req: IncomingMessage;
  res: ServerResponse;
}

/** A fake livedigital on loopback: records each request and lets the test answer it. */
async function fakeUpstream() {
  const hits: Hit[] = [];
  let inFlight = 0;
  let peak = 0;
  let respond: (hit: Hit, index: number) => void = (hit) => hit.res.writeHead(500).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      res.once('close', () => inFlight--);
      const hit = { at: Date.now(), url: req.url!, body: Buffer.concat(chunks).toString(), req, res };
      hits.push(hit);
      respond(hit, hits.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    get peak() {
      return peak;
    },
    reset() {
      hits.length = 0;
      peak = 0;
    },
    set respond(fn: (hit: Hit, index: number) => void) {
      respond = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const link = (hit: Hit) => json(hit.res, 200, { url: LINK });

async function rejection(promise: Promise<unknown>): Promise<LivedigitalApiError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof LivedigitalApiError, String(error));
  return error;
}

/** Resolves once `test` holds, checking every 10 ms, failing after `ms`. */
async function until(test: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('backoff rules', { timeout: 20_000 }, () => {
  it('parseRetryAfter reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
    const cases: Array<[string | null, number | null]> = [
      ['1', 1000],
      ['0', 0],
      ['120', 120_000],
      [' 3 ', 3000],
      ['Mon, 23 Nov 2026 10:00:05 GMT', 5000],
      ['Mon, 23 Nov 2026 09:59:00 GMT', 0],
      ['-1', null],
      ['1.5', null],
      ['soon', null],
      ['', null],
      [null, null],
    ];
    for (const [header, ms] of cases) assert.equal(parseRetryAfter(header, now), ms, String(header));
  });

  it('backoffDelayMs adds full jitter over a doubling window to Retry-After', () => {
    const opts = { baseMs: 100, capMs: 1000 };
    assert.equal(backoffDelayMs(0, null, 0, opts), 0);
    assert.equal(backoffDelayMs(0, null, 0.999, opts), 99);
    assert.equal(backoffDelayMs(3, null, 0.5, opts), 400);
    assert.equal(backoffDelayMs(10, null, 0.5, opts), 500, 'capped');
    assert.equal(backoffDelayMs(0, 1000, 0, opts), 1000, 'never earlier than Retry-After');
    assert.equal(backoffDelayMs(1, 1000, 0.5, opts), 1100);
  });
});

describe('client retries against a rate-limited livedigital (loopback)', { timeout: 20_000 }, () => {
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
  const fast = { baseMs: 20, capMs: 100 };

  before(async () => {
    upstream = await fakeUpstream();
  });
  after(() => upstream.close());
  beforeEach(() => upstream.reset());

  it('waits Retry-After on 429 and tries again until the link comes', async () => {
    upstream.respond = (hit, i) => (i < 2 ? json(hit.res, 429, { message: 'slow down' }, { 'retry-after': '1' }) : link(hit));
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, backoff: fast });
    const { url } = await client.generateAccess('s1', 'r1', PARAMS);
    assert.equal(url, LINK);
    assert.equal(upstream.hits.length, 3);
    // Never earlier than asked (a lower bound: cannot be flaky).
    assert.ok(upstream.hits[1]!.at - upstream.hits[0]!.at >= 950);
    assert.ok(upstream.hits[2]!.at - upstream.hits[1]!.at >= 950);
  });

  it('gives up with rate-limited and the vendor wait when Retry-After is past the deadline', async () => {
    upstream.respond = (hit) => json(hit.res, 429, { message: 'slow down' }, { 'retry-after': '7' });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, deadlineMs: 2000, backoff: fast });
    const error = await rejection(client.generateAccess('s1', 'r1', PARAMS));
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfter, 7);
    assert.equal(upstream.hits.length, 1, 'no retry that could not finish in time');
  });

  it('retries 503 even for a request that must not be sent twice', async () => {
    upstream.respond = (hit, i) => (i === 0 ? json(hit.res, 503, {}) : json(hit.res, 200, { id: 'x' }));
    const { call } = createTransport({ token: TOKEN, apiUrl: upstream.url, backoff: fast });
    assert.deepEqual(await call({ method: 'POST', path: '/v1/spaces', body: {}, idempotent: false }), { id: 'x' });
    assert.equal(upstream.hits.length, 2);
  });

  it('retries 502 for an idempotent request but not for one that must not be sent twice', async () => {
    upstream.respond = (hit, i) => (i === 0 ? json(hit.res, 502, {}) : json(hit.res, 200, { id: 'x' }));
    const { call } = createTransport({ token: TOKEN, apiUrl: upstream.url, backoff: fast });
    assert.deepEqual(await call({ method: 'GET', path: '/v1/spaces' }), { id: 'x' });
    assert.equal(upstream.hits.length, 2);
    upstream.reset();
    const error = await rejection(call({ method: 'POST', path: '/v1/spaces', body: {}, idempotent: false }));
    assert.equal(error.status, 502);
    assert.equal(upstream.hits.length, 1);
  });

  it('does not retry a 4xx other than 429', async () => {
    upstream.respond = (hit) => json(hit.res, 403, { message: 'method forbidden for user' });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, backoff: fast });
    assert.equal((await rejection(client.generateAccess('s1', 'r1', PARAMS))).code, 'forbidden');
    assert.equal(upstream.hits.length, 1);
  });

  it('maxAttempts: 1 turns retries off', async () => {
    upstream.respond = (hit) => json(hit.res, 429, {}, { 'retry-after': '0' });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxAttempts: 1 });
    assert.equal((await rejection(client.generateAccess('s1', 'r1', PARAMS))).code, 'rate-limited');
    assert.equal(upstream.hits.length, 1);
  });

  it('an abort during the backoff wait ends the call as aborted, with nothing more sent', async () => {
    upstream.respond = (hit) => json(hit.res, 429, {}, { 'retry-after': '5' });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url });
    const controller = new AbortController();
    const pending = rejection(client.generateAccess('s1', 'r1', PARAMS, { signal: controller.signal }));
    await until(() => upstream.hits.length === 1);
    controller.abort();
    assert.equal((await pending).code, 'aborted');
    assert.equal(upstream.hits.length, 1);
  });

  it('maxConcurrent caps requests in flight and serves the queue first come, first served', async () => {
    const held: Hit[] = [];
    upstream.respond = (hit) => void held.push(hit);
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxConcurrent: 2 });
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const calls = Promise.all(names.map((username) => client.generateAccess('s1', 'r1', { username, role: 'user' })));
    // One answer at a time, each once the call its freed slot let through has arrived: so the order
    // of arrival is the order the queue handed out slots (two slots freed at once would race).
    for (let answered = 0; answered < names.length; answered++) {
      await until(() => held.length >= Math.min(names.length, answered + 2));
      const hit = held[answered]!;
      json(hit.res, 200, { url: `${LINK}-${JSON.parse(hit.body).username}` });
    }
    const links = await calls;
    assert.deepEqual(links.map((l) => l.url.split('-').at(-1)), names);
    assert.equal(upstream.peak, 2);
    assert.deepEqual(upstream.hits.map((h) => JSON.parse(h.body).username), names);
  });

  it('time spent queued does not count against one attempt’s timeout', async () => {
    upstream.respond = (hit) => setTimeout(() => link(hit), 150);
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxConcurrent: 1, timeoutMs: 250, maxAttempts: 1 });
    // The third waits ~300 ms in line, longer than timeoutMs, and still gets its link.
    const links = await Promise.all([1, 2, 3].map(() => client.generateAccess('s1', 'r1', PARAMS)));
    assert.equal(links.length, 3);
    assert.equal(upstream.hits.length, 3);
  });

  it('time spent queued counts against the deadline, and a call that times out in line sends nothing', async () => {
    const held: Hit[] = [];
    upstream.respond = (hit) => void held.push(hit);
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxConcurrent: 1, deadlineMs: 300, timeoutMs: 5000 });
    const first = client.generateAccess('s1', 'r1', PARAMS).catch((e: unknown) => e);
    const second = await rejection(client.generateAccess('s1', 'r1', PARAMS));
    assert.equal(second.code, 'timeout');
    assert.equal(upstream.hits.length, 1);
    held.forEach(link);
    await first;
  });

  it('a call aborted while queued leaves the line without being sent', async () => {
    // Its own room id: a request still under way from an earlier test cannot be taken for one of these.
    const mine = (hit: Hit) => hit.url.includes('/rooms/r-queued/');
    const held: Hit[] = [];
    upstream.respond = (hit) => void held.push(hit);
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxConcurrent: 1 });
    const first = client.generateAccess('s1', 'r-queued', PARAMS);
    await until(() => held.some(mine));
    const controller = new AbortController();
    const second = rejection(client.generateAccess('s1', 'r-queued', PARAMS, { signal: controller.signal }));
    controller.abort();
    assert.equal((await second).code, 'aborted');
    held.forEach(link);
    await first;
    assert.equal(upstream.hits.filter(mine).length, 1);
  });
});

describe('roomByAlias cache and shared lookups (loopback)', { timeout: 20_000 }, () => {
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
  const room = { id: '62b0e25e3dc082dc7502d273', spaceId: '60d55c0eb9ef88ab17b0aabb', name: 'Demo' };

  before(async () => {
    upstream = await fakeUpstream();
  });
  after(() => upstream.close());
  beforeEach(() => {
    upstream.reset();
    upstream.respond = (hit) => setTimeout(() => json(hit.res, 200, room), 100);
  });

  it('answers a repeated alias from the cache', async () => {
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url });
    assert.equal((await client.roomByAlias('EGBYWoMZJe')).id, room.id);
    assert.equal((await client.roomByAlias('EGBYWoMZJe')).id, room.id);
    assert.equal(upstream.hits.length, 1);
  });

  it('asks again with aliasCacheMs: 0', async () => {
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, aliasCacheMs: 0 });
    await client.roomByAlias('EGBYWoMZJe');
    await client.roomByAlias('EGBYWoMZJe');
    assert.equal(upstream.hits.length, 2);
  });

  it('shares one request among concurrent lookups of one alias, even with the cache off', async () => {
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, aliasCacheMs: 0 });
    const rooms = await Promise.all(Array.from({ length: 20 }, () => client.roomByAlias('EGBYWoMZJe')));
    assert.equal(rooms.length, 20);
    assert.equal(upstream.hits.length, 1);
  });

  it('one caller aborting does not abort the shared request for the others', async () => {
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url });
    const controller = new AbortController();
    const leaving = rejection(client.roomByAlias('EGBYWoMZJe', { signal: controller.signal }));
    const staying = client.roomByAlias('EGBYWoMZJe');
    await until(() => upstream.hits.length === 1);
    controller.abort();
    assert.equal((await leaving).code, 'aborted');
    assert.equal((await staying).id, room.id);
    assert.equal(upstream.hits.length, 1);
  });

  it('does not keep a failure', async () => {
    upstream.respond = (hit, i) => (i === 0 ? json(hit.res, 404, { message: 'no room' }) : json(hit.res, 200, room));
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url });
    assert.equal((await rejection(client.roomByAlias('EGBYWoMZJe'))).code, 'not-found');
    assert.equal((await client.roomByAlias('EGBYWoMZJe')).id, room.id);
  });
});

describe('apiUrl and redirects (loopback)', { timeout: 20_000 }, () => {
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
  let elsewhere: Awaited<ReturnType<typeof fakeUpstream>>;

  before(async () => {
    upstream = await fakeUpstream();
    elsewhere = await fakeUpstream();
  });
  after(async () => {
    await upstream.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    upstream.reset();
    elsewhere.reset();
  });

  for (const suffix of ['', '/', '/v1', '/v1/']) {
    it(`accepts apiUrl "${suffix ? `…${suffix}` : 'origin'}" and sends to /v1/… once`, async () => {
      upstream.respond = link;
      const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url + suffix });
      await client.generateAccess('s1', 'r1', PARAMS);
      assert.equal(upstream.hits[0]!.url, '/v1/spaces/s1/rooms/r1/generate-access');
      assert.equal(client.apiUrl, upstream.url);
    });
  }

  it('never follows a redirect, even to a server that would hand out a link', async () => {
    elsewhere.respond = link;
    upstream.respond = (hit) => hit.res.writeHead(307, { location: `${elsewhere.url}/v1/spaces/s1/rooms/r1/generate-access` }).end();
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, maxAttempts: 1 });
    const error = await rejection(client.generateAccess('s1', 'r1', PARAMS));
    assert.equal(error.code, 'upstream');
    assert.equal(elsewhere.hits.length, 0, 'the token went to another server');
  });
});
