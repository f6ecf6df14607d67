// The figures taken in headless Chromium from the built all-in-one file: connect → iframe with
// `src` against a hand-written element (same page, interleaved), 50 lazy rooms, and 1,000
// mount / unmount cycles. The room pages come from a second origin of one local server.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CDN_PARTS, cdnPartFile } from '../scripts/cdn-parts.mjs';
import { chromiumLaunchOptions } from '../test/support/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = {
  '/livedigital-room.iife.js': () => readFileSync(`${root}dist/livedigital-room.iife.js`),
  '/hand-written-element.js': () => readFileSync(`${root}bench/hand-written-element.js`),
  // What the CDN file loads on first need, from next to itself.
  ...Object.fromEntries(CDN_PARTS.map((part) => [`/${cdnPartFile(part)}`, () => readFileSync(`${root}dist/${cdnPartFile(part)}`)])),
};
const PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>bench</title>
<style>body{margin:0}</style>
<script src="/livedigital-room.iife.js"></script><script src="/hand-written-element.js"></script><body></body></html>`;

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = files[path];
    res.setHeader('cache-control', 'no-store');
    if (file) res.writeHead(200, { 'content-type': 'text/javascript' }).end(file());
    else if (path.startsWith('/room/')) res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>room</title>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** In the page: connect → iframe with `src`, for our element and the hand-written one, interleaved. */
async function connectTimes(roomOrigin, mounts) {
  const hasFrame = (el) => el.shadowRoot?.querySelector('iframe[src]');
  const frameUp = async (el) => {
    // The element renders in microtasks; a task-based poll would add a timer's delay to each figure.
    for (let i = 0; i < 10_000 && !hasFrame(el); i++) await Promise.resolve();
    while (!hasFrame(el)) await new Promise((resolve) => setTimeout(resolve));
  };
  const make = {
    element: () => Object.assign(document.createElement('livedigital-room'), { baseUrl: roomOrigin, src: `${roomOrigin}/room/bench` }),
    hand: () => {
      const el = document.createElement('hand-written-room');
      el.setAttribute('src', `${roomOrigin}/room/bench`);
      return el;
    },
  };
  const times = { element: [], hand: [] };
  for (let i = 0; i < mounts; i++) {
    for (const kind of i % 2 ? ['element', 'hand'] : ['hand', 'element']) {
      const el = make[kind]();
      const start = performance.now();
      document.body.append(el);
      await frameUp(el);
      times[kind].push(performance.now() - start);
      el.remove();
    }
    if (i % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return times;
}

/** In the page: 50 lazy rooms, two near the viewport; then one more scrolled near. */
async function lazyRooms(roomOrigin) {
  let fetches = 0;
  const column = document.createElement('div');
  for (let i = 0; i < 50; i++) {
    const el = document.createElement('livedigital-room');
    el.setAttribute('loading', 'lazy');
    el.setAttribute('base-url', roomOrigin);
    el.setAttribute('alias', `lesson${i}`);
    el.style.cssText = 'height:500px;margin-bottom:200px';
    el.fetcher = async () => (fetches++, `${roomOrigin}/room/lesson${i}`);
    column.append(el);
  }
  document.body.replaceChildren(column);
  const count = () => ({ fetches, iframes: [...column.children].filter((el) => el.shadowRoot?.querySelector('iframe')).length });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise(requestAnimationFrame);
    await new Promise((resolve) => setTimeout(resolve, 300));
  };
  await settle();
  const first = count();
  window.scrollBy(0, 700);
  await settle();
  const second = count();
  document.body.replaceChildren();
  window.scrollTo(0, 0);
  return { first, second };
}

/** In the page: mount and unmount `cycles` times. */
async function cycle(roomOrigin, tag, cycles) {
  for (let i = 0; i < cycles; i++) {
    const el = document.createElement(tag);
    el.setAttribute('base-url', roomOrigin);
    el.setAttribute('alias', 'cycle');
    el.setAttribute('src', `${roomOrigin}/room/cycle`);
    document.body.append(el);
    await el.updateComplete;
    el.remove();
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve));
  }
}

async function messageListeners(session) {
  const { result } = await session.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await session.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  return listeners.filter((listener) => listener.type === 'message').length;
}

async function heapUsed(session) {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  return (await session.send('Runtime.getHeapUsage')).usedSize;
}

export async function measurePage({ mounts = 300, cycles = 1000 } = {}) {
  const server = await serve();
  const { port } = server.address();
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 600 });
    await page.goto(`http://localhost:${port}/`);
    const roomOrigin = `http://127.0.0.1:${port}`;
    const session = await page.createCDPSession();

    const times = await page.evaluate(connectTimes, roomOrigin, mounts);
    const lazy = await page.evaluate(lazyRooms, roomOrigin);

    const listenersBefore = await messageListeners(session);
    // The probe must see the element's own listener, or "0 left" proves nothing.
    await page.evaluate(async (origin) => {
      const el = Object.assign(document.createElement('livedigital-room'), { baseUrl: origin, src: `${origin}/room/probe` });
      document.body.append(el);
      await el.updateComplete;
      window.probe = el;
    }, roomOrigin);
    const listenersWhileMounted = (await messageListeners(session)) - listenersBefore;
    await page.evaluate(() => window.probe.remove());
    const heap = {};
    for (const tag of ['hand-written-room', 'livedigital-room']) {
      await page.evaluate(cycle, roomOrigin, tag, 50); // warm-up: first-use allocations are not growth
      const before = await heapUsed(session);
      await page.evaluate(cycle, roomOrigin, tag, cycles);
      heap[tag] = (await heapUsed(session)) - before;
    }
    const listenersLeft = (await messageListeners(session)) - listenersBefore;
    return { times, lazy, listenersLeft, listenersWhileMounted, heap };
  } finally {
    await browser.close();
    server.close();
  }
}
