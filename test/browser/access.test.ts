import { expect, fixture, oneEvent } from '@open-wc/testing';
import type { AccessRequest } from '../../src/access.js';
import type { LdAccessEvent, LdErrorEvent } from '../../src/events.js';
import { ROOM_ORIGIN, create, deferred, frameOf, mountFailing, mountLoaded } from './helpers.js';

/** A fetcher that hands out a new one-time link per call, as a backend calling generate-access would. */
function oneTimeFetcher() {
  const requests: AccessRequest[] = [];
  const fetcher = async (request: AccessRequest) => {
    requests.push(request);
    return { url: `${ROOM_ORIGIN}/room/${request.alias}?accessToken=once-${requests.length}` };
  };
  return { requests, fetcher };
}

const tokenOf = (el: any) => new URL(frameOf(el)!.src).searchParams.get('accessToken');

describe('<livedigital-room> gets personal links from the host', () => {
  it('calls the fetcher with alias, participant name and a live signal', async () => {
    const { requests, fetcher } = oneTimeFetcher();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'participant-name': 'Иван' });
    el.fetcher = fetcher;
    const access = oneEvent<LdAccessEvent>(el, 'ld-access');
    await mountLoaded(el);
    expect(requests).to.have.length(1);
    expect(requests[0]!.alias).to.equal('room1');
    expect(requests[0]!.participantName).to.equal('Иван');
    expect(requests[0]!.signal).to.be.instanceOf(AbortSignal);
    expect(requests[0]!.signal.aborted).to.equal(false);
    expect((await access).source).to.equal('fetcher');
    expect(tokenOf(el)).to.equal('once-1');
  });

  it('aborts the call when the element leaves the page, and drops its late answer', async () => {
    const answer = deferred<string>();
    let signal!: AbortSignal;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = (request) => {
      signal = request.signal;
      return answer.promise;
    };
    const holder = await fixture<HTMLDivElement>('<div></div>');
    holder.append(el);
    await el.updateComplete;
    expect(signal.aborted).to.equal(false);
    el.remove();
    expect(signal.aborted).to.equal(true);
    answer.resolve(`${ROOM_ORIGIN}/room/room1?accessToken=late`);
    await answer.promise;
    await el.updateComplete;
    expect(frameOf(el)).to.equal(null);
  });

  it('aborts the call for old inputs and keeps only the answer for the new ones', async () => {
    const first = deferred<string>();
    const signals: AbortSignal[] = [];
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'old' });
    el.fetcher = (request) => {
      signals.push(request.signal);
      return request.alias === 'old' ? first.promise : Promise.resolve(`${ROOM_ORIGIN}/room/new?accessToken=n`);
    };
    const holder = await fixture<HTMLDivElement>('<div></div>');
    holder.append(el);
    await el.updateComplete;
    const loaded = oneEvent(el, 'ld-load');
    el.alias = 'new';
    await loaded;
    expect(signals[0]!.aborted).to.equal(true);
    first.resolve(`${ROOM_ORIGIN}/room/old?accessToken=o`);
    await first.promise;
    await el.updateComplete;
    expect(new URL(frameOf(el)!.src).pathname).to.equal('/room/new');
  });

  it('fetches a fresh one-time link for every mount: reconnect after a DOM move and reload()', async () => {
    const { requests, fetcher } = oneTimeFetcher();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    el.fetcher = fetcher;
    await mountLoaded(el);
    const firstFrame = frameOf(el);
    const elsewhere = await fixture<HTMLDivElement>('<section></section>');
    let loaded = oneEvent(el, 'ld-load');
    elsewhere.append(el);
    await loaded;
    expect(requests).to.have.length(2);
    expect(tokenOf(el)).to.equal('once-2');
    expect(frameOf(el)).not.to.equal(firstFrame);
    loaded = oneEvent(el, 'ld-load');
    el.reload();
    await loaded;
    expect(requests).to.have.length(3);
    expect(tokenOf(el)).to.equal('once-3');
  });

  it('reuses a link given by attributes on reconnect (no fetcher to ask)', async () => {
    const link = `${ROOM_ORIGIN}/room/room1?accessToken=permanent`;
    const el = create({ 'base-url': ROOM_ORIGIN, src: link });
    await mountLoaded(el);
    const elsewhere = await fixture<HTMLDivElement>('<section></section>');
    const loaded = oneEvent(el, 'ld-load');
    elsewhere.append(el);
    await loaded;
    expect(frameOf(el)!.src).to.equal(link);
  });

  it('access-endpoint: POSTs JSON {alias, participantName} and loads the returned { url }', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room7', 'participant-name': 'A&B', 'access-endpoint': '/test-api/access-link' });
    const seen: any[] = [];
    const originalFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await originalFetch(input, init);
      seen.push({ init, request: new Request(input, init), meta: JSON.parse(response.headers.get('x-test-request') ?? '{}') });
      return response;
    };
    try {
      await mountLoaded(el);
    } finally {
      window.fetch = originalFetch;
    }
    expect(seen[0].meta.method).to.equal('POST');
    expect(seen[0].meta.type).to.include('application/json');
    expect(JSON.parse(seen[0].init.body)).to.deep.equal({ alias: 'room7', participantName: 'A&B' });
    expect(seen[0].request.credentials).to.equal('same-origin'); // the host knows its user by its own session cookie
    const url = new URL(frameOf(el)!.src);
    expect(url.pathname).to.equal('/room/room7');
    expect(url.searchParams.get('participantName')).to.equal('A&B');
    expect(url.searchParams.get('accessToken')).to.match(/^one-time-/);
  });

  it('access-endpoint: accepts a text/plain link', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room8', 'access-endpoint': '/test-api/access-link-text' });
    await mountLoaded(el);
    expect(new URL(frameOf(el)!.src).pathname).to.equal('/room/room8');
  });

  const failures: Array<[string, string]> = [
    ['/test-api/forbidden', 'fetch-failed'],
    ['/test-api/not-a-link', 'bad-response'],
    ['/test-api/foreign', 'untrusted-link'],
    ['/test-api/missing-route', 'fetch-failed'],
  ];
  for (const [endpoint, code] of failures) {
    it(`access-endpoint ${endpoint} → ${code}`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': endpoint });
      const event: LdErrorEvent = await mountFailing(el);
      expect(event.code).to.equal(code);
      expect(frameOf(el)).to.equal(null);
    });
  }

  it('the fetcher property wins over access-endpoint', async () => {
    const { requests, fetcher } = oneTimeFetcher();
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-endpoint': '/test-api/forbidden' });
    el.fetcher = fetcher;
    await mountLoaded(el);
    expect(requests).to.have.length(1);
  });
});

describe('<livedigital-room> when the host does not answer', () => {
  it('gives up after access-timeout, aborts the call and shows fetch-failed with Retry', async () => {
    let signal!: AbortSignal;
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'access-timeout': '50' });
    // A fetcher that ignores its signal and never settles.
    el.fetcher = (request) => {
      signal = request.signal;
      return new Promise(() => {});
    };
    const event: LdErrorEvent = await mountFailing(el);
    expect(event.code).to.equal('fetch-failed');
    expect(signal.aborted).to.equal(true);
    expect(el.state).to.equal('error');
    expect(frameOf(el)).to.equal(null);
  });
});
