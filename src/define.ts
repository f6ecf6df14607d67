/**
 * The one module with a side effect: registers `<livedigital-room>` (once, and only where a
 * custom element registry exists, so server-side rendering can import it).
 */
import { LivedigitalRoom } from './livedigital-room.js';
import type { LivedigitalRoomEventMap } from './events.js';
import { upgradeLinks } from './upgrade-links.js';

LivedigitalRoom.define();

// The CDN tag `<script src=… data-upgrade-links data-base-url=…>` turns the site's room links into
// rooms, its data-* being the site's defaults. `currentScript` names this tag only while it runs
// (it is null for modules and in Node, so importing the package never starts this).
const script = globalThis.document?.currentScript;
if (script?.hasAttribute('data-upgrade-links')) {
  const start = () => {
    try {
      upgradeLinks({ ...script.dataset, clickToJoin: script.hasAttribute('data-click-to-join') });
    } catch (error) {
      console.error('data-upgrade-links:', (error as Error).message);
    }
  };
  // Links still being parsed may lack their text yet: start on the finished document.
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

export * from './element.js';

declare global {
  interface HTMLElementTagNameMap {
    'livedigital-room': LivedigitalRoom;
  }
  // `someElement.addEventListener('ld-finish', e => e.redirectUrl)` is typed, and so is
  // `document.addEventListener(…)`: the events bubble and cross shadow roots.
  interface HTMLElementEventMap extends LivedigitalRoomEventMap {}
  interface DocumentEventMap extends LivedigitalRoomEventMap {}
}
