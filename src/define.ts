/**
 * The one module with a side effect: registers `<livedigital-room>` (once, and only where a
 * custom element registry exists, so server-side rendering can import it).
 */
import { LivedigitalRoom } from './livedigital-room.js';
import type { LivedigitalRoomEventMap } from './events.js';

LivedigitalRoom.define();

export * from './element.js';

type RoomAttributes = Partial<{
  alias: string;
  'participant-name': string;
  'access-token': string;
  'refresh-token': string;
  src: string;
  'event-id': string;
  'base-url': string;
  'access-endpoint': string;
  'access-timeout': string | number;
  'redirect-url': string;
  allow: string;
  deny: string;
  'disable-support': boolean;
  'click-to-join': boolean;
  label: string;
  lang: string;
  width: string | number;
  height: string | number;
  id: string;
  class: string;
  className: string;
  style: unknown;
  slot: string;
  hidden: boolean;
  ref: unknown;
  key: string | number;
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
