import { roomOrigin } from './core/room-link.js';
import { log } from './diagnostics.js';
import type { UpgradeLinksOptions, upgradeLinks } from './upgrade-links.js';

/**
 * {@link upgradeLinks} with its implementation loaded on the first call by `load`: most pages
 * never turn links into rooms, so they never download it. `baseUrl` is still checked at once
 * (throws `invalid-base-url`) and the stop function returned at once; the links are upgraded as
 * soon as the implementation has loaded. If it cannot load: one console line with `load`'s
 * reason, and the links stay links.
 */
export const upgradeLinksOnDemand =
  (load: () => Promise<{ upgradeLinks: typeof upgradeLinks }>) =>
  (options: UpgradeLinksOptions = {}): (() => void) => {
    roomOrigin(options.baseUrl);
    let stop: (() => void) | undefined;
    let stopped = false;
    load().then(
      (loaded) => {
        if (!stopped) stop = loaded.upgradeLinks(options);
      },
      (error: Error) => log(`upgradeLinks: ${error.message}`, 'error'),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  };
