import { expect } from '@open-wc/testing';
import type { LdFinishEvent } from '../../src/events.js';
import { ROOM_ORIGIN, command, create, mountLoaded } from './helpers.js';

describe('typed events reach the document', () => {
  it('document.addEventListener("ld-finish") gets the LdFinishEvent with its fields', async () => {
    const seen: LdFinishEvent[] = [];
    // Typed through DocumentEventMap: `event.redirectUrl` compiles without a cast.
    const listener = (event: LdFinishEvent) => seen.push(event);
    document.addEventListener('ld-finish', listener);
    try {
      const el = create({ 'base-url': ROOM_ORIGIN, alias: 'room1' });
      el.addEventListener('ld-finish', (event) => event.preventDefault());
      const frame = await mountLoaded(el);
      await command(frame.contentWindow!, 'test:finish');
      expect(seen).to.have.length(1);
      expect(seen[0]!.redirectUrl).to.equal(null);
      expect(seen[0]!.defaultPrevented).to.equal(true);
    } finally {
      document.removeEventListener('ld-finish', listener);
    }
  });
});
