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

// Wide enough that the React wrapper's richer `React.JSX` entry is a subtype of it: @types/react 18
// makes React.JSX.IntrinsicElements extend this global one, and a narrower type here is a compile
// error in every React 18 app that checks library types.
type RoomAttributes = Partial<{
  alias: string | null;
  'participant-name': string;
  'access-token': string;
  'refresh-token': string;
  src: string | null;
  'event-id': string;
  'base-url': string;
  'access-endpoint': string;
  'access-timeout': string | number;
  'redirect-url': string;
  allow: string | null;
  deny: string | null;
  'disable-support': boolean;
  'click-to-join': boolean;
  label: string | null;
  lang: string;
  width: string | number | null;
  height: string | number | null;
  id: string;
  class: string;
  className: string;
  style: unknown;
  slot: string;
  hidden: boolean;
  ref: unknown;
  key: string | number | bigint | null;
  children: unknown;
}>;

declare global {
  interface HTMLElementTagNameMap {
    'livedigital-room': LivedigitalRoom;
  }
  // `someElement.addEventListener('ld-finish', e => e.redirectUrl)` is typed, and so is
  // `document.addEventListener(…)`: the events bubble and cross shadow roots.
  interface HTMLElementEventMap extends LivedigitalRoomEventMap {}
  interface DocumentEventMap extends LivedigitalRoomEventMap {}
  // React 19 and other JSX users: `<livedigital-room alias="…" />` type-checks.
  namespace JSX {
    interface IntrinsicElements {
      'livedigital-room': RoomAttributes;
    }
  }
}
