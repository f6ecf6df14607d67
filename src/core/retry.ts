/**
 * When to ask again after a refusal, shared by the element, the server companion and the burst
 * benchmark. Exponential backoff with full jitter spreads a crowd that was refused at the same
 * moment; a `Retry-After` the server sent is a floor, with the jitter added on top so the crowd
 * does not come back in one wave at the instant the server named.
 */
export interface RetryPolicy {
  /** First backoff window in ms; doubled per attempt. */
  baseMs: number;
  /** Largest backoff window in ms. */
  capMs: number;
  /** Total time in ms after which nobody waits any longer. */
  budgetMs: number;
}

export const RETRY_POLICY: RetryPolicy = { baseMs: 500, capMs: 8_000, budgetMs: 60_000 };

export interface RetryInput {
  /** 0 for the first retry, 1 for the second … */
  attempt: number;
  /**
   * What the server asked for: a `Retry-After` header value (delta seconds or an HTTP date), or a
   * number of seconds. Missing, empty or unreadable means plain backoff.
   */
  retryAfter?: string | number | null;
  /** A uniform random number in [0, 1). */
  random: number;
  /** The current time in ms since the epoch (reads an HTTP-date `Retry-After`). */
  now: number;
  /** When the first attempt started (ms since the epoch); default `now`. */
  started?: number;
}

/** Milliseconds a `Retry-After` value asks for, or null when there is none to read. */
export function retryAfterMs(value: string | number | null | undefined, now: number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday and month; a bare "-1" would parse as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Milliseconds to wait before the next attempt, or null to give up: when the wait would end past
 * the total budget, counted from `started`.
 */
export function retryDelay({ attempt, retryAfter, random, now, started = now }: RetryInput, policy: RetryPolicy = RETRY_POLICY): number | null {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const delay = Math.round((retryAfterMs(retryAfter, now) ?? 0) + random * window);
  return now + delay - started > policy.budgetMs ? null : delay;
}
