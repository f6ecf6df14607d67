/** How far outside the viewport a lazy room starts: about a screen's worth of scrolling ahead. */
export const LAZY_MARGIN = '600px';

/**
 * Calls `near` once, when `target` comes within {@link LAZY_MARGIN} of the viewport; nothing after
 * `signal` aborts. Leaving the viewport later does nothing: the room, once loaded, is kept.
 */
export function whenNear(target: Element, signal: AbortSignal, near: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        near();
      }
    },
    { rootMargin: LAZY_MARGIN },
  );
  observer.observe(target);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
