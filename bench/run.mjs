#!/usr/bin/env node
// `npm run bench`: builds the package, then prints one table of figures, each against a baseline
// measured in the same run (a hand-written element, a bare node:http handler, retries off …),
// so a busy machine moves both sides. Takes a few minutes on two cores.
// `--quick` takes fewer samples (for a look, not for the README).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureFeatures } from './bytes.mjs';
import { measureHandlerCpu } from './handler-cpu.mjs';
import { measurePage } from './page.mjs';
import { BUDGETS, measure } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const rows = [];
const row = (what, value, baseline = '', ratio = '', goal = '', ok = null) =>
  rows.push([what, String(value), String(baseline), String(ratio), goal, ok === null ? '' : ok ? 'ok' : 'MISSED']);

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const ms = (value) => `${value.toFixed(2)} ms`;
const x = (ratio) => `${ratio.toFixed(2)}×`;
const quantile = (values, q) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

console.error('building …');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

console.error('bytes …');
const sizes = await measure(`${root}dist`);
const { handWritten, features } = await measureFeatures();
for (const [name, label] of [['iife', 'IIFE all-in-one, Lit inside'], ['esm', 'ESM "." own code, Lit external']]) {
  const { min, gzip, brotli } = sizes[name];
  row(`${label}: min / gzip / brotli`, `${kB(min)} / ${kB(gzip)} / ${kB(brotli)}`, `hand-written ${kB(handWritten.gzip)} gzip`, x(gzip / handWritten.gzip), `≤ ${kB(BUDGETS[name].limit)} gzip`, gzip <= BUDGETS[name].limit);
}
row('  on first need only (busy backend, access endpoint, link upgrade): IIFE / ESM', `${kB(sizes.iifeOnDemand.gzip)} / ${kB(sizes.onDemand.gzip)} gzip`, '', '', '', null);
for (const { name, gzip } of features) row(`  marginal gzip up front: ${name}`, `${gzip} B`, '', '', '', null);

console.error('browser: connect → iframe, 50 lazy rooms, mount / unmount cycles …');
const cycles = quick ? 200 : 1000;
const page = await measurePage({ mounts: quick ? 100 : 600, cycles });
const [median, p95] = [0.5, 0.95].map((q) => [quantile(page.times.element, q), quantile(page.times.hand, q)]);
row(`connect → iframe with src, median (${page.times.element.length} mounts each, interleaved)`, ms(median[0]), `hand-written ${ms(median[1])}`, x(median[0] / median[1]), '≤ 1.5×', median[0] / median[1] <= 1.5);
row('connect → iframe with src, p95', ms(p95[0]), `hand-written ${ms(p95[1])}`, x(p95[0] / p95[1]));
const { first, second } = page.lazy;
row('50 lazy rooms, 2 near the viewport: fetches / iframes', `${first.fetches} / ${first.iframes}`, '', '', '2 / 2', first.fetches === 2 && first.iframes === 2);
row('  after scrolling one more near', `${second.fetches} / ${second.iframes}`, '', '', '3 / 3', second.fetches === 3 && second.iframes === 3);
row(`${cycles} mount / unmount cycles: message listeners left`, page.listenersLeft, `${page.listenersWhileMounted} while one is mounted`, '', '0', page.listenersLeft === 0 && page.listenersWhileMounted === 1);
row(`  heap growth`, kB(page.heap['livedigital-room']), `hand-written ${kB(page.heap['hand-written-room'])}`);

console.error('access-link handler CPU …');
const cpu = await measureHandlerCpu({ requests: quick ? 1000 : 5000 });
row('access-link handler, CPU per request (stub client)', `${cpu.handler.toFixed(0)} µs`, `bare node:http ${cpu.bare.toFixed(0)} µs`, x(cpu.handler / cpu.bare));

if (existsSync(`${root}bench/burst.mjs`)) {
  console.error('lesson-start burst …');
  const { runBurst } = await import('./burst.mjs');
  const { config, baseline, withRetries, goal } = await runBurst(quick ? { students: 100 } : {});
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const crowd = `${config.students} students, stand-in ${config.concurrency} at once / ${config.perSecond} per s`;
  row(`lesson-start burst (${crowd}): joined`, `${withRetries.joined} / ${config.students}`, `retries off: ${baseline.joined}`, '', 'all', goal.allJoined);
  row('  last link', s(withRetries.lastLinkMs), `floor ${s(goal.floorMs)}`, x(withRetries.lastLinkMs / goal.floorMs), '≤ 2×', goal.lastLinkWithin2xFloor);
  row('  p50 / p95 time to link', `${s(withRetries.p50Ms)} / ${s(withRetries.p95Ms)}`, `retries off: ${s(baseline.p50Ms)} / ${s(baseline.p95Ms)}`);
  row('  peak upstream at once / per second', `${withRetries.peakUpstreamConcurrent} / ${withRetries.peakUpstreamPerSecond}`, `limits ${config.concurrency} / ${config.perSecond}`, '', 'within', goal.withinLimits);
  row('  upstream requests per link', withRetries.upstreamPerLink.toFixed(2), `retries off: ${baseline.upstreamPerLink.toFixed(2)}`);
} else {
  row('lesson-start burst', 'bench/burst.mjs not present');
}

const timesFile = `${root}.tmp/suite-times.json`;
if (existsSync(timesFile)) {
  const { suites = {} } = JSON.parse(readFileSync(timesFile, 'utf8'));
  for (const [suite, { seconds, loadAverage }] of Object.entries(suites)) {
    row(`wall time of the ${suite} suite (last npm test)`, `${Number(seconds).toFixed(1)} s`, loadAverage === undefined ? '' : `load average ${loadAverage}`);
  }
} else {
  row('wall time of each test suite', 'run npm test first');
}

const header = ['figure', 'livedigital-room', 'baseline (same run)', 'ratio', 'goal', ''];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => (cells[column] ?? '').length)));
const line = (cells) => `| ${cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join(' | ')} |`;
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
const cpuCount = (await import('node:os')).cpus().length;
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpuCount} cores, Node ${process.versions.node}, ${spawnSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version']).stdout?.toString().trim() || 'Chromium'}`);
process.exitCode = rows.some((cells) => cells[5] === 'MISSED') ? 1 : 0;
