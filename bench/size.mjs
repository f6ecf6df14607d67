#!/usr/bin/env node
// Sizes of what a page downloads, from a built dist/ (`npm run build` first):
// - the all-in-one IIFE (`unpkg` / `jsdelivr`: Lit inside, registers the element); the files next
//   to it that it loads on first need (scripts/cdn-parts.mjs) on a row of their own;
// - the ESM `.` entry's own code with `lit` left external, as a bundler sees it: dist/index.js
//   and every module of ours it imports statically, bundled; what it loads on first use (see
//   src/on-demand.ts) on a row of its own;
// - the React wrapper's own code on top of that, for information.
// Each as minified bytes, gzip (level 9) and brotli (quality 11). 1 kB = 1000 bytes.
//
// `node bench/size.mjs [dist-dir]` prints a table; `--check` also exits 1 when a budget is over.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CDN_PARTS, cdnPartFile } from '../scripts/cdn-parts.mjs';

/**
 * Byte budgets, gzip, of what every page downloads up front, with every feature in: the CDN file
 * at least 11 % under Whereby's embed CDN file (10.14 kB), which does far less, and the ESM entry's
 * own code. What loads on first need (the rows "on first use") is shown, not budgeted: a page pays
 * for it only when it uses it. Enforced by `--check` and the clients suite.
 */
export const BUDGETS = {
  iife: { limit: 9_000, label: 'IIFE all-in-one (Lit inside)' },
  esm: { limit: 6_500, label: 'ESM "." own code (lit external)' },
};

export function figures(bytes) {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * What a page loads up front for `entry`: its bundle and the chunks that bundle imports
 * statically, as one buffer. A chunk behind `import()` (upgradeLinks' implementation in `.`)
 * loads only when used: `onDemand` has its bytes.
 */
export async function bundleOwnCode(entry, external, plugins = []) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: 'size-out',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    external,
    plugins,
  });
  const { outputs } = result.metafile;
  const contents = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  const bytesOf = (path) => contents.get(resolve(path));
  const upFront = new Set();
  const visit = (path) => {
    if (upFront.has(path)) return;
    upFront.add(path);
    for (const { path: chunk, kind, external: outside } of outputs[path].imports) {
      if (kind === 'import-statement' && !outside) visit(chunk);
    }
  };
  visit(Object.keys(outputs).find((path) => outputs[path].entryPoint));
  const onDemand = Object.keys(outputs).filter((path) => !upFront.has(path) && !path.endsWith('.map'));
  return Object.assign(Buffer.concat([...upFront].map(bytesOf)), { onDemand: Buffer.concat(onDemand.map(bytesOf)) });
}

/**
 * Measures a dist/ directory: `{ iife, iifeOnDemand, esm, onDemand, react }`, each
 * `{ min, gzip, brotli }` in bytes.
 */
export async function measure(distDir = 'dist') {
  const dist = resolve(distDir);
  const iife = figures(readFileSync(join(dist, 'livedigital-room.iife.js')));
  const iifeOnDemand = figures(Buffer.concat(CDN_PARTS.map((part) => readFileSync(join(dist, cdnPartFile(part))))));
  const litExternal = ['lit', 'lit/*', '@lit/*'];
  const esmCode = await bundleOwnCode(join(dist, 'index.js'), litExternal);
  const esm = figures(esmCode);
  const withReact = figures(await bundleOwnCode(join(dist, 'react.js'), [...litExternal, 'react', 'react/*']));
  const react = { min: withReact.min - esm.min, gzip: withReact.gzip - esm.gzip, brotli: withReact.brotli - esm.brotli };
  return { iife, iifeOnDemand, esm, onDemand: figures(esmCode.onDemand), react };
}

/** One line per budget: `{ name, label, gzip, limit, ok }`. */
export function checkBudgets(sizes) {
  return Object.entries(BUDGETS).map(([name, { limit, label }]) => ({
    name,
    label,
    gzip: sizes[name].gzip,
    limit,
    ok: sizes[name].gzip <= limit,
  }));
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

export function formatTable(sizes) {
  const rows = [
    ['', 'min', 'gzip', 'brotli', 'budget (gzip)'],
    ['IIFE all-in-one', kB(sizes.iife.min), kB(sizes.iife.gzip), kB(sizes.iife.brotli), kB(BUDGETS.iife.limit)],
    ['IIFE on first use', kB(sizes.iifeOnDemand.min), kB(sizes.iifeOnDemand.gzip), kB(sizes.iifeOnDemand.brotli), '-'],
    ['ESM "." own code', kB(sizes.esm.min), kB(sizes.esm.gzip), kB(sizes.esm.brotli), kB(BUDGETS.esm.limit)],
    ['ESM "." on first use', kB(sizes.onDemand.min), kB(sizes.onDemand.gzip), kB(sizes.onDemand.brotli), '-'],
    ['React wrapper on top', kB(sizes.react.min), kB(sizes.react.gzip), kB(sizes.react.brotli), '-'],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const sizes = await measure(args.find((arg) => !arg.startsWith('--')) ?? 'dist');
  console.log(formatTable(sizes));
  if (args.includes('--json')) console.log(JSON.stringify(sizes));
  const lines = checkBudgets(sizes);
  if (args.includes('--check')) {
    const over = lines.filter((line) => !line.ok);
    for (const line of over) console.log(`over budget: ${line.label} ${line.gzip} B gzip > ${line.limit} B`);
    process.exit(over.length ? 1 : 0);
  }
}
