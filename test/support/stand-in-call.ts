import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { createLivedigitalClient, type GenerateAccessParams, type LivedigitalClient } from '../../src/server/index.js';

/** A stand-in with a clock the test moves, and a client on it. */
export async function standIn(options: EmulatorOptions = {}) {
  const clock = { ms: Date.parse('2026-11-23T10:00:00.000Z') };
  const emulator = await startEmulator({ now: () => clock.ms, webhookRetryDelaysMs: [10, 10], ...options });
  const client = createLivedigitalClient({ token: emulator.token, apiUrl: emulator.apiUrl });
  const { spaceId, roomId, alias } = emulator.defaultRoom;
  return { emulator, client, clock, spaceId, roomId, alias, advance: (seconds: number) => void (clock.ms += seconds * 1000) };
}

/** Opens a generate-access link as the browser would; returns the page's session id. */
export async function join(
  client: LivedigitalClient,
  emulator: Emulator,
  params: GenerateAccessParams,
): Promise<{ sessionId: string; html: string }> {
  const { spaceId, roomId } = emulator.defaultRoom;
  const { url } = await client.generateAccess(spaceId, roomId, params);
  const response = await fetch(url);
  const html = await response.text();
  const sessionId = /data-session="([^"]+)"/.exec(html)?.[1];
  if (response.status !== 200 || !sessionId) throw new Error(`joining failed with ${response.status}`);
  return { sessionId, html };
}

export async function roomAction(emulator: Emulator, action: 'end' | 'leave' | 'record', body: Record<string, unknown>): Promise<Response> {
  return fetch(`${emulator.roomBaseUrl}/room/${emulator.defaultRoom.alias}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A node:http server for one fetch-standard handler; resolves with its URL. */
export async function serve(handler: (request: Request) => Promise<Response>) {
  const { toNodeListener } = await import('../../src/server/index.js');
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Points the space's webhook at `url`; returns the secret. */
export async function registerWebhook(emulator: Emulator, url: string): Promise<string> {
  const response = await fetch(`${emulator.apiUrl}/v1/spaces/${emulator.defaultRoom.spaceId}/webhook`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
  return ((await response.json()) as { secret: string }).secret;
}

/** Resolves with the first value `take` returns, polling every 5 ms; rejects after `ms`. */
export async function eventually<T>(take: () => T | undefined, ms = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = take();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
