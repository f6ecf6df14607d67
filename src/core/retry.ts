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

/**
 * Milliseconds a `Retry-After` value asks for: 0 when it is missing or empty, null when it cannot
 * be read (the caller falls back to plain backoff either way).
 */
export function retryAfterMs(value: unknown, now: number): number | null {
  const seconds = Number(value ?? '');
  if (seconds >= 0) return seconds * 1000;
  // An HTTP date names its weekday and month; a bare "-1" would parse as a year.
  const date = /[a-z]/i.test(String(value)) ? Date.parse(String(value)) : Number.NaN;
  return date >= 0 ? Math.max(0, date - now) : null;
}

/**
 * Milliseconds to wait before the next attempt, or null to give up: when the wait would end past
 * the total budget, counted from `started`.
 * @param attempt 0 for the first retry, 1 for the second …
 * @param retryAfter what the server asked for: a `Retry-After` header value (delta seconds or an
 *   HTTP date) or a number of seconds; missing or unreadable means plain backoff.
 * @param random a uniform random number in [0, 1).
 * @param now the current time in ms since the epoch (reads an HTTP-date `Retry-After`).
 * @param started when the first attempt started, ms since the epoch.
 */
export function retryDelay(attempt: number, retryAfter: unknown, random: number, now: number, started = now, policy: RetryPolicy = RETRY_POLICY): number | null {
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const delay = Math.round((retryAfterMs(retryAfter, now) ?? 0) + random * window);
  return now + delay - started > policy.budgetMs ? null : delay;
}
