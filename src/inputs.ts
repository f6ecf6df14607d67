import type { PropertyDeclaration, PropertyDeclarations } from '@lit/reactive-element';
import type { Fetcher } from './access.js';

/**
 * The element's inputs, each described once. The reactive properties, their attributes, the set
 * that starts a new mount, the React wrapper's props, the JSX / Vue / Angular typings and the
 * custom elements manifest are all derived from this record: adding an input is one line here
 * (plus its behaviour and tests).
 *
 * Per input: the property name (the attribute is its kebab-case form), the flags below, the
 * property's type (`as In<…>`, erased at build time) and its documentation (the JSDoc line, read
 * by editors through the mapped types and by the manifest plugin).
 */
const REMOUNT = 1; // a change means a different room or iframe: a new link and a new mount
const BOOLEAN = 2;
const NUMBER = 4;
const PROPERTY_ONLY = 8; // no attribute (a function cannot be written in HTML)
const REFLECT = 16;

/** An input's flags, carrying its property type for the typings. */
export type In<T> = number & { readonly type?: (value: T) => void };

export const INPUTS = {
  /** Room alias: the short id in `/room/<alias>`. */
  alias: REMOUNT as In<string | null>,
  /** Display name in the room (`participantName`). */
  participantName: REMOUNT as In<string | null>,
  /** Token from a generate-access link (`accessToken`). Never reflected to an attribute. */
  accessToken: REMOUNT as In<string | null>,
  /** A registered user's refresh token for background sign-in (`refreshToken`). Never reflected. */
  refreshToken: REMOUNT as In<string | null>,
  /** A complete room link (e.g. generate-access's `url`); wins over alias and tokens. */
  src: REMOUNT as In<string | null>,
  /** An autowebinar (playback) event: `<base-url>/event/<id>`. */
  eventId: REMOUNT as In<string | null>,
  /** Room site origin; `https://a.teleboss.ru` for teleboss. Default `https://edu.livedigital.space`. */
  baseUrl: REMOUNT as In<string | null>,
  /** Host backend URL; the built-in fetcher POSTs `{alias, participantName}` there and expects `{url}`. */
  accessEndpoint: REMOUNT as In<string | null>,
  /** Milliseconds the host backend gets to answer before the element shows an error (default 20000). */
  accessTimeout: NUMBER as In<number | null>,
  /** Where the page goes when the call ends (http(s) only); checked when set. */
  redirectUrl: 0 as In<string | null>,
  /** Replaces the default permission list (`camera; microphone; …`). */
  allow: REMOUNT as In<string | null>,
  /** Space-separated features to refuse, emitted as `<feature> 'none'`. */
  deny: REMOUNT as In<string | null>,
  /** Turns off the vendor's support widget (`disableSupport`). */
  disableSupport: (REMOUNT | BOOLEAN) as In<boolean>,
  /** Show a Join button and spend no link until the user clicks it. */
  clickToJoin: (REMOUNT | BOOLEAN) as In<boolean>,
  /** `lazy`: no link is fetched and no room loaded until the element comes near the viewport. Default `eager`. */
  loading: REMOUNT as In<'eager' | 'lazy' | null>,
  /** Accessible name of the iframe; default localized "livedigital room". */
  label: 0 as In<string | null>,
  /** `ru` or `en` for the element's own texts; default from the nearest `lang`, then the browser. */
  lang: REFLECT as In<string>,
  /** Width as on the vendor's iframe: a number means px, otherwise a CSS length. */
  width: 0 as In<string | null>,
  /** Height as on the vendor's iframe: a number means px, otherwise a CSS length. */
  height: 0 as In<string | null>,
  /**
   * Gets a personal room link from the host's backend; called again for every new iframe, since
   * generate-access links work once. Wins over `access-endpoint`.
   */
  fetcher: (REMOUNT | PROPERTY_ONLY) as In<Fetcher | null>,
};

export type InputName = keyof typeof INPUTS;

/** The inputs as properties, with their types and docs. */
export type InputProperties = { -readonly [K in InputName]: (typeof INPUTS)[K] extends In<infer T> ? T : never };

type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

type AttributeValue<T> = T extends boolean ? boolean : T extends number | null ? string | number : string;

/** The inputs as HTML attributes (`participant-name`, `click-to-join`, …), for JSX and templates. */
export type InputAttributes = {
  [K in InputName as (typeof INPUTS)[K] extends In<Fetcher | null> ? never : Kebab<K>]?: AttributeValue<InputProperties[K]>;
};

/** `participantName` → `participant-name`. */
export const attributeOf = (name: string): string => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Whether a change of this property starts a new mount. */
export const remounts = (name: PropertyKey): boolean => (((INPUTS as Record<PropertyKey, number>)[name] ?? 0) & REMOUNT) > 0;

/** Lit's reactive property declarations for the inputs. */
export function inputProperties(): PropertyDeclarations {
  const declarations: Record<string, PropertyDeclaration> = {};
  for (const [name, flags] of Object.entries(INPUTS)) {
    declarations[name] = {
      attribute: flags & PROPERTY_ONLY ? false : attributeOf(name),
      type: flags & BOOLEAN ? Boolean : flags & NUMBER ? Number : String,
      reflect: (flags & REFLECT) > 0,
    };
  }
  return declarations;
}

/** A fresh element's values: `false` for switches, `null` for the rest (`lang` keeps the browser's). */
export function setInputDefaults(element: object): void {
  for (const [name, flags] of Object.entries(INPUTS)) {
    if (!(flags & REFLECT)) (element as Record<string, unknown>)[name] ??= flags & BOOLEAN ? false : null;
  }
}
