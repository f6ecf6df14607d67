import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen } from '../support/listen.js';
import {
  createAccessLinkHandler,
  createLivedigitalClient,
  toNodeListener,
} from '../../src/server/index.js';
import type { AccessGrant, AccessRequestBody } from '../../src/server/index.js';

const TOKEN = 'pt_SECRET-handler-token.0987654321';
const LINK = 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=Ann&accessToken=one-time';

interface Seen {
  method: string;
  url: string;
  body: string;
}

describe('createAccessLinkHandler over node:http', () => {
  const seen: Seen[] = [];
  let respond: (req: Seen, res: ServerResponse, auth: string) => void;
  let authorize: (request: Request, body: AccessRequestBody) => AccessGrant | null | Promise<AccessGrant | null>;
  const authorizeCalls: AccessRequestBody[] = [];
  const reported: unknown[] = [];
  let upstream: Awaited<ReturnType<typeof listen>>;
  let app: Awaited<ReturnType<typeof listen>>;
  let handler: (request: Request) => Promise<Response>;

  before(async () => {
    upstream = await listen((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const entry = { method: req.method!, url: req.url!, body };
        seen.push(entry);
        respond(entry, res, String(req.headers.authorization));
      });
    });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, timeoutMs: 300, deadlineMs: 1000 });
    handler = createAccessLinkHandler({
      client,
      authorize: (request, body) => {
        authorizeCalls.push(body);
        return authorize(request, body);
      },
      onError: (error) => reported.push(error),
    });
    app = await listen(toNodeListener(handler));
  });
  after(async () => {
    await app.close();
    await upstream.close();
  });
  beforeEach(() => {
    seen.length = 0;
    authorizeCalls.length = 0;
    reported.length = 0;
    respond = (req, res) => {
      const payload = req.url.includes('room-by-alias') ? { id: 'room1', spaceId: 'space1', name: 'L' } : { url: LINK };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    authorize = (_request, body) => ({
      spaceId: 'space1',
      roomId: 'room1',
      username: body.participantName ?? 'Guest',
      role: 'user',
    });
  });

  const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${app.url}/api/room-access`, { method: 'POST', headers, body });

  it('answers 200 { url } with no-store for a granted request', async () => {
    const response = await post(JSON.stringify({ alias: 'hMInKY6FoM', participantName: 'Ann' }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), { url: LINK });
    assert.deepEqual(authorizeCalls, [{ alias: 'hMInKY6FoM', participantName: 'Ann' }]);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.url, '/v1/spaces/space1/rooms/room1/generate-access');
    assert.deepEqual(JSON.parse(seen[0]!.body), { username: 'Ann', role: 'user' });
  });

  it('resolves an alias grant through room-by-alias', async () => {
    authorize = (_request, body) => ({ alias: body.alias!, username: 'Teacher', role: 'moderator', ttl: 600 });
    const response = await post(JSON.stringify({ alias: 'q3_5V3uwik' }));
    assert.equal(response.status, 200);
    assert.deepEqual(
      seen.map((s) => `${s.method} ${s.url}`),
      ['GET /v1/spaces/room-by-alias/q3_5V3uwik', 'POST /v1/spaces/space1/rooms/room1/generate-access'],
    );
    assert.deepEqual(JSON.parse(seen[1]!.body), { username: 'Teacher', role: 'moderator', ttl: 600 });
  });

  it('treats an empty JSON body as {}', async () => {
    const response = await post(null);
    assert.equal(response.status, 200);
    assert.deepEqual(authorizeCalls, [{}]);
  });

  it('treats null or empty alias and participantName as absent', async () => {
    const response = await post(JSON.stringify({ alias: null, participantName: '', keep: 1 }));
    assert.equal(response.status, 200);
    assert.deepEqual(authorizeCalls, [{ keep: 1 }]);
    assert.equal(JSON.parse(seen[0]!.body).username, 'Guest');
  });

  it('answers 405 with allow: POST to other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(`${app.url}/api/room-access`, { method });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'POST');
      assert.equal((await response.json()).error, 'method-not-allowed');
    }
    assert.equal(authorizeCalls.length, 0);
  });

  it('answers 415 to a non-JSON content type', async () => {
    const response = await post('alias=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(response.status, 415);
    assert.equal((await response.json()).error, 'unsupported-media-type');
    assert.equal(authorizeCalls.length, 0);
  });

  it('accepts a JSON content type with parameters', async () => {
    const response = await post('{}', { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(response.status, 200);
  });

  const badBodies: Array<[string, string, string]> = [
    ['broken JSON', '{"alias":', 'bad-request'],
    ['a JSON array', '[]', 'bad-request'],
    ['a JSON string', '"x"', 'bad-request'],
    ['JSON null', 'null', 'bad-request'],
    ['an alias with a slash', '{"alias":"../spaces"}', 'invalid-alias'],
    ['an alias that is a number', '{"alias":42}', 'invalid-alias'],
    ['a participantName that is an object', '{"participantName":{}}', 'bad-request'],
    ['an overlong participantName', JSON.stringify({ participantName: 'x'.repeat(300) }), 'bad-request'],
  ];
  for (const [name, body, code] of badBodies) {
    it(`answers 400 ${code} to ${name}, without asking authorize`, async () => {
      const response = await post(body);
      assert.equal(response.status, 400);
      const answer = await response.json();
      assert.equal(answer.error, code);
      assert.equal(typeof answer.message, 'string');
      assert.equal(authorizeCalls.length, 0);
      assert.equal(seen.length, 0);
    });
  }

  it('answers 413 to a body over the limit', async () => {
    const response = await post(JSON.stringify({ participantName: 'x'.repeat(20_000) }));
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error, 'payload-too-large');
    assert.equal(authorizeCalls.length, 0);
  });

  it('answers 413 to a chunked body with no content-length', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${app.url}/api/room-access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.equal(authorizeCalls.length, 0);
  });

  it('does not trust a content-length that understates the body', async () => {
    const request = new Request('http://localhost/api/room-access', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2' },
      body: JSON.stringify({ participantName: 'x'.repeat(20_000) }),
    });
    const response = await handler(request);
    assert.equal(response.status, 413);
  });

  it('answers 403 when authorize returns null', async () => {
    authorize = () => null;
    const response = await post('{}');
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'forbidden', message: 'access to this room is not granted' });
    assert.equal(seen.length, 0);
  });

  it('answers a generic 500 when authorize throws, and reports the error', async () => {
    authorize = async () => {
      throw new Error('db password is hunter2');
    };
    const response = await post('{}');
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.ok(!text.includes('hunter2'));
    assert.equal(JSON.parse(text).error, 'internal');
    assert.equal((reported[0] as Error).message, 'db password is hunter2');
    assert.equal(seen.length, 0);
  });

  it('answers 500 when authorize grants invalid parameters, without calling livedigital', async () => {
    authorize = () => ({ spaceId: 'a/b', roomId: 'room1', username: 'A', role: 'user' });
    const response = await post('{}');
    assert.equal(response.status, 500);
    assert.equal(seen.length, 0);
  });

  const upstreamFailures: Array<[string, number]> = [
    ['unauthorized', 401],
    ['forbidden', 403],
    ['invalid-params', 422],
    ['not-found', 404],
    ['upstream', 500],
  ];
  for (const [code, status] of upstreamFailures) {
    it(`answers 502 without the token when livedigital says ${status} (${code}) and echoes the header`, async () => {
      respond = (_req, res, auth) =>
        res
          .writeHead(status, { 'content-type': 'application/json', 'x-echo': auth })
          .end(JSON.stringify({ message: `VENDOR-INTERNAL ${auth}`, code: status, headers: { authorization: auth } }));
      const response = await post('{}');
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.ok(!text.includes(TOKEN), 'token in body');
      assert.ok(![...response.headers.values()].some((v) => v.includes(TOKEN)), 'token in headers');
      assert.ok(!text.includes('VENDOR-INTERNAL'), 'upstream text in body');
      assert.equal(JSON.parse(text).error, 'upstream');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.ok(!String((reported[0] as Error).message).includes(TOKEN), 'token in reported error');
    });
  }

  it('answers 502 when livedigital does not answer in time', async () => {
    respond = () => {};
    const response = await post('{}');
    assert.equal(response.status, 502);
    assert.match((await response.json()).message, /in time/);
  });

  it('answers 502 when room-by-alias fails', async () => {
    authorize = () => ({ alias: 'nope', username: 'A', role: 'user' });
    respond = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no room"}');
    const response = await post('{}');
    assert.equal(response.status, 502);
    assert.equal(seen.length, 1);
  });

  it('refuses bad options', () => {
    const client = createLivedigitalClient({ token: TOKEN });
    assert.throws(() => createAccessLinkHandler({ client, authorize: undefined as never }), TypeError);
    assert.throws(() => createAccessLinkHandler({ client: {} as never, authorize: () => null }), TypeError);
    assert.throws(() => createAccessLinkHandler({ client, authorize: () => null, maxBodyBytes: -1 }), TypeError);
  });
});
