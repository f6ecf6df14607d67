import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoomError } from '../../src/core/errors.js';
import { FINISH_CALL_MESSAGE, isFinishFromRoom } from '../../src/core/messages.js';
import { buildAllow, featuresThePageLacks, grants } from '../../src/core/permissions.js';
import { safeRedirectUrl } from '../../src/core/redirect.js';
import { cssLength } from '../../src/core/size.js';
import { toLang } from '../../src/i18n.js';

describe('buildAllow', () => {
  const documented = 'camera; microphone; fullscreen; accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; display-capture; screen-wake-lock';
  const cases: Array<[string, string | null, string | null, string]> = [
    ['the documented default', null, null, documented],
    ['deny one feature', null, 'camera', documented.replace('camera', "camera 'none'")],
    ['deny a feature not in the list', null, 'geolocation', `${documented}; geolocation 'none'`],
    ['allow replaces the list (vendor snippet with trailing ;)', 'camera;microphone;', null, 'camera; microphone'],
    ['allow keeps allowlists', "camera 'self' https://a.teleboss.ru; autoplay", null, "camera 'self' https://a.teleboss.ru; autoplay"],
    ['deny wins over allow', 'camera; microphone', 'microphone', "camera; microphone 'none'"],
    ['junk feature names are dropped', 'camera; "><script>; Micro_Phone', '<x>', 'camera'],
    ['case folded', 'CAMERA', 'Microphone', "camera; microphone 'none'"],
  ];
  for (const [name, allow, deny, expected] of cases) {
    it(name, () => assert.equal(buildAllow(allow, deny), expected));
  }
});

describe('featuresThePageLacks', () => {
  const policy = (known: string[], allowed: string[]) => ({ features: () => known, allowedFeatures: () => allowed });
  const known = ['camera', 'microphone', 'fullscreen', 'autoplay'];
  const cases: Array<[string, string, ReturnType<typeof policy> | undefined, string[]]> = [
    ['nothing without a policy to read (not Chromium)', 'camera; microphone', undefined, []],
    ['nothing when the page has everything', 'camera; microphone', policy(known, known), []],
    ['what the room is granted and the page lacks', 'camera; microphone; autoplay', policy(known, ['autoplay']), ['camera', 'microphone']],
    ["not what the room is refused anyway ('none')", "camera 'none'; microphone", policy(known, []), ['microphone']],
    ['not what the browser does not know', 'camera; screen-wake-lock', policy(known, []), ['camera']],
  ];
  for (const [name, allow, pagePolicy, expected] of cases) {
    it(name, () => assert.deepEqual(featuresThePageLacks(allow, pagePolicy), expected));
  }
});

describe('grants', () => {
  const cases: Array<[string, string, boolean]> = [
    ['camera; microphone; fullscreen', 'fullscreen', true],
    ['camera; microphone', 'fullscreen', false],
    ["camera; fullscreen 'none'", 'fullscreen', false],
    ["fullscreen 'self' https://a.example", 'fullscreen', true],
    ["camera 'none'; microphone", 'camera', false],
    ['', 'camera', false],
  ];
  for (const [allow, feature, expected] of cases) {
    it(`${JSON.stringify(allow)} ${expected ? 'grants' : 'does not grant'} ${feature}`, () => assert.equal(grants(allow, feature), expected));
  }
});

describe('isFinishFromRoom', () => {
  const roomWindow = { name: 'room' };
  const frame = { window: roomWindow, origin: 'https://edu.livedigital.space' };
  const cases: Array<[string, unknown, string, unknown, typeof frame | null, boolean]> = [
    ['the room, its origin, the documented string', FINISH_CALL_MESSAGE, frame.origin, roomWindow, frame, true],
    ['another window', FINISH_CALL_MESSAGE, frame.origin, { name: 'other' }, frame, false],
    ['another origin', FINISH_CALL_MESSAGE, 'https://evil.example', roomWindow, frame, false],
    ['the "null" origin', FINISH_CALL_MESSAGE, 'null', roomWindow, frame, false],
    ['an object payload', { type: FINISH_CALL_MESSAGE }, frame.origin, roomWindow, frame, false],
    ['another string', 'ld_finish_call ', frame.origin, roomWindow, frame, false],
    ['no frame yet', FINISH_CALL_MESSAGE, frame.origin, roomWindow, null, false],
    ['frame without window', FINISH_CALL_MESSAGE, frame.origin, null, { window: null, origin: frame.origin } as never, false],
  ];
  for (const [name, data, origin, source, room, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(isFinishFromRoom({ data, origin, source }, room), expected));
  }
});

describe('safeRedirectUrl', () => {
  const page = 'https://lms.example/course/5?lesson=2';
  const ok: Array<[string, string]> = [
    ['https://lms.example/done', 'https://lms.example/done'],
    ['/course/5/feedback', 'https://lms.example/course/5/feedback'],
    ['feedback', 'https://lms.example/course/feedback'],
    ['  http://other.example/x  ', 'http://other.example/x'],
  ];
  for (const [input, expected] of ok) it(`allows ${input.trim()}`, () => assert.equal(safeRedirectUrl(input, page).href, expected));
  for (const input of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'blob:https://lms.example/x', 'file:///etc/passwd', 'http://[bad']) {
    it(`refuses ${input}`, () => assert.throws(() => safeRedirectUrl(input, page), (e: unknown) => e instanceof RoomError && e.code === 'unsafe-redirect'));
  }
});

describe('cssLength and toLang', () => {
  const lengths: Array<[string | null, string | undefined]> = [
    ['880', '880px'], ['595px', '595px'], ['100%', '100%'], ['80vh', '80vh'], ['12.5rem', '12.5rem'],
    ['red;background:url(x)', undefined], ['calc(1px)', undefined], ['', undefined], [null, undefined], ['-5', undefined],
  ];
  for (const [input, expected] of lengths) it(`cssLength(${input}) → ${expected}`, () => assert.equal(cssLength(input), expected));
  const langs: Array<[string | undefined, string | undefined]> = [['ru', 'ru'], ['ru-RU', 'ru'], ['EN-us', 'en'], ['de', undefined], ['', undefined], [undefined, undefined]];
  for (const [input, expected] of langs) it(`toLang(${input}) → ${expected}`, () => assert.equal(toLang(input), expected));
});
