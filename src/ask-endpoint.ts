import type { AccessAnswer, AccessRequest } from './access.js';
import { RoomError } from './core/errors.js';

/**
 * What the built-in fetcher behind `access-endpoint` does, loaded on its first call: POST
 * `{alias, participantName}` as JSON with the page's cookies (fetch's default, same-origin: the
 * host knows its user by its own session), accept `{ "url": … }` or a plain URL. A refusal
 * carries the HTTP status and the host's own `{error|code, message}`; an answer that is neither
 * (an HTML page, say) is `bad-response`, not a link to be judged.
 */
export async function askEndpoint(endpoint: string, pageHref: string | undefined, { alias, participantName, signal }: AccessRequest): Promise<AccessAnswer> {
  // Relative to `pageHref` when given; in a page, fetch resolves it against the document's base URL.
  const response = await fetch(pageHref ? new URL(endpoint, pageHref) : endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ alias, participantName }),
    signal,
  });
  const { status } = response;
  // JSON when it parses (whatever the content type says), else the text: a plain URL, or an HTML page.
  let body: unknown = (await response.text()).trim();
  try {
    body = JSON.parse(body as string);
  } catch {}
  if (!response.ok) {
    const { error: hostCode = Object(body).code, message: hostMessage } = Object(body);
    const error = new RoomError('fetch-failed', `access-endpoint: HTTP ${status}`, { status, hostCode, hostMessage });
    // Busy, not broken: the element waits and asks again (see obtainPatiently).
    if (status === 429 || status === 503) Object.assign(error, { retryAfter: response.headers.get('retry-after') ?? '' });
    throw error;
  }
  return body as AccessAnswer;
}

