import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startDemoBackend, type DemoBackend } from '../../demo/host-backend.js';
import { buildCdnParts, CDN_ON_DEMAND } from '../../scripts/cdn-parts.mjs';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { NODE_SANITIZERS, SANITIZERS, type SanitizerName } from '../support/sanitizers.js';

// The README's snippet for each way onto a page goes through each sanitizer an LMS or CMS applies
// to what a teacher writes; the result is served in Chromium as that site would show it, and a
// room must appear — or the README's table must say that it does not. Where a room appears from a
// plain link, it goes on to the end: a personal link from the site's access endpoint (the demo's
// host backend, the stand-in on a second origin), End call, the redirect.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const ROOM_SITE = 'https://edu.livedigital.space';
const CDN_FILES = [
  'https://cdn.jsdelivr.net/npm/livedigital-room@0.1/dist/livedigital-room.iife.js',
  'https://unpkg.com/livedigital-room@0.1',
];
const TABLE_MARK = '<!-- sanitizer-table: written from the suite\'s results -->';

/** The ```html blocks of the README section whose heading starts with `heading`. */
function snippets(heading: string): string[] {
  const start = README.indexOf(`\n${heading}`);
  assert.ok(start >= 0, `README has a section "${heading}"`);
  const end = README.indexOf('\n### ', start + heading.length + 1);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
}

const [adminScript, teacherLink] = snippets('### LMS and CMS without HTML rights');

interface Path {
  row: string;
  /** What the teacher or author writes, as the README shows it. */
  snippet: string;
  /** Whether the site's footer carries the admin's upgrade script (it is not sanitized). */
  siteScript: boolean;
}

const PATHS: Path[] = [
  { row: 'room link + admin\'s script', snippet: teacherLink!, siteScript: true },
  { row: 'tag + script ("LMS page")', snippet: snippets('### LMS page')[0]!, siteScript: false },
  { row: 'tag + script ("CMS")', snippet: snippets('### CMS')[0]!, siteScript: false },
];

let browser: Browser;
let backend: DemoBackend;
let server: Server;
let pageOrigin: string;
let iife: string;
/** The files the CDN file loads on first need, from next to itself, by name. */
let parts: Record<string, string>;
/** A CDN on a second origin, as unpkg or jsDelivr is to a school's site; `cdnRequests` its log. */
let cdn: Server;
let cdnOrigin: string;
const cdnRequests: string[] = [];
const pages = new Map<string, string>();
let busyOnce = 0;
const LANDED = '<!doctype html><title>after the call</title><p>landed</p>';

/** CDN and room-site addresses in a snippet → this test's own server and the stand-in. */
function localize(html: string): string {
  let out = html.replaceAll(ROOM_SITE, backend.roomBaseUrl).replaceAll('EGBYWoMZJe', backend.alias);
  for (const file of CDN_FILES) out = out.replaceAll(file, '/livedigital-room.iife.js');
  return out;
}

const accessEndpoint = () => /data-access-endpoint="([^"]+)"/.exec(adminScript!)![1]!;
const redirectPath = () => /data-redirect-url="([^"]+)"/.exec(adminScript!)![1]!;

