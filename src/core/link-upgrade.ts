import { isSecureRoomUrl, parseUrl } from './origins.js';

/** What a pasted room link says about the room: a complete link to use as it is, or an id. */
export type LinkedRoom = { src: string } | { alias: string } | { eventId: string };

const ROOM_PATH = /^\/(room|event)\/([\w-]{1,64})\/?$/;
// A link that already names its participant or carries a grant was made for someone: keep it whole.
const PERSONAL = /[?&](participantName|accessToken|refreshToken)\b/;

/**
 * Reads a link a teacher pasted: a room (`<origin>/room/<alias>`) or event (`<origin>/event/<id>`)
 * on the configured room origin, over https (http only on loopback). Anything else — another
 * host, a lookalike such as `edu.livedigital.space.evil.com`, credentials in the link, another
 * path — is `null`, so it stays a plain link. `origin` is a checked room origin (`roomOrigin`).
 */
export function roomFromLink(href: string, origin: string): LinkedRoom | null {
  const url = parseUrl(href);
  const match = url && isSecureRoomUrl(url) && url.origin === origin && ROOM_PATH.exec(url.pathname);
  if (!match) return null;
  if (PERSONAL.test(url.search)) return { src: url.href };
  return match[1] == 'room' ? { alias: match[2]! } : { eventId: match[2]! };
}
