import { obtainRoomLink, type LinkInputs, type ObtainedLink } from './access.js';
import { retryDelay } from './core/retry.js';

/**
 * What a refusal says about trying again: a `retryAfter` on the error (or on its `cause`, where a
 * fetcher's own error was wrapped) means "busy, come back" — seconds, or a `Retry-After` header
 * value, empty when the server named no time. The built-in fetcher sets it for HTTP 429 and 503.
 */
function retryAfterOf(error: unknown): string | number | undefined {
  for (let e: any = error, depth = 0; e && typeof e === 'object' && depth < 2; e = e.cause, depth++) {
    if (typeof e.retryAfter === 'string' || typeof e.retryAfter === 'number') return e.retryAfter;
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * {@link obtainRoomLink}, tried again while the backend is busy: after a 429/503 (or a fetcher
 * error with `retryAfter`) it waits what the backend asked for plus jitter, within about a minute
 * in total; a network failure is tried once more; anything else fails at once. `failures` earlier
 * failed mounts in a row (a Retry click) make the first attempt back off too, so a crowd pressing
 * Retry does not come back at the same instant. `onBusy` is called before each wait for a busy backend.
 */
export async function obtainPatiently(inputs: LinkInputs, signal: AbortSignal, pageHref: string, onBusy: () => void, failures = 0): Promise<ObtainedLink> {
  const started = Date.now();
  const wait = (attempt: number, retryAfter?: string | number) => retryDelay({ attempt, retryAfter, random: Math.random(), now: Date.now(), started });
  if (failures) await sleep(wait(failures - 1) ?? 0, signal);
  let networkRetried = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await obtainRoomLink(inputs, signal, pageHref);
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      // fetch() rejects with a TypeError when the request never got an answer.
      const network = !networkRetried && (error as { cause?: unknown })?.cause instanceof TypeError;
      const delay = signal.aborted || (retryAfter === undefined && !network) ? null : wait(attempt, retryAfter);
      if (delay === null) throw error;
      if (retryAfter === undefined) networkRetried = true;
      else onBusy();
      await sleep(delay, signal);
    }
  }
}
