/**
 * The one module with a side effect: registers `<livedigital-room>` (once, and only where a
 * custom element registry exists, so server-side rendering can import it). Its `upgradeLinks`
 * loads the implementation on first use; so does the CDN file's (cdn.ts).
 */
import { LivedigitalRoom } from './livedigital-room.js';
import type { LivedigitalRoomEventMap } from './events.js';
import { upgradeLinksOnDemand } from './upgrade-links-on-demand.js';
import { upgradeLinksModule } from './on-demand.js';

LivedigitalRoom.define();

export * from './api.js';

/**
 * {@link import('./upgrade-links.js').upgradeLinks}, its implementation a chunk of its own loaded
 * on the first call (see {@link upgradeLinksOnDemand}).
 */
export const upgradeLinks = /* @__PURE__ */ upgradeLinksOnDemand(upgradeLinksModule);

declare global {
  interface HTMLElementTagNameMap {
    'livedigital-room': LivedigitalRoom;
  }
  // `someElement.addEventListener('ld-finish', e => e.redirectUrl)` is typed, and so is
  // `document.addEventListener(…)`: the events bubble and cross shadow roots.
  interface HTMLElementEventMap extends LivedigitalRoomEventMap {}
  interface DocumentEventMap extends LivedigitalRoomEventMap {}
}