before(async () => {
  assert.ok(adminScript && teacherLink, 'the README shows the admin\'s script and the teacher\'s link');
  // The CDN file as Vite builds it: cdn.ts as one IIFE whose exports are `LivedigitalRoom`, with
  // the CDN's own on-demand module; its parts as the build makes them.
  const bundle = await build({
    entryPoints: [new URL('../../src/cdn.ts', import.meta.url).pathname],
    bundle: true, format: 'iife', globalName: 'LivedigitalRoom', target: 'es2022', write: false, logLevel: 'silent',
    plugins: [{
      name: 'cdn-on-demand',
      setup: (b) =>
        b.onResolve({ filter: /on-demand/ }, (a) => (a.path === CDN_ON_DEMAND.module ? { path: join(a.resolveDir, CDN_ON_DEMAND.cdn) } : undefined)),
    }],
  });
  iife = bundle.outputFiles[0]!.text;
  parts = await buildCdnParts({ write: false });
  backend = await startDemoBackend({ env: {} });
  const purify = readFileSync(new URL('../../node_modules/dompurify/dist/purify.min.js', import.meta.url), 'utf8');
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    // A host that refuses; and one that is busy once (503, come back at once), then answers.
    if (req.method === 'POST' && path === '/refuse') {
      return res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not-enrolled', message: 'Not in this course' }));
    }
    if (req.method === 'POST' && path === '/busy-once' && !busyOnce++) return res.writeHead(503, { 'retry-after': '0' }).end();
    if (req.method === 'POST' && (path === accessEndpoint() || path === '/busy-once')) {
      req.url = '/api/access-link'; // the README's endpoint, answered by the demo's host backend
      return backend.handle(req, res, () => res.writeHead(404).end());
    }
    if (path === '/livedigital-room.iife.js') return send('text/javascript', iife);
    if (parts[path.slice(1)]) return send('text/javascript', parts[path.slice(1)]!);
    if (path === '/purify.js') return send('text/javascript', purify);
    if (pages.has(path)) return send('text/html; charset=utf-8', pages.get(path)!);
    if (path === redirectPath()) return send('text/html; charset=utf-8', LANDED);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  pageOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
  // `/npm/livedigital-room@0.1[/dist/<file>]` redirects to the version (the bare name to the
  // package's CDN file), as unpkg does; `/lonely/` has the CDN file without its sibling.
  const files: Record<string, string> = { 'livedigital-room.iife.js': iife, ...parts };
  cdn = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://cdn').pathname;
    cdnRequests.push(path);
    res.setHeader('access-control-allow-origin', '*'); // on redirects too, as CDNs send it
    const range = /^\/npm\/livedigital-room@0\.1(?:\/dist\/([\w.-]+))?$/.exec(path);
    if (range) return res.writeHead(302, { location: `/npm/livedigital-room@0.1.0/dist/${range[1] ?? 'livedigital-room.iife.js'}` }).end();
    const file = /^\/npm\/livedigital-room@0\.1\.0\/dist\/([\w.-]+)$/.exec(path)?.[1] ?? (path === '/lonely/livedigital-room.iife.js' ? 'livedigital-room.iife.js' : '');
    if (!files[file]) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(files[file]);
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  cdnOrigin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  browser = await puppeteer.launch(chromiumLaunchOptions);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => cdn?.close(resolve));
  await backend?.close();
});

/** Runs `sanitizer` on `html`: DOMPurify in the browser, where apps run it; the others in Node. */
async function sanitize(lab: Page, sanitizer: SanitizerName, html: string): Promise<string> {
  if (sanitizer !== 'DOMPurify 3') return NODE_SANITIZERS[sanitizer]!(html);
  return lab.evaluate((input) => (window as unknown as { DOMPurify: { sanitize(html: string): string } }).DOMPurify.sanitize(input), html);
}

/** What survived, in the README's words: the link's attributes, or which tags are left. */
function describeKept(lab: Page, html: string): Promise<string> {
  return lab.evaluate((input) => {
    const template = document.createElement('template');
    template.innerHTML = input;
    const link = template.content.querySelector('a');
    if (link) return `\`<a ${[...link.attributes].map((attribute) => attribute.name).join(' ')}>\``;
    const tags = ['livedigital-room', 'script'].filter((tag) => template.content.querySelector(tag));
    return tags.length ? tags.map((tag) => `\`<${tag}>\``).join(' ') : 'text only';
  }, html);
}

interface Outcome {
  cell: string;
  page: Page;
}

/**
 * Serves the sanitized snippet as the site shows it: in the page (a server-side sanitizer), or
 * inserted after load (DOMPurify in an app, as `innerHTML` of a route's content), with the admin's
 * script in the footer when the path has one. Returns the table cell and the page.
 */
