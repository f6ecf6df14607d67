#!/usr/bin/env node
// The real-client suite: what integrators get from npm, tested as they would use it.
//
// 1. Build, `npm pack`, and install the tarball (not the source tree) with React, Vue and Vite
//    into a workspace in the OS temp dir, so nothing resolves from this repository. Versions come
//    from this repository's install, so npm finds them in its cache (`--prefer-offline`).
// 2. In plain Node: every entry imports without a DOM; server rendering of the React wrapper;
//    the byte budgets; the custom-elements manifest against the element itself; the published
//    types compile for React 19 and 18 apps, a Vue app (vue-tsc) and an Angular app (ngc, AOT).
//    React 18 and Next.js get workspaces of their own.
// 3. Apps built with Vite from the installed package — plain HTML with the CDN file (and a course
//    page whose plain room link the CDN file's data-upgrade-links turns into a room), a class-only
//    ESM page (also under a strict CSP), React 19 and React 18 (production and development/
//    StrictMode each), Vue 3 and Angular 21 — served on http://localhost with the host backend
//    (`livedigital-room/server`) and the livedigital stand-in (`livedigital-room/emulator`) on
//    http://127.0.0.1, a second origin. In headless Chromium each must show the room iframe with
//    the link its fetcher got and receive `ld-finish` from the room when the call ends.
// 4. A Next.js App Router app, built by `next build` with no secrets in the environment and run by
//    `next start`: the React wrapper as a client component, the server half as a route handler.
//
// Prints `ok`/`not ok` per check and `clients totals: passed=N failed=N`.
// CHROME_PATH overrides /usr/bin/chromium; KEEP_CLIENTS=1 keeps the workspace for a look.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { checkBudgets, formatTable, measure } from '../../bench/size.mjs';
import { CDN_PARTS, cdnPartFile } from '../../scripts/cdn-parts.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const started = Date.now();
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  const text = String(detail);
  const shown = text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} characters)` : text;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `\n    ${shown.replace(/\n/g, '\n    ')}` : ''}`);
  return ok;
}

