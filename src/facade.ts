import { buildAllow, grantsMedia } from './core/permissions.js';
import type { Texts } from './i18n.js';

export interface FacadeInputs {
  label: string | null;
  participantName: string | null;
  allow: string | null;
  deny: string | null;
}

/**
 * The lines people read before a room loads (`click-to-join`, a lazy room not yet near): which
 * room, under which name, and that the browser will ask for the camera and microphone — so the
 * prompt that follows the click is expected. Each line as `[class, text]`.
 */
export function facadeLines(t: Texts, room: FacadeInputs): Array<[string, string]> {
  const allow = buildAllow(room.allow, room.deny);
  const lines: Array<[string, string]> = [['title', room.label || t.label]];
  if (room.participantName) lines.push(['', t.joinAs + room.participantName]);
  if (grantsMedia(allow)) lines.push(['note', t.media]);
  return lines;
}
