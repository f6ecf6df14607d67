/** Why a livedigital API call failed, coarse enough to act on. */
export type LivedigitalApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid-params'
  | 'not-found'
  | 'timeout'
  | 'upstream'
  /** No personal token was given (an unset environment variable): refused before any request. */
  | 'not-configured';

/**
 * The one error the client throws. `status` is the HTTP status livedigital answered with, or 0
 * when nothing usable came back (network failure, timeout, abort) or when the call was refused
 * locally before any request was sent (`code: 'invalid-params'` or `'not-configured'`).
 *
 * Messages and `cause` never carry the personal token: the client scrubs both before building
 * the error, so logging the error whole (util.inspect, JSON, Sentry) is safe.
 */
export class LivedigitalApiError extends Error {
  override readonly name = 'LivedigitalApiError';
  readonly code: LivedigitalApiErrorCode;
  readonly status: number;

  constructor(code: LivedigitalApiErrorCode, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
  }
}

export function statusToCode(status: number): LivedigitalApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 422) return 'invalid-params';
  if (status === 404) return 'not-found';
  return 'upstream';
}
