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

/** A failure with a stable machine-readable code. Messages never carry tokens. */
export class RoomError extends Error {
  override readonly name = 'RoomError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
