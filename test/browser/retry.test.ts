// A busy access endpoint (429/503) is asked again by the element itself, after the wait it names
// plus jitter; a refusal is not; a Retry click after a failure backs off. The answers come from a
// per-test scripted endpoint (test/support/scripted-endpoint.mjs).
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { TEXTS } from '../../src/i18n.js';
import { ROOM_ORIGIN, busy, create, frameOf, mountFailing, mountLoaded, scripted, statusOf } from './helpers.js';

describe('<livedigital-room> waits out a busy backend', function () {
  this.timeout(20_000);

  it('503 + Retry-After: 1 twice, then a link: the room loads on the third call, the wait says many are joining', async () => {
    const { endpoint, calls } = await scripted([busy(503, '1'), busy(503, '1'), { link: true }]);
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint, lang: 'en' });
    const errors: Event[] = [];
    el.addEventListener("ld-error", (e) => void errors.push(e));
    const loaded = oneEvent(el, 'ld-load');
    await fixture(el);
    await waitUntil(() => statusOf(el).textContent!.includes(TEXTS.en.busy), 'the busy text is shown while waiting', { timeout: 5000 });
    expect(el.state).to.equal('loading');
    await loaded;
    expect(await calls()).to.equal(3);
    expect(errors).to.have.length(0);
    expect(new URL(frameOf(el)!.src).pathname).to.equal('/room/room1');
  });

  it('429 without Retry-After: backs off and asks again', async () => {
    const { endpoint, calls } = await scripted([busy(429), { link: true }]);
    await mountLoaded(create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint }));
    expect(await calls()).to.equal(2);
  });

  it('403: no retry, the error is shown at once', async () => {
    const { endpoint, calls } = await scripted([busy(403), { link: true }]);
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint });
    const event = await mountFailing(el);
    expect(event.code).to.equal('fetch-failed');
    expect(await calls()).to.equal(1);
    expect(statusOf(el).querySelector('[part="retry-button"]')).to.exist;
    expect(frameOf(el)).to.equal(null);
  });

  it('a fetcher error with retryAfter (seconds) is waited out', async () => {
    let calls = 0;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = async () => {
      if (++calls === 1) throw Object.assign(new Error('busy'), { retryAfter: 0 });
      return `${ROOM_ORIGIN}/room/room1`;
    };
    await mountLoaded(el);
    expect(calls).to.equal(2);
  });

  it('a network failure is tried once more, then shown', async () => {
    let calls = 0;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    const event = await mountFailing(el);
    expect(event.code).to.equal('fetch-failed');
    expect(calls).to.equal(2);
  });

  it('an aborted wait asks no more: removing the element ends the retries', async () => {
    const { endpoint, calls } = await scripted([busy(503, '1')]);
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint });
    await fixture(el);
    await waitUntil(() => statusOf(el).textContent!.includes(TEXTS.en.busy) || statusOf(el).textContent!.includes(TEXTS.ru.busy), 'busy', { timeout: 5000 });
    el.remove();
    const before = await calls();
    // Long enough for a second retry (Retry-After 1 s + at most 0.5 s jitter) had the loop gone on.
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(await calls()).to.equal(before);
  });

  it('Retry after a failure backs off: the fetcher is not called in the same moment', async () => {
    const random = Math.random;
    Math.random = () => 0.999;
    try {
      let calls = 0;
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      el.fetcher = async () => {
        if (++calls === 1) throw new Error('refused');
        return `${ROOM_ORIGIN}/room/room1`;
      };
      await mountFailing(el);
      const loaded = oneEvent(el, 'ld-load');
      statusOf(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
      await el.updateComplete;
      // With random 0.999 the backoff is about 500 ms. This timer is set first and ends first, so
      // it runs before the element's wait does, however busy the machine; without the backoff the
      // fetcher would already have been called (the waiting code loads in a few ms).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(el.state).to.equal('loading');
      expect(calls).to.equal(1);
      await loaded;
      expect(calls).to.equal(2);
    } finally {
      Math.random = random;
    }
  });
});
