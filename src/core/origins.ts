/** Hosts where plain http is acceptable: a developer's own machine (local stand-ins, tests). */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/**
 * Cameras, microphones and tokens travel only over https; http is tolerated on loopback so the
 * stand-in and tests can run without certificates.
 */
export function isSecureRoomUrl(url: URL): boolean {
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

export function parseUrl(value: string | URL, base?: string): URL | null {
  try {
    return new URL(String(value), base);
  } catch {
    return null;
  }
}
