// The README's mounting lines for Express, Fastify and Hono, run for real: each framework serves the
// access-link handler and the webhook handler on loopback, in front of the livedigital stand-in.
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { Hono } from 'hono';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  createAccessLinkHandler,
  createLivedigitalClient,
  createWebhookHandler,
  signWebhookBody,
  toNodeListener,
  type LivedigitalWebhookEvent,
} from '../../src/server/index.js';

const SECRET = 'frameworks-webhook-secret';

let livedigital: Emulator;
let accessLink: (request: Request) => Promise<Response>;
let livedigitalWebhook: (request: Request) => Promise<Response>;
const received: LivedigitalWebhookEvent[] = [];

before(async () => {
  livedigital = await startEmulator();
  const client = createLivedigitalClient({ token: livedigital.token, apiUrl: livedigital.apiUrl });
  accessLink = createAccessLinkHandler({
    client,
    authorize: (_request, body) => ({ alias: body.alias!, username: body.participantName ?? 'Guest', role: 'user' }),
  });
  livedigitalWebhook = createWebhookHandler({ secret: SECRET, onEvent: (event) => void received.push(event) });
});

after(() => livedigital.close());

/** What every mounting must do: the element's request gets a working link, webhooks are verified. */
function behavesAsDocumented(origin: () => string) {
  it('answers the element with a personal room link on the stand-in', async () => {
    const response = await fetch(`${origin()}/api/room-access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alias: livedigital.defaultRoom.alias, participantName: 'Ann & Bob' }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { url } = (await response.json()) as { url: string };
    const link = new URL(url);
    assert.equal(link.origin, new URL(livedigital.roomBaseUrl).origin);
    assert.equal(link.pathname, `/room/${livedigital.defaultRoom.alias}`);
    assert.equal(link.searchParams.get('participantName'), 'Ann & Bob');
    assert.ok(link.searchParams.get('accessToken'));
  });

  it('refuses a bad request body with 400', async () => {
    const response = await fetch(`${origin()}/api/room-access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alias: '../admin' }),
    });
    assert.equal(response.status, 400);
  });

  it('takes a signed webhook (204) and refuses a forged one (401)', async () => {
    const body = { eventName: 'call_finished', spaceId: 's1', roomId: 'r1', callId: `c-${origin()}` };
    const before = received.length;
    const post = (signature: string) =>
      fetch(`${origin()}/webhooks/livedigital`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signature, body }) });
    assert.equal((await post(signWebhookBody(SECRET, body))).status, 204);
    assert.equal(received.length, before + 1);
    assert.equal((received.at(-1) as { callId?: string }).callId, body.callId);
    assert.equal((await post(signWebhookBody('another secret', body))).status, 401);
    assert.equal(received.length, before + 1);
  });
}

function listening(server: Server): Promise<string> {
  return new Promise((resolve) => {
    const ready = () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once('listening', ready);
  });
}

for (const withJsonParser of [true, false]) {
  describe(`Express 5, ${withJsonParser ? 'with express.json() in front' : 'without a body parser'}`, () => {
    let server: Server;
    let origin = '';
    before(async () => {
      const app = express();
      if (withJsonParser) app.use(express.json());
      app.post('/api/room-access', toNodeListener(accessLink));
      app.post('/webhooks/livedigital', toNodeListener(livedigitalWebhook));
      server = app.listen(0, '127.0.0.1');
      origin = await listening(server);
    });
    after(() => new Promise<void>((done) => server.close(() => done())));
    behavesAsDocumented(() => origin);
  });
}

describe('Fastify 5 (the body it has read, handed over through req.body)', () => {
  const fastify = Fastify();
  let origin = '';
  before(async () => {
    // The README's Fastify route, for both handlers.
    const route = (handler: (request: Request) => Promise<Response>) => {
      const listener = toNodeListener(handler);
      return (request: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        Object.assign(request.raw, { body: request.body });
        return listener(request.raw, reply.raw);
      };
    };
    fastify.post('/api/room-access', route(accessLink));
    fastify.post('/webhooks/livedigital', route(livedigitalWebhook));
    origin = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => fastify.close());
  behavesAsDocumented(() => origin);
});

describe('Hono 4 on @hono/node-server', () => {
  let server: Server;
  let origin = '';
  before(async () => {
    const app = new Hono();
    app.post('/api/room-access', (c) => accessLink(c.req.raw));
    app.post('/webhooks/livedigital', (c) => livedigitalWebhook(c.req.raw));
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    origin = await listening(server);
  });
  after(() => new Promise<void>((done) => server.close(() => done())));
  behavesAsDocumented(() => origin);
});
