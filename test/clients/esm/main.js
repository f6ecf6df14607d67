// The class-only entry registers nothing; the page picks its own tag.
import { LivedigitalRoom, LdFinishEvent } from 'livedigital-room/element';

window.__registeredByImport = Boolean(customElements.get('livedigital-room'));
LivedigitalRoom.define('lesson-room');

const params = new URLSearchParams(location.search);
const room = document.createElement('lesson-room');
room.baseUrl = params.get('base');
room.alias = params.get('alias');
room.participantName = 'Ann';
room.style.height = '480px';
window.__fetches = 0;
room.fetcher = async ({ alias, participantName, signal }) => {
  window.__fetches++;
  const response = await fetch('/api/access', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ alias, participantName }),
    signal,
  });
  return response.json();
};
window.__events = [];
for (const type of ['ld-access', 'ld-load', 'ld-error', 'ld-finish']) {
  room.addEventListener(type, (event) => {
    window.__events.push({ type, url: event.url ?? null, code: event.code ?? null, finishClass: event instanceof LdFinishEvent });
    if (type === 'ld-finish') document.getElementById('finished').textContent = String(window.__events.filter((e) => e.type === 'ld-finish').length);
  });
}
document.getElementById('slot').append(room);
