import { ReactiveElement, type PropertyDeclarations, type PropertyValues } from '@lit/reactive-element';
import type { TypedEventListenerOrEventListenerObject } from 'typescript-event-target';
import type { Fetcher } from './access.js';
import { RoomError, type ErrorCode } from './core/errors.js';
import { isFinishFromRoom } from './core/messages.js';
import { buildAllow, featuresThePageLacks, grants, type PagePolicy } from './core/permissions.js';
import { safeRedirectUrl } from './core/redirect.js';
import { LIVEDIGITAL_BASE_URL } from './core/room-link.js';
import { cssLength } from './core/size.js';
import { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent, type LivedigitalRoomEventMap } from './events.js';
import { problemOf, TEXTS, toLang, type Lang, type Texts } from './i18n.js';
import { facadeLines } from './facade.js';
import { whenNear } from './lazy.js';
import { obtainPatiently } from './patience.js';
import { preconnect } from './preconnect.js';
import { styles } from './styles.js';

export type RoomState = 'idle' | 'loading' | 'ready' | 'error' | 'finished';

/** Properties whose change means a different room or iframe: each starts a new mount. */
const MOUNT_INPUTS = new Set<PropertyKey>([
  'alias', 'participantName', 'accessToken', 'refreshToken', 'src', 'eventId', 'baseUrl',
  'accessEndpoint', 'fetcher', 'allow', 'deny', 'disableSupport', 'clickToJoin', 'loading',
]);