async function show(lab: Page, path: Path, sanitizer: SanitizerName): Promise<Outcome> {
  const sanitized = await sanitize(lab, sanitizer, path.snippet);
  const kept = await describeKept(lab, sanitized);
  const inApp = sanitizer === 'DOMPurify 3';
  const name = `/page/${pages.size}`;
  const footer = path.siteScript ? localize(adminScript!) : '';
  pages.set(name, `<!doctype html><html lang="en"><meta charset="utf-8"><title>lesson</title>
<body><main id="content">${inApp ? '' : localize(sanitized)}</main>${footer}</body></html>`);
  const page = await browser.newPage();
  await page.goto(`${pageOrigin}${name}`);
  if (inApp) {
    await page.evaluate(async (html) => {
      document.getElementById('content')!.innerHTML = html;
      await new Promise((resolve) => setTimeout(resolve)); // after the MutationObserver's turn
    }, localize(sanitized));
  }
  if (path.siteScript) {
    // The admin's script loads link upgrade from next to itself: wait until that has run too.
    await page.evaluate(async (file) => {
      await import(file);
      await new Promise((resolve) => setTimeout(resolve));
    }, '/livedigital-room.upgrade-links.js');
  }
  // Every script has run by now; with no element in the page, nothing can make a room later.
  const hasElement = await page.evaluate(() => document.querySelector('livedigital-room') !== null);
  if (hasElement) {
    await page.waitForFunction(() => document.querySelector('livedigital-room')?.shadowRoot?.querySelector('iframe'), { timeout: 10_000 });
  }
  return { cell: `${hasElement ? 'room' : 'no room'} · ${kept}`, page };
}

/** Personal link from the site's endpoint, the site's defaults on the room, End call, redirect. */
async function playThrough(page: Page): Promise<void> {
  const room = await page.evaluate(() => {
    const el = document.querySelector('livedigital-room')!;
    const names = ['base-url', 'access-endpoint', 'redirect-url', 'lang', 'height', 'label', 'alias', 'src'];
    return {
      attributes: Object.fromEntries(names.filter((n) => el.hasAttribute(n)).map((n) => [n, el.getAttribute(n)])),
      joinLabel: el.querySelector('[slot="join-label"]')?.textContent,
      links: document.querySelectorAll('a[href]').length,
    };
  });
  const text = /<a [^>]*>([^<]+)<\/a>/.exec(teacherLink!)![1]!;
  assert.deepEqual(room.attributes, {
    'base-url': backend.roomBaseUrl,
    'access-endpoint': accessEndpoint(),
    'redirect-url': redirectPath(),
    lang: /data-lang="([^"]+)"/.exec(adminScript!)![1],
    height: /data-height="([^"]+)"/.exec(adminScript!)![1],
    label: text,
    alias: backend.alias,
  });
  assert.equal(room.joinLabel, text);
  assert.equal(room.links, 0, 'the link became the room');

  const src = await page.waitForFunction(
    (origin) => {
      const frame = document.querySelector('livedigital-room')!.shadowRoot!.querySelector('iframe');
      return frame?.src.startsWith(origin) ? frame.src : undefined;
    },
    { timeout: 10_000 },
    backend.roomBaseUrl,
  );
  const link = new URL((await src.jsonValue()) as string);
  assert.equal(link.pathname, `/room/${backend.alias}`);
  assert.match(link.searchParams.get('accessToken') ?? '', /\S{16,}/, 'a personal one-time link from the endpoint');

  const roomFrame = await (await page.waitForSelector('livedigital-room >>> iframe', { timeout: 10_000 }))!.contentFrame();
  const endCall = await roomFrame.waitForSelector('#ld-end', { timeout: 10_000 });
  const landed = page.waitForNavigation({ timeout: 10_000 });
  await endCall!.click();
  await landed;
  assert.equal(page.url(), `${pageOrigin}${redirectPath()}`);
}

