import { retryDelay } from './core/retry.js';

/**
 * What a busy refusal asked for: `retryAfter` on the error (or on its `cause`, where a fetcher's
 * own error was wrapped) — seconds, or a `Retry-After` header value, empty when the server named
 * no time. The built-in fetcher sets it for HTTP 429 and 503. Undefined: not a busy refusal.
 */
const busyFor = (error: unknown): unknown =>
  (error as { retryAfter?: unknown })?.retryAfter ?? (error as { cause?: { retryAfter?: unknown } })?.cause?.retryAfter;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * The waiting half of {@link import('./patience.js').obtainPatiently}, loaded on first need: asks
 * again, after a backoff with jitter, while the backend is busy, and once more after a network
 * failure. `error` is the first attempt's failure, when there was a first attempt; `failures`
 * earlier failed mounts in a row make the first attempt here back off too. It imports nothing of the
 * element's, so the CDN file can load it as a file of its own.
 */
export async function keepTrying<T>(
  attempt: () => Promise<T>,
  signal: AbortSignal,
  onBusy: () => void,
  failures: number,
  started: number,
  error?: unknown,
): Promise<T> {
  let delay = failures ? retryDelay(failures - 1, 0, Math.random(), started) : 0;
  let networkFailures = 0;
  for (let tries = 0; ; tries++) {
    if (!error) {
      if (delay) await sleep(delay, signal);
      try {
        return await attempt();
      } catch (failure) {
        error = failure;
      }
    }
    const retryAfter = busyFor(error);
    const network = retryAfter === undefined && !networkFailures++ && (error as { cause?: unknown })?.cause instanceof TypeError;
    delay = signal.aborted || (retryAfter === undefined && !network) ? null : retryDelay(tries, retryAfter, Math.random(), Date.now(), started);
    if (delay === null) throw error;
    if (!network) onBusy();
    error = undefined;
  }
}
