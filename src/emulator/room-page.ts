import { randomBytes } from 'node:crypto';
import { renderSettings, SETTINGS_SCRIPT, settingsAttributes } from './room-settings.js';
import type { Participant, Room } from './store.js';

/**
 * HTML of the emulated room site (the real one is the `edu.livedigital.space` SPA). Pages are
 * self-contained: inline style and script only, allowed by a per-response CSP nonce. There is
 * deliberately no `frame-ancestors` and no X-Frame-Options: the room must load in a foreign iframe.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; ');
}

const STYLE = `
  :root { color-scheme: dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; background: #16181d; color: #eef0f4; display: flex; flex-direction: column; }
  header, footer { padding: 12px 16px; display: flex; gap: 12px; align-items: center; }
  header { justify-content: space-between; border-bottom: 1px solid #2c3039; }
  main { flex: 1; display: grid; place-items: center; padding: 16px; }
  /* display above would otherwise show a main the page hides (the waiting room, or the room while waiting). */
  [hidden] { display: none !important; }
  .video { width: min(640px, 90vw); aspect-ratio: 16 / 9; border-radius: 12px; display: grid; place-items: center;
    background: linear-gradient(135deg, #2b5876, #4e4376); font-size: 48px; font-weight: 600; }
  .muted { color: #9aa1ad; font-size: 14px; }
  .card { max-width: 420px; padding: 24px; border-radius: 12px; background: #1f2229; }
  button, input { font: inherit; padding: 8px 14px; border-radius: 8px; border: 1px solid #3a3f4b; }
  button { cursor: pointer; background: #2c3039; color: inherit; }
  button.danger { background: #c0392b; border-color: #c0392b; }
  input { background: #16181d; color: inherit; width: 100%; box-sizing: border-box; margin: 8px 0 16px; }
  .error { color: #ff8a80; }
  .spacer { flex: 1; }
`;

/**
 * On every emulator page: a parent may ask 'emulator:state' and gets `{ emulator: 'state', page }`
 * back, page being the body's data-page ('room', 'join', 'unauthorized', 'not-found', then
 * 'ended' or 'left'). Cross-origin browser tests use it to see what the frame shows.
 */
const STATE_SCRIPT = `
addEventListener('message', (event) => {
  if (event.source !== window.parent || event.data !== 'emulator:state') return;
  window.parent.postMessage({ emulator: 'state', page: document.body.dataset.page }, '*');
});
`;

/**
 * Runs inside the framed room. `window.parent.postMessage('ld_finish_call', '*')` is what the real
 * room does when the call ends; 'emulator:end-call' from the parent lets cross-origin tests end the
 * call without clicking inside the frame, 'emulator:record' presses a moderator's Record button. The pagehide beacon and the status poll keep the server's
 * idea of who is in the call honest when a tab just closes.
 */
const SCRIPT = `
(() => {
  const body = document.body;
  const base = '/room/' + encodeURIComponent(body.dataset.alias);
  const session = body.dataset.session;
  const status = document.getElementById('ld-status');
  const count = document.getElementById('ld-count');
  let done = false;
  const send = (path) => fetch(base + path, {
    method: 'POST', keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: session }),
  }).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  const show = (text, page) => {
    body.dataset.page = page;
    status.textContent = text;
    for (const b of document.querySelectorAll('button')) b.disabled = true;
  };
  const finishCall = () => {
    if (done) return;
    done = true;
    show('The call has ended.', 'ended');
    // Embedded, the host decides where people go; on its own the room follows its redirectUrl.
    if (!ldSettings.leaveTop()) window.parent.postMessage('ld_finish_call', '*');
  };
  const endCall = async () => {
    if (done) return;
    await send('/end');
    finishCall();
  };
  const leave = async () => {
    if (done) return;
    const result = await send('/leave');
    if (result.callFinished) return finishCall();
    done = true;
    show('You left the room.', 'left');
  };
  document.getElementById('ld-end').addEventListener('click', endCall);
  document.getElementById('ld-leave').addEventListener('click', leave);
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data === 'emulator:end-call') endCall();
  });
  // Moderators only: the page has the button when the server let a moderator in.
  const recordButton = document.getElementById('ld-record');
  if (recordButton) {
    let recording = false;
    const toggleRecording = async () => {
      if (done) return;
      const r = await fetch(base + '/record', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: session, action: recording ? 'stop' : 'start' }),
      }).catch(() => null);
      if (!r || !r.ok) return;
      recording = (await r.json()).recording === true;
      recordButton.textContent = recording ? 'Stop recording' : 'Record';
      recordButton.setAttribute('aria-pressed', String(recording));
      body.dataset.recording = String(recording);
    };
    recordButton.addEventListener('click', toggleRecording);
    window.addEventListener('message', (event) => {
      if (event.source === window.parent && event.data === 'emulator:record') toggleRecording();
    });
  }
  window.addEventListener('pagehide', () => {
    if (!done) navigator.sendBeacon(base + '/leave', JSON.stringify({ sessionId: session }));
  });
  const poll = async () => {
    if (done) return;
    try {
      const r = await fetch(base + '/status?session=' + encodeURIComponent(session));
      const state = await r.json();
      if (!state.inCall) return finishCall();
      count.textContent = String(state.participants);
      ldSettings.admit(state);
    } catch {}
    setTimeout(poll, body.dataset.page === 'waiting' ? 1000 : 3000);
  };
  setTimeout(poll, body.dataset.page === 'waiting' ? 1000 : 3000);
})();
`;

type PageKind = 'room' | 'waiting' | 'join' | 'unauthorized' | 'not-found';

function shell(opts: { page: PageKind; title: string; nonce: string; body: string; bodyAttrs?: string; script?: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(opts.title)}</title>
<style nonce="${opts.nonce}">${STYLE}</style>
</head>
<body data-page="${opts.page}"${opts.bodyAttrs ?? ''}>
${opts.body}
<script nonce="${opts.nonce}">${STATE_SCRIPT}${opts.script ? SETTINGS_SCRIPT + SCRIPT : ''}</script>
</body>
</html>
`;
}

