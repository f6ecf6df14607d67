import { RoomError } from './core/errors.js';
import { buildRoomLink, trustRoomLink, type RoomInputs } from './core/room-link.js';
import type { LinkSource } from './events.js';

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
}

export interface ObtainedLink {
  url: URL;
  source: LinkSource;
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof DOMException && error.name === 'AbortError');
}

/**
 * The built-in fetcher behind `access-endpoint`: POST `{alias, participantName}` as JSON with the
 * page's cookies (the host knows its user by its own session), accept `{ "url": … }` or a plain URL.
 */
export function endpointFetcher(endpoint: string, pageHref?: string): Fetcher {
  return async ({ alias, participantName, signal }) => {
    const response = await fetch(new URL(endpoint, pageHref), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/plain' },
      body: JSON.stringify({ alias, participantName }),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
    if (!response.ok) {
      throw new RoomError('fetch-failed', `access-endpoint answered HTTP ${response.status}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const body: unknown = await response.json().catch(() => null);
      return body as AccessAnswer;
    }
    return (await response.text()).trim();
  };
}

function answerToLink(answer: unknown): string {
  if (typeof answer === 'string') return answer;
  if (answer instanceof URL) return answer.href;
  if (answer && typeof answer === 'object' && typeof (answer as { url?: unknown }).url === 'string') {
    return (answer as { url: string }).url;
  }
  throw new RoomError('bad-response', 'the fetcher must resolve to a URL, a string or { url }');
}

/** The fetcher a mount uses: the property wins over `access-endpoint`. */
export function activeFetcher(inputs: LinkInputs, pageHref?: string): Fetcher | null {
  if (inputs.fetcher) return inputs.fetcher;
  if (inputs.accessEndpoint) return endpointFetcher(inputs.accessEndpoint, pageHref);
  return null;
}

/**
 * Decides where this mount's room link comes from — `src` › fetcher / `access-endpoint` › built
 * from attributes — and checks it. Fetched links are single-use (generate-access makes one-time
 * links by default), so the caller must call this again for every new iframe.
 * Throws {@link RoomError}; an abort rethrows the abort reason untouched.
 */
export async function obtainRoomLink(inputs: LinkInputs, signal: AbortSignal, pageHref?: string): Promise<ObtainedLink> {
  if (inputs.src) return { url: trustRoomLink(inputs.src, inputs.baseUrl), source: 'src' };
  const fetcher = activeFetcher(inputs, pageHref);
  if (!fetcher) return { url: buildRoomLink(inputs), source: 'attributes' };

  let answer: unknown;
  try {
    const request: AccessRequest = { signal };
    if (inputs.alias) request.alias = inputs.alias;
    if (inputs.participantName) request.participantName = inputs.participantName;
    answer = await fetcher(request);
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    if (error instanceof RoomError) throw error;
    // The fetcher's own message may quote a request or a token; keep it only as `cause`.
    throw new RoomError('fetch-failed', 'the fetcher could not get a room link', { cause: error });
  }
  signal.throwIfAborted();
  return { url: trustRoomLink(answerToLink(answer), inputs.baseUrl), source: 'fetcher' };
}
