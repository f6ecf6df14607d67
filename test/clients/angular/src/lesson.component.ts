// The README's Angular recipe, with the test's bookkeeping added: a standalone component that
// leaves <livedigital-room> to the browser (CUSTOM_ELEMENTS_SCHEMA), binds `fetcher` as a property
// and listens to the element's events with Angular's (event) bindings.
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'livedigital-room';
import type { Fetcher, LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent } from 'livedigital-room';

declare global {
  interface Window {
    __fetches: number;
    __events: Array<{ type: string; url: string | null; code: string | null }>;
  }
}

const params = new URLSearchParams(location.search);
window.__fetches = 0;
window.__events = [];

@Component({
  selector: 'app-lesson',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Lesson</h1>
    <livedigital-room [baseUrl]="base" [alias]="alias" [participantName]="userName" [fetcher]="fetcher"
      (ld-access)="onAccess($event)" (ld-load)="onLoad($event)" (ld-error)="onError($event)"
      (ld-finish)="onFinish($event)" style="display:block;height:480px"></livedigital-room>
    <p>Links: <output id="links">{{ links }}</output>, finished: <output id="finished">{{ finished }}</output></p>
  `,
})
export class LessonComponent {
  base = params.get('base') ?? '';
  alias = params.get('alias') ?? '';
  userName = 'Ann';
  links = 0;
  finished = 0;

  fetcher: Fetcher = async ({ alias, participantName, signal }) => {
    window.__fetches++;
    const response = await fetch('/api/access', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alias, participantName }),
      signal,
    });
    return response.json();
  };

  onAccess(event: Event) {
    window.__events.push({ type: 'ld-access', url: (event as LdAccessEvent).url, code: null });
    this.links++;
  }

  onLoad(event: Event) {
    window.__events.push({ type: 'ld-load', url: (event as LdLoadEvent).url, code: null });
  }

  onError(event: Event) {
    window.__events.push({ type: 'ld-error', url: null, code: (event as LdErrorEvent).code });
  }

  onFinish(event: Event) {
    window.__events.push({ type: 'ld-finish', url: (event as LdFinishEvent).redirectUrl, code: null });
    this.finished++;
  }
}
