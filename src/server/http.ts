/**
 * Small fetch-standard helpers shared by the access-link and webhook handlers.
 * Internal: not re-exported from the `livedigital-room/server` entry.
 */

import { HttpError } from '../core/http-error.js';

export { HttpError } from '../core/http-error.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Reads a request body as UTF-8, counting bytes as they arrive. `content-length` is only a
 * fast path: a chunked body, or a client that lies, is still cut off at `maxBytes` (413).
 * A body that trickles in slower than `timeoutMs` in all is refused with 408, so a slow client
 * cannot hold the handler (and its memory) open.
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `the body must be at most ${maxBytes} bytes`, { code: 'payload-too-large' });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HttpError(408, `the body did not arrive within ${timeoutMs} ms`, { code: 'request-timeout' })), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), expired]);
      if (done) break;
      size += value.byteLength;
      // Stop reading; the rest is the transport's business (node drains it, fetch runtimes drop it).
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'the request body could not be read', { code: 'bad-request' });
  } finally {
    clearTimeout(timer);
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

export function errorResponse(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { error, message }, headers);
}

/** The answer for an {@link HttpError}: `{ error: code, message }` with its headers. */
export function httpErrorResponse(error: HttpError): Response {
  return errorResponse(error.status, error.code ?? 'error', error.message, { ...error.headers });
}

/** Waits for `work`, or throws `onTimeout()` after `ms`; `work` keeps running but is no longer awaited. */
export async function within<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function positiveIntegerOr(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}
