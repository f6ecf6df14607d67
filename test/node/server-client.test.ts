import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  createLivedigitalClient,
  LIVEDIGITAL_API_URL,
  LivedigitalApiError,
  TELEBOSS_API_URL,
} from '../../src/server/index.js';

const TOKEN = 'pt_SECRET-personal-token.1234567890';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Responder = (req: Seen, res: ServerResponse) => void;

/** A stand-in for the livedigital API on loopback that records what it was sent. */
async function fakeUpstream() {
  const seen: Seen[] = [];
  let respond: Responder = (_req, res) => res.writeHead(500).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(entry);
      respond(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    set respond(fn: Responder) {
      respond = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function rejection(promise: Promise<unknown>): Promise<LivedigitalApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LivedigitalApiError, `expected LivedigitalApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

/** Every way an error can end up in a log. */
function renderings(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return [String(error), error.message, error.stack ?? '', inspect(error, { depth: 5 }), JSON.stringify(error), inspect(cause)].join('\n');
}

describe('createLivedigitalClient', () => {
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
  let client: ReturnType<typeof createLivedigitalClient>;

  before(async () => {
    upstream = await fakeUpstream();
  });
  after(() => upstream.close());
  beforeEach(() => {
    upstream.seen.length = 0;
    upstream.respond = (_req, res) => json(res, 500, { message: 'unset' });
    // One attempt: these tests are about what a single answer means; retries have their own suite.
    client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, timeoutMs: 2000, maxAttempts: 1 });
  });

  it('exports the vendor API bases', () => {
    assert.equal(LIVEDIGITAL_API_URL, 'https://moodhood-api.livedigital.space');
    assert.equal(TELEBOSS_API_URL, 'https://moodhood-api.teleboss.ru');
    assert.equal(createLivedigitalClient({ token: TOKEN }).apiUrl, LIVEDIGITAL_API_URL);
  });

  it('generateAccess posts the documented request and returns the link', async () => {
    const link = 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=JohnSmith&accessToken=abc';
    upstream.respond = (_req, res) => json(res, 201, { url: link });
    const result = await client.generateAccess('60d55c0eb9ef88ab17b0aabb', '62bcc7341f211e444300da37', {
      username: 'JohnSmith',
      role: 'user',
      externalUserId: 'u-42',
      ttl: 3600,
      isPermanent: false,
      email: 'user@some.mail',
      notAField: 'dropped',
    } as never);
    assert.deepEqual(result, { url: link });
    assert.equal(upstream.seen.length, 1);
    const [req] = upstream.seen;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v1/spaces/60d55c0eb9ef88ab17b0aabb/rooms/62bcc7341f211e444300da37/generate-access');
    assert.equal(req!.headers.authorization, `Bearer ${TOKEN}`);
    assert.match(String(req!.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(req!.body), {
      username: 'JohnSmith',
      role: 'user',
      externalUserId: 'u-42',
      ttl: 3600,
      isPermanent: false,
      email: 'user@some.mail',
    });
  });

  it('roomByAlias resolves ids with a GET', async () => {
    upstream.respond = (_req, res) =>
      json(res, 200, { id: 'r1', spaceId: 's1', name: 'Lesson', appId: 'a1', channelId: 'c1', extra: true });
    const room = await client.roomByAlias('q3_5V3uwik');
    assert.deepEqual(room, { id: 'r1', spaceId: 's1', name: 'Lesson', appId: 'a1', channelId: 'c1' });
    assert.equal(upstream.seen[0]!.method, 'GET');
    assert.equal(upstream.seen[0]!.url, '/v1/spaces/room-by-alias/q3_5V3uwik');
    assert.equal(upstream.seen[0]!.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('keeps an apiUrl path prefix and drops a trailing slash', async () => {
    upstream.respond = (_req, res) => json(res, 200, { id: 'r1', spaceId: 's1', name: '' });
    const prefixed = createLivedigitalClient({ token: TOKEN, apiUrl: `${upstream.url}/proxy/` });
    await prefixed.roomByAlias('EGBYWoMZJe');
    assert.equal(upstream.seen[0]!.url, '/proxy/v1/spaces/room-by-alias/EGBYWoMZJe');
  });

  const badCalls: Array<[string, (c: typeof client) => Promise<unknown>]> = [
    ['empty spaceId', (c) => c.generateAccess('', 'r1', { username: 'A', role: 'user' })],
    ['spaceId with a slash', (c) => c.generateAccess('s1/../x', 'r1', { username: 'A', role: 'user' })],
    ['roomId with a query', (c) => c.generateAccess('s1', 'r1?x=1', { username: 'A', role: 'user' })],
    ['roomId too long', (c) => c.generateAccess('s1', 'r'.repeat(65), { username: 'A', role: 'user' })],
    ['empty username', (c) => c.generateAccess('s1', 'r1', { username: '  ', role: 'user' })],
    ['role admin', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'admin' as never })],
    ['ttl 0', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'user', ttl: 0 })],
    ['ttl 1.5', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'user', ttl: 1.5 })],
    ['ttl over 432000', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'user', ttl: 432001 })],
    ['isPermanent as string', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'user', isPermanent: 'yes' as never })],
    ['empty email', (c) => c.generateAccess('s1', 'r1', { username: 'A', role: 'user', email: '' })],
    ['alias with a slash', (c) => c.roomByAlias('a/b')],
    ['empty alias', (c) => c.roomByAlias('')],
  ];
  for (const [name, call] of badCalls) {
    it(`refuses ${name} before sending anything`, async () => {
      const error = await rejection(call(client));
      assert.equal(error.code, 'invalid-params');
      assert.equal(error.status, 0);
      assert.equal(upstream.seen.length, 0);
    });
  }

  it('accepts the boundary ttl values', async () => {
    upstream.respond = (_req, res) => json(res, 200, { url: 'https://edu.livedigital.space/room/x?accessToken=t' });
    await client.generateAccess('s1', 'r1', { username: 'A', role: 'moderator', ttl: 1 });
    await client.generateAccess('s1', 'r1', { username: 'A', role: 'moderator', ttl: 432000 });
    assert.equal(upstream.seen.length, 2);
  });

  const statusCases: Array<[number, string]> = [
    [401, 'unauthorized'], [403, 'forbidden'], [400, 'invalid-params'], [422, 'invalid-params'],
    [404, 'not-found'], [500, 'upstream'], [503, 'upstream'], [429, 'rate-limited'],
  ];
  for (const [status, code] of statusCases) {
    it(`maps HTTP ${status} to ${code} and keeps the vendor message`, async () => {
      upstream.respond = (_req, res) => json(res, status, { message: 'method forbidden for user', code: 42 });
      const error = await rejection(client.generateAccess('s1', 'r1', { username: 'A', role: 'user' }));
      assert.equal(error.code, code);
      assert.equal(error.status, status);
      assert.match(error.message, /method forbidden for user/);
    });
  }

  const badSuccesses: Array<[string, Responder]> = [
    ['a non-JSON body', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>')],
    ['an empty body', (_req, res) => res.writeHead(200).end()],
    ['a body without url', (_req, res) => json(res, 200, { link: 'https://edu.livedigital.space/room/x' })],
    ['a non-string url', (_req, res) => json(res, 200, { url: 42 })],
    ['a plain-http url', (_req, res) => json(res, 200, { url: 'http://evil.example/room/x?accessToken=t' })],
    ['a javascript: url', (_req, res) => json(res, 200, { url: 'javascript:alert(1)' })],
    ['a redirect', (_req, res) => res.writeHead(302, { location: 'https://evil.example/' }).end()],
  ];
  for (const [name, responder] of badSuccesses) {
    it(`treats ${name} as an upstream failure`, async () => {
      upstream.respond = responder;
      const error = await rejection(client.generateAccess('s1', 'r1', { username: 'A', role: 'user' }));
      assert.equal(error.code, 'upstream');
    });
  }

  it('treats room-by-alias without usable ids as an upstream failure', async () => {
    upstream.respond = (_req, res) => json(res, 200, { id: '../x', spaceId: 's1' });
    const error = await rejection(client.roomByAlias('EGBYWoMZJe'));
    assert.equal(error.code, 'upstream');
  });

  it('never lets the token into an error, even when the upstream echoes it', async () => {
    upstream.respond = (req, res) =>
      json(res, 401, { message: `bad token ${req.headers.authorization} (${encodeURIComponent(TOKEN)})`, code: 401 });
    const error = await rejection(client.generateAccess('s1', 'r1', { username: 'A', role: 'user' }));
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, /\[redacted\]/);
    assert.ok(!renderings(error).includes(TOKEN));
    assert.ok(!renderings(error).includes(encodeURIComponent(TOKEN)));
  });

  it('keeps the token out of the client object itself', () => {
    assert.ok(!inspect(client, { depth: 10, showHidden: true }).includes(TOKEN));
    assert.ok(!JSON.stringify(client).includes(TOKEN));
  });

  it('reports an unreachable API as upstream with status 0 and a token-free cause', async () => {
    const gone = await fakeUpstream();
    await gone.close();
    const offline = createLivedigitalClient({ token: TOKEN, apiUrl: gone.url, timeoutMs: 2000, maxAttempts: 1 });
    const error = await rejection(offline.roomByAlias('EGBYWoMZJe'));
    assert.equal(error.code, 'upstream');
    assert.equal(error.status, 0);
    assert.ok(error.cause instanceof Error);
    assert.ok(!renderings(error).includes(TOKEN));
  });

  it('times out an upstream that never answers', async () => {
    upstream.respond = () => {}; // hold the connection open
    const slow = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, timeoutMs: 200, maxAttempts: 1 });
    const started = Date.now();
    const error = await rejection(slow.generateAccess('s1', 'r1', { username: 'A', role: 'user' }));
    assert.equal(error.code, 'timeout');
    assert.equal(error.status, 0);
    assert.ok(Date.now() - started < 1500, 'gave up promptly');
    assert.ok(!renderings(error).includes(TOKEN));
  });

  it('times out an upstream that sends headers but stalls the body', async () => {
    upstream.respond = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"url":');
    };
    const slow = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, timeoutMs: 200, maxAttempts: 1 });
    const error = await rejection(slow.generateAccess('s1', 'r1', { username: 'A', role: 'user' }));
    assert.equal(error.code, 'timeout');
  });

  it('honours a per-call abort signal', async () => {
    upstream.respond = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(client.roomByAlias('EGBYWoMZJe', { signal: controller.signal }));
    assert.equal(error.code, 'aborted');
    assert.match(error.message, /aborted/);
  });

  it('does not send anything with an already aborted signal', async () => {
    const error = await rejection(client.roomByAlias('EGBYWoMZJe', { signal: AbortSignal.abort() }));
    assert.equal(error.code, 'aborted');
    assert.equal(upstream.seen.length, 0);
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const injected: typeof fetch = async (input) => {
      calls.push(String(input));
      return Response.json({ id: 'r9', spaceId: 's9', name: 'n' });
    };
    const custom = createLivedigitalClient({ token: TOKEN, fetch: injected });
    assert.equal((await custom.roomByAlias('EGBYWoMZJe')).id, 'r9');
    assert.deepEqual(calls, ['https://moodhood-api.livedigital.space/v1/spaces/room-by-alias/EGBYWoMZJe']);
  });

  it('refuses bad options without echoing the token', () => {
    for (const token of [`${TOKEN}\r\nx-injected: 1`, `Bearer ${TOKEN}`, ` ${TOKEN}`]) {
      assert.throws(
        () => createLivedigitalClient({ token }),
        (error: Error) => error instanceof TypeError && !error.message.includes(TOKEN),
      );
    }
    assert.throws(() => createLivedigitalClient({ token: 42 } as never), TypeError);
    assert.throws(() => createLivedigitalClient({ token: TOKEN, apiUrl: 'http://api.example.com' }), TypeError);
    assert.throws(() => createLivedigitalClient({ token: TOKEN, apiUrl: 'https://u:p@api.example.com' }), TypeError);
    assert.throws(() => createLivedigitalClient({ token: TOKEN, apiUrl: 'https://api.example.com/?x=1' }), TypeError);
    assert.throws(() => createLivedigitalClient({ token: TOKEN, timeoutMs: 0 }), TypeError);
  });
});
