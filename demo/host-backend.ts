/**
 * The reference host backend of the demo, built only from `livedigital-room/server`: what an
 * integrator's own backend looks like. With no credentials it talks to the local stand-in of
 * livedigital (started here on its own loopback origin); with LIVEDIGITAL_TOKEN,
 * LIVEDIGITAL_SPACE_ID and LIVEDIGITAL_ROOM_ID it talks to the real service.
 * Used by the Vite dev server (`npm start`) and by the end-to-end browser test.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import {
  createAccessLinkHandler,
  createLivedigitalClient,
  createWebhookHandler,
  toNodeListener,
  type LivedigitalWebhookEvent,
} from '../src/server/index.js';
import { courseMember, createLessonLog } from './lesson-log.js';
import { LIVEDIGITAL_BASE_URL } from '../src/core/room-link.js';
import { teacherRoomsRoute, type TeacherRoom } from './teacher-rooms.js';

type Next = (error?: unknown) => void;

export interface DemoBackend {
  mode: 'stand-in' | 'live';
  /** The element's `base-url`: the stand-in's origin, or the real room site. */
  roomBaseUrl: string;
  /** The room's alias, when known (the real service needs LIVEDIGITAL_ROOM_ALIAS for it). */
  alias: string;
  emulator: Emulator | null;
  /** Verified webhook deliveries, newest last. */
  webhookEvents: Array<LivedigitalWebhookEvent & { receivedAt: string }>;
  /** Connect-style middleware for `/api/*`; anything else goes to `next`. */
  handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
  /** Points the stand-in's webhook at this backend once the page origin is known. */
  registerWebhook(pageOrigin: string): Promise<void>;
  close(): Promise<void>;
}

export interface DemoBackendOptions {
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const live = Boolean(env.LIVEDIGITAL_TOKEN && env.LIVEDIGITAL_SPACE_ID && env.LIVEDIGITAL_ROOM_ID);

  const emulator = live ? null : await startEmulator({ log: (line) => log(`stand-in: ${line}`), webhookRetryDelaysMs: [200, 500] });
  const token = live ? env.LIVEDIGITAL_TOKEN! : emulator!.token;
  const spaceId = live ? env.LIVEDIGITAL_SPACE_ID! : emulator!.defaultRoom.spaceId;
  const roomId = live ? env.LIVEDIGITAL_ROOM_ID! : emulator!.defaultRoom.roomId;
  const apiUrl = live ? env.LIVEDIGITAL_API_URL || undefined : emulator!.apiUrl;
  const roomBaseUrl = live ? env.LIVEDIGITAL_ROOM_ORIGIN || LIVEDIGITAL_BASE_URL : emulator!.roomBaseUrl;
  const alias = live ? env.LIVEDIGITAL_ROOM_ALIAS ?? '' : emulator!.defaultRoom.alias;

  // The personal token stays here: the browser only ever sees the links it buys.
  const client = createLivedigitalClient({ token, ...(apiUrl ? { apiUrl } : {}) });
  // Rooms the teacher page created (demo only), by alias.
  const teacherRooms = new Map<string, TeacherRoom>();
  const teacherRoomsDemoOnly = teacherRoomsRoute({ client, spaceId, roomBaseUrl, rooms: teacherRooms });
  // After the lesson: reports, attendance and recording links from the webhooks (`/api/lessons`).
  const lessons = createLessonLog({ client, log });
  const accessLink = toNodeListener(
    createAccessLinkHandler({
      client,
      // A real host checks its own session here (the LMS user) and picks the role from it.
      authorize: (_request, body) => {
        const username = typeof body.participantName === 'string' && body.participantName.trim() ? body.participantName.trim() : 'Guest';
        const created = body.alias ? teacherRooms.get(body.alias) : undefined;
        if (created) return { ...created, username, ...courseMember(username) };
        if (alias && body.alias && body.alias !== alias) return null;
        return { spaceId, roomId, username, ...courseMember(username) };
      },
      onError: (error) => log(`access-link failed: ${error instanceof Error ? error.message : 'unknown error'}`),
    }),
  );

  const webhookEvents: DemoBackend['webhookEvents'] = [];
  const webhookHandler = (secret: string) =>
    createWebhookHandler({
      secret,
      onEvent: (event) => {
        webhookEvents.push({ ...event, receivedAt: new Date().toISOString() });
        log(`webhook ${event.eventName} room=${event.roomId}`);
        lessons.onEvent(event);
      },
    });
  // Live mode: the secret from the dashboard; stand-in mode: set when the webhook is registered.
  let verifyAndRecord = env.LIVEDIGITAL_WEBHOOK_SECRET ? webhookHandler(env.LIVEDIGITAL_WEBHOOK_SECRET) : null;
  const webhooks = toNodeListener(async (request) =>
    verifyAndRecord ? verifyAndRecord(request) : new Response('webhooks are not configured', { status: 503 }),
  );

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  return {
    mode: live ? 'live' : 'stand-in',
    roomBaseUrl,
    alias,
    emulator,
    webhookEvents,
    handle(req, res, next) {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/access-link') void accessLink(req, res);
      else if (path === '/api/webhooks') void webhooks(req, res);
      else if (path === '/api/webhook-events') json(res, webhookEvents);
      else if (path === '/api/demo-only/teacher/rooms') void teacherRoomsDemoOnly(req, res);
      else if (path === '/api/lessons') json(res, lessons.list());
      else if (path?.startsWith('/api/lessons/')) void lessons.serveXlsx(path, spaceId, roomId, res);
      else if (path === '/api/demo-config') json(res, { mode: live ? 'live' : 'stand-in', roomBaseUrl, alias });
      else next();
    },
    async registerWebhook(pageOrigin) {
      if (!emulator) return;
      const response = await fetch(`${emulator.apiUrl}/v1/spaces/${spaceId}/webhook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${pageOrigin}/api/webhooks` }),
      });
      if (!response.ok) throw new Error(`the stand-in refused the webhook (HTTP ${response.status})`);
      verifyAndRecord = webhookHandler(((await response.json()) as { secret: string }).secret);
    },
    async close() {
      lessons.close();
      await emulator?.close();
    },
  };
}
