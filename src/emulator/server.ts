import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api.js';
import { serveRecordFile } from './api/after-call.js';
import { CallHistory } from './calls.js';
import { sendError, sendJson } from './http.js';
import { isLimitedRoute, LoadGate } from './load.js';
import type { EmulatorFaults, EmulatorLoad, EmulatorRateLimit } from './load.js';
import { handleRoom } from './room-routes.js';
import { Store } from './store.js';
import type { JoinVia, Room, RoomType } from './store.js';
import { WebhookDispatcher } from './webhooks.js';
import type { DeliveryMatch, WebhookDelivery } from './webhooks.js';

export interface EmulatorRoomSeed {
  /** Default: a random 10-character alias. */
  alias?: string;
  name?: string;
  type?: RoomType;
  /** Default: the demo space. An unknown id creates that space. */
  spaceId?: string;
  roomId?: string;
  isPublic?: boolean;
}

export interface EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The personal token the API accepts (owner of everything). Default {@link DEFAULT_TOKEN}. */
  token?: string;
  /** A valid token of a plain user: 403 "method forbidden for user" on everything but room-by-alias. */
  userToken?: string;
  /** The client id and secret `POST /v1/auth/token` accepts. Defaults {@link DEFAULT_CLIENT_ID}, {@link DEFAULT_CLIENT_SECRET}. */
  clientId?: string;
  clientSecret?: string;
  /** Extra rooms, seeded after the demo room. */
  rooms?: EmulatorRoomSeed[];
  /** Clock in ms, for ttl and presence tests. Default Date.now. */
  now?: () => number;
  /** Used to deliver webhooks. Default the global fetch. */
  fetch?: typeof fetch;
  /** One line per request and per webhook attempt; never carries tokens or query strings. */
  log?: (line: string) => void;
  /** Waits before the 2nd and 3rd delivery attempts. Default [500, 2000]. */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt timeout. Default 5000. */
  webhookTimeoutMs?: number;
  /** A participant whose page stopped polling is dropped after this. Default 90000; 0 = never. */
  presenceTimeoutMs?: number;
  /** Origin put into generated room links when the browser reaches the emulator by another name. */
  publicUrl?: string;
  /**
   * Protect generate-access and room-by-alias as a busy vendor would: beyond `concurrency`
   * requests at once or `perSecond` in any second, answer 429 with `Retry-After`.
   */
  rateLimit?: EmulatorRateLimit;
  /** Answer a share of generate-access / room-by-alias requests 503 or 429 at random. */
  faults?: EmulatorFaults;
  /** Milliseconds each generate-access / room-by-alias request takes, as a real network call does. Default 0. */
  latencyMs?: number;
  /** The analytics report answers 404 "not ready" until this long after the call. Default 0. */
  reportDelayMs?: number;
  /**
   * Whether call_started/call_finished carry callId. The vendor's documents disagree (the export
   * guide: no; the connector spec: yes); default true. False exercises a host's analytics/calls lookup.
   */
  callIdInCallEvents?: boolean;
  /** How the record download endpoint answers: the documented text URL (default) or a 302 to it. */
  recordDownload?: 'text' | 'redirect';
}

export interface EmulatorRoomInfo {
  spaceId: string;
  roomId: string;
  alias: string;
  name: string;
  type: RoomType;
}

export interface EmulatorCall {
  callId: string;
  roomId: string;
  startedAt: number;
  participants: Array<{ name: string; role: string; via: JoinVia }>;
}

