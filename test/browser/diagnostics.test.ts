// The mistakes a new integrator makes each give a console line that says what to change and a
// visible state that fits, and a bad configuration is found before a single-use link is spent.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import type { LivedigitalRoom } from '../../src/element.js';
import type { LdErrorEvent } from '../../src/events.js';
import { ROOM_ORIGIN, create, frameOf, mountFailing, mountLoaded, nextMessage, statusOf, within } from './helpers.js';

const console_ = { error: console.error, warn: console.warn, log: console.log };
const logged: Array<[string, string]> = [];
beforeEach(() => {
  logged.length = 0;
  for (const level of Object.keys(console_) as Array<keyof typeof console_>) {
    console[level] = (...args: unknown[]) => logged.push([level, args.map(String).join(' ')]);
  }
});
afterEach(() => Object.assign(console, console_));
const lines = (level: string) => logged.filter(([l]) => l === level).map(([, text]) => text);

/** A fetcher that counts its calls: a bad configuration must leave it at zero. */
function spyFetcher() {
  const spy = { calls: 0, fetcher: async () => `${ROOM_ORIGIN}/room/room1?accessToken=t${++spy.calls}` };
  return spy;
}

describe('<livedigital-room> tells the integrator what is wrong', () => {
  it('writes each ld-error once to the console: code, message, what to change, and the table link', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'bad alias' });
    const event = await mountFailing(el);
    const errors = lines('error');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.equal(`livedigital-room: invalid-alias: ${event.message}. See https://www.npmjs.com/package/livedigital-room#error-codes`);
    expect(errors[0]).to.include('letters, digits');
  });

  it('an untrusted link names the origin it is on (what base-url would be), without the token', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = async () => 'https://edu.livedigital.space/room/room1?accessToken=SECRET';
    await mountFailing(el);
    const [line] = lines('error');
    expect(line).to.include('untrusted-link');
    expect(line).to.include(`link must be on ${ROOM_ORIGIN}, not https://edu.livedigital.space`);
    expect(line).not.to.include('SECRET');
  });

  it('keeps the last error readable in `error`, and clears it when the room loads', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'bad alias' });
    expect(el.error).to.equal(null);
    await mountFailing(el);
    expect(el.error?.code).to.equal('invalid-alias');
    expect(el.error?.message).to.include('alias');
    const loaded = oneEvent(el, 'ld-load');
    el.alias = 'room1';
    await loaded;
    expect(el.error).to.equal(null);
  });

  it('fires a connect-time error late enough for a listener in a script after the element script', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/late-listener.html';
    const heard = nextMessage((data) => data?.lateListenerHeard as string | undefined);
    document.body.append(frame);
    try {
      expect(await heard).to.equal('invalid-alias');
    } finally {
      frame.remove();
    }
  });

  const misconfigured: Array<[string, Record<string, string>]> = [
    ['invalid-base-url', { 'base-url': 'https://edu.livedigital.space/room/x', alias: 'room1' }],
    ['invalid-base-url', { 'base-url': 'http://example.com', alias: 'room1' }],
    ['invalid-alias', { 'base-url': ROOM_ORIGIN, alias: 'room 1' }],
    ['invalid-event-id', { 'base-url': ROOM_ORIGIN, 'event-id': 'ev/1' }],
    ['unsafe-redirect', { 'base-url': ROOM_ORIGIN, alias: 'room1', 'redirect-url': 'javascript:alert(1)' }],
  ];
  for (const [code, attributes] of misconfigured) {
    it(`${code} is found before the fetcher is called: ${JSON.stringify(attributes).slice(0, 60)}`, async () => {
      const spy = spyFetcher();
      const el = create(attributes);
      el.fetcher = spy.fetcher;
      expect((await mountFailing(el)).code).to.equal(code);
      expect(spy.calls, 'no link spent').to.equal(0);
    });
  }

  it('also before access-endpoint is asked', async () => {
    const el = create({ 'base-url': 'http://example.com', alias: 'room1', 'access-endpoint': '/test-api/access-link' });
    const asked: unknown[] = [];
    const originalFetch = window.fetch;
    window.fetch = (...args) => (asked.push(args[0]), originalFetch(...args));
    try {
      expect((await mountFailing(el)).code).to.equal('invalid-base-url');
    } finally {
      window.fetch = originalFetch;
    }
    expect(asked).to.deep.equal([]);
  });

  it('warns once per attribute that looks like one of ours: "did you mean …?"', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', participantName: 'Anna', baseUrl: ROOM_ORIGIN, accesstoken: 'x', access_endpoint: '/x' });
    await mountLoaded(el);
    expect(lines('warn').filter((line) => line.includes('did you mean'))).to.deep.equal([
      'livedigital-room: unknown attribute "participantname": did you mean "participant-name"?',
      'livedigital-room: unknown attribute "baseurl": did you mean "base-url"?',
      'livedigital-room: unknown attribute "accesstoken": did you mean "access-token"?',
      'livedigital-room: unknown attribute "access_endpoint": did you mean "access-endpoint"?',
    ]);
  });

  it('says nothing about its own attributes or unrelated ones', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'participant-name': 'A', 'click-to-join': '', class: 'x', 'data-room': '1' });
    await fixture(el);
    await el.updateComplete;
    expect(logged).to.deep.equal([]);
  });
});

