import { expect, oneEvent } from '@open-wc/testing';
import type { LdAccessEvent } from '../../src/events.js';
import { create, frameOf, nextMessage } from './helpers.js';

// element → host backend (/api/access-link, the companion) → stand-in generate-access → room
// iframe on the stand-in's origin → End call → ld_finish_call → redirect; webhooks verified.

interface DemoConfig {
  mode: string;
  roomBaseUrl: string;
  alias: string;
}

async function demoConfig(): Promise<DemoConfig> {
  const response = await fetch('/api/demo-config');
  expect(response.status, 'the test server mounts the demo host backend').to.equal(200);
  return response.json();
}


/** What the stand-in room page shows, asked over postMessage (the stand-in's test hook). */
function roomPageState(frameWindow: Window): Promise<string> {
  const answer = nextMessage((data) => (data?.emulator === 'state' ? (data.page as string) : undefined));
  frameWindow.postMessage('emulator:state', '*');
  return answer;
}

async function webhookNames(): Promise<string[]> {
  const events = (await (await fetch('/api/webhook-events')).json()) as Array<{ eventName: string }>;
  return events.map((event) => event.eventName);
}

describe('the whole loop against the livedigital stand-in', () => {
  afterEach(() => document.querySelectorAll('body > iframe').forEach((frame) => frame.remove()));

  it('access-endpoint → generate-access → room → End call → redirect, with signed webhooks', async () => {
    const config = await demoConfig();
    expect(config.mode).to.equal('stand-in');
    expect(new URL(config.roomBaseUrl).origin).not.to.equal(location.origin);

    const host = document.createElement('iframe');
    const query = new URLSearchParams({
      base: config.roomBaseUrl,
      alias: config.alias,
      endpoint: '/api/access-link',
      redirect: '/test/fixtures/landed.html?after=call',
    });
    host.src = `/test/fixtures/host.html?${query}`;
    const access = nextMessage((data) => (data?.access ? (data as { access: string; source: string }) : undefined));
    const ready = nextMessage((data) => (data === 'host:ready' ? true : undefined));
    document.body.append(host);
    const link = new URL((await access).access);
    await ready;
    expect(link.origin).to.equal(config.roomBaseUrl);
    expect(link.pathname).to.equal(`/room/${config.alias}`);
    expect(link.searchParams.get('accessToken')).to.match(/\S{16,}/);

    const landed = nextMessage((data) => data?.landed as string | undefined);
    host.contentWindow!.postMessage('emulator:end-call', '*'); // relayed by the host page to its room
    expect(await landed).to.equal(`${location.origin}/test/fixtures/landed.html?after=call`);

    // Deliveries are asynchronous on the stand-in's side; the test's own timeout bounds the wait.
    let names = await webhookNames();
    while (!names.includes('call_finished')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      names = await webhookNames();
    }
    expect(names).to.include('call_started');
  });

  it('a one-time link reused shows Unauthorized; reload() fetches a fresh one that works', async () => {
    const config = await demoConfig();
    const first = create({ 'base-url': config.roomBaseUrl, alias: config.alias, 'access-endpoint': '/api/access-link', 'participant-name': 'Anna' });
    const firstAccess = oneEvent<LdAccessEvent>(first, 'ld-access');
    const firstLoad = oneEvent(first, 'ld-load');
    document.body.append(first);
    const spent = (await firstAccess).url;
    await firstLoad;
    expect(await roomPageState(frameOf(first)!.contentWindow!)).to.equal('room');

    // The same link a second time (a copied link, a naive re-render): the room refuses it.
    const copy = create({ 'base-url': config.roomBaseUrl, src: spent });
    const copyLoad = oneEvent(copy, 'ld-load');
    document.body.append(copy);
    await copyLoad;
    expect(await roomPageState(frameOf(copy)!.contentWindow!)).to.equal('unauthorized');

    // The element itself never reuses it: reload() buys a fresh link, which works.
    const again = oneEvent<LdAccessEvent>(first, 'ld-access');
    const reloaded = oneEvent(first, 'ld-load');
    first.reload();
    const fresh = (await again).url;
    await reloaded;
    expect(fresh).not.to.equal(spent);
    expect(await roomPageState(frameOf(first)!.contentWindow!)).to.equal('room');
    first.remove();
    copy.remove();
  });
});
