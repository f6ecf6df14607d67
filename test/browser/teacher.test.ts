import { expect, oneEvent } from '@open-wc/testing';
import type { LdAccessEvent, LdFinishEvent } from '../../src/events.js';
import { create, frameOf, nextMessage } from './helpers.js';

// The demo's teacher page in Chromium: it creates a lesson room through the reference backend
// (companion → stand-in), shows the tag and the plain link to paste, and opens the room. Then the
// pasted tag lets a student in, and the room's redirectUrl acts only where the room is not framed.

const LIMIT_MS = 6000;

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - started > LIMIT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function roomPageState(frameWindow: Window): Promise<string> {
  const answer = nextMessage((data) => (data?.emulator === 'state' ? (data.page as string) : undefined));
  frameWindow.postMessage('emulator:state', '*');
  return answer;
}

async function teacherPage(): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '900px';
  const loaded = oneEvent(frame, 'load');
  frame.src = '/demo/teacher.html';
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await until(() => doc.querySelector('#new-room'), 'the form');
  return doc;
}

function fill(doc: Document, fields: Record<string, string | boolean>): void {
  for (const [name, value] of Object.entries(fields)) {
    const input = doc.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
    if (typeof value === 'boolean') (input as HTMLInputElement).checked = value;
    else input.value = value;
  }
}

const textOf = (doc: Document, selector: string) => doc.querySelector(selector)!.textContent!;

describe('the teacher page (demo)', () => {
  const popups: Window[] = [];
  afterEach(() => {
    document.querySelectorAll('body > iframe, livedigital-room').forEach((node) => node.remove());
    popups.splice(0).forEach((popup) => popup.close());
  });

  it('creates a lesson room, shows the tag and the link to paste, and opens it as moderator', async () => {
    const doc = await teacherPage();
    fill(doc, { name: 'Lesson 6: <fractions>', type: 'webinar', isMicrophonePublishingAllowed: false, teacherName: 'Olga Ivanovna' });
    doc.querySelector<HTMLFormElement>('#new-room')!.requestSubmit();
    await until(() => !doc.querySelector<HTMLElement>('#result')!.hidden, 'the result');

    const tag = textOf(doc, '#tag');
    const [, alias, base] = /^<livedigital-room alias="([A-Za-z0-9]{10})" base-url="(http:\/\/127\.0\.0\.1:\d+)" access-endpoint="\/api\/access-link"><\/livedigital-room>$/.exec(tag) ?? [];
    expect(alias, tag).to.be.a('string');
    expect(textOf(doc, '#link-html')).to.equal(`<a href="${base}/room/${alias}">Lesson 6: &#60;fractions&#62;</a>`);

    // Opened as moderator on the stand-in's own origin.
    const element = doc.querySelector('#room livedigital-room') as HTMLElement & { shadowRoot: ShadowRoot; state: string };
    const frame = await until(() => element.shadowRoot?.querySelector('iframe'), 'the room frame');
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).to.equal(`${base}/room/${alias}`);
    expect(src.searchParams.get('accessToken')).to.match(/\S{16,}/);
    await until(() => element.state === 'ready', 'the room to load');
    // (The stand-in answers state questions only from its parent, the teacher page: the student below checks the room.)

    // The pasted tag works for a student: the backend hands out a link for the new alias.
    const student = create({ alias: alias!, 'base-url': base!, 'access-endpoint': '/api/access-link', 'participant-name': 'Student' });
    const access = oneEvent<LdAccessEvent>(student, 'ld-access');
    const load = oneEvent(student, 'ld-load');
    document.body.append(student);
    expect(new URL((await access).url).pathname).to.equal(`/room/${alias}`);
    await load;
    expect(await roomPageState(frameOf(student)!.contentWindow!)).to.equal('room');
  });

  it('says what to fix when the backend refuses a setting, and keeps the form', async () => {
    const doc = await teacherPage();
    fill(doc, { redirectUrl: 'javascript:alert(1)' });
    doc.querySelector<HTMLFormElement>('#new-room')!.requestSubmit();
    const error = doc.querySelector<HTMLElement>('#error')!;
    await until(() => !error.hidden, 'the error');
    expect(error.textContent).to.match(/redirectUrl must be an absolute http\(s\) URL/);
    expect(doc.querySelector<HTMLElement>('#result')!.hidden).to.equal(true);
    expect(doc.querySelector<HTMLInputElement>('[name="name"]')!.value).to.equal('Lesson 6: fractions');
    expect(doc.querySelector('button')!.disabled).to.equal(false);
  });

  it("redirectUrl: the room opened on its own goes there; embedded, it posts ld_finish_call and stays", async function () {
    const landing = `${location.origin}/test/fixtures/landed.html?after=lesson`;
    const response = await fetch('/api/demo-only/teacher/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Redirecting lesson', type: 'lesson', redirectUrl: landing, teacherName: 'Olga' }),
    });
    expect(response.status).to.equal(201);
    const room = (await response.json()) as { alias: string; roomBaseUrl: string; teacherUrl: string };

    // The teacher opens the room link in a window of its own.
    // WebKit's MiniBrowser under WebDriver refuses window.open without a user gesture: there the
    // embedded half still runs and the unframed half is reported as skipped.
    const popup = window.open(room.teacherUrl, '_blank');
    if (popup) popups.push(popup);
    else expect(navigator.userAgent, 'only WebKit blocks the popup').to.match(/AppleWebKit/).and.not.match(/Chrome/);

    // A student has it embedded and ends the call for everyone.
    const student = create({ alias: room.alias, 'base-url': room.roomBaseUrl, 'access-endpoint': '/api/access-link', 'participant-name': 'Student' });
    const load = oneEvent(student, 'ld-load');
    document.body.append(student);
    await load;
    const finished = oneEvent<LdFinishEvent>(student, 'ld-finish');
    frameOf(student)!.contentWindow!.postMessage('emulator:end-call', '*');
    await finished;
    expect(await roomPageState(frameOf(student)!.contentWindow!)).to.equal('ended');

    if (!popup) return this.skip();
    // The popup's room sees the call is over and follows the room's redirectUrl.
    const landed = await until(() => {
      try {
        return popup.location.href === landing ? popup.location.href : null;
      } catch {
        return null; // still on the room's origin
      }
    }, 'the popup to follow redirectUrl');
    expect(landed).to.equal(landing);
  });
});
