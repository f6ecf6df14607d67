#!/usr/bin/env node
// Runs every test suite, even after one fails, and ends with one plain `N passed, N failed` line
// over all of them: node's runner and web-test-runner each count in their own format.
// `node scripts/run-tests.mjs browser` runs one suite by name.
// The log stays plain text (no colours, no progress bars redrawn in place), and each suite's wall
// time is printed and kept in .tmp/suite-times.json for the benchmark report.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const nodeFiles = readdirSync('test/node').filter((file) => file.endsWith('.test.ts')).sort().map((file) => `test/node/${file}`);

const suites = {
  node: {
    command: process.execPath,
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeFiles],
    count: (text) => ({ passed: first(/^ℹ pass (\d+)/m, text), failed: first(/^ℹ fail (\d+)/m, text) + first(/^ℹ cancelled (\d+)/m, text) }),
  },
  browser: {
    // Under tsx so the config can load the TypeScript host backend and stand-in for end-to-end tests.
    // Runs in Chromium, Firefox and WebKit side by side (TEST_BROWSERS narrows it).
    command: process.execPath,
    args: ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'],
    count: (text) => ({ passed: first(/^wtr totals: passed=(\d+)/m, text), failed: first(/^wtr totals: passed=\d+ failed=(\d+)/m, text) }),
  },
  clients: {
    // Packs the package, installs the tarball into real apps and loads them in Chromium; also
    // checks the byte budgets and the custom-elements manifest.
    command: process.execPath,
    args: ['test/clients/run.mjs'],
    count: (text) => ({ passed: first(/^clients totals: passed=(\d+)/m, text), failed: first(/^clients totals: passed=\d+ failed=(\d+)/m, text) }),
  },
};

function first(pattern, text) {
  return Number(pattern.exec(text)?.[1] ?? 0);
}

// wtr redraws a progress bar with cursor moves; in a log that is noise. Its counts come from the
// count reporter's own lines instead.
const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
const PROGRESS = /^\s*(\S+:\s*\|[^|]*\| \d+\/\d+ test files.*|Running tests\.\.\.)\s*$/;

function plainLines(write) {
  let pending = '';
  let blank = false;
  const emit = (line) => {
    if (PROGRESS.test(line)) return;
    const isBlank = line.trim() === '';
    if (isBlank && blank) return;
    blank = isBlank;
    write(`${line}\n`);
  };
  return {
    push(chunk) {
      pending += chunk.toString().replace(ESCAPE, '');
      const lines = pending.split(/\r?\n/);
      pending = lines.pop();
      lines.forEach(emit);
    },
    end() {
      if (pending) emit(pending);
    },
  };
}

function run({ command, args }) {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const out = plainLines((line) => {
      process.stdout.write(line);
      output += line;
    });
    const err = plainLines((line) => process.stderr.write(line));
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    const done = (code) => {
      out.end();
      err.end();
      resolve({ code, output });
    };
    child.on('error', () => done(1));
    child.on('close', (code) => done(code ?? 1));
  });
}

const timesFile = '.tmp/suite-times.json';
function recordTimes(measured) {
  let previous = {};
  try {
    if (existsSync(timesFile)) previous = JSON.parse(readFileSync(timesFile, 'utf8')).suites ?? {};
  } catch {
    // a broken file is rewritten
  }
  mkdirSync('.tmp', { recursive: true });
  const report = { cpus: availableParallelism(), suites: { ...previous, ...measured } };
  writeFileSync(timesFile, `${JSON.stringify(report, null, 2)}\n`);
}

const chosen = process.argv.slice(2);
let passed = 0;
let failed = 0;
const measured = {};
for (const [name, suite] of Object.entries(suites)) {
  if (chosen.length && !chosen.includes(name)) continue;
  const started = Date.now();
  const { code, output } = await run(suite);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const counted = suite.count(output);
  // A runner that failed without counting a failure (a crash, a file that did not load) still fails.
  if (code !== 0 && counted.failed === 0) counted.failed = 1;
  if (counted.passed + counted.failed === 0) counted.failed = 1;
  console.log(`[${name} suite] ${counted.passed} ok, ${counted.failed} failing, ${seconds} s`);
  // The machine's load says how far a time can be trusted: on a shared machine it is an upper bound.
  measured[name] = { seconds, passed: counted.passed, failed: counted.failed, finishedAt: new Date().toISOString(), loadAverage: loadavg()[0] };
  passed += counted.passed;
  failed += counted.failed;
}
recordTimes(measured);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
