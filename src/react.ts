/**
 * `livedigital-room/react`: `<LivedigitalRoom>` for React 18 and 19 — typed props, and
 * `onLdAccess` / `onLdLoad` / `onLdError` / `onLdFinish` callbacks for the element's events.
 *
 * Importing it registers `<livedigital-room>` (where a custom element registry exists, so server
 * rendering can import it). On the server it renders the bare tag; the element starts in the browser.
 *
 * One room mount per real mount, StrictMode included:
 * - the element's inputs are set as properties in a layout effect, before its first update, and
 *   only when a value changed, so StrictMode's second effect pass changes nothing;
 * - the element gets one stable `fetcher` per component that calls the newest `fetcher` prop, so
 *   an inline arrow function does not count as a new fetcher (and a new room link) every render;
 * - the event listeners are added once per effect pass and removed by its cleanup, and call the
 *   newest callbacks.
 * Change `key` to force a fresh room, or call `reload()` on the element (the `ref`).
 */
import {
  createElement,
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  type ClassAttributes,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import type { Fetcher } from './access.js';
import { LivedigitalRoom as LivedigitalRoomElement } from './define.js';
import type { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent } from './events.js';

/** The element's inputs the wrapper sets as properties (all but `fetcher`, handled on its own). */
const INPUTS = [
  'alias',
  'participantName',
  'accessToken',
  'refreshToken',
  'src',
  'eventId',
  'baseUrl',
  'accessEndpoint',
  'accessTimeout',
  'redirectUrl',
  'allow',
  'deny',
  'disableSupport',
  'clickToJoin',
  'loading',
  'label',
  'lang',
  'width',
  'height',
] as const;

type InputName = (typeof INPUTS)[number];

/** Callback prop → event name. */
const EVENTS = {
  onLdAccess: 'ld-access',
  onLdLoad: 'ld-load',
  onLdError: 'ld-error',
  onLdFinish: 'ld-finish',
} as const;

type CallbackName = keyof typeof EVENTS;

// Effects never run on the server; React 18 warns about useLayoutEffect there, so use the quiet one.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** The element's inputs as React props; `width`/`height` also take a number of pixels. */
export interface LivedigitalRoomInputs {
  /** Room alias: the short id in `/room/<alias>`. */
  alias?: string | null;
  /** Display name in the room. */
  participantName?: string | null;
  /** Token from a generate-access link; set as a property, never rendered as an attribute. */
  accessToken?: string | null;
  /** A registered user's refresh token; set as a property, never rendered as an attribute. */
  refreshToken?: string | null;
  /** A complete room link; wins over alias and tokens. */
  src?: string | null;
  /** An autowebinar (playback) event id. */
  eventId?: string | null;
  /** Room site origin, e.g. `https://a.teleboss.ru`. Default `https://edu.livedigital.space`. */
  baseUrl?: string | null;
  /** Host backend URL for the built-in fetcher (POST `{alias, participantName}` → `{url}`). */
  accessEndpoint?: string | null;
  /** Milliseconds the host backend gets to answer (default 20000). */
  accessTimeout?: number | null;
  /** Where the page goes when the call ends (http(s) only) unless `onLdFinish` calls `preventDefault()`. */
  redirectUrl?: string | null;
  /** Replaces the default permission list. */
  allow?: string | null;
  /** Space-separated features to refuse. */
  deny?: string | null;
  /** Turns off the vendor's support widget. */
  disableSupport?: boolean;
  /** Show a Join button and spend no link until the user clicks it. */
  clickToJoin?: boolean;
  /** `lazy`: spend no link and load no room until the element comes near the viewport. */
  loading?: 'eager' | 'lazy';
  /** Accessible name of the iframe. */
  label?: string | null;
  /** `ru` or `en` for the element's own texts. */
  lang?: string;
  /** A number means px, otherwise a CSS length. */
  width?: string | number | null;
  /** A number means px, otherwise a CSS length. */
  height?: string | number | null;
  /**
   * Gets a personal room link from your backend; called once per room mount. The newest function
   * is called, so an inline arrow function is fine: it does not reload the room.
   */
  fetcher?: Fetcher | null;
}

export interface LivedigitalRoomCallbacks {
  /** A room link was obtained (`event.url`, `event.source`). */
  onLdAccess?: (event: LdAccessEvent) => void;
  /** The room iframe loaded. */
  onLdLoad?: (event: LdLoadEvent) => void;
  /** Something went wrong (`event.code`, `event.message`). */
  onLdError?: (event: LdErrorEvent) => void;
  /** The call ended. `event.preventDefault()` keeps the page from going to `redirectUrl`. */
  onLdFinish?: (event: LdFinishEvent) => void;
}

export interface LivedigitalRoomProps
  extends LivedigitalRoomInputs,
    LivedigitalRoomCallbacks,
    Omit<HTMLAttributes<LivedigitalRoomElement>, keyof LivedigitalRoomInputs | CallbackName | 'children'> {
  /** Slotted content, e.g. `<span slot="join-label">Join the lesson</span>`. */
  children?: ReactNode;
}

function toInputValue(name: InputName, value: unknown): unknown {
  return (name === 'width' || name === 'height') && typeof value === 'number' ? String(value) : value;
}

/** `<livedigital-room>` as a React component. The `ref` is the element itself. */
export const LivedigitalRoom = forwardRef<LivedigitalRoomElement, LivedigitalRoomProps>(function LivedigitalRoom(props, ref) {
  const element = useRef<LivedigitalRoomElement | null>(null);
  const latest = useRef(props);
  latest.current = props;
  // What this component last set (to tell changes apart) and the element's own defaults (to
  // restore when a prop goes away).
  const applied = useRef<Partial<Record<InputName, unknown>>>({});
  const defaults = useRef<Partial<Record<InputName, unknown>> | null>(null);
  const stableFetcher = useRef<Fetcher | null>(null);
  stableFetcher.current ??= (request) => {
    const fetcher = latest.current.fetcher;
    if (!fetcher) return Promise.reject(new Error('the fetcher prop was removed'));
    return fetcher(request);
  };

  useImperativeHandle(ref, () => element.current as LivedigitalRoomElement, []);

  const hasFetcher = Boolean(props.fetcher);
  // Inputs first, in one pass, before the element's first update (a microtask after connecting).
  useClientLayoutEffect(() => {
    const el = element.current!;
    const start = defaults.current ?? (defaults.current = Object.fromEntries(INPUTS.map((name) => [name, el[name]])));
    for (const name of INPUTS) {
      const value = toInputValue(name, latest.current[name]);
      if (name in applied.current ? Object.is(applied.current[name], value) : value === undefined) continue;
      applied.current[name] = value;
      (el as unknown as Record<InputName, unknown>)[name] = value === undefined ? start[name] : value;
    }
    const fetcher = hasFetcher ? stableFetcher.current : null;
    if (el.fetcher !== fetcher) el.fetcher = fetcher;
  });

  useClientLayoutEffect(() => {
    const el = element.current!;
    const listeners = new AbortController();
    for (const [prop, type] of Object.entries(EVENTS) as Array<[CallbackName, (typeof EVENTS)[CallbackName]]>) {
      el.addEventListener(type, (event: Event) => (latest.current[prop] as ((event: Event) => void) | undefined)?.(event), {
        signal: listeners.signal,
      });
    }
    return () => listeners.abort();
  }, []);

  const domProps: Record<string, unknown> = { ref: element };
  for (const [key, value] of Object.entries(props)) {
    if (key === 'fetcher' || key in EVENTS || (INPUTS as readonly string[]).includes(key)) continue;
    domProps[key] = value;
  }
  return createElement('livedigital-room', domProps);
});

export { LivedigitalRoomElement };
export type { Fetcher };

// Using the tag itself in React 19 JSX: `<livedigital-room alias="…" />` type-checks once this
// module is imported (React 19 sets known properties, and `onld-finish` listens to `ld-finish`).
type RawEventProps = {
  [K in CallbackName as `onld-${K extends `onLd${infer Rest}` ? Lowercase<Rest> : never}`]?: LivedigitalRoomCallbacks[K];
};

/** What `<livedigital-room>` takes in React 19 JSX: properties, attributes and `onld-*` listeners. */
export type LivedigitalRoomJsxProps = LivedigitalRoomInputs &
  RawEventProps & {
    'participant-name'?: string;
    'event-id'?: string;
    'base-url'?: string;
    'access-endpoint'?: string;
    'access-timeout'?: string | number;
    'redirect-url'?: string;
    'disable-support'?: boolean;
    'click-to-join'?: boolean;
  } & Omit<HTMLAttributes<LivedigitalRoomElement>, keyof LivedigitalRoomInputs> &
  ClassAttributes<LivedigitalRoomElement>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'livedigital-room': LivedigitalRoomJsxProps;
    }
  }
}
