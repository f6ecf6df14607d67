import { roomOrigin } from './core/room-link.js';
import { log } from './diagnostics.js';
import type { UpgradeLinksOptions } from './upgrade-links.js';

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
