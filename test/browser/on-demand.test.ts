// What most rooms never run is not downloaded until a room needs it: a room that gets its link at
// once loads neither the access-endpoint request nor the waiting for a busy backend. The tests
// run in order in one page, so what the first one sees is what a fresh page downloads.
import { expect } from '@open-wc/testing';
import { ROOM_ORIGIN, busy, create, mountLoaded, scripted } from './helpers.js';

/** Whether the page has fetched this source module (the test server serves `src/` as it is). */
const fetched = (module: string) => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname === `/src/${module}.ts`);

describe('<livedigital-room> loads rarely used code on first need', function () {
  this.timeout(20_000);

  it('a room whose fetcher answers at once downloads neither the endpoint request nor the waiting', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = async () => ({ url: `${ROOM_ORIGIN}/room/room1?accessToken=once` });
    await mountLoaded(el);
    expect(fetched('livedigital-room'), 'the element itself, seen by this check').to.equal(true);
    expect(fetched('ask-endpoint')).to.equal(false);
    expect(fetched('keep-trying')).to.equal(false);
  });

  it('an access-endpoint room that is told to wait downloads both, and joins', async () => {
    const { endpoint, calls } = await scripted([busy(503, '0'), { link: true }]);
    await mountLoaded(create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint }));
    expect(await calls()).to.equal(2);
    expect(fetched('ask-endpoint')).to.equal(true);
    expect(fetched('keep-trying')).to.equal(true);
  });
});
