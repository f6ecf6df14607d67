/**
 * DEMO ONLY: `POST /api/demo-only/teacher/rooms` creates a lesson room for the demo's teacher page.
 *
 * A real host backend must refuse this to anyone but a teacher: check your own session (the LMS
 * user and their role in the course) before creating a room, and take the space from the course,
 * never from the request. The demo has no users, so anyone who can open the demo may call it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LivedigitalApiError } from '../src/server/index.js';
import type { LivedigitalClient, NewRoomSettings } from '../src/server/index.js';

export interface TeacherRoom {
  spaceId: string;
  roomId: string;
}

const FLAGS = ['isMicrophonePublishingAllowed', 'isCameraPublishingAllowed', 'isScreenMediaPublishingAllowed', 'isAutoRecordingAllowed'] as const;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 16_384) return null;
  }
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Passes the page's choices to createRoom as typed settings (the companion checks every value),
 * then hands the teacher a moderator link for the new room. `rooms` remembers the room so the
 * access-link endpoint lets students in by its alias.
 */
export function teacherRoomsRoute(options: { client: LivedigitalClient; spaceId: string; roomBaseUrl: string; rooms: Map<string, TeacherRoom> }) {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, { message: 'POST a JSON room description' });
    const body = await readJson(req);
    if (!body) return send(res, 400, { message: 'send a JSON object' });
    const settings = { name: body.name, type: body.type } as NewRoomSettings;
    for (const key of FLAGS) if (body[key] !== undefined) settings[key] = body[key] as boolean;
    if (body.waitingRoom === true) settings.waitingRoomAudience = 'everyone';
    if (typeof body.redirectUrl === 'string' && body.redirectUrl.trim() !== '') settings.redirectUrl = body.redirectUrl.trim();
    const teacher = typeof body.teacherName === 'string' && body.teacherName.trim() ? body.teacherName.trim() : 'Teacher';
    try {
      const room = await options.client.createRoom(options.spaceId, settings);
      options.rooms.set(room.alias, { spaceId: options.spaceId, roomId: room.id });
      const { url } = await options.client.generateAccess(options.spaceId, room.id, { username: teacher, role: 'moderator' });
      send(res, 201, { alias: room.alias, roomBaseUrl: options.roomBaseUrl, link: `${options.roomBaseUrl}/room/${room.alias}`, teacherUrl: url });
    } catch (error) {
      // The companion's messages name the field and never carry the token.
      if (error instanceof LivedigitalApiError && error.code === 'invalid-params') return send(res, 400, { message: error.message });
      send(res, 502, { message: error instanceof LivedigitalApiError ? `livedigital refused: ${error.message}` : 'could not create the room' });
    }
  };
}
