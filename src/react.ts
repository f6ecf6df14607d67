/**
 * `livedigital-room/react`: `<LivedigitalRoomView>` for React 18 and 19 — typed props, and
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
import { INPUTS, type InputAttributes, type InputName, type InputProperties } from './inputs.js';

/** The element's inputs the wrapper sets as properties (all but `fetcher`, handled on its own). */
const INPUT_NAMES = (Object.keys(INPUTS) as InputName[]).filter((name): name is PropName => name !== 'fetcher');

type PropName = Exclude<InputName, 'fetcher'>;

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

/**
 * The element's inputs as React props; `width`/`height` also take a number of pixels. `fetcher`:
 * the newest function is called, so an inline arrow function is fine: it does not reload the room.
 * Tokens are set as properties, never rendered as attributes.
 */
export type LivedigitalRoomInputs = {
  [K in InputName]?: K extends 'width' | 'height' ? InputProperties[K] | number : InputProperties[K];
};

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

export interface LivedigitalRoomViewProps
  extends LivedigitalRoomInputs,
    LivedigitalRoomCallbacks,
    Omit<HTMLAttributes<LivedigitalRoomElement>, keyof LivedigitalRoomInputs | CallbackName | 'children'> {
  /** Slotted content, e.g. `<span slot="join-label">Join the lesson</span>`. */
  children?: ReactNode;
}

function toInputValue(name: PropName, value: unknown): unknown {
  return (name === 'width' || name === 'height') && typeof value === 'number' ? String(value) : value;
}

/**
 * `<livedigital-room>` as a React component. The `ref` is the element itself. Named apart from the
 * element class `LivedigitalRoom`, so both can be imported side by side.
 */
export const LivedigitalRoomView = forwardRef<LivedigitalRoomElement, LivedigitalRoomViewProps>(function LivedigitalRoomView(props, ref) {
  const element = useRef<LivedigitalRoomElement | null>(null);
  const latest = useRef(props);
  latest.current = props;
  // What this component last set (to tell changes apart) and the element's own defaults (to
  // restore when a prop goes away).
  const applied = useRef<Partial<Record<PropName, unknown>>>({});
  const defaults = useRef<Partial<Record<PropName, unknown>> | null>(null);
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
    const start = defaults.current ?? (defaults.current = Object.fromEntries(INPUT_NAMES.map((name) => [name, el[name]])));
    for (const name of INPUT_NAMES) {
      const value = toInputValue(name, latest.current[name]);
      if (name in applied.current ? Object.is(applied.current[name], value) : value === undefined) continue;
      applied.current[name] = value;
      (el as unknown as Record<PropName, unknown>)[name] = value === undefined ? start[name] : value;
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
    if (key === 'fetcher' || key in EVENTS || key in INPUTS) continue;
    domProps[key] = value;
  }
  return createElement('livedigital-room', domProps);
});

export { LivedigitalRoomElement };
export type { Fetcher };

// Using the tag itself in React JSX: `<livedigital-room alias="…" />` type-checks once this
// module is imported (React 19 sets known properties, and `onld-finish` listens to `ld-finish`).
type RawEventProps = {
  [K in CallbackName as `onld-${K extends `onLd${infer Rest}` ? Lowercase<Rest> : never}`]?: LivedigitalRoomCallbacks[K];
};

/** What `<livedigital-room>` takes in React JSX: properties, attributes and `onld-*` listeners. */
export type LivedigitalRoomJsxProps = LivedigitalRoomInputs &
  RawEventProps &
  InputAttributes &
  Omit<HTMLAttributes<LivedigitalRoomElement>, keyof LivedigitalRoomInputs> &
  ClassAttributes<LivedigitalRoomElement>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'livedigital-room': LivedigitalRoomJsxProps;
    }
  }
}
