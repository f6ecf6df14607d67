/**
 * The CDN file's entry (`livedigital-room.iife.js`, global `LivedigitalRoom`): registers the
 * element like `./define`, with everything inside but the `upgradeLinks` implementation, which
 * most pages never use: that is the file `livedigital-room.upgrade-links.js` next to this one,
 * loaded on the first call.
 */
import { LivedigitalRoom } from './livedigital-room.js';
import { upgradeLinksOnDemand } from './upgrade-links-on-demand.js';

LivedigitalRoom.define();

export * from './api.js';

// This tag while it runs (null afterwards, for modules and in Node: importing never starts anything).
const script = globalThis.document?.currentScript as HTMLScriptElement | null | undefined;
const src = script?.src;
const FILE = 'livedigital-room.upgrade-links.js';
// Not a relative `import()`: a CDN is another origin, and a cross-origin classic script resolves
// `import()` against about:blank. A bare package address (`https://unpkg.com/livedigital-room@0.1`,
// which the CDN redirects to the package's file) names no file: the files are in its `dist/`.
const sibling = src ? new URL(FILE, /\.js($|[?#])/.test(src) ? src : src.replace(/\/?$/, '/dist/')).href : `./${FILE}`;

/** {@link import('./upgrade-links.js').upgradeLinks}, loaded from next to the CDN file on the first call. */
export const upgradeLinks = upgradeLinksOnDemand(() =>
  // Left to the browser: the file is built on its own from upgrade-links.ts (`vite build --mode upgrade-links`).
  (import(/* @vite-ignore */ sibling) as Promise<typeof import('./upgrade-links.js')>).catch((error: Error) => {
    throw Error(`${error.message} (${FILE} must sit next to the CDN file)`);
  }),
);

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
