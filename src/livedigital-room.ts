import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from '@lit/reactive-element';
import type { TypedEventListenerOrEventListenerObject } from 'typescript-event-target';
import { ERROR_CODES_URL, RoomError } from './core/errors.js';
import { isFinishFromRoom } from './core/messages.js';
import { buildAllow, grants, grantsMedia, type PagePolicy } from './core/permissions.js';
import { safeRedirectUrl } from './core/redirect.js';
import { featuresOutOfReach, log, warnMisspelledAttributes } from './diagnostics.js';
import { LIVEDIGITAL_BASE_URL } from './core/room-link.js';
import { cssLength } from './core/size.js';
import { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent, type LivedigitalRoomEventMap } from './events.js';
import { facadeLines } from './facade.js';
import { problemOf, TEXTS, toLang, type Lang, type Texts } from './i18n.js';
import { inputProperties, remounts, setInputDefaults, type InputProperties } from './inputs.js';
import { whenNear } from './lazy.js';
import { obtainPatiently } from './patience.js';
import { preconnect } from './preconnect.js';
import { styles } from './styles.js';

export type RoomState = 'idle' | 'loading' | 'ready' | 'error' | 'finished';

/**
 * A livedigital (or teleboss) video room in an iframe: builds or fetches the room link, checks it,
 * grants the documented permissions, and handles the end of the call.
 *
 * @summary Embeds a livedigital video room.
 * @tagname livedigital-room
 *
 * @fires {LdAccessEvent} ld-access - A room link was obtained (`url`, `source`).
 * @fires {LdLoadEvent} ld-load - The room iframe loaded (`url`; `blockedFeatures`: permissions the room cannot use here: withheld by the frame around the page, or camera and microphone on a page that is not https).
 * @fires {LdErrorEvent} ld-error - Something went wrong (`code`, `message`; `status`, `hostCode`, `hostMessage` when the host refused); the element shows it with a Retry button and writes it to the console. Fired a task after the failure; the `error` property keeps it.
 * @fires {LdFinishEvent} ld-finish - The room posted `ld_finish_call`. Cancelable: `preventDefault()` keeps the page from going to `redirect-url`.
 *
 * @csspart container - The box around the iframe and the status overlay; gets `width`/`height`.
 * @csspart frame - The room iframe.
 * @csspart status - The loading / join / error overlay (a live region).
 * @csspart retry-button - The Retry button shown with an error.
 * @csspart join-button - The button shown with `click-to-join` before the room loads.
 * @csspart open-button - "Open in a new tab", shown over the room when it cannot have camera or microphone where it is.
 *
 * @slot join-label - Content of the join button (default: localized "Join").
 *
 * @cssprop [--livedigital-room-height=600px] - Height of the element when no `height` attribute is set.
 * @cssprop [--livedigital-room-radius=8px] - Corner radius of the room box.
 * @cssprop [--livedigital-room-background=#14171c] - Background behind the room while it loads.
 * @cssprop [--livedigital-room-overlay=rgb(20 23 28 / 0.92)] - Background of the status overlay.
 * @cssprop [--livedigital-room-color=#f4f6fa] - Text color of the status overlay.
 * @cssprop [--livedigital-room-font=500 1rem/1.4 system-ui, sans-serif] - Font of the status overlay.
 * @cssprop [--livedigital-room-accent=#2f5fe8] - Button color and focus ring (the default keeps white button text above 4.5:1 contrast).
 * @cssprop [--livedigital-room-accent-text=#fff] - Button text color.
 */
