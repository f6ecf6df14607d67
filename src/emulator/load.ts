/**
 * How the stand-in behaves under a crowd, like a vendor protecting itself: at most `concurrency`
 * requests at once and `perSecond` in any sliding second on the routes a lesson start hammers
 * (generate-access, room-by-alias); beyond that, 429 with `Retry-After`. Optional faults answer a
 * share of those requests 429 or 503 at random, for clients' retry tests.
 */

export interface EmulatorRateLimit {
  /** Requests served at the same moment; more get 429. */
  concurrency?: number;
  /** Requests accepted within any one second; more get 429. */
  perSecond?: number;
}

export interface EmulatorFaults {
  /** Share (0…1) of limited-route requests answered 503 before any work. */
  unavailable?: number;
  /** Share (0…1) answered 429 `Retry-After: 1` before any work, on top of the rate limit. */
  rateLimited?: number;
}

/** What the limited routes saw, for benchmarks and tests. */
export interface EmulatorLoad {
  /** Every request that reached a limited route. */
  requests: number;
  /** Requests served (not refused). */
  served: number;
  /** Requests refused with 429 (rate limit or injected). */
  rateLimited: number;
  /** Requests answered 503 by fault injection. */
  unavailable: number;
  /** The most requests being served at one moment. */
  peakConcurrent: number;
  /** The most requests served within one sliding second. */
  peakPerSecond: number;
}

export type Admission = { status: 200; release: () => void } | { status: 429 | 503; retryAfter: number };

const WINDOW_MS = 1000;

function share(value: number | undefined, name: string): number {
  const out = value ?? 0;
  if (!(out >= 0 && out <= 1)) throw new TypeError(`faults.${name} must be a number from 0 to 1`);
  return out;
}

function limit(value: number | undefined, name: string): number {
  if (value === undefined) return Infinity;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`rateLimit.${name} must be a positive integer`);
  return value;
}

export class LoadGate {
  readonly load: EmulatorLoad = { requests: 0, served: 0, rateLimited: 0, unavailable: 0, peakConcurrent: 0, peakPerSecond: 0 };
  private readonly concurrency: number;
  private readonly perSecond: number;
  private readonly unavailable: number;
  private readonly injected429: number;
  private active = 0;
  /** When each request of the last second was accepted, oldest first. */
  private readonly recent: number[] = [];

  constructor(
    rateLimit: EmulatorRateLimit = {},
    faults: EmulatorFaults = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.concurrency = limit(rateLimit.concurrency, 'concurrency');
    this.perSecond = limit(rateLimit.perSecond, 'perSecond');
    this.unavailable = share(faults.unavailable, 'unavailable');
    this.injected429 = share(faults.rateLimited, 'rateLimited');
  }

  admit(): Admission {
    const load = this.load;
    load.requests++;
    const roll = this.unavailable > 0 || this.injected429 > 0 ? this.random() : 1;
    if (roll < this.unavailable) {
      load.unavailable++;
      return { status: 503, retryAfter: 1 };
    }
    if (roll < this.unavailable + this.injected429) {
      load.rateLimited++;
      return { status: 429, retryAfter: 1 };
    }
    const now = this.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - WINDOW_MS) this.recent.shift();
    if (this.active >= this.concurrency) {
      load.rateLimited++;
      return { status: 429, retryAfter: 1 };
    }
    if (this.recent.length >= this.perSecond) {
      load.rateLimited++;
      // When the oldest accepted request leaves the window, whole seconds as the header has them.
      return { status: 429, retryAfter: Math.max(1, Math.ceil((this.recent[0]! + WINDOW_MS - now) / 1000)) };
    }
    this.active++;
    this.recent.push(now);
    load.served++;
    load.peakConcurrent = Math.max(load.peakConcurrent, this.active);
    load.peakPerSecond = Math.max(load.peakPerSecond, this.recent.length);
    let released = false;
    return {
      status: 200,
      release: () => {
        if (released) return;
        released = true;
        this.active--;
      },
    };
  }
}

/** generate-access and room-by-alias: what every student's join costs. */
export function isLimitedRoute(method: string | undefined, pathname: string): boolean {
  return (
    (method === 'POST' && /^\/v1\/spaces\/[^/]+\/rooms\/[^/]+\/generate-access$/.test(pathname)) ||
    (method === 'GET' && /^\/v1\/spaces\/room-by-alias\/[^/]+$/.test(pathname))
  );
}
