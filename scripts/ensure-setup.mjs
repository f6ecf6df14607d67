#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine by themselves: installs the locked
// dependencies when they are missing or older than the lockfile, and (for the tests) Debian's
// browsers — Chromium, Firefox ESR, WebKitGTK's WebDriver with a virtual display — that are
// missing, when this is a root shell with apt-get; otherwise it says what to install.
// Uses only Node's built-ins, since it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('> installing dependencies (npm ci)');
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--browser')) {
  // What each engine needs, as Debian package → file it provides. TEST_BROWSERS narrows the run
  // (and so the set-up) to some engines; the *_PATH variables point at browsers installed elsewhere.
  const engines = {
    chromium: [['chromium', process.env.CHROME_PATH || '/usr/bin/chromium']],
    firefox: [['firefox-esr', process.env.FIREFOX_PATH || '/usr/bin/firefox-esr']],
    webkit: [
      ['webkit2gtk-driver', '/usr/bin/WebKitWebDriver'],
      ['xvfb', '/usr/bin/Xvfb'],
    ],
  };
  const chosen = (process.env.TEST_BROWSERS || Object.keys(engines).join(',')).split(',').map((name) => name.trim().toLowerCase());
  const missing = chosen.flatMap((name) => engines[name] ?? []).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length) {
    const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canApt) {
      console.error(`Missing browsers for the tests. Install them (Debian: sudo apt-get install ${missing.join(' ')}),`);
      console.error('or set CHROME_PATH / FIREFOX_PATH / WEBKIT_MINIBROWSER_PATH, or narrow the engines with TEST_BROWSERS=chromium.');
      process.exit(1);
    }
    // apt's progress would bury the test output: it goes to a log file, and one line here.
    mkdirSync('.tmp', { recursive: true });
    const log = '.tmp/apt.log';
    console.log(`> installing ${missing.join(', ')} with apt-get (log: ${log})`);
    const out = openSync(log, 'w');
    try {
      const quiet = { stdio: ['ignore', out, out], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
      execFileSync('apt-get', ['update', '-qq'], quiet);
      execFileSync('apt-get', ['install', '-y', '-qq', ...missing], quiet);
    } catch {
      console.error(`apt-get failed; see ${log}`);
      process.exit(1);
    } finally {
      closeSync(out);
    }
  }
}
