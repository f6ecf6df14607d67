/**
 * Small fetch-standard helpers shared by the access-link and webhook handlers.
 * Internal: not re-exported from the `livedigital-room/server` entry.
 */

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** Thrown by {@link readBodyText} when the body is over the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a request body as UTF-8, counting bytes as they arrive. `content-length` is only a
 * fast path: a chunked body, or a client that lies, is still cut off at `maxBytes`.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError('body too large');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading; the rest is the transport's business (node drains it, fetch runtimes drop it).
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError('body too large');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** `application/json`, `application/problem+json`, … — parameters such as charset ignored. */
export function isJsonContentType(value: string): boolean {
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every answer is `no-store`: access links are single-use secrets and must not sit in a shared
 * cache, and an error must not be cached in place of a later success.
 */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

/** The body as text, or the answer to send instead: 413 when over the limit, 400 when unreadable. */
export async function readBodyOrAnswer(request: Request, maxBytes: number): Promise<string | Response> {
  try {
    return await readBodyText(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return errorResponse(413, 'payload-too-large', `the body must be at most ${maxBytes} bytes`);
    }
    return errorResponse(400, 'bad-request', 'the request body could not be read');
  }
}

export function errorResponse(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { error, message }, headers);
}

export function positiveIntegerOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}
