#!/usr/bin/env node
// Runs every test suite, even after one fails, and ends with one plain `N passed, N failed` line
// over all of them: node's runner and web-test-runner each count in their own format.
// `node scripts/run-tests.mjs browser` runs one suite by name.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const nodeFiles = readdirSync('test/node').filter((file) => file.endsWith('.test.ts')).sort().map((file) => `test/node/${file}`);

const suites = {
  node: {
    command: process.execPath,
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeFiles],
    count: (text) => ({ passed: first(/^ℹ pass (\d+)/m, text), failed: first(/^ℹ fail (\d+)/m, text) + first(/^ℹ cancelled (\d+)/m, text) }),
  },
  browser: {
    // Under tsx so the config can load the TypeScript host backend and stand-in for end-to-end tests.
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

function run({ command, args }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('error', () => resolve({ code: 1, output }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const chosen = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, suite] of Object.entries(suites)) {
  if (chosen.length && !chosen.includes(name)) continue;
  const { code, output } = await run(suite);
  const counted = suite.count(output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''));
  // A runner that failed without counting a failure (a crash, a file that did not load) still fails.
  if (code !== 0 && counted.failed === 0) counted.failed = 1;
  if (counted.passed + counted.failed === 0) counted.failed = 1;
  console.log(`[${name} suite] ${counted.passed} ok, ${counted.failed} failing`);
  passed += counted.passed;
  failed += counted.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
