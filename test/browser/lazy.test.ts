// loading="lazy": a room far from the viewport spends no single-use link and creates no iframe;
// it loads when scrolled near, once. The facade before a room loads says which room, who joins and
// what will be asked; warm-up adds one preconnect hint per origin.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LivedigitalRoom } from '../../src/element.js';
import { TEXTS } from '../../src/i18n.js';
import { ROOM_ORIGIN, create, frameOf, statusOf } from './helpers.js';

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** A lazy room whose fetcher counts its calls. */
function lazyRoom(attributes: Record<string, string> = {}): { el: LivedigitalRoom; calls: () => number } {
  let calls = 0;
  const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', loading: 'lazy', ...attributes });
  el.fetcher = async () => {
    calls++;
    return `${ROOM_ORIGIN}/room/room1?accessToken=one-time`;
  };
  return { el, calls: () => calls };
}

const preconnects = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=preconnect]')];

describe('<livedigital-room loading="lazy">', function () {
  this.timeout(15_000);
  beforeEach(() => preconnects().forEach((link) => link.remove()));

  it('spends no link and creates no iframe off-screen; loads once when scrolled near, and keeps the room', async () => {
    const near = lazyRoom();
    const far = lazyRoom();
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    const spacer = document.createElement('div');
    spacer.style.height = '6000px';
    const nearLoaded = oneEvent(near.el, 'ld-load');
    page.append(near.el, spacer, far.el);
    // The in-view room loading shows the observers have reported: the far one was seen far.
    await nearLoaded;
    await frames();
    expect(near.calls()).to.equal(1);
    expect(far.calls()).to.equal(0);
    expect(frameOf(far.el)).to.equal(null);
    expect(far.el.state).to.equal('idle');

    const farLoaded = oneEvent(far.el, 'ld-load');
    far.el.scrollIntoView();
    await farLoaded;
    expect(far.calls()).to.equal(1);
    const frame = frameOf(far.el);

    window.scrollTo(0, 0);
    await frames();
    far.el.scrollIntoView();
    await frames();
    expect(far.calls()).to.equal(1);
    expect(frameOf(far.el)).to.equal(frame);
    window.scrollTo(0, 0);
  });

  it('eager stays the default: a room off-screen without loading="lazy" fetches at once', async () => {
    const { el, calls } = lazyRoom();
    el.removeAttribute('loading');
    const page = await fixture<HTMLDivElement>(html`<div style="padding-top: 6000px"></div>`);
    const loaded = oneEvent(el, 'ld-load');
    page.append(el);
    await loaded;
    expect(calls()).to.equal(1);
  });

  it('with click-to-join: in view shows the Join facade and fetches nothing until the click', async () => {
    const { el, calls } = lazyRoom({ 'click-to-join': '' });
    await fixture(el);
    await frames();
    expect(calls()).to.equal(0);
    const join = statusOf(el).querySelector<HTMLButtonElement>('[part="join-button"]')!;
    expect(join).to.exist;
    const loaded = oneEvent(el, 'ld-load');
    join.click();
    await loaded;
    expect(calls()).to.equal(1);
  });

  it('near the viewport: one preconnect hint per origin, however many rooms', async () => {
    const a = lazyRoom();
    const b = lazyRoom();
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    const loaded = Promise.all([oneEvent(a.el, 'ld-load'), oneEvent(b.el, 'ld-load')]);
    page.append(a.el, b.el);
    await loaded;
    expect(preconnects().map((link) => link.href.replace(/\/$/, ''))).to.deep.equal([ROOM_ORIGIN]);
  });

  it('pointer on the Join button warms the room origin and a separate access-endpoint origin', async () => {
    const endpointOrigin = `http://[::1]:${location.port}`;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'click-to-join': '', 'access-endpoint': `${endpointOrigin}/api/access` });
    await fixture(el);
    expect(preconnects()).to.have.length(0);
    statusOf(el).querySelector('[part="join-button"]')!.dispatchEvent(new PointerEvent('pointerenter'));
    const hints = preconnects().map((link) => [link.href.replace(/\/$/, ''), link.crossOrigin]);
    expect(hints).to.deep.equal([[ROOM_ORIGIN, null], [endpointOrigin, 'anonymous']]);
  });
});

describe('the facade before a room loads', () => {
  it('names the room, who joins and what will be asked, in the page language', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'click-to-join': '', label: 'Алгебра, 9 класс', 'participant-name': 'Иван Петров', lang: 'ru' });
    await fixture(el);
    const lines = [...statusOf(el).querySelectorAll('p')].map((p) => p.textContent);
    expect(lines).to.deep.equal(['Алгебра, 9 класс', `${TEXTS.ru.joinAs}Иван Петров`, TEXTS.ru.media]);
  });

  it('says nothing about camera and microphone when both are denied, nor a name when there is none', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'click-to-join': '', deny: 'camera microphone', lang: 'en' });
    await fixture(el);
    const lines = [...statusOf(el).querySelectorAll('p')].map((p) => p.textContent);
    expect(lines).to.deep.equal([TEXTS.en.label]);
  });
});
