/**
 * Warms the connection to `url`'s origin with one `<link rel="preconnect">` per page and origin,
 * as lite-youtube does on hover: the handshake overlaps the user's reach for the button or the
 * scroll. `anonymous` for the access endpoint, whose cross-origin fetch goes without cookies and
 * so on a separate connection. Nothing for the page's own origin or an unreadable URL.
 */
export function preconnect(url: string | null | undefined, anonymous?: boolean): void {
  let origin: string;
  try {
    origin = new URL(url!, location.href).origin;
  } catch {
    return;
  }
  if (origin === location.origin || document.querySelector(`link[rel=preconnect][href="${origin}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  if (anonymous) link.crossOrigin = '';
  document.head.append(link);
}
