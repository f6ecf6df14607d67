// Renders what the host backend learnt after the lesson (`/api/lessons`): attendance and the recording.
interface Row {
  key: string;
  name: string;
  externalUserId: string | null;
  secondsPresent: number;
}
interface Lesson {
  callId: string;
  call: { startedAt?: string; finishedAt?: string; durationSeconds?: number };
  attendance: { ok: true; rows: Row[] } | { ok: false; message: string };
  recording: { url: string; expiresAt: string } | null;
  recordingPending: boolean;
}

const statusLine = document.querySelector<HTMLElement>('#after-call-status')!;
const container = document.querySelector<HTMLElement>('#lessons')!;
const POLL_MS = 1000;
/** Stop asking after this long; a reload asks again. */
const GIVE_UP_MS = 120_000;
const started = Date.now();
let lastShown: string | null = null;

const minutes = (seconds: number) => (seconds / 60).toFixed(1);
const time = (iso?: string) => (iso ? new Date(iso).toLocaleTimeString() : '?');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text; // never innerHTML: names come from users
  if (className) node.className = className;
  return node;
}

function renderLesson(lesson: Lesson): HTMLElement {
  const section = element('section');
  section.dataset.callId = lesson.callId;
  const total = lesson.call.durationSeconds;
  section.append(element('h2', `Lesson ${time(lesson.call.startedAt)}–${time(lesson.call.finishedAt)}${total === undefined ? '' : `, ${minutes(total)} min`}`));
  if (lesson.attendance.ok) {
    const table = element('table', undefined, 'attendance');
    const head = element('tr');
    for (const title of ['Name', 'externalUserId', 'Minutes present']) head.append(Object.assign(element('th', title), { scope: 'col' }));
    table.append(element('thead'), element('tbody'));
    table.tHead!.append(head);
    for (const row of lesson.attendance.rows) {
      const tr = element('tr');
      tr.dataset.key = row.key;
      tr.append(element('td', row.name), element('td', row.externalUserId ?? '—'), element('td', minutes(row.secondsPresent), 'number'));
      table.tBodies[0]!.append(tr);
    }
    section.append(table);
  } else {
    section.append(element('p', `The report came in a shape this page cannot read: ${lesson.attendance.message}`));
  }
  const recording = element('p');
  recording.className = 'recording';
  if (lesson.recording) {
    const link = element('a', 'Download the recording');
    link.href = /^https?:\/\//.test(lesson.recording.url) ? lesson.recording.url : '#';
    recording.append(link, ` (link valid until ${new Date(lesson.recording.expiresAt).toLocaleString()})`);
  } else {
    recording.textContent = lesson.recordingPending ? 'The recording is being prepared…' : 'This lesson was not recorded.';
  }
  const report = element('a', 'Analytics report (xlsx)');
  report.href = `/api/lessons/${encodeURIComponent(lesson.callId)}/report.xlsx`;
  const reportLine = element('p');
  reportLine.append(report);
  section.append(recording, reportLine);
  return section;
}

async function poll(): Promise<void> {
  let answer: { pending: number; lessons: Lesson[] } | null = null;
  try {
    const response = await fetch('/api/lessons', { signal: AbortSignal.timeout(5000) });
    if (response.ok) answer = await response.json();
  } catch {
    // shown below; the next poll tries again
  }
  const waiting = !answer || answer.pending > 0 || answer.lessons.length === 0 || answer.lessons.some((l) => l.recordingPending);
  // Re-rendered only on change, so a focused link stays focused between polls.
  const shown = answer && JSON.stringify(answer.lessons);
  if (answer && shown !== lastShown) {
    container.replaceChildren(...answer.lessons.map(renderLesson));
    lastShown = shown;
  }
  if (Date.now() - started > GIVE_UP_MS) {
    statusLine.textContent = answer?.lessons.length ? 'Reload the page to check for newer lessons.' : 'No report yet. Reload the page to check again.';
    statusLine.dataset.state = 'stopped';
    return;
  }
  // Polling goes on after a report is shown: a later lesson's webhook may still be on its way.
  statusLine.textContent = !waiting
    ? 'Attendance from the analytics report of each lesson, newest first.'
    : answer && answer.pending > 0
      ? 'Fetching the analytics report…'
      : "Waiting for livedigital's report…";
  statusLine.dataset.state = waiting ? 'waiting' : 'ready';
  setTimeout(poll, POLL_MS);
}

void poll();
export {};
