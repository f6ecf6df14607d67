/**
 * The one module with a side effect: registers `<livedigital-room>` (once, and only where a
 * custom element registry exists, so server-side rendering can import it). Its `upgradeLinks`
 * loads the implementation on first use; the CDN file (cdn.ts) has it built in.
 */
import { LivedigitalRoom } from './livedigital-room.js';
import type { LivedigitalRoomEventMap } from './events.js';
import { roomOrigin } from './core/room-link.js';
import { log } from './diagnostics.js';
import type { UpgradeLinksOptions } from './upgrade-links.js';

LivedigitalRoom.define();

export * from './api.js';

/**
 * {@link import('./upgrade-links.js').upgradeLinks} as the main entry offers it: most pages never
 * turn links into rooms, so the implementation is a chunk of its own, loaded on the first call.
 * `baseUrl` is still checked at once (throws `invalid-base-url`) and the stop function returned
 * at once; the links are upgraded as soon as the chunk has loaded.
 */
export function upgradeLinks(options: UpgradeLinksOptions = {}): () => void {
  roomOrigin(options.baseUrl);
  let stop: (() => void) | undefined;
  let stopped = false;
  import('./upgrade-links.js').then(
    (chunk) => {
      if (!stopped) stop = chunk.upgradeLinks(options);
    },
    (error: Error) => log(`upgradeLinks: ${error.message}`, 'error'),
  );
  return () => {
    stopped = true;
    stop?.();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'livedigital-room': LivedigitalRoom;
  }
  // `someElement.addEventListener('ld-finish', e => e.redirectUrl)` is typed, and so is
  // `document.addEventListener(…)`: the events bubble and cross shadow roots.
  interface HTMLElementEventMap extends LivedigitalRoomEventMap {}
  interface DocumentEventMap extends LivedigitalRoomEventMap {}
}
