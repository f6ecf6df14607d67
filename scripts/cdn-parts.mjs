#!/usr/bin/env node
// The files the CDN file loads from next to itself on first need, as the ESM build loads its
// chunks (src/on-demand.ts names them): `livedigital-room.<part>.js`, one self-contained ES module
// each. What must be the CDN file's own — the RoomError class, so `instanceof` holds for an error
// made in a part — each takes from the CDN file's global `LivedigitalRoom` instead of a copy.
//
// `node scripts/cdn-parts.mjs [outdir]` writes them (with source maps) into dist/; the tests build
// them in memory with `buildCdnParts({ write: false })`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The parts, by the source module each is built from. */
export const CDN_PARTS = ['upgrade-links', 'keep-trying', 'ask-endpoint'];

export const cdnPartFile = (part) => `livedigital-room.${part}.js`;

/** In the CDN file, this module stands in for on-demand.ts (the Vite build and the tests swap it). */
export const CDN_ON_DEMAND = { module: './on-demand.js', cdn: './on-demand.cdn.ts' };

/** `core/errors.js` inside a part: the CDN file's own classes, from its global. */
const sharedFromGlobal = {
  name: 'cdn-part-shared',
  setup(b) {
    b.onResolve({ filter: /\/core\/errors\.js$/ }, () => ({ path: 'errors', namespace: 'cdn-global' }));
    b.onLoad({ filter: /.*/, namespace: 'cdn-global' }, () => ({ contents: 'export const { RoomError } = globalThis.LivedigitalRoom;', loader: 'js' }));
  },
};

/** Builds every part: `{ [file]: text }` (written to `outdir` as well unless `write` is false). */
export async function buildCdnParts({ outdir = 'dist', write = true } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(CDN_PARTS.map((part) => [cdnPartFile(part).slice(0, -3), `src/${part}.ts`])),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    sourcemap: write,
    outdir,
    write,
    logLevel: 'warning',
    plugins: [sharedFromGlobal],
  });
  if (write) return {};
  return Object.fromEntries(result.outputFiles.filter((file) => file.path.endsWith('.js')).map((file) => [file.path.split('/').pop(), file.text]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCdnParts({ outdir: process.argv[2] ?? 'dist' });
