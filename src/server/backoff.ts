/**
 * When to try again after livedigital refused or failed: exponential backoff with full jitter
 * (a random wait up to base·2^attempt, capped), added to whatever `Retry-After` asked for, so a
 * crowd refused at the same moment does not come back at the same moment.
 */

export interface BackoffOptions {
  /** The first retry waits up to this long. Default 250 ms. */
  baseMs?: number;
  /** No jitter window grows beyond this. Default 8000 ms. */
  capMs?: number;
}

/**
 * `attempt` counts retries from 0; `retryAfterMs` is the vendor's wait (null when it named none);
 * `random` is in [0, 1).
 */
export function backoffDelayMs(attempt: number, retryAfterMs: number | null, random: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 8000;
  const window = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  const jitter = Math.floor(Math.min(Math.max(random, 0), 1) * window);
  return Math.max(0, retryAfterMs ?? 0) + jitter;
}

/**
 * `Retry-After` as milliseconds: delay-seconds (`120`) or an HTTP date, measured from `now`.
 * Null when absent or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
