#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine by themselves: installs the locked
// dependencies when they are missing or older than the lockfile, and (for the tests) Debian's
// Chromium when there is no browser and this is a root shell with apt-get; otherwise it says how.
// Uses only Node's built-ins, since it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('> installing dependencies (npm ci)');
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--browser')) {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canApt) {
      console.error(`No Chromium at ${chrome}. Install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
      process.exit(1);
    }
    console.log('> installing Chromium (apt-get install chromium)');
    run('apt-get', ['update', '-qq']);
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}
