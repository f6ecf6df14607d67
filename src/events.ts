import type { ErrorCode, RoomErrorDetails } from './core/errors.js';

/** Where the room link came from: `src`, the fetcher / access-endpoint, or built from attributes. */
export type LinkSource = 'src' | 'fetcher' | 'attributes';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** A room link was obtained and is about to be loaded in the iframe. */
export class LdAccessEvent extends Event {
  constructor(
    /** The room link (it may carry the access token: do not log it). */
    readonly url: string,
    readonly source: LinkSource,
  ) {
    super('ld-access', init());
  }
}

/** The room iframe finished loading. */
export class LdLoadEvent extends Event {
  constructor(
    readonly url: string,
    /**
     * Permissions the room is granted but cannot use here: the frame around the page (an LMS's
     * LTI or SCORM iframe) does not allow them (read from Chromium's policy API), or the page is
     * not a secure context (`file://`, plain http off localhost), which rules out camera,
     * microphone and screen sharing in every browser. E.g. `['camera', 'microphone']`.
     */
    readonly blockedFeatures: readonly string[] = [],
  ) {
    super('ld-load', init());
  }
}

/**
 * Something went wrong; the element shows a localized message with a Retry button. When the
 * host's backend refused, `status` is its HTTP status and `hostCode` / `hostMessage` its own
 * `{error|code, message}`; `code` stays one of the element's own.
 */
export class LdErrorEvent extends Event {
  readonly status?: number;
  readonly hostCode?: string;
  readonly hostMessage?: string;
  constructor(
    readonly code: ErrorCode,
    /** An English, token-free explanation for developers. */
    readonly message: string,
    readonly cause?: unknown,
    details: Omit<RoomErrorDetails, 'cause'> = {},
  ) {
    super('ld-error', init());
    Object.assign(this, details);
  }
}

/**
 * The room said the call is over (`ld_finish_call`). Cancelable: call `preventDefault()` to stay on
 * the page and take over; otherwise the page goes to `redirectUrl` when one is set.
 */
export class LdFinishEvent extends Event {
  constructor(readonly redirectUrl: string | null) {
    super('ld-finish', init(true));
  }
}

/** The element's events by name, for typed `addEventListener` and `HTMLElementEventMap`. */
export interface LivedigitalRoomEventMap {
  'ld-access': LdAccessEvent;
  'ld-load': LdLoadEvent;
  'ld-error': LdErrorEvent;
  'ld-finish': LdFinishEvent;
}
