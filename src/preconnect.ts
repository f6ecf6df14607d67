import { parseUrl } from './core/origins.js';

/**
 * Warms the connection to `url`'s origin with one `<link rel="preconnect">` per page and origin,
 * as lite-youtube does on hover: the handshake overlaps the user's reach for the button or the
 * scroll. `anonymous` for the access endpoint, whose cross-origin fetch goes without cookies and
 * so on a separate connection. Nothing for the page's own origin or an unreadable URL.
 */
export function preconnect(url: string | null | undefined, anonymous?: boolean): void {
  const origin = parseUrl(url ?? '', location.href)?.origin;
  if (!origin || origin === location.origin || document.querySelector(`link[rel=preconnect][href="${origin}"]`)) return;
  const link = Object.assign(document.createElement('link'), { rel: 'preconnect', href: origin });
  if (anonymous) link.crossOrigin = '';
  document.head.append(link);
}
