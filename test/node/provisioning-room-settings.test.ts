import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createLivedigitalClient } from '../../src/server/index.js';
import type { LivedigitalClient } from '../../src/server/index.js';

// Room settings made through the companion act on the stand-in's room page, where a participant
// would see them.

let emu: Emulator;
let client: LivedigitalClient;
before(async () => {
  emu = await startEmulator();
  client = createLivedigitalClient({ token: emu.token, apiUrl: emu.apiUrl });
});
after(() => emu.close());

const page = async (url: string) => (await fetch(url)).text();
const pageKind = (html: string) => /<body data-page="([a-z-]+)"/.exec(html)?.[1];
const session = (html: string) => /data-session="([^"]+)"/.exec(html)![1]!;

async function lesson(settings: Parameters<LivedigitalClient['createRoom']>[1]) {
  const spaceId = emu.defaultRoom.spaceId;
  const room = await client.createRoom(spaceId, settings);
  const link = (username: string, role: 'user' | 'moderator') => client.generateAccess(spaceId, room.id, { username, role }).then((r) => r.url);
  return { ...room, spaceId, link };
}

describe('room settings on the stand-in room page', () => {
  test('publishing flags and the auto-recording setting are listed for participants to see', async () => {
    const room = await lesson({ name: 'Flags', type: 'lesson', isMicrophonePublishingAllowed: false, isCameraPublishingAllowed: true, isScreenMediaPublishingAllowed: false, isAutoRecordingAllowed: true });
    const html = await page(await room.link('Anna', 'user'));
    assert.match(html, /<li data-setting="microphone" data-allowed="false">Microphones: off for participants<\/li>/);
    assert.match(html, /<li data-setting="camera" data-allowed="true">Cameras: on for participants<\/li>/);
    assert.match(html, /<li data-setting="screen" data-allowed="false">/);
    assert.match(html, /<li data-setting="auto-recording" data-allowed="true">/);

    await client.updateRoom(room.spaceId, room.id, { isMicrophonePublishingAllowed: true });
    assert.match(await page(await room.link('Boris', 'user')), /data-setting="microphone" data-allowed="true"/);
  });

  test('a room without settings lists none and has no redirect', async () => {
    const room = await lesson({ name: 'Plain', type: 'webinar' });
    const html = await page(await room.link('Anna', 'user'));
    assert.equal(pageKind(html), 'room');
    assert.doesNotMatch(html, /id="ld-settings"|data-redirect-url|data-waiting/);
  });

  test('redirectUrl reaches the page (the script uses it only when the room is not framed)', async () => {
    const room = await lesson({ name: 'Redirect', type: 'lesson', redirectUrl: 'https://lms.example/after?x="1"' });
    const html = await page(await room.link('Anna', 'user'));
    assert.match(html, /data-redirect-url="https:\/\/lms\.example\/after\?x=&#34;1&#34;"/);
  });

  test('a waiting room holds participants until a moderator joins; moderators never wait', async () => {
    const room = await lesson({ name: 'Waiting', type: 'lesson', waitingRoomAudience: 'everyone' });
    const student = await page(await room.link('Student', 'user'));
    assert.equal(pageKind(student), 'waiting');
    assert.match(student, /data-waiting="1"/);
    const status = () => fetch(`${emu.roomBaseUrl}/room/${room.alias}/status?session=${session(student)}`).then((r) => r.json());
    assert.deepEqual(await status(), { inCall: true, participants: 1, moderatorPresent: false });

    const teacher = await page(await room.link('Teacher', 'moderator'));
    assert.equal(pageKind(teacher), 'room');
    assert.deepEqual(await status(), { inCall: true, participants: 2, moderatorPresent: true });
    assert.equal(pageKind(await page(await room.link('Late student', 'user'))), 'room', 'a moderator is in: no waiting');
  });

  test('waitingRoomAudience "nobody" means no waiting room', async () => {
    const room = await lesson({ name: 'Open', type: 'lesson', waitingRoomAudience: 'nobody' });
    assert.equal(pageKind(await page(await room.link('Student', 'user'))), 'room');
  });

  test('a registered user signs in with the refresh token from the password grant, with their room role', async () => {
    const room = await lesson({ name: 'Signed in', type: 'lesson', waitingRoomAudience: 'everyone' });
    const password = 'teacher-password';
    const { id } = await client.createUser({ email: 'olga@lms.example', password, username: 'Olga Ivanovna' });
    await client.grantRoomRole(room.spaceId, room.id, { userId: id, role: 'role_room_moderator' });
    const { refreshToken } = await client.getUserToken({ clientId: emu.clientId, clientSecret: emu.clientSecret, username: 'olga@lms.example', password });
    const html = await page(`${emu.roomBaseUrl}/room/${room.alias}?refreshToken=${encodeURIComponent(refreshToken)}`);
    assert.equal(pageKind(html), 'room', 'a moderator does not wait');
    assert.match(html, /<strong id="ld-name">Olga Ivanovna<\/strong> \(<span id="ld-role">moderator, signed in<\/span>\)/);
  });
});