function step(title) {
  console.log(`\n== ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Runs a command; resolves `{ code, out }` (stdout and stderr together). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', (error) => resolve({ code: 1, out: `${out}${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Next.js, for the App Router: the wrapper as a client component, the server half as a route. */
const NEXT_VERSION = '16.4.6';
/** The React 18 line the wrapper still supports (`peerDependencies`), with its own types. */
const REACT_18 = { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.31', '@types/react-dom': '18.3.7' };
const installedVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

const work = mkdtempSync(join(tmpdir(), 'livedigital-clients-'));
const ws = join(work, 'ws');
let server = null;
let nextServer = null;
let browser = null;

async function main() {
  step('build and pack');
  const built = await run(npm, ['run', '--silent', 'build'], { cwd: root });
  if (!check('npm run build', built.code === 0, built.out.slice(-2000))) return;
  const packed = await run(npm, ['pack', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], { cwd: root });
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
  if (!check('npm pack', packed.code === 0 && tarball, packed.out.slice(-2000))) return;

  step('install the tarball into the client workspaces');
  const copy = (from, to) => cpSync(from, to, { recursive: true, filter: (source) => !/node_modules|dist/.test(source.slice(from.length)) });
  copy(here, ws);
  const tarballSpec = `file:${join(work, tarball)}`;
  const pinned = (names) => Object.fromEntries(names.map((name) => [name, installedVersion(name)]));
  const angular = ['@angular/core', '@angular/common', '@angular/compiler', '@angular/compiler-cli', '@angular/platform-browser', '@babel/core', 'rxjs'];
  // React 18 cannot share a workspace with React 19 (react-dom's peer dependency), so the same
  // React app gets one of its own; Next.js too, being large and bringing its own build.
  const react18 = join(work, 'react18');
  copy(join(here, 'react'), join(react18, 'react'));
  const nextApp = join(ws, 'next');
  const installs = await Promise.all([
    installWorkspace(ws, 'React, Vue, Angular and Vite', {
      'livedigital-room': tarballSpec,
      ...pinned(['react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'vite', '@vitejs/plugin-react', '@vitejs/plugin-vue', 'typescript', 'vue-tsc', ...angular]),
    }),
    installWorkspace(react18, 'React 18 and Vite', { 'livedigital-room': tarballSpec, ...REACT_18, ...pinned(['vite', '@vitejs/plugin-react', 'typescript']) }),
    installWorkspace(nextApp, `Next.js ${NEXT_VERSION}`, {
      'livedigital-room': tarballSpec,
      next: NEXT_VERSION,
      ...pinned(['react', 'react-dom', '@types/react', '@types/react-dom', '@types/node', 'typescript']),
    }),
  ]);
  if (installs.includes(false)) return;
  const pkgDir = join(ws, 'node_modules', 'livedigital-room');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

  step('package contents');
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  const missing = targets.filter((target) => !existsSync(join(pkgDir, target)));
  check('every `exports` target is in the tarball', missing.length === 0, missing.join(', '));
  const withoutTypes = Object.entries(pkg.exports).filter(([key, target]) => key.match(/^\.(\/(define|element|react|server|emulator))?$/) && !target.types);
  check('every code entry has `types`', withoutTypes.length === 0, withoutTypes.map(([key]) => key).join(', '));
  for (const field of ['unpkg', 'jsdelivr', 'customElements', 'types']) {
    check(`package.json \`${field}\` names a file in the tarball`, Boolean(pkg[field]) && existsSync(join(pkgDir, pkg[field])), pkg[field]);
  }
  const parts = CDN_PARTS.map((part) => join(dirname(pkg.unpkg), cdnPartFile(part)));
  const absent = parts.filter((file) => !existsSync(join(pkgDir, file)));
  check('the files the CDN file loads on first need are next to it in the tarball', absent.length === 0, absent.join(', '));
  const stray = ['test', 'demo', 'bench', 'scripts', 'node_modules'].filter((dir) => existsSync(join(pkgDir, dir)));
  check('no tests, demo or build scripts in the tarball', stray.length === 0, stray.join(', '));
  check('source maps ship with the bundles', ['dist/livedigital-room.iife.js.map', ...CDN_PARTS.map((part) => `dist/${cdnPartFile(part)}.map`), 'dist/define.js.map', 'dist/server/index.js.map'].every((f) => existsSync(join(pkgDir, f))));

  step('sizes (byte budgets, gzip)');
  const sizes = await measure(join(pkgDir, 'dist'));
  console.log(formatTable(sizes));
  for (const line of checkBudgets(sizes)) {
    check(`${line.label}: ${line.gzip} B gzip ≤ ${line.limit} B budget`, line.ok, `over by ${line.gzip - line.limit} B`);
  }

  step('plain Node: entries, server rendering, manifest');
  const nodeChecks = await run(process.execPath, [join(ws, 'node-checks.mjs')], { cwd: ws });
  for (const line of nodeChecks.out.split('\n')) {
    const match = /^(ok|not ok) - (.*)$/.exec(line);
    if (match) check(match[2].split(' :: ')[0], match[1] === 'ok', match[2].split(' :: ')[1]);
    else if (line.trim()) console.log(`    ${line}`);
  }
  check('node checks ran to the end', nodeChecks.code === 0 && /^ok - /m.test(nodeChecks.out), nodeChecks.out.slice(-1500));

  step('types: the React, Vue and Angular apps type-check against the published declarations (ngc also compiles Angular ahead of time)');
  const tsc = (bin, project) => run(process.execPath, [join(ws, 'node_modules', bin), '-p', project], { cwd: ws });
  const [reactTypes, react18Types, vueTypes, angularTypes] = await Promise.all([
    tsc('typescript/bin/tsc', 'react/tsconfig.json'),
    run(process.execPath, [join(react18, 'node_modules/typescript/bin/tsc'), '-p', 'react/tsconfig.json'], { cwd: react18 }),
    tsc('vue-tsc/bin/vue-tsc.js', 'vue/tsconfig.json'),
    tsc('@angular/compiler-cli/bundles/src/bin/ngc.js', 'angular/tsconfig.json'),
  ]);
  check('tsc on the React app (wrapper props, JSX tag, typed DOM events)', reactTypes.code === 0, reactTypes.out.slice(-3000));
  check('tsc on the same app with React 18 and @types/react 18 (library types checked too)', react18Types.code === 0, react18Types.out.slice(-3000));
  check('vue-tsc on the Vue app with the README typing recipe (props and events of the tag)', vueTypes.code === 0, vueTypes.out.slice(-3000));
  check('ngc on the Angular app: AOT with strict templates (the README recipe: bindings, Fetcher and event types)', angularTypes.code === 0, angularTypes.out.slice(-3000));

  step('build the apps with Vite');
  const vite = join(ws, 'node_modules/vite/bin/vite.js');
  const vite18 = join(react18, 'node_modules/vite/bin/vite.js');
  const builds = [
    ['esm', ['build']],
    ['react', ['build']],
    ['react', ['build', '--mode', 'development']],
    ['vue', ['build']],
    ['angular', ['build']],
    ['react 18', ['build', '--base', '/react18/'], join(react18, 'react'), vite18],
    ['react 18', ['build', '--mode', 'development', '--base', '/react18-dev/'], join(react18, 'react'), vite18],
  ];
  // `next build` evaluates the route's module; like a CI build it has none of the secrets.
  const buildEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LIVEDIGITAL_')));
  const nextBuild = run(process.execPath, [join(nextApp, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: nextApp,
    env: { ...buildEnv, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  // NODE_ENV picks React's development or production code; Vite's mode alone does not.
  const results = await Promise.all(
    builds.map(([app, args, cwd = join(ws, app), bin = vite]) =>
      run(process.execPath, [bin, ...args, '--logLevel', 'error'], {
        cwd,
        env: { ...process.env, NODE_ENV: args.includes('development') ? 'development' : 'production' },
      }),
    ),
  );
  builds.forEach(([app, args], index) => check(`vite ${args.join(' ')} (${app})`, results[index].code === 0, results[index].out.slice(-2000)));
  const nextBuilt = await nextBuild;
  const nextOk = check('next build, with no LIVEDIGITAL_* variable set', nextBuilt.code === 0, nextBuilt.out.slice(-3000));

  step('serve: host page server + host backend + livedigital stand-in');
  const apps = { html: 'html', esm: 'esm/dist', react: 'react/dist', 'react-dev': 'react/dist-dev', vue: 'vue/dist', angular: 'angular/dist', 'esm-csp': 'esm/dist',
    react18: join(react18, 'react/dist'), 'react18-dev': join(react18, 'react/dist-dev') };
  server = spawn(process.execPath, [join(ws, 'serve.mjs'), JSON.stringify(apps)], { cwd: ws, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await Promise.race([
    new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve)),
    new Promise((resolve) => setTimeout(() => resolve(null), 15_000)),
  ]);
  const env = firstLine ? JSON.parse(firstLine) : null;
  if (!check('servers started', Boolean(env))) return;
  const pageOrigin = env.pageOrigin;
  check('the room is on a second origin', new URL(env.roomBaseUrl).origin !== new URL(pageOrigin).origin, `${env.roomBaseUrl} vs ${pageOrigin}`);
  const issued = async () => (await fetch(`${pageOrigin}/api/issued`)).json();

  step('headless Chromium');
  browser = await puppeteer.launch(chromiumLaunchOptions);

  const query = `?base=${encodeURIComponent(env.roomBaseUrl)}&alias=${encodeURIComponent(env.alias)}`;
  const flows = [
    { name: 'plain HTML + CDN IIFE', path: 'html/', tag: 'livedigital-room' },
    { name: 'plain ESM, class-only entry', path: 'esm/', tag: 'lesson-room' },
    { name: 'plain ESM under a strict CSP with Trusted Types', path: 'esm-csp/', tag: 'lesson-room', csp: true },
    { name: 'React 19 (production build)', path: 'react/', tag: 'livedigital-room' },
    { name: 'React 19 (development build, StrictMode)', path: 'react-dev/', tag: 'livedigital-room', strict: true },
    { name: 'React 18 (production build)', path: 'react18/', tag: 'livedigital-room' },
    { name: 'React 18 (development build, StrictMode)', path: 'react18-dev/', tag: 'livedigital-room', strict: true },
    { name: 'Vue 3', path: 'vue/', tag: 'livedigital-room' },
    { name: 'Angular 21 (AOT, standalone component, CUSTOM_ELEMENTS_SCHEMA)', path: 'angular/', tag: 'livedigital-room' },
  ];
  for (const flow of flows) {
    await roomFlow(flow, `${pageOrigin}/${flow.path}${query}`, issued);
  }
  await linkUpgradeFlow(`${pageOrigin}/html/upgrade-links.html${query}`, env);
  if (nextOk) await nextFlow(nextApp, env);
}

/** The App Router app on `next start`, its route talking to the stand-in with the stand-in's token. */
async function nextFlow(nextApp, env) {
  const name = `Next.js ${NEXT_VERSION} (App Router)`;
  console.log(`\n-- ${name}`);
  const port = await freePort();
  nextServer = spawn(process.execPath, [join(nextApp, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', 'localhost'], {
    cwd: nextApp,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      LIVEDIGITAL_TOKEN: env.token,
      LIVEDIGITAL_API_URL: env.apiUrl,
      ROOM_BASE_URL: env.roomBaseUrl,
      ROOM_ALIAS: env.alias,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  nextServer.stderr.on('data', (chunk) => (log += chunk));
  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    nextServer.stdout.on('data', (chunk) => {
      log += chunk;
      if (/Ready in/.test(log)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    nextServer.once('exit', () => resolve(false));
  });
  if (!check(`${name}: next start`, ready, log.slice(-2000))) return;
  const origin = `http://localhost:${port}`;
  const html = await (await fetch(`${origin}/`)).text();
  check(`${name}: the server-rendered page already holds the tag`, /<livedigital-room[\s>]/.test(html), html.slice(0, 500));

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const src = await page
      .waitForFunction(() => document.querySelector('livedigital-room')?.shadowRoot?.querySelector('iframe')?.src, WAIT)
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    const link = src ? new URL(src) : null;
    check(
      `${name}: the route's personal link is in the iframe`,
      Boolean(link) && link.origin === new URL(env.roomBaseUrl).origin && link.pathname === `/room/${env.alias}` && link.searchParams.get('participantName') === 'Ann' && Boolean(link.searchParams.get('accessToken')),
      `iframe ${src}`,
    );
    const loaded = await page.waitForFunction(() => window.__events?.some((e) => e.type === 'ld-load'), WAIT).then(() => true, () => false);
    check(`${name}: ld-load`, loaded, JSON.stringify(await page.evaluate(() => window.__events)));
    const frame = page.frames().find((f) => f.url() === src);
    const roomPage = frame ? await frame.evaluate(() => document.body.dataset.page).catch(() => null) : null;
    check(`${name}: the stand-in let the single-use link into the room`, roomPage === 'room', `room page: ${roomPage}`);
    await page.evaluate(() => document.querySelector('livedigital-room').shadowRoot.querySelector('iframe').contentWindow.postMessage('emulator:end-call', '*'));
    const finished = await page.waitForFunction(() => document.getElementById('finished')?.textContent === '1', WAIT).then(() => true, () => false);
    const events = await page.evaluate(() => window.__events ?? []);
    check(`${name}: ld-finish from the room reached the app`, finished, JSON.stringify(events));
    const count = (type) => events.filter((e) => e.type === type).length;
    check(`${name}: one link, one load, one ld-finish, no ld-error`, count('ld-access') === 1 && count('ld-load') === 1 && count('ld-finish') === 1 && count('ld-error') === 0, JSON.stringify(events));
    check(`${name}: no uncaught errors in the page`, errors.length === 0, errors.join('\n'));
  } catch (error) {
    check(`${name}: ran`, false, error.stack);
  } finally {
    await page.close();
  }
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, 'localhost', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Writes a throw-away package.json into `dir` and installs it; the check says whether that worked. */
async function installWorkspace(dir, label, dependencies) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'client-app', private: true, type: 'module', dependencies }, null, 2));
  const installed = await run(
    npm,
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'],
    { cwd: dir },
  );
  return check(`npm install of the tarball with ${label}`, installed.code === 0, installed.out.slice(-3000));
}

const WAIT = { timeout: 15_000, polling: 50 };

async function roomFlow({ name, tag, strict, csp }, url, issued) {
  console.log(`\n-- ${name}`);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  try {
    const before = (await issued()).length;
    await page.goto(url, { waitUntil: 'load' });
    const src = await page
      .waitForFunction((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('iframe')?.src, WAIT, tag)
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    const links = (await issued()).slice(before);
    check(`${name}: the room iframe shows the link the fetcher got`, Boolean(src) && links.length > 0 && src === links.at(-1), `iframe ${src}, issued ${JSON.stringify(links)}`);
    const loaded = await page.waitForFunction(() => window.__events?.some((e) => e.type === 'ld-load'), WAIT).then(() => true, () => false);
    check(`${name}: ld-load`, loaded, JSON.stringify(await page.evaluate(() => window.__events)));
    const frame = page.frames().find((f) => f.url() === src);
    const roomPage = frame ? await frame.evaluate(() => document.body.dataset.page).catch(() => null) : null;
    check(`${name}: the stand-in let the single-use link into the room`, roomPage === 'room', `room page: ${roomPage}`);
    if (tag !== 'livedigital-room') {
      const registry = await page.evaluate(() => ({ byImport: window.__registeredByImport, now: Boolean(customElements.get('livedigital-room')) }));
      check(`${name}: importing the class registered nothing`, registry.byImport === false && registry.now === false, JSON.stringify(registry));
    }

    // The room ends the call when its parent asks; it then posts ld_finish_call to the parent.
    await page.evaluate((tag) => document.querySelector(tag).shadowRoot.querySelector('iframe').contentWindow.postMessage('emulator:end-call', '*'), tag);
    const finished = await page.waitForFunction(() => document.getElementById('finished')?.textContent === '1', WAIT).then(() => true, () => false);
    check(`${name}: ld-finish from the room (second origin) reached the app`, finished, JSON.stringify(await page.evaluate(() => window.__events)));
    await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate listener would fire by now
    const counts = await page.evaluate(() => ({
      fetches: window.__fetches,
      finishes: window.__events.filter((e) => e.type === 'ld-finish').length,
      errors: window.__events.filter((e) => e.type === 'ld-error').map((e) => e.code),
    }));
    const linksNow = (await issued()).slice(before);
    check(`${name}: one fetcher call, one link, one ld-finish, no ld-error`, counts.fetches === 1 && linksNow.length === 1 && counts.finishes === 1 && counts.errors.length === 0, JSON.stringify({ ...counts, links: linksNow.length }));

    if (csp) await cspChecks(page, name);
    if (strict) await strictModeChecks(page, name, issued, before);
    else if (name.startsWith('React')) {
      const effectRuns = await page.evaluate(() => window.__effectRuns);
      check(`${name}: production build mounts once`, effectRuns === 1, `mount effect ran ${effectRuns} time(s)`);
    }
    check(`${name}: no uncaught errors in the page`, errors.length === 0, errors.join('\n'));
  } catch (error) {
    check(`${name}: ran`, false, error.stack);
  } finally {
    await page.close();
  }
}

/**
 * A course page with a plain room link and the CDN script (`/cdn/livedigital-room`, redirected to
 * the package's CDN file) with `data-upgrade-links`: the link becomes a room, with the file next to
 * the CDN file loaded for it.
 */
async function linkUpgradeFlow(url, env) {
  const name = 'plain room link + CDN IIFE with data-upgrade-links';
  console.log(`\n-- ${name}`);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(url, { waitUntil: 'load' });
    const src = await page
      .waitForFunction(() => document.querySelector('livedigital-room')?.shadowRoot?.querySelector('iframe')?.src, WAIT)
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    const room = src ? new URL(src) : null;
    check(`${name}: the link became a room on the room site`, room?.origin === new URL(env.roomBaseUrl).origin && room.pathname === `/room/${env.alias}`, `iframe ${src}`);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.endsWith('.upgrade-links.js')));
    check(`${name}: link upgrade loaded once, from next to the CDN file`, loaded.length === 1 && loaded[0] === '/cdn/livedigital-room/dist/livedigital-room.upgrade-links.js', JSON.stringify(loaded));
    check(`${name}: no uncaught errors in the page`, errors.length === 0, errors.join('\n'));
  } catch (error) {
    check(`${name}: ran`, false, error.stack);
  } finally {
    await page.close();
  }
}

/** The element must need nothing a strict policy refuses; and the policy must really be in force. */
async function cspChecks(page, name) {
  const seen = await page.evaluate(() => {
    const violations = [...window.__violations]; // before the probe below adds its own
    let enforced = false;
    try {
      document.createElement('div').innerHTML = '<b>x</b>'; // a Trusted Types sink: refused under this policy
    } catch (error) {
      enforced = error instanceof TypeError;
    }
    return { enforced, violations };
  });
  check(`${name}: the policy is in force (an innerHTML assignment is refused)`, seen.enforced, JSON.stringify(seen));
  check(`${name}: the element caused no CSP violation`, seen.violations.length === 0, seen.violations.join('\n'));
}

/** StrictMode mounts, unmounts and mounts again in development; the wrapper must still make one mount. */
async function strictModeChecks(page, name, issued, before) {
  const effectRuns = await page.evaluate(() => window.__effectRuns);
  check(`${name}: StrictMode really mounted twice (development build)`, effectRuns === 2, `mount effect ran ${effectRuns} time(s)`);
  const firstSrc = await page.evaluate(() => document.querySelector('livedigital-room').shadowRoot.querySelector('iframe')?.src ?? null);
  // A real remount (new key): a new element, a second fetch, a fresh link.
  await page.click('#remount');
  const secondSrc = await page
    .waitForFunction((first) => {
      const src = document.querySelector('livedigital-room')?.shadowRoot?.querySelector('iframe')?.src;
      return src && src !== first ? src : null;
    }, WAIT, firstSrc)
    .then((handle) => handle.jsonValue())
    .catch(() => null);
  const links = (await issued()).slice(before);
  const fetches = await page.evaluate(() => window.__fetches);
  check(`${name}: a real remount fetches once more and shows the new link`, fetches === 2 && links.length === 2 && secondSrc === links[1], JSON.stringify({ fetches, links, secondSrc }));
  // After unmount, the old element's events must not reach the callbacks any more.
  await page.click('#unmount');
  const leaked = await page.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const old = window.__unmounted;
    if (!old) return 'no element kept';
    const before = window.__events.length;
    for (const type of ['ld-access', 'ld-load', 'ld-error', 'ld-finish']) old.dispatchEvent(new Event(type, { bubbles: true }));
    return window.__events.length - before;
  });
  check(`${name}: no listener left on an unmounted element`, leaked === 0, `events after unmount: ${leaked}`);
}

try {
  await main();
} catch (error) {
  check('clients suite ran to the end', false, error.stack);
} finally {
  await browser?.close().catch(() => {});
  nextServer?.kill('SIGTERM');
  if (server) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('close', resolve));
  }
  if (process.env.KEEP_CLIENTS) console.log(`workspace kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`\nclients suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`clients totals: passed=${passed} failed=${failed}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

