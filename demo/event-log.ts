// Shows what a host page sees: the element's events, and the webhooks the host backend verified.
import '../src/define.js';
import type { LivedigitalRoom } from '../src/element.js';

const list = document.querySelector<HTMLOListElement>('#events');

export function note(text: string): void {
  if (!list) return;
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  list.prepend(item);
}

for (const room of document.querySelectorAll<LivedigitalRoom>('livedigital-room')) {
  const name = room.id || 'room';
  room.addEventListener('ld-access', (e) => note(`${name}: ld-access (${e.source})`));
  room.addEventListener('ld-load', (e) =>
    note(`${name}: ld-load, state ${room.state}${e.blockedFeatures.length ? `; the frame around this page blocks ${e.blockedFeatures.join(', ')}` : ''}`),
  );
  room.addEventListener('ld-error', (e) => note(`${name}: ld-error ${e.code}: ${e.message}`));
  room.addEventListener('ld-finish', (e) => note(`${name}: ld-finish → ${e.redirectUrl ?? 'no redirect-url'}`));
}

const hooks = document.querySelector<HTMLOListElement>('#webhooks');
if (hooks) {
  let shown = 0;
  const poll = async () => {
    const events = (await fetch('/api/webhook-events').then((r) => r.json()).catch(() => [])) as Array<{ eventName: string; callId?: string; receivedAt: string }>;
    for (const event of events.slice(shown)) {
      const item = document.createElement('li');
      item.textContent = `${new Date(event.receivedAt).toLocaleTimeString()} ${event.eventName}${event.callId ? ` (call ${event.callId.slice(0, 8)})` : ''} — signature verified`;
      hooks.prepend(item);
    }
    shown = events.length;
  };
  void poll();
  setInterval(poll, 1500);
}
