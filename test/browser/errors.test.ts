import { expect, oneEvent } from '@open-wc/testing';
import type { LdErrorEvent } from '../../src/events.js';
import { ROOM_ORIGIN, create, frameOf, mountFailing, mountLoaded, statusOf } from './helpers.js';

describe('<livedigital-room> reports bad input clearly', () => {
  const cases: Array<[string, Record<string, string>, (el: any) => void]> = [
    ['missing-room', { 'base-url': ROOM_ORIGIN }, () => {}],
    ['invalid-alias', { 'base-url': ROOM_ORIGIN, alias: '../admin?x=1' }, () => {}],
    ['invalid-event-id', { 'base-url': ROOM_ORIGIN, 'event-id': 'a b' }, () => {}],
    ['invalid-base-url', { 'base-url': 'http://example.com', alias: 'room1' }, () => {}],
    ['invalid-base-url', { 'base-url': 'javascript:alert(1)', alias: 'room1' }, () => {}],
    ['untrusted-link', { 'base-url': ROOM_ORIGIN, src: 'https://evil.example/room/room1' }, () => {}],
    ['untrusted-link', { src: 'http://edu.livedigital.space/room/room1' }, () => {}],
    ['fetch-failed', { 'base-url': ROOM_ORIGIN, alias: 'room1' }, (el) => (el.fetcher = () => Promise.reject(new Error('down')))],
    ['bad-response', { 'base-url': ROOM_ORIGIN, alias: 'room1' }, (el) => (el.fetcher = async () => ({ nope: 1 }))],
    ['untrusted-link', { 'base-url': ROOM_ORIGIN, alias: 'room1' }, (el) => (el.fetcher = async () => 'https://evil.example/room/x')],
  ];
  for (const [code, attributes, setup] of cases) {
    it(`${code}: ${JSON.stringify(attributes).slice(0, 70)}`, async () => {
      const el = create(attributes);
      setup(el);
      const event = await mountFailing(el);
      expect(event.code).to.equal(code);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(el.state).to.equal('error');
      expect(frameOf(el), 'no iframe for a bad input').to.equal(null);
      const status = statusOf(el);
      expect(status.hidden).to.equal(false);
      expect(status.getAttribute('role')).to.equal('alert');
      expect(status.textContent!.trim().length).to.be.greaterThan(10);
      expect(status.querySelector('[part="retry-button"]')).to.exist;
    });
  }

  it('shows the message in Russian when the page is in Russian', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'ru';
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'bad alias' });
    wrapper.append(el);
    const failed = oneEvent<LdErrorEvent>(el, 'ld-error');
    document.body.append(wrapper);
    await failed;
    await el.updateComplete;
    expect(statusOf(el).textContent).to.include('Комната настроена неверно');
    expect(statusOf(el).textContent).to.include('invalid-alias');
    expect(statusOf(el).querySelector('button')!.textContent).to.equal('Повторить');
    el.lang = 'en';
    await el.updateComplete;
    expect(statusOf(el).textContent).to.include('The room is not set up correctly');
    wrapper.remove();
  });

  it('keeps a token out of the error message, the event and the console', async () => {
    const logged: string[] = [];
    const original = { error: console.error, warn: console.warn, log: console.log };
    for (const name of ['error', 'warn', 'log'] as const) console[name] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    try {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      el.fetcher = async () => {
        throw new Error('upstream said: accessToken=TOPSECRET');
      };
      const event = await mountFailing(el);
      expect(event.message).not.to.include('TOPSECRET');
      expect(statusOf(el).textContent).not.to.include('TOPSECRET');
      const el2 = create({ 'base-url': ROOM_ORIGIN, src: 'https://evil.example/room/x?accessToken=TOPSECRET' });
      const event2 = await mountFailing(el2);
      expect(event2.message).not.to.include('TOPSECRET');
      expect(logged.join('\n')).not.to.include('TOPSECRET');
    } finally {
      Object.assign(console, original);
    }
  });

  it('leaves no unhandled rejection behind when links fail, are refused or go stale', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const rejecting = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      rejecting.fetcher = () => Promise.reject(new Error('down'));
      await mountFailing(rejecting);
      await mountFailing(create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': '/test-api/forbidden' }));
      const stale = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      stale.fetcher = ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      document.body.append(stale);
      await stale.updateComplete;
      stale.remove();
      // Unhandled rejections are reported after a task; give them one.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('Retry asks again and recovers', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    let calls = 0;
    el.fetcher = async () => {
      calls++;
      if (calls === 1) throw new Error('flaky');
      return `${ROOM_ORIGIN}/room/room1?accessToken=fresh`;
    };
    await mountFailing(el);
    const loaded = oneEvent(el, 'ld-load');
    statusOf(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await loaded;
    expect(calls).to.equal(2);
    expect(el.state).to.equal('ready');
    expect(statusOf(el).hidden).to.equal(true);
    expect(new URL(frameOf(el)!.src).searchParams.get('accessToken')).to.equal('fresh');
  });

  it('shows a localized loading status, busy, until the room has loaded', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang: 'en' });
    let answer!: (link: string) => void;
    el.fetcher = () => new Promise((resolve) => (answer = resolve));
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    const box = el.shadowRoot!.querySelector('[part~="container"]')!;
    expect(box.getAttribute('aria-busy')).to.equal('true');
    expect(statusOf(el).getAttribute('role')).to.equal('status');
    expect(statusOf(el).hidden).to.equal(false);
    expect(statusOf(el).textContent).to.include('Connecting…');
    const loaded = oneEvent(el, 'ld-load');
    answer(`${ROOM_ORIGIN}/room/room1`);
    await loaded;
    await el.updateComplete;
    expect(box.getAttribute('aria-busy')).to.equal('false');
    expect(statusOf(el).hidden).to.equal(true);
    el.remove();
  });

  it('gets out of the way once the room has loaded: the room is what a click reaches', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const frame = await mountLoaded(el);
    await el.updateComplete;
    expect(getComputedStyle(statusOf(el)).display).to.equal('none');
    const box = frame.getBoundingClientRect();
    expect(el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)).to.equal(frame);
  });

  it('takes no room on the page while hidden', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    await mountLoaded(el);
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('click-to-join spends no link until the Join button is pressed, then focuses the room', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'click-to-join': '' });
    let calls = 0;
    el.fetcher = async () => {
      calls++;
      return `${ROOM_ORIGIN}/room/room1?accessToken=t${calls}`;
    };
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(calls).to.equal(0);
    const join = statusOf(el).querySelector<HTMLButtonElement>('[part="join-button"]')!;
    expect(join).to.exist;
    const loaded = oneEvent(el, 'ld-load');
    join.click();
    await loaded;
    expect(calls).to.equal(1);
    expect(el.shadowRoot!.activeElement).to.equal(frameOf(el));
    el.remove();
  });

  it('an element that is never connected does nothing', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    let calls = 0;
    el.fetcher = async () => {
      calls++;
      return `${ROOM_ORIGIN}/room/room1`;
    };
    el.requestUpdate();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).to.equal(0);
    expect(el.state).to.equal('idle');
  });

  it('reports ld-access with the link and its source', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const access = oneEvent(el, 'ld-access');
    await mountLoaded(el);
    const event = (await access) as any;
    expect(event.source).to.equal('attributes');
    expect(event.url).to.equal(`${ROOM_ORIGIN}/room/room1`);
  });
});
