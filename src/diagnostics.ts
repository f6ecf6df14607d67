import { grants } from './core/permissions.js';
import { INPUTS, attributeOf } from './inputs.js';

/** Every console line of the element starts with this, so a page's log can be searched. */
export const warn = (text: string): void => console.warn(`livedigital-room: ${text}`);

/**
 * Our attributes without case and dashes: HTML lowercases `participantName` to `participantname`,
 * which the element would otherwise ignore in silence (and `baseUrl` would send the room to the
 * default site).
 */
const LOOSE = new Map(Object.keys(INPUTS).map((name) => [name.toLowerCase(), attributeOf(name)]));

/** `participantname` → `participant-name`; undefined for our own attributes and unrelated ones. */
export function meantAttribute(name: string): string | undefined {
  const ours = LOOSE.get(name.toLowerCase().replace(/[-_]/g, ''));
  return ours === name || ours === 'fetcher' ? undefined : ours;
}

/** One warning per attribute that looks like ours but is not. */
export function warnMisspelledAttributes(element: Element): void {
  for (const name of element.getAttributeNames()) {
    const meant = meantAttribute(name);
    if (meant) warn(`unknown attribute "${name}": did you mean "${meant}"?`);
  }
}

/** Features a browser gives only to secure pages (https, or http on localhost). */
const SECURE_ONLY = ['camera', 'microphone', 'display-capture'];

/**
 * What the room is granted but cannot use where this page is: `blocked` (withheld by a frame
 * around the page) plus, on a page that is not a secure context (`file://`, plain http on a
 * network address), camera, microphone and screen sharing.
 */
export function featuresOutOfReach(allow: string, blocked: string[], secure: boolean): string[] {
  const out = new Set(blocked);
  if (!secure) for (const feature of SECURE_ONLY) if (grants(allow, feature)) out.add(feature);
  return [...out];
}
