/**
 * The CDN file's entry (`livedigital-room.iife.js`, global `LivedigitalRoom`): registers the
 * element like `./define`, with everything inside — `upgradeLinks` too, not loaded on demand
 * (a classic script has no chunks to load).
 */
import { LivedigitalRoom } from './livedigital-room.js';
import { upgradeLinks } from './upgrade-links.js';

LivedigitalRoom.define();

export * from './element.js';

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