describe('README snippets through LMS and CMS sanitizers, in Chromium', () => {
  const results = new Map<string, Map<SanitizerName, string>>();
  let lab: Page;
  before(async () => {
    pages.set('/lab', '<!doctype html><html lang="en"><meta charset="utf-8"><title>lab</title><script src="/purify.js"></script>');
    lab = await browser.newPage();
    await lab.goto(`${pageOrigin}/lab`);
  });

  for (const path of PATHS) {
    for (const sanitizer of SANITIZERS) {
      it(`${path.row} through ${sanitizer}`, { timeout: 40_000 }, async () => {
        const { cell, page } = await show(lab, path, sanitizer);
        if (!results.has(path.row)) results.set(path.row, new Map());
        results.get(path.row)!.set(sanitizer, cell);
        try {
          // A plain link must come through every sanitizer as a working room.
          if (path.siteScript) {
            assert.match(cell, /^room /);
            await playThrough(page);
          }
        } finally {
          await page.close();
        }
      });
    }
  }

  it('the README\'s table is what the sanitizers did', () => {
    const header = `| pasted | ${SANITIZERS.join(' | ')} |`;
    const rows = PATHS.map((path) => `| ${path.row} | ${SANITIZERS.map((s) => results.get(path.row)?.get(s) ?? '?').join(' | ')} |`);
    const table = [header, `|${'---|'.repeat(SANITIZERS.length + 1)}`, ...rows].join('\n');
    const start = README.indexOf(TABLE_MARK);
    assert.ok(start >= 0, 'the README marks where the table goes');
    const written = README.slice(start + TABLE_MARK.length).trimStart().split('\n\n')[0];
    assert.equal(written, table, `README's table under ${TABLE_MARK} should read:\n${table}`);
  });
});