/**
 * A livedigital (or teleboss) video room in an iframe: builds or fetches the room link, checks it,
 * grants the documented permissions, and handles the end of the call.
 *
 * @summary Embeds a livedigital video room.
 * @tagname livedigital-room
 *
 * @fires {LdAccessEvent} ld-access - A room link was obtained (`url`, `source`).
 * @fires {LdLoadEvent} ld-load - The room iframe loaded (`url`; `blockedFeatures`: permissions the frame around the page withholds).
 * @fires {LdErrorEvent} ld-error - Something went wrong (`code`, `message`); the element shows it with a Retry button.
 * @fires {LdFinishEvent} ld-finish - The room posted `ld_finish_call`. Cancelable: `preventDefault()` keeps the page from going to `redirect-url`.
 *
 * @csspart container - The box around the iframe and the status overlay; gets `width`/`height`.
 * @csspart frame - The room iframe.
 * @csspart status - The loading / join / error overlay (a live region).
 * @csspart retry-button - The Retry button shown with an error.
 * @csspart join-button - The button shown with `click-to-join` before the room loads.
 *
 * @slot join-label - Content of the join button (default: localized "Join the room").
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

  // Declared here rather than with decorators: the same reactive properties for less code.
  static override properties: PropertyDeclarations = {
    alias: {},
    participantName: { attribute: 'participant-name' },
    accessToken: { attribute: 'access-token' },
    refreshToken: { attribute: 'refresh-token' },
    src: {},
    eventId: { attribute: 'event-id' },
    baseUrl: { attribute: 'base-url' },
    accessEndpoint: { attribute: 'access-endpoint' },
    redirectUrl: { attribute: 'redirect-url' },
    allow: {},
    deny: {},
    disableSupport: { type: Boolean, attribute: 'disable-support' },
    clickToJoin: { type: Boolean, attribute: 'click-to-join' },
    loading: {},
    label: {},
    lang: { reflect: true },
    width: {},
    height: {},
    accessTimeout: { type: Number, attribute: 'access-timeout' },
    fetcher: { attribute: false },
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

  /** Room alias: the short id in `/room/<alias>`. */
  alias: string | null = null;
  /** Display name in the room (`participantName`). */
  participantName: string | null = null;
  /** Token from a generate-access link (`accessToken`). Never reflected to an attribute. */
  accessToken: string | null = null;
  /** A registered user's refresh token for background sign-in (`refreshToken`). Never reflected. */
  refreshToken: string | null = null;
  /** A complete room link (e.g. generate-access's `url`); wins over alias and tokens. */
  src: string | null = null;
  /** An autowebinar (playback) event: `<base-url>/event/<id>`. */
  eventId: string | null = null;
  /** Room site origin; `https://a.teleboss.ru` for teleboss. Default `https://edu.livedigital.space`. */
  baseUrl: string | null = null;
  /** Host backend URL; the built-in fetcher POSTs `{alias, participantName}` there and expects `{url}`. */
  accessEndpoint: string | null = null;
  /** Milliseconds the host backend gets to answer before the element shows an error (default 20000). */
  accessTimeout: number | null = null;
  /** Where the page goes when the call ends (http(s) only). */
  redirectUrl: string | null = null;
  /** Replaces the default permission list (`camera; microphone; …`). */
  allow: string | null = null;
  /** Space-separated features to refuse, emitted as `<feature> 'none'`. */
  deny: string | null = null;
  /** Turns off the vendor's support widget (`disableSupport`). */
  disableSupport = false;
  /** Show a Join button and spend no link until the user clicks it. */
  clickToJoin = false;
  /** `lazy`: no link is fetched and no room loaded until the element comes near the viewport. Default `eager`. */
  loading: 'eager' | 'lazy' | string | null = null;
  /** Accessible name of the iframe; default localized "livedigital room". */
  label: string | null = null;
  /** `ru` or `en` for the element's own texts; default from the nearest `lang`, then the browser. */
  override lang!: string;
  /** Width as on the vendor's iframe: a number means px, otherwise a CSS length. */
  width: string | null = null;
  /** Height as on the vendor's iframe: a number means px, otherwise a CSS length. */
  height: string | null = null;
  /**
   * Gets a personal room link from the host's backend; called again for every new iframe, since
   * generate-access links work once. Wins over `access-endpoint`.
   */
  fetcher: Fetcher | null = null;

  private _state: RoomState = 'idle';
  private link: URL | null = null;
  /** The code of the error on show; the message went out with `ld-error`. */
  private problem: ErrorCode | null = null;
  /** The backend said it is busy (429/503): the loading text says many people are joining. */
  private busy = false;

  // Private fields start undefined: every use treats that like null / false.
  #box?: HTMLDivElement;
  #frame?: HTMLIFrameElement | null;
  #frameLink?: URL | null;
  #view?: string;
  #connection?: AbortController | null;
  #mount?: AbortController | null;
  #mountPending?: boolean;
  #joined?: boolean;
  #near?: boolean;
  /** Failed mounts in a row: a Retry click after them backs off. */
  #failures = 0;

  /** Where the element is: `idle` (not started / waiting for a click), `loading`, `ready`, `error`, `finished`. */
  get state(): RoomState {
    return this._state;
  }

  /** Gets a fresh link (a new fetcher call where there is one) and loads a fresh iframe. */
  reload(): void {
    this.#joined = true;
    this.#mountPending = true;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connection = new AbortController();
    window.addEventListener('message', (event) => this.#onMessage(event), { signal: this.#connection.signal });
    // An iframe put back into the document navigates again, spending a single-use link.
    this.#mountPending = true;
    this.#near = false;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection?.abort();
    this.#mount?.abort();
    this.#connection = this.#mount = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && [...changed.keys()].some((key) => MOUNT_INPUTS.has(key))) {
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
    obtainPatiently(this, mount.signal, location.href, () => (this.busy = true), this.#failures).then(
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

  #fail(error: unknown, next: RoomState): void {
    const known = error instanceof RoomError ? error : new RoomError('fetch-failed', 'unexpected failure', { cause: error });
    this.#failures++;
    this._state = next;
    this.problem = known.code;
    this.dispatchEvent(new LdErrorEvent(known.code, known.message, known.cause));
  }

  #onFrameLoad(frame: HTMLIFrameElement): void {
    if (this._state !== 'loading' || !this.link) return;
    this._state = 'ready';
    if (this.clickToJoin) frame.focus();
    // The commonest "no camera in the room" on an LMS: the LMS frames the page without `allow`.
    const blocked = featuresThePageLacks(frame.allow, (document as { featurePolicy?: PagePolicy }).featurePolicy);
    if (blocked.length) console.warn(`livedigital-room: the frame around this page blocks ${blocked.join(', ')}`);
    this.dispatchEvent(new LdLoadEvent(this.link.href, blocked));
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
      location.assign(safeRedirectUrl(this.redirectUrl, location.href).href);
    } catch (error) {
      this.#fail(error, 'finished');
    }
  }

  #lang(): Lang {
    return (
      toLang(this.lang) ?? toLang(this.closest('[lang]')?.getAttribute('lang')) ?? toLang(navigator.language) ?? 'en'
    );
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
      this.#frame = this.link ? box.insertBefore(this.#createFrame(this.link), status) : null;
      this.#frameLink = this.link;
    }
    if (this.#frame) this.#frame.title = this.label || t.label;

    const problem = this.problem;
    const view = problem ? `error ${problem}` : this._state === 'loading' ? (this.busy ? 'busy' : 'loading') : this._state === 'idle' && this.#facade() ? 'join' : '';
    const key = [view, lang, this.label, this.participantName, this.allow, this.deny].join();
    if (key === this.#view) return; // rebuilding would take focus from its button
    this.#view = key;
    status.setAttribute('role', problem ? 'alert' : 'status');
    status.setAttribute('aria-live', problem ? 'assertive' : 'polite');
    status.hidden = !view;
    const reload = () => this.reload();
    status.replaceChildren(
      ...(problem
        ? [el('p', {}, t[problemOf(problem)], el('small', {}, ` (${problem})`)), button({ part: 'retry-button' }, reload, t.retry)]
        : view === 'join'
          ? [...facadeLines(t, this).map(([name, text]) => el('p', { class: name }, text)), this.#joinButton(t, reload)]
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
    frame.toggleAttribute('allowusermedia', grants(allow, 'camera') || grants(allow, 'microphone'));
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

// Typed listeners: `el.addEventListener('ld-finish', (e) => e.redirectUrl)`.
export interface LivedigitalRoom {
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
