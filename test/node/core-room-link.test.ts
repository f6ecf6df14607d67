import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoomError } from '../../src/core/errors.js';
import { buildRoomLink, roomOrigin, trustRoomLink, type RoomInputs } from '../../src/core/room-link.js';

describe('buildRoomLink', () => {
  const ok: Array<[string, RoomInputs, string]> = [
    ['alias only, default site', { alias: 'EGBYWoMZJe' }, 'https://edu.livedigital.space/room/EGBYWoMZJe'],
    ['teleboss', { alias: '0mrw9W62rC', baseUrl: 'https://a.teleboss.ru' }, 'https://a.teleboss.ru/room/0mrw9W62rC'],
    ['trailing slash on base', { alias: 'a', baseUrl: 'https://a.teleboss.ru/' }, 'https://a.teleboss.ru/room/a'],
    ['name and access token', { alias: 'hMInKY6FoM', participantName: 'John Smith', accessToken: 't1' }, 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=John+Smith&accessToken=t1'],
    ['name that looks like parameters', { alias: 'a', participantName: 'A&accessToken=x#y' }, 'https://edu.livedigital.space/room/a?participantName=A%26accessToken%3Dx%23y'],
    ['cyrillic name', { alias: 'a', participantName: 'Иван' }, 'https://edu.livedigital.space/room/a?participantName=%D0%98%D0%B2%D0%B0%D0%BD'],
    ['refresh token', { alias: 'a', refreshToken: 'r/+=' }, 'https://edu.livedigital.space/room/a?refreshToken=r%2F%2B%3D'],
    ['access token wins over refresh token', { alias: 'a', accessToken: 'x', refreshToken: 'r' }, 'https://edu.livedigital.space/room/a?accessToken=x'],
    ['disableSupport', { alias: 'a', disableSupport: true }, 'https://edu.livedigital.space/room/a?disableSupport=true'],
    ['event', { eventId: 'ev_1-2', alias: 'ignored' }, 'https://edu.livedigital.space/event/ev_1-2'],
    ['loopback http', { alias: 'a', baseUrl: 'http://127.0.0.1:5000' }, 'http://127.0.0.1:5000/room/a'],
    ['localhost http', { alias: 'a', baseUrl: 'http://localhost:5000' }, 'http://localhost:5000/room/a'],
    ['ipv6 loopback', { alias: 'a', baseUrl: 'http://[::1]:5000' }, 'http://[::1]:5000/room/a'],
    ['empty values are left out', { alias: 'a', participantName: '', accessToken: '' }, 'https://edu.livedigital.space/room/a'],
  ];
  for (const [name, inputs, expected] of ok) {
    it(name, () => assert.equal(buildRoomLink(inputs).href, expected));
  }

  it('keeps a hostile name as exactly one parameter value', () => {
    const url = buildRoomLink({ alias: 'a', participantName: 'A&accessToken=x#y' });
    assert.equal(url.searchParams.get('participantName'), 'A&accessToken=x#y');
    assert.deepEqual(url.searchParams.getAll('accessToken'), []);
    assert.equal(url.hash, '');
  });

  const bad: Array<[string, RoomInputs, string]> = [
    ['no room', {}, 'missing-room'],
    ['alias with slash', { alias: '../x' }, 'invalid-alias'],
    ['alias with query', { alias: 'a?b=1' }, 'invalid-alias'],
    ['alias with space', { alias: 'a b' }, 'invalid-alias'],
    ['alias too long', { alias: 'a'.repeat(65) }, 'invalid-alias'],
    ['event id with hash', { eventId: 'x#y' }, 'invalid-event-id'],
    ['http base', { alias: 'a', baseUrl: 'http://edu.livedigital.space' }, 'invalid-base-url'],
    ['base that is a room link', { alias: 'a', baseUrl: 'https://edu.livedigital.space/room/x' }, 'invalid-base-url'],
    ['base with query', { alias: 'a', baseUrl: 'https://edu.livedigital.space/?x=1' }, 'invalid-base-url'],
    ['base with credentials', { alias: 'a', baseUrl: 'https://u:p@edu.livedigital.space' }, 'invalid-base-url'],
    ['javascript base', { alias: 'a', baseUrl: 'javascript:alert(1)' }, 'invalid-base-url'],
    ['garbage base', { alias: 'a', baseUrl: 'not a url' }, 'invalid-base-url'],
    ['http on a look-alike host', { alias: 'a', baseUrl: 'http://localhost.evil.example' }, 'invalid-base-url'],
  ];
  for (const [name, inputs, code] of bad) {
    it(`refuses ${name} with ${code}`, () => {
      assert.throws(() => buildRoomLink(inputs), (error: unknown) => error instanceof RoomError && error.code === code);
    });
  }
});

describe('trustRoomLink', () => {
  const cases: Array<[string, string, string | undefined, boolean]> = [
    ['generate-access link', 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=J&accessToken=x', undefined, true],
    ['teleboss link with teleboss base', 'https://a.teleboss.ru/room/a', 'https://a.teleboss.ru', true],
    ['teleboss link with default base', 'https://a.teleboss.ru/room/a', undefined, false],
    ['http link', 'http://edu.livedigital.space/room/a', undefined, false],
    ['other host', 'https://evil.example/room/a', undefined, false],
    ['sub-domain trick', 'https://edu.livedigital.space.evil.example/room/a', undefined, false],
    ['credentials trick', 'https://edu.livedigital.space@evil.example/room/a', undefined, false],
    ['javascript', 'javascript:alert(1)', undefined, false],
    ['relative', '/room/a', undefined, false],
    ['loopback stand-in', 'http://127.0.0.1:9000/room/a', 'http://127.0.0.1:9000', true],
    ['loopback other port', 'http://127.0.0.1:9001/room/a', 'http://127.0.0.1:9000', false],
  ];
  for (const [name, link, base, trusted] of cases) {
    it(`${name}: ${trusted ? 'trusted' : 'untrusted-link'}`, () => {
      if (trusted) assert.equal(trustRoomLink(link, base).href, new URL(link).href);
      else assert.throws(() => trustRoomLink(link, base), (e: unknown) => e instanceof RoomError && e.code === 'untrusted-link');
    });
  }

  it('names the origin the link is on (what base-url would have to be), never the link or its token', () => {
    assert.throws(
      () => trustRoomLink('https://user:pw@evil.example/room/a?accessToken=SECRET'),
      (e: unknown) => e instanceof RoomError && !/SECRET|room\/a|pw/.test(e.message),
    );
    assert.throws(
      () => trustRoomLink('https://evil.example/room/a?accessToken=SECRET'),
      (e: unknown) => e instanceof RoomError && e.message.endsWith(', not https://evil.example') && !e.message.includes('SECRET'),
    );
  });
});

describe('roomOrigin', () => {
  it('normalizes the origin', () => assert.equal(roomOrigin('HTTPS://A.Teleboss.RU/'), 'https://a.teleboss.ru'));
});
