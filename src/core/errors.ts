/**
 * Every way an embed can go wrong that an integrator may want to tell apart.
 * The element reports these as `ld-error` events; core functions throw {@link RoomError}.
 */
export type ErrorCode =
  | 'missing-room'
  | 'invalid-alias'
  | 'invalid-event-id'
  | 'invalid-base-url'
  | 'untrusted-link'
  | 'fetch-failed'
  | 'bad-response'
  | 'unsafe-redirect';

/** Where the README explains each code and what to change; console lines link here. */
export const ERROR_CODES_URL = 'https://www.npmjs.com/package/livedigital-room#error-codes';

export interface RoomErrorDetails {
  cause?: unknown;
  /** The HTTP status the host's backend answered with (0: it could not be reached). */
  status?: number;
  /** The host backend's own error code and message, from a JSON body `{error|code, message}`. */
  hostCode?: string;
  hostMessage?: string;
}

/**
 * A failure with a stable machine-readable code; the host's own code and message, when it sent
 * them, ride along. Messages never carry tokens.
 */
export class RoomError extends Error {
  override readonly name = 'RoomError';
  readonly status?: number;
  readonly hostCode?: string;
  readonly hostMessage?: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: RoomErrorDetails = {},
  ) {
    super(message, details);
    Object.assign(this, details);
  }
}