describe('<livedigital-room> reads the host backend answers', () => {
  const notLinks = ['/test-api/html', '/test-api/empty', '/test-api/not-a-link'];
  for (const endpoint of notLinks) {
    it(`${endpoint}: an answer that is not a link is bad-response`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint });
      expect((await mountFailing(el)).code).to.equal('bad-response');
    });
  }

  const refusals: Array<[string, number, string | undefined, string | undefined, string]> = [
    ['/test-api/forbidden', 403, 'forbidden', 'not enrolled in this course', 'No access to this room.'],
    ['/test-api/missing', 404, 'room-not-found', 'no such lesson', 'Room not found.'],
    ['/test-api/broken', 500, 'internal', undefined, 'Check the connection'],
  ];
  for (const [endpoint, status, hostCode, hostMessage, text] of refusals) {
    it(`${endpoint}: HTTP ${status} carries the host's code and message and shows "${text}"`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint, lang: 'en' });
      const event: LdErrorEvent = await mountFailing(el);
      expect(event.code).to.equal('fetch-failed');
      expect([event.status, event.hostCode, event.hostMessage]).to.deep.equal([status, hostCode, hostMessage]);
      expect(el.error?.status).to.equal(status);
      expect(event.message).to.include(`HTTP ${status}`);
      expect(statusOf(el).textContent).to.include(text);
      expect(statusOf(el).querySelector('[part="retry-button"]')).to.exist;
    });
  }

  it('a fetcher that throws a RoomError passes the host error on as it is', async () => {
    const { RoomError } = await import('../../src/core/errors.js');
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang: 'ru' });
    el.fetcher = async () => {
      throw new RoomError('fetch-failed', 'host said no', { status: 403, hostCode: 'forbidden' });
    };
    const event = await mountFailing(el);
    expect([event.status, event.hostCode]).to.deep.equal([403, 'forbidden']);
    expect(statusOf(el).textContent).to.include('Нет доступа к комнате');
  });
});

/** A host page in a frame of the test page; resolves with what its ld-load reported. */
async function hostIn(src: string, allow: string | null) {
  const frame = document.createElement('iframe');
  if (allow !== null) frame.allow = allow;
  frame.src = src;
  const loaded = nextMessage((data) => (data && Array.isArray(data.blockedFeatures) ? (data as { blockedFeatures: string[]; openButton: boolean; secure: boolean }) : undefined));
  document.body.append(frame);
  return { frame, report: await loaded };
}

describe('<livedigital-room> where the room cannot have camera or microphone', () => {
  afterEach(() => document.querySelectorAll('body > iframe').forEach((frame) => frame.remove()));
  const allowAll = 'camera; microphone; display-capture; fullscreen';

  it('on a page over plain http off localhost: blockedFeatures says so, and a new-tab button is offered', async function () {
    // `insecure.test` is the test server under a name that is not localhost (the Chromium launch
    // options map it): a page there is not a secure context.
    const host = `http://insecure.test:${location.port}`;
    const reachable = await within(fetch(`${host}/test/fixtures/landed.html`, { mode: 'no-cors' }).then(() => true, () => false), host);
    if (!reachable) this.skip(); // a browser launched without that mapping
    const { report } = await hostIn(`${host}/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN })}`, allowAll);
    expect(report.secure).to.equal(false);
    expect(report.blockedFeatures).to.include.members(['camera', 'microphone', 'display-capture']);
    expect(report.openButton).to.equal(true);
  });

  it('on a secure page with every permission: nothing blocked and no new-tab button', async () => {
    const { report } = await hostIn(`/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN })}`, allowAll);
    expect(report.secure).to.equal(true);
    expect(report.blockedFeatures).to.deep.equal([]);
    expect(report.openButton).to.equal(false);
  });

  it('the new-tab button opens a fresh link (links work once), with noopener', async () => {
    // Permissions the page withholds are only visible through Chromium's document.featurePolicy;
    // elsewhere no button is offered for them (the insecure-page case above still offers it).
    const detectable = 'featurePolicy' in document;
    const { frame } = await hostIn(
      `/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN, endpoint: '/test-api/access-link' })}`,
      "camera 'none'; microphone 'none'",
    );
    const room = frame.contentDocument!.querySelector('livedigital-room') as LivedigitalRoom;
    const opened: unknown[][] = [];
    (frame.contentWindow as any).open = (...args: unknown[]) => (opened.push(args), null);
    const button = room.shadowRoot!.querySelector<HTMLButtonElement>('[part="open-button"]')!;
    if (!detectable) return void expect(button).to.equal(null);
    expect(button.textContent).to.equal('Open in new tab');
    button.click();
    await within(new Promise<void>((resolve) => {
      const poll = () => (opened.length ? resolve() : setTimeout(poll, 10));
      poll();
    }), 'window.open');
    const [url, target, features] = opened[0] as [URL, string, string];
    const inPage = new URL(frameOf(room)!.src);
    expect(String(url)).to.match(new RegExp(`^${ROOM_ORIGIN}/room/host-room\\?`));
    expect(new URL(String(url)).searchParams.get('accessToken')).not.to.equal(inPage.searchParams.get('accessToken'));
    expect([target, features]).to.deep.equal(['_blank', 'noopener']);
  });
});
