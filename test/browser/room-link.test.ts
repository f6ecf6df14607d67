import { expect, fixture } from '@open-wc/testing';
import { DEFAULT_ALLOW } from '../../src/core/permissions.js';
import { ROOM_ORIGIN, create, frameOf, mountLoaded } from './helpers.js';

describe('<livedigital-room> builds the room iframe', () => {
  it('puts alias, name and access token into the documented link, every value encoded', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'EGBYWoMZJe', 'participant-name': 'A&accessToken=x#y' });
    el.accessToken = 'tok en/+';
    const frame = await mountLoaded(el);
    const url = new URL(frame.src);
    expect(url.origin + url.pathname).to.equal(`${ROOM_ORIGIN}/room/EGBYWoMZJe`);
    expect(url.searchParams.get('participantName')).to.equal('A&accessToken=x#y');
    expect(url.searchParams.getAll('accessToken')).to.deep.equal(['tok en/+']);
    expect(url.hash).to.equal('');
  });

  it('uses refresh-token for background sign-in when there is no access token', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'q3_5V3uwik', 'refresh-token': 'r-1' });
    const url = new URL((await mountLoaded(el)).src);
    expect(url.searchParams.get('refreshToken')).to.equal('r-1');
    expect(url.searchParams.has('accessToken')).to.equal(false);
  });

  it('opens an autowebinar event by event-id', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, 'event-id': 'ev-42' });
    expect(new URL((await mountLoaded(el)).src).pathname).to.equal('/event/ev-42');
  });

  it('takes a ready link from src as it is', async () => {
    const link = `${ROOM_ORIGIN}/room/hMInKY6FoM?participantName=JohnSmith&accessToken=abc`;
    const el = create({ 'base-url': ROOM_ORIGIN, src: link, alias: 'ignored' });
    expect((await mountLoaded(el)).src).to.equal(link);
  });

  it('defaults to edu.livedigital.space and follows the teleboss base-url', async () => {
    const plain = await fixture<HTMLElement>('<livedigital-room alias="EGBYWoMZJe"></livedigital-room>');
    await (plain as any).updateComplete;
    expect(frameOf(plain as any)!.getAttribute('src')).to.equal('https://edu.livedigital.space/room/EGBYWoMZJe');
    const tb = await fixture<HTMLElement>('<livedigital-room alias="EGBYWoMZJe" base-url="https://a.teleboss.ru"></livedigital-room>');
    await (tb as any).updateComplete;
    expect(frameOf(tb as any)!.getAttribute('src')).to.equal('https://a.teleboss.ru/room/EGBYWoMZJe');
  });

  it('gives the iframe the documented permissions, a title and a deliberate referrer policy', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', label: 'Урок 5' });
    const frame = await mountLoaded(el);
    expect(frame.getAttribute('allow')).to.equal(DEFAULT_ALLOW.join('; '));
    for (const feature of ['camera', 'microphone', 'display-capture', 'screen-wake-lock']) {
      expect(frame.getAttribute('allow')).to.include(feature);
    }
    expect(frame.hasAttribute('allowusermedia')).to.equal(true);
    expect(frame.hasAttribute('allowfullscreen')).to.equal(true);
    expect(frame.getAttribute('frameborder')).to.equal('0');
    expect(getComputedStyle(frame).borderTopWidth).to.equal('0px');
    expect(frame.title).to.equal('Урок 5');
    expect(frame.getAttribute('referrerpolicy')).to.equal('strict-origin');
  });

  it('replaces the list with allow and refuses deny-ed features with \'none\'', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', allow: 'camera; microphone; fullscreen', deny: 'camera geolocation' });
    const frame = await mountLoaded(el);
    expect(frame.getAttribute('allow')).to.equal("camera 'none'; microphone; fullscreen; geolocation 'none'");
  });

  it('drops allowfullscreen and allowusermedia when allow or deny refuse what they would grant', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', deny: 'fullscreen camera microphone' });
    const frame = await mountLoaded(el);
    expect(frame.getAttribute('allow')).to.include("fullscreen 'none'");
    expect(frame.hasAttribute('allowfullscreen')).to.equal(false);
    expect(frame.hasAttribute('allowusermedia')).to.equal(false);
    const onlyMicrophone = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', allow: 'microphone' });
    const second = await mountLoaded(onlyMicrophone);
    expect(second.hasAttribute('allowfullscreen')).to.equal(false);
    expect(second.hasAttribute('allowusermedia')).to.equal(true);
  });

  it('sends disableSupport when disable-support is set', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'disable-support': '' });
    const frame = await mountLoaded(el);
    expect(new URL(frame.src).searchParams.get('disableSupport')).to.equal('true');
  });

  it('sizes like the documented iframe: numbers are px, CSS lengths pass, anything else is ignored', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', width: '880', height: '595px' });
    await mountLoaded(el);
    const box = el.shadowRoot!.querySelector<HTMLElement>('[part~="container"]')!;
    expect(box.style.width).to.equal('880px');
    expect(box.getBoundingClientRect().height).to.equal(595);
    el.width = 'red;background:url(x)';
    await el.updateComplete;
    expect(box.style.width).to.equal('');
  });

  it('never reflects tokens into attributes', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.accessToken = 'secret-access';
    el.refreshToken = 'secret-refresh';
    await mountLoaded(el);
    expect(el.outerHTML).not.to.include('secret');
    expect(el.hasAttribute('access-token')).to.equal(false);
  });
});
