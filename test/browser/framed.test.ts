// An LMS that shows the course page inside its own iframe (LTI, SCORM) must allow camera and
// microphone on that iframe, or the room inside cannot have them. The element reports what the
// frame around the page withholds, so the host can say so instead of a silent black camera.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { DEFAULT_ALLOW } from '../../src/core/permissions.js';
import type { LdLoadEvent } from '../../src/events.js';
import { ROOM_ORIGIN, create, nextMessage } from './helpers.js';

/** The host page on another origin than the test page (as an LMS frames a tool), with a room inside. */
async function framedHost(allow: string | null): Promise<string[]> {
  const frame = document.createElement('iframe');
  if (allow !== null) frame.allow = allow;
  frame.src = `${ROOM_ORIGIN}/test/fixtures/host.html?${new URLSearchParams({ base: ROOM_ORIGIN })}`;
  const loaded = nextMessage((data) => (data && Array.isArray(data.blockedFeatures) ? (data.blockedFeatures as string[]) : undefined));
  document.body.append(frame);
  try {
    return await loaded;
  } finally {
    frame.remove();
  }
}

// Only Chromium lets a page read its own permissions policy (`document.featurePolicy`).
const readsPagePolicy = 'featurePolicy' in document;

describe('<livedigital-room> in a page that is itself framed', () => {
  (readsPagePolicy ? it : it.skip)('reports camera and microphone on ld-load when the frame around the page does not allow them (Chromium)', async () => {
    const blocked = await framedHost(null);
    expect(blocked).to.include.members(['camera', 'microphone', 'display-capture']);
  });

  (readsPagePolicy ? it.skip : it)('still loads the room and reports nothing where the page cannot read its policy (Firefox, WebKit)', async () => {
    expect(await framedHost(null)).to.deep.equal([]);
  });

  it('reports nothing on a top-level page', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
    const loaded = oneEvent<LdLoadEvent>(el, 'ld-load');
    await fixture(el);
    expect((await loaded).blockedFeatures).to.deep.equal([]);
  });

  it('reports nothing when that frame allows what the room is granted', async () => {
    expect(await framedHost(DEFAULT_ALLOW.join('; '))).to.deep.equal([]);
  });
});
