/** What the room posts to its parent when the call ends; the docs show a plain string payload. */
export const FINISH_CALL_MESSAGE = 'ld_finish_call';

/** The parts of a `MessageEvent` the decision needs, so it can be tested without a DOM. */
export interface IncomingMessage {
  data: unknown;
  origin: string;
  source: unknown;
}

export interface RoomFrame {
  /** The room iframe's `contentWindow` (a WindowProxy; identity survives cross-origin). */
  window: unknown;
  /** The origin of the link the iframe was given. */
  origin: string;
}

/**
 * A finish message counts only when it comes from this element's own iframe window and from the
 * origin of the link that iframe was given: any other frame (or the page itself, or another room
 * on the page) could otherwise end the call or trigger a redirect.
 */
export function isFinishFromRoom(message: IncomingMessage, frame: RoomFrame | null): boolean {
  if (!frame || frame.window == null) return false;
  return message.data === FINISH_CALL_MESSAGE && message.source === frame.window && message.origin === frame.origin;
}
