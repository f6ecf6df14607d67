// Every state a participant can meet — loading, join, error with Retry, the room itself — passes
// axe-core's checks (WCAG 2.x A/AA rules and best practices) in English and in Russian.
import { expect, fixture } from '@open-wc/testing';
import type { LivedigitalRoom } from '../../src/element.js';
import { ROOM_ORIGIN, create, mountFailing, mountLoaded, statusOf } from './helpers.js';

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ html: string }>;
}
interface Axe {
  run(context: Element, options: object): Promise<{ violations: AxeViolation[] }>;
}

async function axeOf(): Promise<Axe> {
  const global = window as unknown as { axe?: Axe };
  // axe-core's browser build registers itself as window.axe (as chai-a11y-axe loads it).
  if (!global.axe) await import('axe-core/axe.min.js' as string);
  return global.axe!;
}

/** axe's violations for the element, as readable lines. The room's own page is the vendor's, so frames are not entered. */
async function violationsOf(el: LivedigitalRoom): Promise<string[]> {
  const axe = await axeOf();
  const { violations } = await axe.run(el, { iframes: false, resultTypes: ['violations'] });
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('<livedigital-room> is accessible in every state', () => {
  for (const lang of ['en', 'ru']) {
    it(`loading (${lang})`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang });
      el.fetcher = () => new Promise(() => {});
      await fixture(el);
      await el.updateComplete;
      expect(el.state).to.equal('loading');
      expect((await violationsOf(el)).join('\n')).to.equal('');
    });

    it(`join button (${lang})`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang, 'click-to-join': '' });
      await fixture(el);
      await el.updateComplete;
      expect(statusOf(el).querySelector('[part="join-button"]')).to.exist;
      expect((await violationsOf(el)).join('\n')).to.equal('');
    });

    it(`facade: room, name, camera note and Join (${lang})`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang, 'click-to-join': '', label: 'Algebra 9B', 'participant-name': 'Ivan Petrov' });
      await fixture(el);
      await el.updateComplete;
      expect(statusOf(el).querySelectorAll('p')).to.have.length(3);
      expect((await violationsOf(el)).join('\n')).to.equal('');
    });

    it(`error with Retry (${lang})`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'not a valid alias', lang });
      await mountFailing(el);
      expect(statusOf(el).querySelector('[part="retry-button"]')).to.exist;
      expect((await violationsOf(el)).join('\n')).to.equal('');
    });

    it(`the room (${lang})`, async () => {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', lang });
      await mountLoaded(el);
      expect((await violationsOf(el)).join('\n')).to.equal('');
    });
  }

  it('a refused redirect-url is shown accessibly before the room loads', async () => {
    const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1', 'redirect-url': 'javascript:alert(1)' });
    await mountFailing(el);
    expect(el.state).to.equal('error');
    expect((await violationsOf(el)).join('\n')).to.equal('');
  });
});
