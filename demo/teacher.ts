// The teacher page: create a lesson room through the reference backend, show what to paste, open it.
import '../src/define.js';
import { LIVEDIGITAL_BASE_URL } from '../src/core/room-link.js';

interface Created {
  alias: string;
  roomBaseUrl: string;
  link: string;
  teacherUrl: string;
}

const form = document.querySelector<HTMLFormElement>('#new-room')!;
const error = document.querySelector<HTMLElement>('#error')!;
const result = document.querySelector<HTMLElement>('#result')!;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function tagFor(room: Created): string {
  // The default room site needs no base-url; the stand-in and teleboss do.
  const base = room.roomBaseUrl === LIVEDIGITAL_BASE_URL ? '' : ` base-url="${escapeHtml(room.roomBaseUrl)}"`;
  return `<livedigital-room alias="${escapeHtml(room.alias)}"${base} access-endpoint="/api/access-link"></livedigital-room>`;
}

function show(room: Created, name: string): void {
  document.querySelector('#tag')!.textContent = tagFor(room);
  document.querySelector('#link-html')!.textContent = `<a href="${escapeHtml(room.link)}">${escapeHtml(name)}</a>`;
  const element = document.createElement('livedigital-room');
  element.setAttribute('base-url', room.roomBaseUrl);
  element.setAttribute('src', room.teacherUrl);
  element.setAttribute('label', `${name} (moderator)`);
  document.querySelector('#room')!.replaceChildren(element);
  result.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = {
    name: String(data.get('name') ?? ''),
    type: String(data.get('type') ?? 'lesson'),
    isMicrophonePublishingAllowed: data.has('isMicrophonePublishingAllowed'),
    isCameraPublishingAllowed: data.has('isCameraPublishingAllowed'),
    isScreenMediaPublishingAllowed: data.has('isScreenMediaPublishingAllowed'),
    isAutoRecordingAllowed: data.has('isAutoRecordingAllowed'),
    waitingRoom: data.has('waitingRoom'),
    redirectUrl: String(data.get('redirectUrl') ?? ''),
    teacherName: String(data.get('teacherName') ?? ''),
  };
  error.hidden = true;
  const button = form.querySelector('button')!;
  button.disabled = true;
  try {
    const response = await fetch('/api/demo-only/teacher/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json().catch(() => ({}))) as Partial<Created> & { message?: string };
    if (!response.ok) throw new Error(answer.message ?? `the backend answered ${response.status}`);
    show(answer as Created, body.name);
  } catch (failure) {
    error.textContent = `The room was not created: ${failure instanceof Error ? failure.message : String(failure)}. Fix it and press the button again.`;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});
