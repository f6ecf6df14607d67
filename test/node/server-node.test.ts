import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createAccessLinkHandler, toNodeListener } from '../../src/server/index.js';
import type { LivedigitalClient } from '../../src/server/index.js';

async function withServer(listener: RequestListener, run: (url: string) => Promise<void>): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Answers with what the fetch-standard side saw. */
async function echo(request: Request): Promise<Response> {
  return Response.json({
    method: request.method,
    url: request.url,
    contentType: request.headers.get('content-type'),
    contentLength: request.headers.get('content-length'),
    custom: request.headers.get('x-custom'),
    body: await request.text(),
  });
}

type ExpressLike = IncomingMessage & { originalUrl?: string; body?: unknown; _body?: boolean };

/** What express.json() does: consume the stream, parse, set req.body and req._body. */
function jsonBodyParser(next: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = req as ExpressLike;
      r.body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      r._body = true;
      next(req, res);
    });
  };
}

describe('toNodeListener', () => {
  it('passes method, url, headers and the streamed body through', async () => {
    await withServer(toNodeListener(echo), async (url) => {
      const response = await fetch(`${url}/hook?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
        body: '{"a":1}',
      });
      const seen = await response.json();
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, `${url}/hook?x=1`);
      assert.equal(seen.contentType, 'application/json');
      assert.equal(seen.custom, 'yes');
      assert.equal(seen.body, '{"a":1}');
    });
  });

  it('honours req.originalUrl from a mounted Express router', async () => {
    const listener = toNodeListener(echo);
    const mounted: RequestListener = (req, res) => {
      (req as ExpressLike).originalUrl = req.url;
      req.url = '/access'; // what Express leaves after stripping the mount path
      void listener(req, res);
    };
    await withServer(mounted, async (url) => {
      const seen = await (await fetch(`${url}/api/room/access`, { method: 'POST' })).json();
      assert.equal(new URL(seen.url).pathname, '/api/room/access');
    });
  });

  it('re-serializes a body a JSON body-parser already consumed', async () => {
    await withServer(jsonBodyParser(toNodeListener(echo)), async (url) => {
      const seen = await (
        await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ "alias" : "EGBYWoMZJe" }' })
      ).json();
      assert.deepEqual(JSON.parse(seen.body), { alias: 'EGBYWoMZJe' });
      assert.equal(seen.contentType, 'application/json');
      assert.equal(seen.contentLength, null);
    });
  });

  it('passes a raw Buffer body from express.raw() as bytes', async () => {
    const raw: RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        (req as ExpressLike).body = Buffer.concat(chunks);
        (req as ExpressLike)._body = true;
        void toNodeListener(echo)(req, res);
      });
    };
    await withServer(raw, async (url) => {
      const seen = await (await fetch(url, { method: 'POST', body: 'héllo' })).json();
      assert.equal(seen.body, 'héllo');
    });
  });

  it('still reads the stream when a parser set req.body = {} but skipped the request', async () => {
    const skipped: RequestListener = (req, res) => {
      (req as ExpressLike).body = {};
      void toNodeListener(echo)(req, res);
    };
    await withServer(skipped, async (url) => {
      const seen = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'real' })).json();
      assert.equal(seen.body, 'real');
    });
  });

  it('works with the access handler behind a body-parser', async () => {
    const client: Pick<LivedigitalClient, 'apiUrl' | 'generateAccess' | 'roomByAlias'> = {
      apiUrl: 'https://moodhood-api.livedigital.space',
      roomByAlias: async () => ({ id: 'room1', spaceId: 'space1', name: '' }),
      generateAccess: async (spaceId, roomId, params) => ({
        url: `https://edu.livedigital.space/room/x?participantName=${params.username}&s=${spaceId}&r=${roomId}`,
      }),
    };
    const handler = createAccessLinkHandler({
      client,
      authorize: (_request, body) => ({ alias: body.alias!, username: body.participantName ?? 'Guest', role: 'user' }),
    });
    await withServer(jsonBodyParser(toNodeListener(handler)), async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alias: 'EGBYWoMZJe', participantName: 'Ann' }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        url: 'https://edu.livedigital.space/room/x?participantName=Ann&s=space1&r=room1',
      });
    });
  });

  it('writes status, every set-cookie and a streamed body', async () => {
    const handler = () => {
      const headers = new Headers({ 'x-one': '1' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      const parts = ['first,', 'second'];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(part));
        },
      });
      return new Response(body, { status: 207, headers });
    };
    await withServer(toNodeListener(handler), async (url) => {
      const response = await fetch(url);
      assert.equal(response.status, 207);
      assert.equal(response.headers.get('x-one'), '1');
      assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/']);
      assert.equal(await response.text(), 'first,second');
    });
  });

  it('sends no body to HEAD', async () => {
    await withServer(toNodeListener(() => new Response('body', { status: 200 })), async (url) => {
      const response = await fetch(url, { method: 'HEAD' });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '');
    });
  });

  it('answers a detail-free 500 when the handler throws', async () => {
    const listener = toNodeListener(async () => {
      throw new Error('secret internals: pt_TOKEN');
    });
    await withServer(listener, async (url) => {
      const response = await fetch(url, { method: 'POST' });
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.ok(!text.includes('secret internals'));
      assert.equal(JSON.parse(text).error, 'internal');
    });
  });

  it('aborts request.signal when the caller goes away', async () => {
    let aborted: () => void = () => {};
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve));
    const listener = toNodeListener(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response(null, { status: 499 }));
          });
        }),
    );
    await withServer(listener, async (url) => {
      const controller = new AbortController();
      const pending = fetch(url, { method: 'POST', body: '{}', signal: controller.signal }).catch(() => 'aborted');
      setTimeout(() => controller.abort(), 50);
      assert.equal(await pending, 'aborted');
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('signal never aborted')), 2000));
      await Promise.race([sawAbort, timeout]);
    });
  });

  it('refuses a non-function handler', () => {
    assert.throws(() => toNodeListener(undefined as never), TypeError);
  });
});