const ROLE_LABELS: Record<string, string> = {
  user: 'participant',
  moderator: 'moderator',
  guest: 'guest',
};

function initials(name: string): string {
  const letters = name.split(/\s+/).map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0] ?? '');
  return letters.slice(0, 2).join('').toUpperCase() || '?';
}

/** `waiting`: the room's waiting room holds this participant until a moderator is in the call. */
export function renderRoomPage(room: Room, participant: Participant, participants: number, nonce: string, waiting = false): string {
  const name = escapeHtml(participant.name);
  const signedIn = participant.via === 'refreshToken' ? ', signed in' : '';
  const role = escapeHtml((ROLE_LABELS[participant.role] ?? participant.role) + signedIn);
  const body = `<header>
  <div><strong>${escapeHtml(room.name)}</strong> <span class="muted">livedigital emulator · room ${escapeHtml(room.alias)} · ${escapeHtml(room.type)}</span></div>
  <div class="muted">in the call: <span id="ld-count">${participants}</span></div>
</header>
<main id="ld-main"${waiting ? ' hidden' : ''}>
  <div class="video" role="img" aria-label="camera of ${name}">${escapeHtml(initials(participant.name))}</div>
</main>
<main id="ld-waiting" role="status"${waiting ? '' : ' hidden'}><div class="card"><h1>Waiting room</h1><p>The lesson starts when the teacher (a moderator) joins.</p></div></main>
${renderSettings(room)}
<footer>
  <div>Joined as <strong id="ld-name">${name}</strong> (<span id="ld-role">${role}</span>)</div>
  <div id="ld-status" class="muted" role="status" aria-live="polite"></div>
  <span class="spacer"></span>
  ${participant.role === 'moderator' ? '<button id="ld-record" type="button" aria-pressed="false">Record</button>' : ''}
  <button id="ld-leave" type="button">Leave</button>
  <button id="ld-end" type="button" class="danger">End call</button>
</footer>`;
  const attrs = ` data-alias="${escapeHtml(room.alias)}" data-session="${escapeHtml(participant.sessionId)}"${settingsAttributes(room, waiting)}`;
  return shell({ page: waiting ? 'waiting' : 'room', title: `${room.name} · livedigital emulator`, nonce, body, bodyAttrs: attrs, script: true });
}

/** What the real site shows without a token: enter a name and join as a guest. */
export function renderJoinForm(room: Room, name: string, nonce: string, error?: string): string {
  const body = `<main><form class="card" method="post" action="/room/${encodeURIComponent(room.alias)}">
  <h1>${escapeHtml(room.name)}</h1>
  <p class="muted">livedigital emulator · room ${escapeHtml(room.alias)}</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <label for="ld-join-name">Your name</label>
  <input id="ld-join-name" name="participantName" value="${escapeHtml(name)}" maxlength="100" required autocomplete="name">
  <button type="submit">Join</button>
</form></main>`;
  return shell({ page: 'join', title: `${room.name} · livedigital emulator`, nonce, body });
}

/** Shown (HTTP 401) for used, expired, unknown or empty tokens — the same page for each, like the service. */
export function renderUnauthorized(nonce: string): string {
  const body = `<main><div class="card">
  <h1>Unauthorized</h1>
  <p>This room link is not valid: it was already used, it expired, or it was never issued.</p>
  <p class="muted">Ask the organizer for a new link.</p>
</div></main>`;
  return shell({ page: 'unauthorized', title: 'Unauthorized', nonce, body });
}

export function renderNotFound(nonce: string): string {
  const body = `<main><div class="card"><h1>Room not found</h1><p class="muted">Check the link.</p></div></main>`;
  return shell({ page: 'not-found', title: 'Room not found', nonce, body });
}
