import type { Call, Room, RoomSettings } from './store.js';

/**
 * What a room's settings do on the stand-in's room page, where a participant can see them: the
 * publishing flags are listed, `redirectUrl` is where a room opened on its own goes after the
 * call, and `waitingRoomAudience` holds people on a waiting screen until a moderator is in.
 */

const escape = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SHOWN: Array<[keyof RoomSettings, string, string]> = [
  ['isMicrophonePublishingAllowed', 'microphone', 'Microphones'],
  ['isCameraPublishingAllowed', 'camera', 'Cameras'],
  ['isScreenMediaPublishingAllowed', 'screen', 'Screen sharing'],
  ['isAutoRecordingAllowed', 'auto-recording', 'Recording starts by itself'],
];

/** `<li data-setting="microphone" data-allowed="false">Microphones: off for participants</li>`… */
export function renderSettings(room: Room): string {
  const items = SHOWN.filter(([key]) => room.settings[key] !== undefined).map(([key, name, label]) => {
    const allowed = room.settings[key] === true;
    const state = key === 'isAutoRecordingAllowed' ? (allowed ? 'yes' : 'no') : allowed ? 'on for participants' : 'off for participants';
    return `<li data-setting="${name}" data-allowed="${allowed}">${label}: ${state}</li>`;
  });
  if (room.settings.waitingRoomAudience !== undefined) {
    items.push(`<li data-setting="waiting-room" data-audience="${escape(room.settings.waitingRoomAudience)}">Waiting room: ${escape(room.settings.waitingRoomAudience)}</li>`);
  }
  return items.length ? `<ul id="ld-settings" class="muted" aria-label="Room settings">${items.join('')}</ul>` : '';
}

/** Assumption: any audience but `nobody` waits; moderators never do. */
export function mustWait(room: Room, role: string): boolean {
  const audience = room.settings.waitingRoomAudience;
  return audience !== undefined && audience !== 'nobody' && role !== 'moderator';
}

export function moderatorPresent(call: Call | null | undefined): boolean {
  return call ? [...call.participants.values()].some((p) => p.role === 'moderator') : false;
}

/** Body attributes the page script reads; a redirect only for http(s) (the API checked it too). */
export function settingsAttributes(room: Room, waiting: boolean): string {
  const redirect = room.settings.redirectUrl;
  const safe = redirect !== undefined && /^https?:\/\//i.test(redirect);
  return `${safe ? ` data-redirect-url="${escape(redirect)}"` : ''}${waiting ? ' data-waiting="1"' : ''}`;
}

/**
 * The page script's hooks: `leaveTop()` sends a room opened on its own (not in a frame) to the
 * room's redirectUrl; `admit(state)` lifts the waiting screen once a moderator is in.
 */
export const SETTINGS_SCRIPT = `
const ldSettings = {
  leaveTop() {
    const target = document.body.dataset.redirectUrl;
    if (window.top !== window || !target) return false;
    location.assign(target);
    return true;
  },
  admit(state) {
    if (document.body.dataset.page !== 'waiting' || !state.moderatorPresent) return;
    document.body.dataset.page = 'room';
    document.getElementById('ld-waiting').hidden = true;
    document.getElementById('ld-main').hidden = false;
  },
};
`;
