import { obtainRoomLink, type LinkInputs, type ObtainedLink } from './access.js';
import { retryDelay } from './core/retry.js';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * {@link obtainRoomLink}, tried again while the backend is busy. A busy refusal carries
 * `retryAfter` on the error (or on its `cause`, where a fetcher's own error was wrapped): seconds,
 * or a `Retry-After` header value, empty when the server named no time; the built-in fetcher sets
 * it for HTTP 429 and 503. The element then waits that long plus jitter, within about a minute in
 * total, and `onBusy` is called before each such wait. A network failure (fetch's TypeError) is
 * tried once more; anything else fails at once. `failures` earlier failed mounts in a row (a
 * Retry click) make the first attempt back off too, so a crowd pressing Retry spreads out.
 */
export async function obtainPatiently(inputs: LinkInputs, signal: AbortSignal, pageHref: string, onBusy: () => void, failures = 0): Promise<ObtainedLink> {
  const started = Date.now();
  let delay = failures ? retryDelay(failures - 1, 0, Math.random(), started) : 0;
  let networkFailures = 0;
  for (let attempt = 0; ; attempt++) {
    if (delay) await sleep(delay, signal);
    try {
      return await obtainRoomLink(inputs, signal, pageHref);
    } catch (error: any) {
      const retryAfter = error?.retryAfter ?? error?.cause?.retryAfter;
      const network = retryAfter === undefined && !networkFailures++ && error?.cause instanceof TypeError;
      delay = signal.aborted || (retryAfter === undefined && !network) ? null : retryDelay(attempt, retryAfter, Math.random(), Date.now(), started);
      if (delay === null) throw error;
      if (!network) onBusy();
    }
  }
}