export class LivedigitalRoom extends ReactiveElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    ...inputProperties(),
    _state: { state: true },
    link: { state: true },
    problem: { state: true },
    busy: { state: true },
  };

  /** Registers the element under `tag` unless that name is taken; safe to call twice and in Node. */
  static define(tag = 'livedigital-room', registry: CustomElementRegistry | undefined = globalThis.customElements): typeof LivedigitalRoom {
    if (registry && !registry.get(tag)) registry.define(tag, this);
    return this;
  }

  constructor() {
    super();
    setInputDefaults(this);
  }

  private _state: RoomState = 'idle';
  private link: URL | null = null;
  /** The error on show, until the next mount. */
  private problem: RoomError | null = null;
  /** The backend said it is busy (429/503): the loading text says many people are joining. */
  private busy = false;

  // Private fields start undefined: every use treats that like null / false.
  #box?: HTMLDivElement;
  #frame?: HTMLIFrameElement | null;
  #frameLink?: URL | null;
  #view?: string;
  #connection?: AbortController;
  #mount?: AbortController | null;
  #mountPending?: boolean;
  #joined?: boolean;
  #openButton?: HTMLButtonElement | null;
  #near?: boolean;
  /** Failed mounts in a row: a Retry click after them backs off. */
  #failures = 0;

  /** Where the element is: `idle` (not started / waiting for a click), `loading`, `ready`, `error`, `finished`. */
  get state(): RoomState {
    return this._state;
  }

  /**
   * The last error (`code`, `message`, and `status` / `hostCode` / `hostMessage` when the host
   * refused), or null: for code that starts listening after the element has already failed.
   */
  get error(): RoomError | null {
    return this.problem;
  }

  /** Gets a fresh link (a new fetcher call where there is one) and loads a fresh iframe. */
  reload(): void {
    this.#joined = true;
    this.#mountPending = true;
    this.requestUpdate();
  }

  /** What the Join button does with `click-to-join`: spends the first link and loads the room. */
  join(): void {
    this.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connection = new AbortController();
    window.addEventListener('message', (event) => this.#onMessage(event), { signal: this.#connection.signal });
    warnMisspelledAttributes(this);
    // An iframe put back into the document navigates again, spending a single-use link.
    this.#mountPending = true;
    this.#near = false;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection?.abort();
    this.#mount?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A redirect-url is checked when set: a bad one is found before a link is spent, not at the end of the call.
    if (this.hasUpdated && ([...changed.keys()].some(remounts) || (changed.has('redirectUrl') && !this.#redirectSafe()))) {
      this.#joined = this.#near = false;
      this.#mountPending = true;
    }
    if (this.#mountPending && this.isConnected) {
      this.#mountPending = false;
      this.#startMount();
    }
  }

  /**
   * Every mount renders once without an iframe (`link` is null until the new link arrives), so
   * each link gets a fresh iframe and with it a fresh navigation.
   */
  #startMount(): void {
    this.#mount?.abort();
    const mount = (this.#mount = new AbortController());
    this.link = null;
    this.problem = null;
    this.busy = false;
    if (this.#facade()) {
      this._state = 'idle';
      if (this.loading === 'lazy' && !this.#near) {
        whenNear(this, mount.signal, () => {
          this.#near = true;
          this.#warmUp();
          this.#mountPending = true;
          this.requestUpdate();
        });
      }
      return;
    }
    this._state = 'loading';
    // The redirect is checked first: a bad redirect-url must not spend a single-use link.
    Promise.resolve()
      .then(() => (this.#redirect(), obtainPatiently(this, mount.signal, () => (this.busy = true), this.#failures)))
      .then(
        ({ url, source }) => {
          if (mount.signal.aborted) return; // an answer for inputs that are gone
          this.#failures = 0;
          this.busy = false;
          this.link = url;
          this.dispatchEvent(new LdAccessEvent(url.href, source));
        },
        (error: unknown) => {
          if (!mount.signal.aborted) this.#fail(error, 'error');
        },
      );
  }

  /** Before a room loads: `click-to-join` until the click, `loading="lazy"` until near the viewport. */
  #facade(): boolean {
    return !this.#joined && (this.clickToJoin || (this.loading === 'lazy' && !this.#near));
  }

  /** The room is about to be needed: open connections to where its link and its page come from. */
  #warmUp(): void {
    preconnect(this.src || this.baseUrl || LIVEDIGITAL_BASE_URL);
    if (!this.fetcher) preconnect(this.accessEndpoint, true);
  }

  /** Where the call's end leads, checked against this page: throws `unsafe-redirect`. */
  #redirect(): URL | '' | null {
    return this.redirectUrl && safeRedirectUrl(this.redirectUrl, location.href);
  }

  #redirectSafe(): boolean {
    try {
      this.#redirect();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Shows the error, writes it to the console once, and fires `ld-error` a task later: an error
   * found as the element connects would otherwise fire before a page's `<script>` placed after the
   * element's script could listen. `error` keeps it for anyone later still.
   */
  #fail(error: unknown, next: RoomState): void {
    const known = error instanceof RoomError ? error : new RoomError('fetch-failed', 'unexpected', { cause: error });
    this.#failures++;
    this._state = next;
    this.problem = known;
    log(`${known.code}: ${known.message}. See ${ERROR_CODES_URL}`, 'error');
    setTimeout(() => this.dispatchEvent(new LdErrorEvent(known.code, known.message, known.cause, known)));
  }

  #onFrameLoad(frame: HTMLIFrameElement): void {
    if (this._state !== 'loading' || !this.link) return;
    this._state = 'ready';
    if (this.clickToJoin) frame.focus();
    // The commonest "no camera in the room" on an LMS: the LMS frames the page without `allow`;
    // the commonest in a quick try: a page opened from a file or over plain http.
    const blocked = featuresOutOfReach(frame.allow, (document as { featurePolicy?: PagePolicy }).featurePolicy, isSecureContext);
    if (blocked.length) {
      log(`${isSecureContext ? 'parent frame' : 'non-https page'} blocks ${blocked}`);
      // The room can have camera and microphone in a tab of its own: with a fresh link, as links work once.
      this.#openButton = button({ part: 'open-button' }, () => this.#openInNewTab(), TEXTS[this.#lang()].open);
      this.#openButton.style.cssText = 'position:absolute;top:8px;right:8px';
      this.#box!.insertBefore(this.#openButton, this.#box!.lastElementChild); // the status overlay stays last, on top
    }
    this.dispatchEvent(new LdLoadEvent(this.link.href, blocked));
  }

  #openInNewTab(): void {
    obtainPatiently(this, this.#mount!.signal, () => {}).then(
      ({ url }) => open(url, '_blank', 'noopener'),
      (error: unknown) => this.#fail(error, 'error'),
    );
  }

  #onMessage(event: MessageEvent): void {
    const frame = this.#frame;
    const room = this.link && frame ? { window: frame.contentWindow, origin: this.link.origin } : null;
    if (this._state === 'finished' || !isFinishFromRoom(event, room)) return;
    this._state = 'finished';
    const finish = new LdFinishEvent(this.redirectUrl || null);
    this.dispatchEvent(finish);
    if (finish.defaultPrevented || !this.redirectUrl) return;
    try {
      location.assign((this.#redirect() as URL).href);
    } catch (error) {
      this.#fail(error, 'finished');
    }
  }

  #lang(): Lang {
    // `lang` is reflected, so the nearest `[lang]` is this element when it has one.
    return toLang(this.closest('[lang]')?.getAttribute('lang')) ?? toLang(navigator.language) ?? 'en';
  }

  /**
   * Brings the shadow DOM in line with the state. Built by hand rather than from templates: the
   * element has one iframe and one status box, and skipping lit-html halves what a page downloads.
   */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const lang = this.#lang();
    const t = TEXTS[lang];
    const box = (this.#box ??= this.renderRoot.appendChild(
      el('div', { part: 'container', class: 'container' }, el('div', { part: 'status', class: 'status' })),
    ));
    const status = box.lastElementChild as HTMLElement;
    // Only checked lengths reach the style: cssLength refuses anything else.
    box.style.width = cssLength(this.width) ?? '';
    box.style.height = cssLength(this.height) ?? '';
    box.setAttribute('aria-busy', String(this._state === 'loading'));

    // A new link always gets a new iframe: a fresh navigation, read with the current permissions.
    if (this.#frameLink !== this.link) {
      this.#frame?.remove();
      this.#openButton?.remove();
      this.#frame = this.link ? box.insertBefore(this.#createFrame(this.link), status) : null;
      this.#frameLink = this.link;
    }
    if (this.#frame) this.#frame.title = this.label || t.label;

    const problem = this.problem;
    const view = problem
      ? `error ${problem.code} ${problem.status}`
      : this._state === 'loading' ? (this.busy ? 'busy' : 'loading') : this._state === 'idle' && this.#facade() ? 'join' : '';
    const key = [view, lang, this.label, this.participantName, this.allow, this.deny].join();
    if (key === this.#view) return; // rebuilding would take focus from its button
    this.#view = key;
    // `alert` is an assertive live region, `status` a polite one.
    status.setAttribute('role', problem ? 'alert' : 'status');
    status.hidden = !view;
    status.replaceChildren(
      ...(problem
        ? [
            el('p', {}, t[problemOf(problem.code, problem.status)], el('small', {}, ` (${problem.code})`)),
            // Nothing to retry once the call is over.
            ...(this._state === 'finished' ? [] : [button({ part: 'retry-button' }, () => this.reload(), t.retry)]),
          ]
        : view === 'join'
          ? [...facadeLines(t, this).map(([name, text]) => el('p', { class: name }, text)), this.#joinButton(t, () => this.join())]
          : view
            ? [el('div', { class: 'spinner', 'aria-hidden': 'true' }), el('p', {}, t[view as 'loading' | 'busy'])]
            : []),
    );
  }

  /** Pointer or focus on Join: the room is about to be needed. */
  #joinButton(t: Texts, join: () => void): HTMLButtonElement {
    const node = button({ part: 'join-button' }, join, el('slot', { name: 'join-label' }, t.join));
    for (const type of ['pointerenter', 'focus']) node.addEventListener(type, () => this.#warmUp());
    return node;
  }

  /** The room iframe as the vendor documents it, plus a title and a deliberate referrer policy. */
  #createFrame(link: URL): HTMLIFrameElement {
    const allow = buildAllow(this.allow, this.deny);
    const frame = el('iframe', {
      part: 'frame',
      allow,
      frameborder: '0',
      // The room learns the host's origin, never the page path (in an LMS it carries course and user ids).
      referrerpolicy: 'strict-origin',
    });
    frame.toggleAttribute('allowfullscreen', grants(allow, 'fullscreen'));
    frame.toggleAttribute('allowusermedia', grantsMedia(allow));
    frame.toggleAttribute('disablesupport', this.disableSupport);
    frame.addEventListener('load', () => this.#onFrameLoad(frame));
    frame.src = link.href; // last: the navigation starts with every attribute in place
    return frame;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
  node.append(...children);
  return node;
}

function button(attributes: { part: string }, onClick: () => void, label: Node | string): HTMLButtonElement {
  const node = el('button', { ...attributes, type: 'button' }, label);
  node.addEventListener('click', onClick);
  return node;
}

// The inputs' properties, typed and documented from the one record in inputs.ts; typed listeners:
// `el.addEventListener('ld-finish', (e) => e.redirectUrl)`.
export interface LivedigitalRoom extends InputProperties {
  addEventListener<K extends keyof LivedigitalRoomEventMap>(
    type: K,
    listener: TypedEventListenerOrEventListenerObject<LivedigitalRoomEventMap, K>,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LivedigitalRoomEventMap>(
    type: K,
    listener: TypedEventListenerOrEventListenerObject<LivedigitalRoomEventMap, K>,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
