import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roomFromLink, type LinkedRoom } from '../../src/core/link-upgrade.js';
import { LIVEDIGITAL_BASE_URL, roomOrigin } from '../../src/core/room-link.js';

const LD = LIVEDIGITAL_BASE_URL;
const STAND_IN = 'http://127.0.0.1:5000';

describe('roomFromLink: links that become rooms', () => {
  const rooms: Array<[string, string, string, LinkedRoom]> = [
    ['a bare room link', `${LD}/room/EGBYWoMZJe`, LD, { alias: 'EGBYWoMZJe' }],
    ['a trailing slash', `${LD}/room/EGBYWoMZJe/`, LD, { alias: 'EGBYWoMZJe' }],
    ['a hash and an unrelated parameter', `${LD}/room/q3_5V3uwik?utm_source=lms#x`, LD, { alias: 'q3_5V3uwik' }],
    ['upper-case scheme and host', 'HTTPS://EDU.LIVEDIGITAL.SPACE/room/a', LD, { alias: 'a' }],
    ['the default https port written out', 'https://edu.livedigital.space:443/room/a', LD, { alias: 'a' }],
    ['an event link', `${LD}/event/ev_1-2`, LD, { eventId: 'ev_1-2' }],
    ['teleboss with a teleboss origin', 'https://a.teleboss.ru/room/0mrw9W62rC', 'https://a.teleboss.ru', { alias: '0mrw9W62rC' }],
    ['the loopback stand-in over http', `${STAND_IN}/room/a`, STAND_IN, { alias: 'a' }],
    [
      'a generate-access link, kept whole',
      `${LD}/room/hMInKY6FoM?participantName=John+Smith&accessToken=t1`,
      LD,
      { src: `${LD}/room/hMInKY6FoM?participantName=John+Smith&accessToken=t1` },
    ],
    ['a refresh-token link, kept whole', `${LD}/room/a?refreshToken=r`, LD, { src: `${LD}/room/a?refreshToken=r` }],
    ['a named link, kept whole', `${LD}/room/a?participantName=Ann`, LD, { src: `${LD}/room/a?participantName=Ann` }],
  ];
  for (const [name, href, origin, expected] of rooms) {
    it(name, () => assert.deepEqual(roomFromLink(href, origin), expected));
  }
});

describe('roomFromLink: links that stay links', () => {
  // Each differs from `${LD}/room/EGBYWoMZJe` on the default origin in one thing.
  const foreign: Array<[string, string]> = [
    ['plain http to the room site', 'http://edu.livedigital.space/room/EGBYWoMZJe'],
    ['a lookalike host (suffix)', 'https://edu.livedigital.space.evil.com/room/EGBYWoMZJe'],
    ['a lookalike host (prefix)', 'https://evil-edu.livedigital.space/room/EGBYWoMZJe'],
    ['a sibling subdomain', 'https://a.livedigital.space/room/EGBYWoMZJe'],
    ['userinfo naming the room site', 'https://edu.livedigital.space@evil.com/room/EGBYWoMZJe'],
    ['userinfo on the room site', 'https://user@edu.livedigital.space/room/EGBYWoMZJe'],
    ['another port', 'https://edu.livedigital.space:8443/room/EGBYWoMZJe'],
    ['another path', 'https://edu.livedigital.space/rooms/EGBYWoMZJe'],
    ['a deeper path', 'https://edu.livedigital.space/room/EGBYWoMZJe/settings'],
    ['the site root', 'https://edu.livedigital.space/'],
    ['an upper-case path', 'https://edu.livedigital.space/ROOM/EGBYWoMZJe'],
    ['an encoded dot-dot alias', 'https://edu.livedigital.space/room/%2e%2e'],
    ['an alias with an encoded slash', 'https://edu.livedigital.space/room/a%2Fb'],
    ['an alias that is too long', `https://edu.livedigital.space/room/${'a'.repeat(65)}`],
    ['a javascript: link', 'javascript:alert("https://edu.livedigital.space/room/EGBYWoMZJe")'],
    ['a relative link', '/room/EGBYWoMZJe'],
    ['not a link', 'https://'],
  ];
  for (const [name, href] of foreign) {
    it(name, () => assert.equal(roomFromLink(href, LD), null));
  }

  it('a room-site link when another origin is configured', () => {
    assert.equal(roomFromLink(`${LD}/room/EGBYWoMZJe`, 'https://a.teleboss.ru'), null);
    assert.equal(roomFromLink('https://127.0.0.1:5000/room/a', STAND_IN), null);
  });

  it('agrees with roomOrigin on what an origin is', () => {
    assert.deepEqual(roomFromLink(`${LD}/room/a`, roomOrigin(`${LD}/`)), { alias: 'a' });
  });
});
