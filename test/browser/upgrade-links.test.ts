import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { upgradeLinks } from '../../src/element.js';
import { upgradeLinks as upgradeLinksOnDemand } from '../../src/index.js';
import type { LivedigitalRoom } from '../../src/element.js';
import type { LdAccessEvent } from '../../src/events.js';
import { RoomError } from '../../src/core/errors.js';
import { ROOM_ORIGIN } from './helpers.js';

// The room site in these tests is the stand-in on a second loopback origin (http is allowed there).
const SITE = { baseUrl: ROOM_ORIGIN, clickToJoin: true };

/** A content area with `html` in it, as a sanitizer left it. */
async function content(html: string): Promise<HTMLElement> {
  const area = await fixture<HTMLElement>('<section></section>');
  area.innerHTML = html;
  return area;
}

function rooms(root: ParentNode): LivedigitalRoom[] {
  return [...root.querySelectorAll('livedigital-room')];
}

function attributesOf(el: Element): Record<string, string> {
  return Object.fromEntries([...el.attributes].map((attribute) => [attribute.name, attribute.value]));
}

/** Mutation records are delivered in a microtask; a task later they have all been handled. */
const afterMutations = () => new Promise((resolve) => setTimeout(resolve));

describe('upgradeLinks', () => {
  const stops: Array<() => void> = [];
  const start = (options: Parameters<typeof upgradeLinks>[0]) => {
    const stop = upgradeLinks(options);
    stops.push(stop);
    return stop;
  };
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('puts a room in place of a bare room link, with the site defaults and the link text as label and Join text', async () => {
    const area = await content(`<p>Before <a href="${ROOM_ORIGIN}/room/EGBYWoMZJe" target="_blank">Join the <b>lesson</b></a> after</p>`);
    start({
      baseUrl: `${ROOM_ORIGIN}/`, accessEndpoint: '/api/room-access', redirectUrl: '/course/5',
      lang: 'ru', height: 480, loading: 'lazy', clickToJoin: true, root: area,
    });
    const [room] = rooms(area);
    expect(room, 'upgraded at once').to.exist;
    expect(area.querySelector('a')).to.equal(null);
    expect(room!.parentElement!.firstChild!.textContent).to.equal('Before ');
    expect(room!.nextSibling!.textContent).to.equal(' after');
    expect(attributesOf(room!)).to.deep.equal({
      alias: 'EGBYWoMZJe',
      'access-endpoint': '/api/room-access',
      'base-url': ROOM_ORIGIN,
      'redirect-url': '/course/5',
      lang: 'ru',
      height: '480',
      loading: 'lazy',
      'click-to-join': '',
      label: 'Join the lesson',
    });
    const slot = room!.querySelector('[slot="join-label"]')!;
    expect(slot.textContent).to.equal('Join the lesson');
    await room!.updateComplete;
    const joinButton = room!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="join-button"]')!;
    expect(joinButton.querySelector('slot')!.assignedNodes()).to.deep.equal([slot]);
  });

  it('uses a link made for someone as it is, and an event link as an event, without the endpoint', async () => {
    const personal = `${ROOM_ORIGIN}/room/hMInKY6FoM?participantName=Ann&accessToken=t1`;
    const area = await content(`<a href="${personal}">mine</a><a href="${ROOM_ORIGIN}/event/ev_1">replay</a><a href="${ROOM_ORIGIN}/room/r2?refreshToken=x">again</a>`);
    start({ ...SITE, accessEndpoint: '/api/room-access', root: area });
    const [mine, replay, again] = rooms(area);
    expect(mine!.getAttribute('src')).to.equal(personal);
    expect(replay!.getAttribute('event-id')).to.equal('ev_1');
    expect(again!.getAttribute('src')).to.equal(`${ROOM_ORIGIN}/room/r2?refreshToken=x`);
    for (const room of [mine, replay, again]) {
      expect(room!.hasAttribute('access-endpoint')).to.equal(false);
      expect(room!.hasAttribute('alias')).to.equal(false);
    }
  });

  it('leaves every link that is not a room link on the configured origin a link', async () => {
    const port = location.port;
    const foreign = [
      `http://localhost:${port}/room/EGBYWoMZJe`, // the page's own origin
      `http://127.0.0.1:${Number(port) + 1}/room/EGBYWoMZJe`, // another port
      `https://127.0.0.1:${port}/room/EGBYWoMZJe`, // another scheme
      `http://127.0.0.1.evil.example:${port}/room/EGBYWoMZJe`, // lookalike host
      `http://127.0.0.1:${port}@evil.example/room/EGBYWoMZJe`, // userinfo trick
      `http://user@127.0.0.1:${port}/room/EGBYWoMZJe`, // credentials on the room site
      `http://127.0.0.1:${port}/rooms/EGBYWoMZJe`, // another path
      `http://127.0.0.1:${port}/room/EGBYWoMZJe/x`,
      'https://edu.livedigital.space/room/EGBYWoMZJe', // the default site, not the configured one
    ];
    const area = await content(foreign.map((href) => `<a href="${href}">x</a>`).join(''));
    start({ ...SITE, root: area });
    await afterMutations();
    expect(rooms(area)).to.have.length(0);
    expect([...area.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(foreign);
  });

  it('upgrades room links on the default site only over https', async () => {
    const area = await content(
      '<a href="http://edu.livedigital.space/room/EGBYWoMZJe">x</a><a href="https://edu.livedigital.space.evil.example/room/EGBYWoMZJe">y</a>' +
        '<a href="https://edu.livedigital.space/room/EGBYWoMZJe">z</a>',
    );
    start({ clickToJoin: true, root: area });
    expect(rooms(area).map((room) => room.getAttribute('base-url'))).to.deep.equal(['https://edu.livedigital.space']);
    expect(area.querySelectorAll('a')).to.have.length(2);
  });

  it('upgrades links added later (an AJAX section, an SPA route), until stopped', async () => {
    const area = await content('<p>nothing yet</p>');
    const stop = start({ ...SITE, root: area });
    const section = document.createElement('div');
    section.innerHTML = `<ul><li><a href="${ROOM_ORIGIN}/room/later1">one</a></li></ul>`;
    area.append(section);
    const link = Object.assign(document.createElement('a'), { href: `${ROOM_ORIGIN}/room/later2`, textContent: 'two' });
    area.append(link);
    await afterMutations();
    expect(rooms(area).map((room) => room.getAttribute('alias'))).to.deep.equal(['later1', 'later2']);

    stop();
    area.insertAdjacentHTML('beforeend', `<a href="${ROOM_ORIGIN}/room/later3">three</a>`);
    await afterMutations();
    expect(rooms(area)).to.have.length(2);
    expect(area.querySelector('a')!.getAttribute('href')).to.equal(`${ROOM_ORIGIN}/room/later3`);
  });

  it('upgrades each link once, even when a script puts the same link back', async () => {
    const area = await content(`<a href="${ROOM_ORIGIN}/room/once">once</a>`);
    const link = area.querySelector('a')!;
    start({ ...SITE, root: area });
    expect(rooms(area)).to.have.length(1);
    area.append(link);
    await afterMutations();
    expect(rooms(area)).to.have.length(1);
    expect(area.querySelector('a')).to.equal(link);
  });

  it('leaves links inside an editor alone, so the editor saves what the teacher wrote', async () => {
    const area = await content(`<div contenteditable="true"><p><a href="${ROOM_ORIGIN}/room/draft">draft</a></p></div>`);
    start({ ...SITE, root: area });
    area.querySelector('p')!.insertAdjacentHTML('beforeend', `<a href="${ROOM_ORIGIN}/room/typed">typed</a>`);
    await afterMutations();
    expect(rooms(area)).to.have.length(0);
    expect(area.querySelectorAll('a')).to.have.length(2);
  });

  it('refuses a bad baseUrl with invalid-base-url before touching the page', async () => {
    const area = await content(`<a href="http://edu.livedigital.space/room/a">x</a>`);
    let error: unknown;
    try {
      upgradeLinks({ baseUrl: 'http://edu.livedigital.space', root: area });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).to.be.instanceOf(RoomError);
    expect((error as RoomError).code).to.equal('invalid-base-url');
    expect(area.querySelector('a')).to.exist;
  });

  it('a bare link gets a personal link from the site\'s access endpoint', async () => {
    const area = await content('');
    start({ baseUrl: ROOM_ORIGIN, accessEndpoint: '/test-api/access-link', root: area });
    const obtained = oneEvent<LdAccessEvent>(area, 'ld-access');
    area.innerHTML = `<a href="${ROOM_ORIGIN}/room/EGBYWoMZJe">Join</a>`;
    const access = await obtained;
    expect(access.target).to.equal(rooms(area)[0]);
    expect(access.source).to.equal('fetcher');
    const link = new URL(access.url);
    expect(link.origin).to.equal(ROOM_ORIGIN);
    expect(link.pathname).to.equal('/room/EGBYWoMZJe');
    expect(link.searchParams.get('accessToken')).to.match(/^one-time-/);
  });
});

describe('upgradeLinks from the main entry, its implementation loaded on first use', () => {
  it('refuses a bad baseUrl at once, then upgrades the links once the implementation has loaded', async () => {
    const area = await content(`<a href="${ROOM_ORIGIN}/room/ondemand">x</a>`);
    expect(() => upgradeLinksOnDemand({ baseUrl: 'http://edu.livedigital.space', root: area })).to.throw(RoomError);
    const stop = upgradeLinksOnDemand({ ...SITE, root: area });
    try {
      await waitUntil(() => rooms(area).length === 1, 'the link became a room', { timeout: 5000 });
      expect(rooms(area)[0]!.getAttribute('alias')).to.equal('ondemand');
    } finally {
      stop();
    }
  });

  it('stopped before the implementation has loaded, leaves every link a link', async () => {
    const area = await content(`<a href="${ROOM_ORIGIN}/room/never">x</a>`);
    upgradeLinksOnDemand({ ...SITE, root: area })();
    await import('../../src/upgrade-links.js');
    await afterMutations();
    expect(rooms(area)).to.have.length(0);
    expect(area.querySelector('a')).to.exist;
  });
});
