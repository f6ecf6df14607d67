import { featuresThePageLacks, grants, type PagePolicy } from './core/permissions.js';
import { INPUTS, attributeOf } from './inputs.js';

/** Every console line of the element starts with its name, so a page's log can be searched. */
export const log = (text: string, level: 'warn' | 'error' = 'warn'): void => console[level](`livedigital-room: ${text}`);

/**
 * `participantname` → `participant-name`: HTML lowercases `participantName`, and the element
 * would otherwise ignore it in silence (with `baseUrl`, send the room to the default site).
 * The name itself for our own attributes and unrelated ones.
 */
export function meantAttribute(name: string): string {
  const loose = name.toLowerCase().replace(/[-_]/g, '');
  return attributeOf(Object.keys(INPUTS).find((input) => input.toLowerCase() === loose) ?? name);
}

/** One warning per attribute that looks like ours but is not. */
export function warnMisspelledAttributes(element: Element): void {
  for (const name of element.getAttributeNames()) {
    const meant = meantAttribute(name);
    if (meant !== name) log(`unknown attribute "${name}": did you mean "${meant}"?`);
  }
}

/** Features a browser gives only to secure pages (https, or http on localhost). */
const SECURE_ONLY = ['camera', 'microphone', 'display-capture'];

/**
 * What the room is granted but cannot use where this page is: on a page that is not a secure
 * context (`file://`, plain http on a network address), camera, microphone and screen sharing;
 * otherwise what the frame around the page withholds.
 */
export function featuresOutOfReach(allow: string, policy: PagePolicy | undefined, secure: boolean): string[] {
  return secure ? featuresThePageLacks(allow, policy) : SECURE_ONLY.filter((feature) => grants(allow, feature));
}
