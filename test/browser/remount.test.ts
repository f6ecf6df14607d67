// A change of a room input means a different room or iframe: a new link and a new mount. Links
// from a fetcher are single-use, so a stale answer must never win and a Join button must not be
// skipped by a change.
import { expect } from '@open-wc/testing';
import type { AccessRequest } from '../../src/access.js';
import type { LivedigitalRoom } from '../../src/element.js';
import { ROOM_ORIGIN, create, deferred, frameOf, mountLoaded, nextLoad, recordEvents, statusOf } from './helpers.js';

const PAGE_ORIGIN = location.origin; // also serves stand-in rooms: a second valid base-url
const task = () => new Promise((resolve) => setTimeout(resolve, 0));

function countingFetcher(origin = ROOM_ORIGIN) {
  const calls: AccessRequest[] = [];
  const fetcher = async (request: AccessRequest) => {
    calls.push(request);
    return `${origin}/room/${request.alias}?accessToken=t${calls.length}`;
  };
  return { calls, fetcher };
}

describe('<livedigital-room> after it has loaded', () => {
  const changes: Array<[string, Record<string, string>, (el: LivedigitalRoom) => void]> = [
    ['access-token', { alias: 'room1', 'access-token': 'a1' }, (el) => el.setAttribute('access-token', 'a2')],
    ['src', { src: `${ROOM_ORIGIN}/room/one` }, (el) => el.setAttribute('src', `${ROOM_ORIGIN}/room/two`)],
    ['base-url', { alias: 'room1' }, (el) => el.setAttribute('base-url', PAGE_ORIGIN)],
    ['participant-name', { alias: 'room1', 'participant-name': 'Anna' }, (el) => el.setAttribute('participant-name', 'Anne')],
    ['allow', { alias: 'room1' }, (el) => el.setAttribute('allow', 'microphone')],
    ['deny', { alias: 'room1' }, (el) => el.setAttribute('deny', 'camera')],
    ['fetcher', { alias: 'room1' }, (el) => (el.fetcher = countingFetcher().fetcher)],
  ];
  for (const [input, attributes, change] of changes) {
    it(`starts a new mount with a new iframe when ${input} changes`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, ...attributes });
      const first = await mountLoaded(el);
      const accesses = recordEvents(el, 'ld-access');
      const loaded = nextLoad(el);
      change(el);
      await loaded;
      expect(accesses, 'one new link').to.have.length(1);
      expect(frameOf(el)).not.to.equal(first);
      expect(first.isConnected).to.equal(false);
    });
  }

  it('keeps the answer for the new inputs when the old call answers late', async () => {
    const late = deferred<string>();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'old' });
    el.fetcher = (request) => (request.alias === 'old' ? late.promise : Promise.resolve(`${ROOM_ORIGIN}/room/new?accessToken=n`));
    document.body.append(el);
    await el.updateComplete;
    const loaded = nextLoad(el);
    el.alias = 'new';
    await loaded;
    const accesses = recordEvents(el, 'ld-access');
    late.resolve(`${ROOM_ORIGIN}/room/old?accessToken=o`);
    // Past the late answer: its promise chain has run and any update it asked for is done.
    await task();
    await el.updateComplete;
    await task();
    expect(accesses).to.have.length(0);
    expect(new URL(frameOf(el)!.src).pathname).to.equal('/room/new');
    expect(el.state).to.equal('ready');
    el.remove();
  });

  it('with click-to-join, changed inputs show Join again instead of spending a link', async () => {
    const { calls, fetcher } = countingFetcher();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'click-to-join': '' });
    el.fetcher = fetcher;
    document.body.append(el);
    await el.updateComplete;
    const loaded = nextLoad(el);
    el.join();
    await loaded;
    expect(calls).to.have.length(1);
    el.alias = 'room2';
    await el.updateComplete;
    await task();
    expect(calls, 'no link spent before the click').to.have.length(1);
    expect(el.state).to.equal('idle');
    expect(frameOf(el)).to.equal(null);
    const join = statusOf(el).querySelector<HTMLButtonElement>('[part="join-button"]');
    expect(join).to.exist;
    const again = nextLoad(el);
    join!.click();
    await again;
    expect(calls.map((request) => request.alias)).to.deep.equal(['room1', 'room2']);
    el.remove();
  });

  it('reload() spends a fresh link and loads a fresh iframe', async () => {
    const { calls, fetcher } = countingFetcher();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = fetcher;
    const first = await mountLoaded(el);
    const loaded = nextLoad(el);
    el.reload();
    await loaded;
    expect(calls).to.have.length(2);
    expect(frameOf(el)).not.to.equal(first);
  });
});

describe('<livedigital-room> keeps tokens out of the console on a successful load', () => {
  const logged: string[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log, info: console.info, debug: console.debug };
  beforeEach(() => {
    logged.length = 0;
    for (const name of Object.keys(original) as Array<keyof typeof original>) {
      console[name] = (...args: unknown[]) => logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
    }
  });
  afterEach(() => Object.assign(console, original));

  it('logs no token from attributes, a fetcher or access-endpoint', async () => {
    const byAttributes = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'participant-name': 'Anna' });
    byAttributes.accessToken = 'SECRET-ACCESS';
    await mountLoaded(byAttributes);
    const byFetcher = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    byFetcher.fetcher = async () => `${ROOM_ORIGIN}/room/room1?accessToken=SECRET-FETCHED`;
    await mountLoaded(byFetcher);
    const byEndpoint = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': '/test-api/access-link' });
    await mountLoaded(byEndpoint);
    const endpointToken = new URL(frameOf(byEndpoint)!.src).searchParams.get('accessToken')!;
    const all = logged.join('\n');
    for (const secret of ['SECRET-ACCESS', 'SECRET-FETCHED', endpointToken, 'accessToken']) expect(all).not.to.include(secret);
  });
});