describe('the CDN file on a CDN (a second origin), in Chromium', () => {
  interface Opened {
    page: Page;
    /** The page's console errors. */
    errors: string[];
    /** Uncaught errors and rejections. */
    uncaught: string[];
  }
  /** Serves `head` and `body` as a page and returns it loaded; the CDN's log starts empty. */
  async function open(head: string, body: string): Promise<Opened> {
    const name = `/page/${pages.size}`;
    pages.set(name, `<!doctype html><html lang="en"><meta charset="utf-8"><title>cdn</title>${head}<body>${body}</body></html>`);
    const page = await browser.newPage();
    const opened: Opened = { page, errors: [], uncaught: [] };
    page.on('console', (message) => {
      // The browser's own line for a failed download is not the page's.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) opened.errors.push(message.text());
    });
    page.on('pageerror', (error) => opened.uncaught.push(String(error)));
    cdnRequests.length = 0;
    await page.goto(`${pageOrigin}${name}`);
    return opened;
  }
  const link = () => `<p><a href="${backend.roomBaseUrl}/room/${backend.alias}" target="_blank">Join</a></p>`;
  const roomAttributes = (page: Page) =>
    page.evaluate(() => [...document.querySelectorAll('livedigital-room')].map((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))));
  /** How often the CDN served the link-upgrade file. */
  const siblingLoads = () => cdnRequests.filter((path) => path === '/npm/livedigital-room@0.1.0/dist/livedigital-room.upgrade-links.js').length;
  const LOAD_LIMIT = { timeout: 10_000 };

  it('in <head>, before the links are parsed: whole link texts, every default from data-*, and the global gets upgradeLinks', async () => {
    // The bare package address, which the CDN redirects to the CDN file.
    const script = `<script src="${cdnOrigin}/npm/livedigital-room@0.1" data-upgrade-links data-base-url="${backend.roomBaseUrl}" data-loading="lazy" data-click-to-join data-height="70vh"></script>`;
    // The parser stops inside the link, as it does where a network packet ends: the inline script
    // (which removes itself) hands control back before the link's text is complete.
    const pausing = `<p><a href="${backend.roomBaseUrl}/room/${backend.alias}">Join<script>document.currentScript.remove()</script> the lesson</a></p>`;
    const { page, errors, uncaught } = await open(script, pausing);
    try {
      await page.waitForSelector('livedigital-room', LOAD_LIMIT);
      assert.deepEqual(await roomAttributes(page), [
        { alias: backend.alias, 'base-url': backend.roomBaseUrl, height: '70vh', loading: 'lazy', 'click-to-join': '', label: 'Join the lesson' },
      ]);
      assert.equal(siblingLoads(), 1, 'link upgrade loaded once, from next to the CDN file');
      assert.equal(await page.evaluate(() => typeof (window as unknown as { LivedigitalRoom: { upgradeLinks: unknown } }).LivedigitalRoom.upgradeLinks), 'function');
      assert.deepEqual([...errors, ...uncaught], []);
    } finally {
      await page.close();
    }
  });

  it('is opt-in: without data-upgrade-links the link stays a link and link upgrade is never downloaded, until the global\'s upgradeLinks is called', async () => {
    const { page, errors, uncaught } = await open('', `${link()}<script src="${cdnOrigin}/npm/livedigital-room@0.1/dist/livedigital-room.iife.js" data-base-url="${backend.roomBaseUrl}"></script>`);
    try {
      await page.waitForNetworkIdle({ idleTime: 300, ...LOAD_LIMIT });
      assert.equal(await page.evaluate(() => Boolean(customElements.get('livedigital-room'))), true, 'the CDN file ran');
      assert.deepEqual(await roomAttributes(page), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('a').length), 1);
      assert.equal(siblingLoads(), 0, `the CDN served only ${cdnRequests.join(', ')}`);

      await page.evaluate((baseUrl) => (window as unknown as { LivedigitalRoom: { upgradeLinks(o: object): void } }).LivedigitalRoom.upgradeLinks({ baseUrl }), backend.roomBaseUrl);
      await page.waitForSelector('livedigital-room', LOAD_LIMIT);
      assert.deepEqual(await roomAttributes(page), [{ alias: backend.alias, 'base-url': backend.roomBaseUrl, label: 'Join' }]);
      assert.equal(siblingLoads(), 1);
      assert.deepEqual([...errors, ...uncaught], []);
    } finally {
      await page.close();
    }
  });

  it('rooms that ask the host: the request code and, for a busy host, the waiting load from next to the CDN file; a refusal keeps the host\'s status', async () => {
    const tag = (endpoint: string) => `<livedigital-room lang="en" base-url="${backend.roomBaseUrl}" alias="${backend.alias}" access-endpoint="${endpoint}"></livedigital-room>`;
    const script = `<script src="${cdnOrigin}/npm/livedigital-room@0.1"></script>`;
    busyOnce = 0;
    const { page, uncaught } = await open('', `${tag('/busy-once')}${tag('/refuse')}${script}`);
    try {
      await page.waitForFunction(() => {
        const [busy, refused] = document.querySelectorAll('livedigital-room') as NodeListOf<HTMLElement & { state: string }>;
        return busy!.state === 'ready' && refused!.state === 'error';
      }, LOAD_LIMIT);
      const seen = await page.evaluate(() => {
        const [busy, refused] = document.querySelectorAll('livedigital-room') as NodeListOf<HTMLElement & { error: { status?: number; hostCode?: string } }>;
        const { RoomError, LdErrorEvent } = (window as unknown as { LivedigitalRoom: Record<string, Function> }).LivedigitalRoom;
        return {
          token: new URL(busy!.shadowRoot!.querySelector('iframe')!.src).searchParams.has('accessToken'),
          isRoomError: refused!.error instanceof RoomError!,
          status: refused!.error.status,
          hostCode: refused!.error.hostCode,
          text: refused!.shadowRoot!.querySelector('[part~="status"] p')!.firstChild!.textContent,
          events: typeof LdErrorEvent,
        };
      });
      assert.deepEqual(seen, { token: true, isRoomError: true, status: 403, hostCode: 'not-enrolled', text: 'No access to this room.', events: 'function' });
      assert.equal(busyOnce, 2, 'asked again after the 503');
      const loads = (file: string) => cdnRequests.filter((path) => path === `/npm/livedigital-room@0.1.0/dist/${file}`).length;
      assert.deepEqual([loads('livedigital-room.ask-endpoint.js'), loads('livedigital-room.keep-trying.js'), loads('livedigital-room.upgrade-links.js')], [1, 1, 0]);
      assert.deepEqual(uncaught, []);
    } finally {
      await page.close();
    }
  });

  it('without its sibling file: console lines saying where the file belongs, and the link still opens the room in a new tab', async () => {
    const script = `<script src="${cdnOrigin}/lonely/livedigital-room.iife.js" data-upgrade-links data-base-url="${backend.roomBaseUrl}"></script>`;
    const { page, errors, uncaught } = await open('', `${link()}${script}`);
    try {
      await page.waitForNetworkIdle({ idleTime: 300, ...LOAD_LIMIT });
      assert.ok(cdnRequests.includes('/lonely/livedigital-room.upgrade-links.js'), `the CDN served only ${cdnRequests.join(', ')}`);
      assert.equal(errors.length, 2, errors.join('\n'));
      assert.match(errors[0]!, /^livedigital-room: livedigital-room\.upgrade-links\.js did not load \(.+\): it must sit next to the CDN file$/);
      assert.match(errors[1]!, /^livedigital-room: upgradeLinks: .+ \(livedigital-room\.upgrade-links\.js must sit next to the CDN file\)$/);
      assert.deepEqual(uncaught, [], 'no uncaught rejection');
      assert.deepEqual(await roomAttributes(page), []);
      const roomUrl = `${backend.roomBaseUrl}/room/${backend.alias}`;
      const opened = browser.waitForTarget((target) => target.url() === roomUrl, LOAD_LIMIT);
      await page.click('a');
      await (await (await opened).page())?.close();
    } finally {
      await page.close();
    }
  });

  it('without its parts: a room with access-endpoint says in the console which file is missing and shows a Retry; a busy refusal stays the error; nothing uncaught', async () => {
    const tag = `<livedigital-room lang="en" base-url="${backend.roomBaseUrl}" alias="${backend.alias}" access-endpoint="${accessEndpoint()}"></livedigital-room>`;
    const { page, errors, uncaught } = await open('', `${tag}<script src="${cdnOrigin}/lonely/livedigital-room.iife.js"></script>`);
    try {
      await page.waitForFunction(() => (document.querySelector('livedigital-room') as HTMLElement & { state: string }).state === 'error', LOAD_LIMIT);
      assert.ok(cdnRequests.includes('/lonely/livedigital-room.ask-endpoint.js'), `the CDN served only ${cdnRequests.join(', ')}`);
      assert.ok(
        errors.some((line) => /^livedigital-room: livedigital-room\.ask-endpoint\.js did not load \(.+\): it must sit next to the CDN file$/.test(line)),
        errors.join('\n'),
      );
      const retry = await page.evaluate(() => Boolean(document.querySelector('livedigital-room')!.shadowRoot!.querySelector('[part="retry-button"]')));
      assert.equal(retry, true);
      // A busy refusal whose waiting cannot load: the refusal itself is what the element reports.
      const busy = await page.evaluate(async (baseUrl) => {
        const { RoomError } = (window as unknown as { LivedigitalRoom: { RoomError: new (...args: unknown[]) => Error } }).LivedigitalRoom;
        const el = document.createElement('livedigital-room') as HTMLElement & { fetcher: unknown; error: { status?: number; hostCode?: string } | null };
        el.setAttribute('base-url', baseUrl);
        el.setAttribute('alias', 'busy');
        el.fetcher = async () => {
          throw Object.assign(new RoomError('fetch-failed', 'busy', { status: 503, hostCode: 'busy-now' }), { retryAfter: '0' });
        };
        const failed = new Promise((resolve) => el.addEventListener('ld-error', resolve, { once: true }));
        document.body.append(el);
        await failed;
        return { status: el.error?.status, hostCode: el.error?.hostCode };
      }, backend.roomBaseUrl);
      assert.deepEqual(busy, { status: 503, hostCode: 'busy-now' });
      assert.ok(cdnRequests.includes('/lonely/livedigital-room.keep-trying.js'), `the CDN served only ${cdnRequests.join(', ')}`);
      assert.deepEqual(uncaught, []);
    } finally {
      await page.close();
    }
  });

  it('a bad data-base-url: a console line saying so, links stay links, nothing downloaded, the element and the global still work', async () => {
    const script = `<script src="${cdnOrigin}/npm/livedigital-room@0.1" data-upgrade-links data-base-url="http://edu.livedigital.space"></script>`;
    const { page, errors } = await open('', `<p><a href="http://edu.livedigital.space/room/a">Join</a></p>${script}`);
    try {
      await page.waitForNetworkIdle({ idleTime: 300, ...LOAD_LIMIT });
      assert.deepEqual(await roomAttributes(page), []);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /data-upgrade-links: base-url must be an https origin/);
      assert.equal(siblingLoads(), 0);
      assert.equal(await page.evaluate(() => Boolean(customElements.get('livedigital-room') && (window as unknown as { LivedigitalRoom?: object }).LivedigitalRoom)), true);
    } finally {
      await page.close();
    }
  });
});
