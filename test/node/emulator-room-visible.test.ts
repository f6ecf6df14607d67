import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startEmulator } from '../../src/emulator/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import { createLivedigitalClient } from '../../src/server/index.js';
import type { LivedigitalClient } from '../../src/server/index.js';
import { chromiumLaunchOptions } from '../support/chromium.mjs';

// What a participant sees on the stand-in's room page, rendered: the markup can say `hidden`
// while the page's own CSS shows the box anyway.

let emu: Emulator;
let client: LivedigitalClient;
let browser: Browser;
before(async () => {
  emu = await startEmulator();
  client = createLivedigitalClient({ token: emu.token, apiUrl: emu.apiUrl });
  browser = await puppeteer.launch(chromiumLaunchOptions);
});
after(async () => {
  await browser?.close();
  await emu.close();
});

/** Which of the room and the waiting screen are on screen, and whether End call can be pressed. */
async function visible(url: string) {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 15_000 });
    // A string, not a function: the TypeScript loader would add helpers the page does not have.
    return await page.evaluate(`(() => {
      const shown = (selector) => {
        const node = document.querySelector(selector);
        return !!node && node.getClientRects().length > 0;
      };
      const end = [...document.querySelectorAll('button')].find((button) => /end call/i.test(button.textContent));
      return { room: shown('#ld-main'), waiting: shown('#ld-waiting'), endCall: !!end && end.getClientRects().length > 0 };
    })()`) as { room: boolean; waiting: boolean; endCall: boolean };
  } finally {
    await page.close();
  }
}

describe('the stand-in room page as a participant sees it', () => {
  test('a room without a waiting room shows the room and End call, no waiting screen', async () => {
    const { url } = await client.generateAccess(emu.defaultRoom.spaceId, emu.defaultRoom.roomId, { username: 'Anna', role: 'user' });
    assert.deepEqual(await visible(url), { room: true, waiting: false, endCall: true });
  });

  test('in a waiting room a student sees only the waiting screen until a moderator is in', async () => {
    const spaceId = emu.defaultRoom.spaceId;
    const room = await client.createRoom(spaceId, { name: 'Waiting', type: 'lesson', waitingRoomAudience: 'everyone' });
    const { url } = await client.generateAccess(spaceId, room.id, { username: 'Student', role: 'user' });
    const seen = await visible(url);
    assert.deepEqual({ room: seen.room, waiting: seen.waiting }, { room: false, waiting: true });
  });
});
