import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createWebhookHandler,
  isKnownWebhookEvent,
  signWebhookBody,
  toNodeListener,
  verifyWebhookSignature,
  webhookEventKey,
} from '../../src/server/index.js';
import type { LivedigitalWebhookEvent } from '../../src/server/index.js';

const SECRET = 'g7r0gOSKiQ59prCGXo1H50PACb5ca1mD';

const RECORD_FINISHED = {
  eventName: 'record_finished',
  roomId: '649c18e086b915cae33041a2',
  spaceId: '64217150224cd9e040e114d1',
  recordId: '64b6544f7b3b4f29d70afec2',
} as const;

function delivery(body: Record<string, unknown>, secret = SECRET) {
  return JSON.stringify({ signature: signWebhookBody(secret, body), body });
}

describe('createWebhookHandler over node:http', () => {
  const events: LivedigitalWebhookEvent[] = [];
  const unknown: Record<string, unknown>[] = [];
  let onEvent: (event: LivedigitalWebhookEvent) => void | Promise<void>;
  let server: ReturnType<typeof createServer>;
  let url: string;

  before(async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: (event) => onEvent(event),
      onUnknownEvent: (body) => {
        unknown.push(body);
      },
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/livedigital`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    events.length = 0;
    unknown.length = 0;
    onEvent = (event) => {
      events.push(event);
    };
  });

  const post = (body: string | null, method = 'POST') =>
    fetch(url, { method, headers: { 'content-type': 'application/json' }, body });

  it('verifies the signature scheme the vendor documents', () => {
    // The Node sample from the integration guide, computed independently.
    const body = { eventName: 'call_started', roomId: 'r', spaceId: 's', callId: 'c' };
    const signature = signWebhookBody(SECRET, body);
    assert.match(signature, /^[0-9a-f]{64}$/);
    assert.ok(verifyWebhookSignature(SECRET, body, signature));
    assert.ok(!verifyWebhookSignature(SECRET, { ...body, callId: 'other' }, signature));
  });

  it('answers 204 only after onEvent has finished', async () => {
    let finished = false;
    onEvent = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push(event);
      finished = true;
    };
    const response = await post(delivery(RECORD_FINISHED));
    assert.equal(finished, true);
    assert.equal(response.status, 204);
    assert.deepEqual(events, [RECORD_FINISHED]);
  });

  for (const eventName of ['call_started', 'call_finished', 'record_started', 'record_aborted', 'record_failed']) {
    it(`delivers ${eventName}`, async () => {
      const body = { eventName, roomId: 'r1', spaceId: 's1', callId: 'c1' };
      const response = await post(delivery(body));
      assert.equal(response.status, 204);
      assert.deepEqual(events, [body]);
    });
  }

  it('keeps fields it does not know about', async () => {
    const body = { eventName: 'call_finished', roomId: 'r1', spaceId: 's1', callId: 'c1', duration: 42 };
    assert.equal((await post(delivery(body))).status, 204);
    assert.deepEqual(events, [body]);
  });

  it('answers 401 to a body changed after signing', async () => {
    const signed = JSON.parse(delivery(RECORD_FINISHED));
    signed.body.recordId = 'attacker-chosen';
    const response = await post(JSON.stringify(signed));
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'invalid-signature');
    assert.equal(events.length, 0);
  });

  it('answers 401 to an event name swapped after signing', async () => {
    const signed = JSON.parse(delivery({ eventName: 'record_started', roomId: 'r', spaceId: 's' }));
    signed.body.eventName = 'record_finished';
    assert.equal((await post(JSON.stringify(signed))).status, 401);
    assert.equal(events.length, 0);
  });

  const badSignatures: Array<[string, unknown]> = [
    ['a missing signature', undefined],
    ['an empty signature', ''],
    ['a non-hex signature', 'z'.repeat(64)],
    ['a numeric signature', 12345],
    ['a signature made with another secret', signWebhookBody('other-secret', RECORD_FINISHED)],
  ];
  for (const [name, signature] of badSignatures) {
    it(`answers 401 to ${name}`, async () => {
      const response = await post(JSON.stringify({ signature, body: RECORD_FINISHED }));
      assert.equal(response.status, 401);
      assert.equal(events.length, 0);
    });
  }

  const malformed: Array<[string, string | null]> = [
    ['no body at all', null],
    ['broken JSON', '{"signature":'],
    ['a JSON array', '[]'],
    ['a delivery without body', JSON.stringify({ signature: 'a'.repeat(64) })],
    ['a delivery whose body is a string', JSON.stringify({ signature: 'a'.repeat(64), body: 'x' })],
  ];
  for (const [name, text] of malformed) {
    it(`answers 400 to ${name}`, async () => {
      const response = await post(text);
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error, 'bad-request');
      assert.equal(events.length, 0);
    });
  }

  it('answers 400 to a signed known event without roomId', async () => {
    const response = await post(delivery({ eventName: 'call_started', spaceId: 's1' }));
    assert.equal(response.status, 400);
    assert.equal(events.length, 0);
  });

  it('answers 405 to other methods', async () => {
    const response = await fetch(url);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  it('answers 500 when onEvent fails, hiding the error, so livedigital retries', async () => {
    onEvent = async () => {
      throw new Error('database down at 10.0.0.5');
    };
    const response = await post(delivery(RECORD_FINISHED));
    assert.equal(response.status, 500);
    assert.ok(!(await response.text()).includes('10.0.0.5'));
  });

  it('acknowledges an unknown but signed event without calling onEvent', async () => {
    const body = { eventName: 'webinar_exploded', roomId: 'r1', spaceId: 's1' };
    const response = await post(delivery(body));
    assert.equal(response.status, 204);
    assert.equal(events.length, 0);
    assert.deepEqual(unknown, [body]);
  });

  it('passes a replayed delivery through again (dedup is the host job)', async () => {
    const text = delivery(RECORD_FINISHED);
    assert.equal((await post(text)).status, 204);
    assert.equal((await post(text)).status, 204);
    assert.equal(events.length, 2);
    assert.equal(webhookEventKey(events[0]!), webhookEventKey(events[1]!));
  });

  it('answers 413 to an oversized delivery', async () => {
    const body = { ...RECORD_FINISHED, padding: 'x'.repeat(20_000) };
    const response = await post(delivery(body));
    assert.equal(response.status, 413);
    assert.equal(events.length, 0);
  });
});

describe('webhook helpers', () => {
  it('webhookEventKey tells different calls and records apart', () => {
    const a = webhookEventKey({ eventName: 'call_started', roomId: 'r', spaceId: 's', callId: 'c1' });
    const b = webhookEventKey({ eventName: 'call_started', roomId: 'r', spaceId: 's', callId: 'c2' });
    const c = webhookEventKey({ eventName: 'call_finished', roomId: 'r', spaceId: 's', callId: 'c1' });
    assert.equal(new Set([a, b, c]).size, 3);
  });

  it('isKnownWebhookEvent checks the name and the ids', () => {
    assert.ok(isKnownWebhookEvent(RECORD_FINISHED));
    assert.ok(!isKnownWebhookEvent({ eventName: 'other', roomId: 'r', spaceId: 's' }));
    assert.ok(!isKnownWebhookEvent({ eventName: 'call_started', roomId: 'r' }));
    assert.ok(!isKnownWebhookEvent(null));
  });

  it('createWebhookHandler refuses a secret of the wrong type or a missing callback (an unset secret answers 500 instead)', () => {
    assert.throws(() => createWebhookHandler({ secret: 42 as never, onEvent: () => {} }), TypeError);
    assert.throws(() => createWebhookHandler({ secret: SECRET, onEvent: undefined as never }), TypeError);
  });
});
