import { RoomError } from './core/errors.js';
import { parseUrl } from './core/origins.js';
import { buildRoomLink, roomOrigin, roomPath, trustRoomLink, type RoomInputs } from './core/room-link.js';
import type { LinkSource } from './events.js';
import { askEndpointModule } from './on-demand.js';

/** What the element asks the host's backend for one mount of the room. */
export interface AccessRequest {
  alias?: string;
  participantName?: string;
  /** Aborted when the element leaves the page or its room inputs change. */
  signal: AbortSignal;
}

export type AccessAnswer = string | URL | { url: string };

/** Gets a personal room link from the host's backend (which calls generate-access). */
export type Fetcher = (request: AccessRequest) => Promise<AccessAnswer>;

export interface LinkInputs extends RoomInputs {
  src?: string | null;
  fetcher?: Fetcher | null;
  accessEndpoint?: string | null;
  /** Milliseconds the host gets to answer; default {@link ACCESS_TIMEOUT_MS}. */
  accessTimeout?: number | null;
}

/** Above the server companion's own 10 s limit for generate-access, so its 502 arrives first. */
export const ACCESS_TIMEOUT_MS = 20_000;

export interface ObtainedLink {
  url: URL;
  source: LinkSource;
}

/**
 * The built-in fetcher behind `access-endpoint`: POST `{alias, participantName}` as JSON with the
 * page's cookies, accept `{ "url": … }` or a plain URL; a refusal is a `fetch-failed` RoomError
 * with the HTTP status and the host's own `{error|code, message}` (see ask-endpoint.ts). Pages that
 * never use it do not download it: the request code is loaded on the first call.
 */
export function endpointFetcher(endpoint: string, pageHref?: string): Fetcher {
  return async (request) => (await askEndpointModule()).askEndpoint(endpoint, pageHref, request);
}

/** A fetcher's answer (a URL, its text, or `{url}`) as an absolute link, or `bad-response` for anything else. */
function answerToLink(answer: unknown): string {
  const link = String((answer as { url?: unknown } | null)?.url ?? answer);
  if (!parseUrl(link)) throw new RoomError('bad-response', 'answer is not a URL or {url}');
  return link;
}

/**
 * Decides where this mount's room link comes from — `src` › fetcher / `access-endpoint` › built
 * from attributes — and checks it. Fetched links are single-use (generate-access makes one-time
 * links by default), so the caller must call this again for every new iframe.
 * Throws {@link RoomError}; an abort rethrows the abort reason untouched.
 */
export async function obtainRoomLink(inputs: LinkInputs, signal: AbortSignal): Promise<ObtainedLink> {
  if (inputs.src) return { url: trustRoomLink(inputs.src, inputs.baseUrl), source: 'src' };
  // The property wins over `access-endpoint`.
  const fetcher = inputs.fetcher || (inputs.accessEndpoint && endpointFetcher(inputs.accessEndpoint));
  if (!fetcher) return { url: buildRoomLink(inputs), source: 'attributes' };
  // A single-use link is spent by asking: whatever can be wrong here must be found first.
  roomOrigin(inputs.baseUrl);
  roomPath(inputs);

  // A host that never answers must not leave people looking at a spinner: the call is given up
  // (and its signal aborted) after the timeout, even when the fetcher ignores its signal.
  const limit = new AbortController();
  const ms = inputs.accessTimeout || ACCESS_TIMEOUT_MS;
  const timer = setTimeout(() => limit.abort(new RoomError('fetch-failed', `no link in ${ms} ms`)), ms);
  const onAbort = () => limit.abort(signal.reason);
  signal.addEventListener('abort', onAbort);
  let answer: unknown;
  try {
    const request = { alias: inputs.alias || undefined, participantName: inputs.participantName || undefined, signal: limit.signal };
    answer = await Promise.race([
      fetcher(request),
      new Promise<never>((_, reject) => limit.signal.addEventListener('abort', () => reject(limit.signal.reason))),
    ]);
  } catch (error) {
    if (signal.aborted) throw error; // the mount is gone: nobody will show this
    if (limit.signal.aborted) throw limit.signal.reason; // our timeout
    if (error instanceof RoomError) throw error;
    // The fetcher's own message may quote a request or a token; keep it only as `cause`.
    throw new RoomError('fetch-failed', 'fetcher failed', { cause: error });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
  return { url: trustRoomLink(answerToLink(answer), inputs.baseUrl), source: 'fetcher' };
}
