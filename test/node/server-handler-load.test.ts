import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen } from '../support/listen.js';
import { createAccessLinkHandler, createLivedigitalClient, createWebhookHandler, signWebhookBody, toNodeListener } from '../../src/server/index.js';

const TOKEN = 'pt_SECRET-load-token.1234567890';
const LINK = 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=Ann&accessToken=one-time';

async function until(test: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('access-link handler under load and from other sites', { timeout: 20_000 }, () => {
  let respond: (req: IncomingMessage, res: ServerResponse) => void;
  const upstreamRequests: IncomingMessage[] = [];
  let authorized = 0;
  let upstream: Awaited<ReturnType<typeof listen>>;
  let app: Awaited<ReturnType<typeof listen>>;
  let crossSiteApp: Awaited<ReturnType<typeof listen>>;

  before(async () => {
    upstream = await listen((req, res) => {
      upstreamRequests.push(req);
      req.resume();
      req.on('end', () => respond(req, res));
    });
    const client = createLivedigitalClient({ token: TOKEN, apiUrl: upstream.url, deadlineMs: 1500, backoff: { baseMs: 20, capMs: 50 } });
    const options = {
      client,
      bodyTimeoutMs: 300,
      authorize: () => {
        authorized++;
        return { spaceId: 's1', roomId: 'r1', username: 'Ann', role: 'user' as const };
      },
    };
    app = await listen(toNodeListener(createAccessLinkHandler(options)));
    crossSiteApp = await listen(toNodeListener(createAccessLinkHandler({ ...options, allowCrossSite: true })));
  });
  after(async () => {
    await app.close();
    await crossSiteApp.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstreamRequests.length = 0;
    authorized = 0;
    respond = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: LINK }));
  });

  const post = (base: string, headers: Record<string, string>, body: BodyInit | null = '{}') =>
    fetch(`${base}/api/room-access`, { method: 'POST', headers, body });
  const JSON_TYPE = { 'content-type': 'application/json' };

  it('answers 503 with Retry-After and rate-limited when livedigital stays rate-limited past the deadline', async () => {
    respond = (_req, res) => res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"message":"slow"}');
    const response = await post(app.url, JSON_TYPE);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal((await response.json()).error, 'rate-limited');
  });

  it('answers 503 with a Retry-After even when livedigital named no wait', async () => {
    respond = (_req, res) => res.writeHead(429).end();
    const response = await post(app.url, JSON_TYPE);
    assert.equal(response.status, 503);
    assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal((await response.json()).error, 'rate-limited');
  });

  it('refuses a body without a content type (a no-cors fetch from another page) before authorize', async () => {
    const response = await post(app.url, {}, new Blob(['{"alias":"EGBYWoMZJe"}']));
    assert.equal(response.status, 415);
    assert.equal(authorized, 0);
    assert.equal(upstreamRequests.length, 0);
  });

  it('refuses a text/plain body', async () => {
    const response = await post(app.url, { 'content-type': 'text/plain' });
    assert.equal(response.status, 415);
    assert.equal(authorized, 0);
  });

  it('refuses Sec-Fetch-Site: cross-site unless the host opts in; same-site and same-origin pass', async () => {
    const refused = await post(app.url, { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error, 'cross-site');
    assert.equal(authorized, 0);
    for (const site of ['same-origin', 'same-site', 'none']) {
      assert.equal((await post(app.url, { ...JSON_TYPE, 'sec-fetch-site': site })).status, 200, site);
    }
    assert.equal((await post(crossSiteApp.url, { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' })).status, 200);
  });

  it('answers 408 to a body that stalls, without asking authorize', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${app.url}/api/room-access`, { method: 'POST', headers: { ...JSON_TYPE, 'content-length': '100' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('{"alias":'); // and nothing more
      setTimeout(() => req.destroy(), 5000).unref();
    });
    assert.equal(status, 408);
    assert.equal(authorized, 0);
  });

  it('aborts the livedigital call when the browser goes away', async () => {
    respond = () => {}; // livedigital is slow; the browser gives up first
    const req = httpRequest(`${app.url}/api/room-access`, { method: 'POST', headers: JSON_TYPE });
    req.on('error', () => {});
    req.end('{}');
    await until(() => upstreamRequests.length === 1);
    const upstreamClosed = new Promise<void>((resolve) => upstreamRequests[0]!.socket.once('close', () => resolve()));
    req.destroy();
    await Promise.race([
      upstreamClosed,
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error('the livedigital request was not aborted')), 1000)),
    ]);
    assert.equal(upstreamRequests.length, 1, 'and not retried');
  });
});

describe('webhook handler deadline', { timeout: 20_000 }, () => {
  it('answers 503 when onEvent does not finish in time, so livedigital retries', async () => {
    const secret = 'deadline-secret';
    const app = await listen(toNodeListener(createWebhookHandler({ secret, eventTimeoutMs: 200, onEvent: () => new Promise(() => {}) })));
    try {
      const body = { eventName: 'call_started', roomId: 'r1', spaceId: 's1' };
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature: signWebhookBody(secret, body), body }),
        signal: AbortSignal.timeout(5000),
      });
      assert.equal(response.status, 503);
      assert.equal((await response.json()).error, 'timeout');
    } finally {
      await app.close();
    }
  });
});
