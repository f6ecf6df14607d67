import { expect, oneEvent } from '@open-wc/testing';
import type { LdErrorEvent, LdFinishEvent } from '../../src/events.js';
import type { LivedigitalRoom } from '../../src/element.js';
import { ROOM_ORIGIN, command, create, frameOf, mountFailing, mountLoaded, nextMessage, recordEvents } from './helpers.js';

/** Messages to this window that `pick` finds something in, from now on. */
function recordMessages(pick: (data: any) => unknown): unknown[] {
  const seen: unknown[] = [];
  window.addEventListener('message', (event) => {
    const value = pick(event.data);
    if (value !== undefined) seen.push(value);
  });
  return seen;
}


/** A host page (as an LMS would have) in a frame of the test page, with a room element inside. */
async function hostPage(query: Record<string, string>) {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN, ...query })}`;
  const ready = nextMessage((data) => (data === 'host:ready' ? true : undefined));
  document.body.append(frame);
  await ready;
  const room = frame.contentDocument!.querySelector('livedigital-room') as LivedigitalRoom;
  return { frame, room, roomWindow: frameOf(room)!.contentWindow! };
}

describe('<livedigital-room> at the end of the call', () => {
  afterEach(() => document.querySelectorAll('body > iframe').forEach((frame) => frame.remove()));

  it('navigates the host page to redirect-url when its own room says ld_finish_call', async () => {
    const { roomWindow } = await hostPage({ redirect: '/test/fixtures/landed.html?from=room' });
    const landed = nextMessage((data) => data?.landed as string | undefined);
    roomWindow.postMessage('test:finish', '*');
    expect(await landed).to.equal(`${location.origin}/test/fixtures/landed.html?from=room`);
  });

  it('stays on the page when an ld-finish listener calls preventDefault()', async () => {
    const { frame, roomWindow } = await hostPage({ redirect: '/test/fixtures/landed.html', prevent: '1' });
    const finished = nextMessage((data) => (data === 'host:finished' ? true : undefined));
    roomWindow.postMessage('test:finish', '*');
    await finished;
    expect((frame.contentWindow as any).navigations).to.deep.equal([]);
    expect(frame.contentWindow!.location.pathname).to.equal('/test/fixtures/host.html');
  });

  it('refuses a javascript: redirect-url with unsafe-redirect before any link, and never navigates', async () => {
    const frame = document.createElement('iframe');
    frame.src = `/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN, redirect: 'javascript:parent.__pwned = 1', endpoint: '/test-api/access-link' })}`;
    const error = nextMessage((data) => (typeof data === 'string' && data.startsWith('host:error:') ? data : undefined));
    const accessed = recordMessages((data) => data?.access);
    document.body.append(frame);
    expect(await error).to.equal('host:error:unsafe-redirect');
    const room = frame.contentDocument!.querySelector('livedigital-room') as LivedigitalRoom;
    expect(room.state).to.equal('error');
    expect(frameOf(room), 'no room frame').to.equal(null);
    expect(accessed, 'no link asked for').to.deep.equal([]);
    expect((frame.contentWindow as any).navigations).to.deep.equal([]);
    expect((window as any).__pwned).to.equal(undefined);
  });

  it('fires a cancelable ld-finish once and becomes finished', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const finishes = recordEvents(el, 'ld-finish');
    const frame = await mountLoaded(el);
    await command(frame.contentWindow!, 'test:finish');
    await command(frame.contentWindow!, 'test:finish');
    expect(finishes).to.have.length(1);
    expect(finishes[0]!.cancelable).to.equal(true);
    expect((finishes[0] as LdFinishEvent).redirectUrl).to.equal(null);
    expect(el.state).to.equal('finished');
  });

  it('ignores the message from the page itself', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const finishes = recordEvents(el, 'ld-finish');
    await mountLoaded(el);
    const ack = nextMessage((data) => (data === 'test:ack' ? true : undefined));
    window.postMessage('ld_finish_call', '*');
    window.postMessage('test:ack', '*');
    await ack;
    expect(finishes).to.have.length(0);
    expect(el.state).to.equal('ready');
  });

  it('ignores a foreign frame on the room origin, and other payload shapes', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const finishes = recordEvents(el, 'ld-finish');
    const frame = await mountLoaded(el);
    const foreign = document.createElement('iframe');
    foreign.src = `${ROOM_ORIGIN}/room/other`;
    const foreignLoaded = oneEvent(foreign, 'load');
    document.body.append(foreign);
    await foreignLoaded;
    await command(foreign.contentWindow!, 'test:finish');
    await command(frame.contentWindow!, 'test:finish-object');
    expect(finishes).to.have.length(0);
  });

  it('ignores its own frame once it is showing another origin', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const finishes = recordEvents(el, 'ld-finish');
    const frame = await mountLoaded(el);
    // The room frame navigates to the page's own origin and posts ld_finish_call from there.
    await command(frame.contentWindow!, { navigate: `${location.origin}/room/room1#finish-on-load` });
    expect(finishes).to.have.length(0);
    expect(el.state).to.equal('ready');
  });

  it('with two rooms on a page, each reacts only to its own', async () => {
    const a = create({ 'base-url': ROOM_ORIGIN, alias: 'roomA' });
    const b = create({ 'base-url': ROOM_ORIGIN, alias: 'roomB' });
    const finishA = recordEvents(a, 'ld-finish');
    const finishB = recordEvents(b, 'ld-finish');
    const frameA = await mountLoaded(a);
    const frameB = await mountLoaded(b);
    await command(frameB.contentWindow!, 'test:finish');
    expect(finishA).to.have.length(0);
    expect(finishB).to.have.length(1);
    expect(a.state).to.equal('ready');
    await command(frameA.contentWindow!, 'test:finish');
    expect(finishA).to.have.length(1);
  });

  it('checks redirect-url when it is set: a data: URL never spends a link', async () => {
    let calls = 0;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'redirect-url': 'data:text/html,<b>x</b>' });
    el.fetcher = async () => `${ROOM_ORIGIN}/room/room1?accessToken=t${++calls}`;
    expect((await mountFailing(el)).code).to.equal('unsafe-redirect');
    expect(calls).to.equal(0);
    expect(frameOf(el)).to.equal(null);
    expect(el.error?.code).to.equal('unsafe-redirect');
  });

  it('a redirect-url changed to a bad one after load is refused then, not when the call ends', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'redirect-url': '/test/fixtures/landed.html' });
    await mountLoaded(el);
    const failed = oneEvent<LdErrorEvent>(el, 'ld-error');
    el.redirectUrl = 'javascript:alert(1)';
    expect((await failed).code).to.equal('unsafe-redirect');
    expect(el.state).to.equal('error');
    expect(frameOf(el)).to.equal(null);
  });

  it('a redirect-url changed to another good one keeps the room', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'redirect-url': '/test/fixtures/landed.html' });
    const frame = await mountLoaded(el);
    el.redirectUrl = '/test/fixtures/landed.html?other';
    await el.updateComplete;
    expect(frameOf(el)).to.equal(frame);
    expect(el.state).to.equal('ready');
  });

  it('removes its window listener when it leaves the page', async () => {
    const signals: AbortSignal[] = [];
    const original = window.addEventListener;
    window.addEventListener = function (this: Window, type: string, listener: any, options?: any) {
      if (type === 'message') signals.push(options?.signal);
      return original.call(this, type, listener, options);
    } as typeof window.addEventListener;
    try {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      await mountLoaded(el);
      expect(signals).to.have.length(1);
      expect(signals[0]!.aborted).to.equal(false);
      el.remove();
      expect(signals[0]!.aborted).to.equal(true);
    } finally {
      window.addEventListener = original;
    }
  });
});
