import { expect } from '@open-wc/testing';
import { nextMessage } from './helpers.js';

// The demo's whole "after the lesson" path: a course member joins through the host backend
// (externalUserId from the LMS), records, ends the call → the room's webhooks → the companion's
// after-call pipeline → /api/lessons → demo/after-call.html shows attendance and the recording link.

async function json<T>(path: string): Promise<T> {
  const response = await fetch(path);
  expect(response.status, `${path} is served by the demo host backend`).to.equal(200);
  return response.json();
}

async function until<T>(take: () => T | null | undefined | Promise<T | null | undefined>): Promise<T> {
  // Bounded by the test's own timeout.
  for (;;) {
    const value = await take();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('after the lesson: demo/after-call.html', () => {
  afterEach(() => document.querySelectorAll('body > iframe').forEach((frame) => frame.remove()));

  it('shows the attendance row and the recording link of the lesson that just ended', async function () {
    this.timeout(20_000);
    const config = await json<{ roomBaseUrl: string; alias: string }>('/api/demo-config');
    const host = document.createElement('iframe');
    const query = new URLSearchParams({
      base: config.roomBaseUrl,
      alias: config.alias,
      endpoint: '/api/access-link',
      name: 'Ivan Petrov', // the demo course's teacher: lms-1042, moderator
      redirect: '/demo/after-call.html',
    });
    host.src = `/test/fixtures/host.html?${query}`;
    const ready = nextMessage((data) => (data === 'host:ready' ? true : undefined));
    document.body.append(host);
    await ready;

    const recordings = async () => (await json<Array<{ eventName: string }>>('/api/webhook-events')).filter((e) => e.eventName === 'record_started').length;
    const before = await recordings();
    host.contentWindow!.postMessage('emulator:record', '*'); // the teacher presses Record
    await until(async () => (await recordings()) > before);
    host.contentWindow!.postMessage('emulator:end-call', '*');

    const section = await until(() => {
      const doc = host.contentDocument;
      if (!doc || !doc.location.pathname.endsWith('/demo/after-call.html')) return null;
      return [...doc.querySelectorAll('section')].find((s) => s.querySelector('tr[data-key="lms-1042"]') && s.querySelector('.recording a'));
    });
    const cells = [...section.querySelectorAll('tr[data-key="lms-1042"] td')].map((td) => td.textContent);
    expect(cells[0]).to.equal('Ivan Petrov');
    expect(cells[1]).to.equal('lms-1042');
    expect(cells[2]).to.match(/^\d+\.\d$/);
    const link = new URL(section.querySelector<HTMLAnchorElement>('.recording a')!.href);
    expect(link.origin).to.equal(config.roomBaseUrl);
    expect(link.pathname).to.match(/^\/records\/[^/]+\/[0-9a-f]{24}\.mp4$/);
    expect(section.querySelector('h2')!.textContent).to.match(/^Lesson .+ min$/);
  });
});