export interface Emulator {
  /** Origin of the whole emulator, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Base of the API (`/v1/...`). The real service: https://moodhood-api.livedigital.space. */
  readonly apiUrl: string;
  /** Base of room links (`/room/<alias>`). The real service: https://edu.livedigital.space. */
  readonly roomBaseUrl: string;
  readonly token: string;
  readonly userToken: string;
  /** For the password grant (registered users' tokens). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The always-present demo room (alias EGBYWoMZJe, type lesson). */
  readonly defaultRoom: EmulatorRoomInfo;
  /** The demo room followed by the `rooms` seeds. */
  readonly rooms: readonly EmulatorRoomInfo[];
  /** Every delivery so far (attempts fill in as they happen; `done` when finished). */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Called once per delivery when it succeeded or gave up. Returns an unsubscribe function. */
  onDelivery(listener: (delivery: WebhookDelivery) => void): () => void;
  /** First finished delivery matching an event name or predicate (earlier ones count). */
  waitForDelivery(match: DeliveryMatch, timeoutMs?: number): Promise<WebhookDelivery>;
  /** The room's current call, by alias or room id; null when nobody is in it. */
  activeCall(aliasOrRoomId: string): EmulatorCall | null;
  /** What generate-access and room-by-alias have seen so far (counts and peaks; a live object). */
  readonly load: EmulatorLoad;
  /** Stops listening, drops keep-alive sockets and cancels pending webhook retries. */
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'emulator-personal-token';
export const DEFAULT_USER_TOKEN = 'emulator-user-token';
export const DEFAULT_CLIENT_ID = 'emulator-client';
export const DEFAULT_CLIENT_SECRET = 'emulator-client-secret';

// Ids from the vendor guide's examples, so the demo room looks like the documented one.
const DEMO_SPACE_ID = '60d55c0eb9ef88ab17b0aabb';
const DEMO_ROOM = { id: '62b0e25e3dc082dc7502d273', alias: 'EGBYWoMZJe', channelId: '62b0e25e7f20b37190ff5e0a' };
const APP_ID = '62a09fc702f86ce37a9386f1';

function info(room: Room): EmulatorRoomInfo {
  return { spaceId: room.spaceId, roomId: room.id, alias: room.alias, name: room.name, type: room.type };
}

function seed(store: Store, seeds: readonly EmulatorRoomSeed[]): Room[] {
  store.addSpace({ id: DEMO_SPACE_ID, name: 'Demo space' });
  const rooms = [store.addRoom(DEMO_SPACE_ID, { ...DEMO_ROOM, name: 'Demo lesson', type: 'lesson' })];
  seeds.forEach((s, i) => {
    const spaceId = s.spaceId ?? DEMO_SPACE_ID;
    if (!store.spaces.has(spaceId)) store.addSpace({ id: spaceId, name: `Space ${spaceId}` });
    const input: Parameters<Store['addRoom']>[1] = { name: s.name ?? `Room ${i + 1}`, type: s.type ?? 'lesson' };
    if (s.alias !== undefined) input.alias = s.alias;
    if (s.roomId !== undefined) input.id = s.roomId;
    if (s.isPublic !== undefined) input.isPublic = s.isPublic;
    rooms.push(store.addRoom(spaceId, input));
  });
  return rooms;
}

function originOf(host: string, port: number): string {
  const name = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Starts the emulator: one HTTP server that serves both the API and the room pages. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const userToken = options.userToken ?? DEFAULT_USER_TOKEN;
  if (token === '' || token === userToken) throw new Error('token must be non-empty and differ from userToken');
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const store = new Store(now, APP_ID);
  const rooms = seed(store, options.rooms ?? []).map(info);
  const webhooks = new WebhookDispatcher({
    fetch: options.fetch ?? globalThis.fetch,
    now,
    log,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [500, 2000],
    timeoutMs: options.webhookTimeoutMs ?? 5000,
  });
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const history = new CallHistory(store, {
    reportDelayMs: options.reportDelayMs ?? 0,
    callIdInCallEvents: options.callIdInCallEvents ?? true,
    recordDownload: options.recordDownload ?? 'text',
  });
  const api = { store, token, userToken, roomBaseUrl: '', clientId, clientSecret, history };
  const roomCtx = { store, webhooks, presenceTimeoutMs: options.presenceTimeoutMs ?? 90_000, history };
    const gate = new LoadGate(options.rateLimit, options.faults, now);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) throw new TypeError('latencyMs must be 0 or a positive number');

  /** The API behind the load gate: refused requests cost the stand-in nothing, served ones take latencyMs. */
  const serveApi = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (!isLimitedRoute(req.method, pathname)) return handleApi(api, req, res, pathname);
    const admission = gate.admit();
    if (admission.status !== 200) {
      res.setHeader('retry-after', String(admission.retryAfter));
      const message = admission.status === 429 ? 'Too many requests' : 'Service unavailable';
      return sendJson(res, admission.status, { message, code: admission.status });
    }
    try {
      if (latencyMs > 0) await sleep(latencyMs);
      await handleApi(api, req, res, pathname);
    } finally {
      admission.release();
    }
  };

  // A plain-text pointer at `/`, so opening the printed URL in a browser shows where things are.
  const serveOther = (res: ServerResponse, pathname: string) => {
    if (pathname !== '/') return sendError(res, 404, 'Not found');
    const text = `livedigital-room emulator\nAPI: ${api.roomBaseUrl}/v1/...\nDemo room: ${api.roomBaseUrl}/room/${rooms[0]!.alias}\n`;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    // Only method, path and status: the query may hold an accessToken or refreshToken.
    // Successful status polls (every open room page, every few seconds) would drown the rest.
    const quiet = url.pathname.endsWith('/status');
    res.on('finish', () => {
      if (!quiet || res.statusCode !== 200) log(`${req.method} ${url.pathname} ${res.statusCode}`);
    });
    const work = url.pathname.startsWith('/v1/')
      ? serveApi(req, res, url.pathname)
      : url.pathname.startsWith('/room/')
        ? handleRoom(roomCtx, req, res, url.pathname, url.searchParams)
        : url.pathname.startsWith('/records/') && serveRecordFile(api, res, url.pathname)
          ? Promise.resolve()
          : Promise.resolve(serveOther(res, url.pathname));
    work.catch((error: unknown) => {
      log(`error on ${req.method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = originOf(host, (server.address() as AddressInfo).port);
  api.roomBaseUrl = options.publicUrl ? new URL(options.publicUrl).origin : origin;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    apiUrl: origin,
    roomBaseUrl: api.roomBaseUrl,
    token,
    userToken,
    clientId,
    clientSecret,
    defaultRoom: rooms[0]!,
    rooms,
    webhookDeliveries: webhooks.deliveries,
    load: gate.load,
    onDelivery: (listener) => webhooks.onDelivery(listener),
    waitForDelivery: (match, timeoutMs) => webhooks.waitForDelivery(match, timeoutMs),
    activeCall(aliasOrRoomId) {
      const room = store.roomByAlias(aliasOrRoomId) ?? store.rooms.get(aliasOrRoomId);
      const call = room && store.activeCall(room.id);
      if (!call) return null;
      const participants = [...call.participants.values()].map(({ name, role, via }) => ({ name, role, via }));
      return { callId: call.id, roomId: call.roomId, startedAt: call.startedAt, participants };
    },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([closed, webhooks.close()]);
      })();
      return closing;
    },
  };
}
