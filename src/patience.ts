import { obtainRoomLink, type LinkInputs, type ObtainedLink } from './access.js';
import { keepTryingModule } from './on-demand.js';

/**
 * {@link obtainRoomLink}, tried again while the backend is busy: the element then waits as long as
 * the backend asked plus jitter, within about a minute in total, and `onBusy` is called before
 * each such wait. A network failure (fetch's TypeError) is tried once more; anything else fails at
 * once. `failures` earlier failed mounts in a row (a Retry click) make the first attempt back off
 * too, so a crowd pressing Retry spreads out.
 *
 * Most mounts get their link at the first attempt, so the waiting (keep-trying.ts) is loaded on
 * the first busy answer or Retry click (see on-demand.ts). If it cannot load
 * (offline), the first failure stands.
 */
export async function obtainPatiently(inputs: LinkInputs, signal: AbortSignal, onBusy: () => void, failures = 0): Promise<ObtainedLink> {
  const started = Date.now();
  const attempt = () => obtainRoomLink(inputs, signal);
  let error: unknown;
  if (!failures) {
    try {
      return await attempt();
    } catch (failure) {
      error = failure;
    }
  }
  const { keepTrying } = await keepTryingModule().catch(() => Promise.reject(error));
  return keepTrying(attempt, signal, onBusy, failures, started, error);
}
