import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator, EmulatorOptions } from '../../src/emulator/index.js';
import { verifyWebhookSignature } from '../../src/server/webhook-signature.js';

// Calls (join, leave, end) and the signed webhook deliveries they cause, over real HTTP.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

interface Delivered {
  signature: string;
  body: Record<string, unknown>;
}

/** A webhook receiver answering the given statuses in turn (then 200); `hang` never answers. */
async function receiver(statuses: Array<number | 'hang'> = []) {
  const received: Delivered[] = [];
  const queue = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Delivered);
      const status = queue.shift() ?? 200;
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/livedigital`, received };
}

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ webhookRetryDelaysMs: [20, 20], ...options });
  cleanups.push(() => emu.close());
  return emu;
}

async function api(emu: Emulator, method: string, path: string, body?: unknown) {
  const res = await fetch(emu.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
}

async function setWebhook(emu: Emulator, url: string): Promise<string> {
  const hook = await api(emu, 'POST', `/v1/spaces/${emu.defaultRoom.spaceId}/webhook`, { url });
  return hook.secret as string;
}

/** Opens a fresh one-time link for the demo room and returns the page's session id. */
async function join(emu: Emulator, username = 'Ivan'): Promise<string> {
  const { spaceId, roomId } = emu.defaultRoom;
  const { url } = await api(emu, 'POST', `/v1/spaces/${spaceId}/rooms/${roomId}/generate-access`, { username, role: 'user' });
  const html = await (await fetch(url)).text();
  const sessionId = /data-session="([^"]+)"/.exec(html)?.[1];
  assert.ok(sessionId, 'joined');
  return sessionId;
}

async function roomAction(emu: Emulator, action: 'leave' | 'end', sessionId: string) {
  const res = await fetch(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('emulator calls and webhooks', () => {
  test('first join sends call_started, End call sends call_finished; both signed with the secret', async () => {
    const hook = await receiver();
    const emu = await emulator();
    const secret = await setWebhook(emu, hook.url);
    const session = await join(emu);
    await join(emu, 'Second'); // a second join does not start another call
    const started = await emu.waitForDelivery('call_started');
    const callId = emu.activeCall(emu.defaultRoom.alias)?.callId;
    assert.deepEqual(emu.activeCall(emu.defaultRoom.alias)?.participants.map((p) => p.name), ['Ivan', 'Second']);
    assert.deepEqual(await roomAction(emu, 'end', session), { callFinished: true });
    await emu.waitForDelivery('call_finished');
    assert.equal(emu.activeCall(emu.defaultRoom.alias), null);

    assert.deepEqual(hook.received.map((d) => d.body.eventName), ['call_started', 'call_finished']);
    for (const delivery of hook.received) {
      assert.deepEqual(delivery.body, {
        eventName: delivery.body.eventName,
        roomId: emu.defaultRoom.roomId,
        spaceId: emu.defaultRoom.spaceId,
        callId,
      });
      assert.ok(verifyWebhookSignature(secret, delivery.body, delivery.signature), 'signature verifies');
      assert.ok(!verifyWebhookSignature('another-secret', delivery.body, delivery.signature));
    }
    assert.equal(started.ok, true);
    assert.equal(started.attempts.length, 1);
  });

  test('Leave ends the call only when the last participant leaves', async () => {
    const hook = await receiver();
    const emu = await emulator();
    await setWebhook(emu, hook.url);
    const a = await join(emu, 'A');
    const b = await join(emu, 'B');
    assert.deepEqual(await roomAction(emu, 'leave', a), { left: true, callFinished: false });
    assert.deepEqual(await roomAction(emu, 'leave', a), { left: false, callFinished: false });
    assert.deepEqual(await roomAction(emu, 'leave', b), { left: true, callFinished: true });
    await emu.waitForDelivery('call_finished');
    assert.deepEqual(hook.received.map((d) => d.body.eventName), ['call_started', 'call_finished']);
  });

  test('a new call after the previous one finished gets a new callId', async () => {
    const emu = await emulator();
    const session = await join(emu);
    const first = emu.activeCall(emu.defaultRoom.alias)?.callId;
    await roomAction(emu, 'end', session);
    await join(emu);
    const second = emu.activeCall(emu.defaultRoom.roomId)?.callId;
    assert.match(first ?? '', /^[0-9a-f]{24}$/);
    assert.match(second ?? '', /^[0-9a-f]{24}$/);
    assert.notEqual(first, second);
    assert.equal(emu.webhookDeliveries.length, 0, 'no webhook registered: nothing is sent');
  });

  test('a 500 from the receiver is retried, then the delivery succeeds', async () => {
    const hook = await receiver([500]);
    const emu = await emulator();
    const secret = await setWebhook(emu, hook.url);
    await join(emu);
    const delivery = await emu.waitForDelivery('call_started');
    assert.equal(delivery.ok, true);
    assert.deepEqual(delivery.attempts.map((a) => a.status), [500, 200]);
    assert.equal(hook.received.length, 2);
    assert.deepEqual(hook.received[0], hook.received[1], 'the same signed payload is re-sent');
    assert.ok(verifyWebhookSignature(secret, hook.received[1]!.body, hook.received[1]!.signature));
  });

  test('delivery gives up after 3 attempts', async () => {
    const hook = await receiver([503, 503, 503, 503]);
    const emu = await emulator();
    await setWebhook(emu, hook.url);
    await join(emu);
    const delivery = await emu.waitForDelivery('call_started');
    assert.equal(delivery.ok, false);
    assert.equal(delivery.attempts.length, 3);
    assert.equal(hook.received.length, 3);
  });

  test('a hanging receiver neither delays the page nor keeps close() waiting', async () => {
    const hook = await receiver(['hang']);
    const emu = await emulator({ webhookTimeoutMs: 60_000 });
    await setWebhook(emu, hook.url);
    const started = Date.now();
    await join(emu);
    assert.ok(Date.now() - started < 1000, 'page served without waiting for the webhook');
    while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = Date.now();
    await emu.close();
    assert.ok(Date.now() - closing < 1000, 'close aborts in-flight deliveries');
  });

  test('an inactive webhook receives nothing; the injected fetch is what delivers', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(null, { status: 204 });
    };
    const emu = await emulator({ fetch: fakeFetch });
    await setWebhook(emu, 'https://host.example/hook');
    await api(emu, 'PUT', `/v1/spaces/${emu.defaultRoom.spaceId}/webhook`, { isActive: false });
    await roomAction(emu, 'end', await join(emu));
    assert.equal(emu.webhookDeliveries.length, 0);
    await api(emu, 'PUT', `/v1/spaces/${emu.defaultRoom.spaceId}/webhook`, { isActive: true });
    await join(emu);
    await emu.waitForDelivery('call_started');
    assert.deepEqual(calls, ['https://host.example/hook']);
  });

  test('a participant whose page stopped polling is dropped, which finishes the call', async () => {
    let clock = 1_000_000;
    const emu = await emulator({ now: () => clock, presenceTimeoutMs: 30_000, fetch: async () => new Response(null) });
    await setWebhook(emu, 'https://host.example/hook');
    const session = await join(emu);
    clock += 20_000;
    const status = await fetch(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}/status?session=${session}`);
    assert.deepEqual(await status.json(), { inCall: true, participants: 1 });
    clock += 31_000;
    const after = await fetch(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}/status?session=${session}`);
    assert.deepEqual(await after.json(), { inCall: false, participants: 0 });
    const finished = await emu.waitForDelivery('call_finished');
    assert.equal(finished.payload.body.roomId, emu.defaultRoom.roomId);
  });

  test('leave/end with a session that is not in the call change nothing', async () => {
    const emu = await emulator();
    await join(emu);
    assert.deepEqual(await roomAction(emu, 'end', 'not-a-session'), { callFinished: false });
    assert.ok(emu.activeCall(emu.defaultRoom.alias));
    const bad = await fetch(`${emu.roomBaseUrl}/room/${emu.defaultRoom.alias}/end`, { method: 'POST', body: 'nope' });
    assert.equal(bad.status, 400);
  });
});
