// A server built where the secrets are not set — `next build`, a CI step, a forgotten variable —
// must import and construct without throwing, and fail at request time with a clear,
// secret-free error, never by calling livedigital without credentials.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  LivedigitalApiError,
  createAccessLinkHandler,
  createLivedigitalClient,
  createWebhookHandler,
  toNodeListener,
} from '../../src/server/index.js';

async function listen(handler: (request: Request) => Promise<Response>): Promise<{ server: Server; url: string }> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('a server whose environment lacks the secrets', () => {
  const sent: string[] = [];
  const recordingFetch = (async (input: string | URL | Request) => {
    sent.push(String(input));
    return new Response('{}', { status: 200 });
  }) as typeof fetch;

  for (const token of [undefined, '']) {
    it(`creates a client with token ${JSON.stringify(token)}, and each call rejects as not-configured without sending`, async () => {
      const client = createLivedigitalClient({ token, fetch: recordingFetch });
      await assert.rejects(
        client.generateAccess('s1', 'r1', { username: 'Ann', role: 'user' }),
        (error: unknown) => error instanceof LivedigitalApiError && error.code === 'not-configured' && error.status === 0,
      );
      await assert.rejects(client.roomByAlias('EGBYWoMZJe'), (error: unknown) => error instanceof LivedigitalApiError && error.code === 'not-configured');
      assert.deepEqual(sent, []);
    });
  }

  describe('the access-link handler', () => {
    const reported: unknown[] = [];
    let running: { server: Server; url: string };
    before(async () => {
      const client = createLivedigitalClient({ token: process.env.LIVEDIGITAL_TOKEN_THAT_IS_NOT_SET, fetch: recordingFetch });
      running = await listen(
        createAccessLinkHandler({
          client,
          authorize: () => ({ spaceId: 's1', roomId: 'r1', username: 'Ann', role: 'user' }),
          onError: (error) => reported.push(error),
        }),
      );
    });
    after(() => new Promise<void>((done) => running.server.close(() => done())));

    it('answers 500 with a generic message and tells the host why through onError', async () => {
      const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"alias":"EGBYWoMZJe"}' });
      assert.equal(response.status, 500);
      const body = (await response.json()) as { error: string; message: string };
      assert.equal(body.error, 'internal');
      assert.equal(reported.length, 1);
      assert.ok(reported[0] instanceof LivedigitalApiError && reported[0].code === 'not-configured');
      assert.match((reported[0] as Error).message, /LIVEDIGITAL_TOKEN/);
      assert.deepEqual(sent, []);
    });
  });

  describe('the webhook handler', () => {
    let running: { server: Server; url: string };
    let handled = 0;
    before(async () => {
      running = await listen(createWebhookHandler({ secret: process.env.LIVEDIGITAL_WEBHOOK_SECRET_THAT_IS_NOT_SET, onEvent: () => void handled++ }));
    });
    after(() => new Promise<void>((done) => running.server.close(() => done())));

    it('answers 500 not-configured (so livedigital retries) and handles nothing', async () => {
      const delivery = { signature: 'ab'.repeat(32), body: { eventName: 'call_started', spaceId: 's1', roomId: 'r1' } };
      const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery) });
      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as { error: string }).error, 'not-configured');
      assert.equal(handled, 0);
    });

    it('still refuses a secret of the wrong type at once', () => {
      assert.throws(() => createWebhookHandler({ secret: 42 as never, onEvent: () => {} }), TypeError);
    });
  });
});
