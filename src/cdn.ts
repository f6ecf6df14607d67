/**
 * The CDN file's entry (`livedigital-room.iife.js`, global `LivedigitalRoom`): `./define` as one
 * classic script, whose on-demand code (on-demand.ts) is files next to it, and the
 * `data-upgrade-links` start.
 */
import { upgradeLinks } from './define.js';

export * from './define.js';

// This tag while it runs (null for modules and in Node: importing the package never starts this).
const script = globalThis.document?.currentScript;

// The CDN tag `<script src=… data-upgrade-links data-base-url=…>` turns the site's room links into
// rooms, its data-* being the site's defaults.
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
