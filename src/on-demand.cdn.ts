/**
 * on-demand.ts as the CDN file has it: the same modules, each a file next to the CDN file
 * (`livedigital-room.<part>.js`, built by scripts/cdn-parts.mjs), loaded on first need.
 */
import { log } from './diagnostics.js';

// The CDN script while it runs (null afterwards, for modules and in Node: nothing is started here).
const src = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src;

/**
 * Loads a part from next to the CDN file. Not a relative `import()`: a CDN is another origin, and
 * a cross-origin classic script resolves `import()` against about:blank. A bare package address
 * (`https://unpkg.com/livedigital-room@0.1`, which the CDN redirects to the package's file) names
 * no file: the files are in its `dist/`. A part that cannot load says so once in the console; the
 * failure stays a TypeError, as a network failure is (the element may try again).
 */
function part<T>(name: string): () => Promise<T> {
  const file = `livedigital-room.${name}.js`;
  const url = src ? new URL(file, /\.js($|[?#])/.test(src) ? src : src.replace(/\/?$/, '/dist/')).href : `./${file}`;
  return () =>
    (import(/* @vite-ignore */ url) as Promise<T>).catch((error: Error) => {
      log(`${file} did not load (${error.message}): it must sit next to the CDN file`, 'error');
      throw new TypeError(`${error.message} (${file} must sit next to the CDN file)`);
    });
}

export const keepTryingModule = part<typeof import('./keep-trying.js')>('keep-trying');
export const askEndpointModule = part<typeof import('./ask-endpoint.js')>('ask-endpoint');
export const upgradeLinksModule = part<typeof import('./upgrade-links.js')>('upgrade-links');
