// Bytes: the built files against their budgets and against a hand-written iframe element, and the
// marginal gzip bytes of each feature: the ESM own code a page downloads up front, built with the
// feature and again with its module replaced by a stub that does the plain thing (no retry, load
// at once, …).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleOwnCode, figures } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Each feature and the stubs that take it out. A stub keeps the module's exports and drops the
 * behaviour; add a line here when a feature gets its own module.
 */
export const FEATURES = {
  'retry when the backend is busy': {
    'src/patience.ts': `import { obtainRoomLink } from './access.js';
      export const obtainPatiently = (inputs: any, signal: any, ..._: any[]) => obtainRoomLink(inputs, signal);`,
  },
  'loading="lazy"': { 'src/lazy.ts': 'export const whenNear = (_t: any, _s: any, near: () => void) => near();' },
  'facade lines (room, name, camera note)': { 'src/facade.ts': 'export const facadeLines = (..._: any[]): Array<[string, string]> => [];' },
  'preconnect warm-up': { 'src/preconnect.ts': 'export const preconnect = (..._: any[]) => {};' },
};

async function ownCodeGzip(stubs = {}) {
  // What a page downloads up front, as `npm run size` counts it: code loaded on first need is not.
  const upFront = await bundleOwnCode(`${root}src/index.ts`, ['lit', 'lit/*', '@lit/*', 'typescript-event-target'], [
    {
      name: 'feature-stubs',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, ({ path }) => {
          const key = Object.keys(stubs).find((file) => path.endsWith(file));
          return key ? { contents: stubs[key], loader: 'ts' } : undefined;
        });
      },
    },
  ]);
  return gzipSync(upFront, { level: 9 }).length;
}

/** `{ handWritten: {min, gzip, brotli}, features: [{ name, gzip }] }` (gzip bytes each feature adds). */
export async function measureFeatures() {
  const handWritten = (await build({ entryPoints: [`${root}bench/hand-written-element.js`], minify: true, write: false, logLevel: 'silent' })).outputFiles[0].contents;
  const full = await ownCodeGzip();
  const features = [];
  for (const [name, stubs] of Object.entries(FEATURES)) {
    features.push({ name, gzip: full - (await ownCodeGzip(stubs)) });
  }
  return { handWritten: figures(Buffer.from(handWritten)), features };
}
