import { RoomError } from './errors.js';
import { isSecureRoomUrl, parseUrl } from './origins.js';

export const LIVEDIGITAL_BASE_URL = 'https://edu.livedigital.space';
export const TELEBOSS_BASE_URL = 'https://a.teleboss.ru';

/** What a room link is made of; the names are the element's properties. */
export interface RoomInputs {
  baseUrl?: string | null;
  alias?: string | null;
  eventId?: string | null;
  participantName?: string | null;
  accessToken?: string | null;
  refreshToken?: string | null;
  disableSupport?: boolean;
}

// Aliases seen in the vendor's docs are 10 characters of [A-Za-z0-9_-]; leave room for custom ones.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidAlias(alias: string): boolean {
  return ID_PATTERN.test(alias);
}

/**
 * The room site's origin, e.g. `https://edu.livedigital.space`. A base with a path, query or
 * credentials is refused rather than silently trimmed: it is almost always a pasted room link.
 */
export function roomOrigin(baseUrl?: string | null): string {
  const raw = baseUrl == null || baseUrl === '' ? LIVEDIGITAL_BASE_URL : baseUrl.trim();
  const url = parseUrl(raw);
  if (!url || !isSecureRoomUrl(url) || url.href !== url.origin + '/') {
    throw new RoomError('invalid-base-url', 'base-url must be an https origin');
  }
  return url.origin;
}

/**
 * The room's path, `/event/<id>` or `/room/<alias>`, or undefined when neither is set. Throws for
 * an id that is set but malformed: checked before a host is asked for a single-use link too.
 * (The README's error-code table says the rest: length, examples.)
 */
export function roomPath({ eventId, alias }: RoomInputs): string | undefined {
  const [kind, id, input] = eventId ? (['event', eventId, 'event-id'] as const) : alias ? (['room', alias, 'alias'] as const) : [];
  if (!id) return undefined;
  if (!isValidAlias(id)) throw new RoomError(`invalid-${input!}`, `${input}: letters, digits, _ and - only`);
  return `/${kind}/${id}`;
}

/**
 * Builds `<base>/room/<alias>?participantName=…&accessToken=…` (or `<base>/event/<id>`).
 * Every value goes through URLSearchParams, so a name like `A&accessToken=x#y` stays one value.
 * An access token wins over a refresh token: a generate-access link is the more specific grant.
 */
export function buildRoomLink(inputs: RoomInputs): URL {
  const origin = roomOrigin(inputs.baseUrl);
  const path = roomPath(inputs);
  if (!path) throw new RoomError('missing-room', 'set alias, event-id, src, fetcher or access-endpoint');
  const url = new URL(path, origin);
  if (inputs.participantName) url.searchParams.set('participantName', inputs.participantName);
  if (inputs.accessToken) url.searchParams.set('accessToken', inputs.accessToken);
  else if (inputs.refreshToken) url.searchParams.set('refreshToken', inputs.refreshToken);
  if (inputs.disableSupport) url.searchParams.set('disableSupport', 'true');
  return url;
}

/**
 * A link from `src` or from the host's backend is used only when it points at the configured room
 * site over a secure transport; anything else could frame an attacker's page with camera rights.
 */
export function trustRoomLink(link: string | URL, baseUrl?: string | null): URL {
  const origin = roomOrigin(baseUrl);
  const url = parseUrl(link);
  if (!url || !isSecureRoomUrl(url) || url.origin !== origin) {
    // The origin says where the link points (never the token); often base-url is what to change.
    throw new RoomError('untrusted-link', `link must be on ${origin}${url ? `, not ${url.origin}` : ''}`);
  }
  return url;
}
