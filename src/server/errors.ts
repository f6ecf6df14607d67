/** Why a livedigital API call failed, coarse enough to act on. */
export type LivedigitalApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid-params'
  | 'not-found'
  /** livedigital did not answer within `timeoutMs`, or the call ran out of `deadlineMs`. */
  | 'timeout'
  /** livedigital kept answering 429 until the deadline; `retryAfter` is the wait it asked for. */
  | 'rate-limited'
  /** The caller's `signal` aborted the call (a browser that went away). */
  | 'aborted'
  | 'upstream'
  /** No personal token was given (an unset environment variable): refused before any request. */
  | 'not-configured';

/**
 * The one error the client throws. `status` is the HTTP status livedigital last answered with, or
 * 0 when nothing usable came back (network failure, timeout, abort) or nothing was sent.
 * `refusedLocally` is true when the client refused before sending anything (`invalid-params` for
 * bad input, `not-configured`): that is the host's bug, not livedigital failing.
 *
 * Messages and `cause` never carry the personal token: the client scrubs both before building
 * the error, so logging the error whole (util.inspect, JSON, Sentry) is safe.
 */
export class LivedigitalApiError extends Error {
  override readonly name = 'LivedigitalApiError';
  readonly code: LivedigitalApiErrorCode;
  readonly status: number;
  /** Seconds livedigital asked to wait (its `Retry-After`), when it said so. */
  readonly retryAfter: number | undefined;
  readonly refusedLocally: boolean;

  constructor(
    code: LivedigitalApiErrorCode,
    status: number,
    message: string,
    options?: { cause?: unknown; retryAfter?: number; refusedLocally?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = status;
    this.retryAfter = options?.retryAfter;
    this.refusedLocally = options?.refusedLocally ?? false;
  }
}

export function statusToCode(status: number): LivedigitalApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 422) return 'invalid-params';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  return 'upstream';
}
