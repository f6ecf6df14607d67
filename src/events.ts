import type { ErrorCode } from './core/errors.js';

/** Where the room link came from: `src`, the fetcher / access-endpoint, or built from attributes. */
export type LinkSource = 'src' | 'fetcher' | 'attributes';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** A room link was obtained and is about to be loaded in the iframe. */
export class LdAccessEvent extends Event {
  static readonly type = 'ld-access';
  constructor(
    /** The room link (it may carry the access token: do not log it). */
    readonly url: string,
    readonly source: LinkSource,
  ) {
    super(LdAccessEvent.type, init());
  }
}

/** The room iframe finished loading. */
export class LdLoadEvent extends Event {
  static readonly type = 'ld-load';
  constructor(
    readonly url: string,
    /**
     * Permissions the room is granted but the page itself lacks, because the frame around the
     * page (an LMS's LTI or SCORM iframe) does not allow them: e.g. `['camera', 'microphone']`.
     * The room cannot use these. Read from Chromium's policy API; empty in other browsers.
     */
    readonly blockedFeatures: readonly string[] = [],
  ) {
    super(LdLoadEvent.type, init());
  }
}

/** Something went wrong; the element shows a localized message with a Retry button. */
export class LdErrorEvent extends Event {
  static readonly type = 'ld-error';
  constructor(
    readonly code: ErrorCode,
    /** An English, token-free explanation for developers. */
    readonly message: string,
    readonly cause?: unknown,
  ) {
    super(LdErrorEvent.type, init());
  }
}

/**
 * The room said the call is over (`ld_finish_call`). Cancelable: call `preventDefault()` to stay on
 * the page and take over; otherwise the page goes to `redirectUrl` when one is set.
 */
export class LdFinishEvent extends Event {
  static readonly type = 'ld-finish';
  constructor(readonly redirectUrl: string | null) {
    super(LdFinishEvent.type, init(true));
  }
}

/** The element's events by name, for typed `addEventListener` and `HTMLElementEventMap`. */
export interface LivedigitalRoomEventMap {
  'ld-access': LdAccessEvent;
  'ld-load': LdLoadEvent;
  'ld-error': LdErrorEvent;
  'ld-finish': LdFinishEvent;
}
