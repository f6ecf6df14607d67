import { RoomError } from './errors.js';
import { parseUrl } from './origins.js';

/**
 * Where to send the page after the call: resolved against the page, and only over http(s), since a
 * `javascript:` or `data:` redirect would run attacker-chosen code in the host page.
 */
export function safeRedirectUrl(value: string, pageHref: string): URL {
  const url = parseUrl(value.trim(), pageHref);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new RoomError('unsafe-redirect', 'redirect-url must be http(s)');
  }
  return url;
}
