import type { IncomingMessage, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** What Express/Connect add to the request; plain node:http has neither. */
interface FrameworkRequest extends IncomingMessage {
  originalUrl?: string;
  body?: unknown;
  /** body-parser sets this once it has consumed and parsed the stream. */
  _body?: boolean;
}

/**
 * Adapts a fetch-standard handler to `(req, res)`, so the same handler mounts on node:http,
 * Express (`app.post(path, listener)`) and Connect. Never rejects: failures become a bare 500.
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  return async function nodeListener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Lets the handler (and the livedigital call behind it) stop when the caller goes away.
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', onClose);
    try {
      const response = await handler(toRequest(req as FrameworkRequest, controller.signal));
      await writeResponse(req, res, response);
    } catch {
      // Details stay out of the answer: they may hold upstream text or secrets.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ error: 'internal', message: 'internal error' }));
      } else {
        res.destroy();
      }
    } finally {
      res.off('close', onClose);
    }
  };
}

function toRequest(req: FrameworkRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers are not header fields
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // A header fetch cannot represent; node already accepted it, the handler can live without it.
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = preParsedBody(req);
    if (parsed !== undefined) {
      // The stream is gone; the body no longer matches the original length or encoding.
      headers.delete('content-length');
      headers.delete('transfer-encoding');
      headers.delete('content-encoding');
      init.body = parsed;
    } else {
      init.body = nodeBodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(requestUrl(req), init);
}

function requestUrl(req: FrameworkRequest): string {
  // Express rewrites req.url under a mounted router; originalUrl is what the client asked for.
  const path = typeof req.originalUrl === 'string' ? req.originalUrl : req.url ?? '/';
  const secure = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const host = req.headers.host ?? req.headers[':authority'] ?? 'localhost';
  try {
    return new URL(path, `${secure ? 'https' : 'http'}://${String(host)}`).href;
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost').href;
  }
}

/**
 * A body-parser that ran first leaves `req.body` and an exhausted stream. Express's json parser
 * sets `req.body = {}` even when it skipped the request, so the stream state decides.
 */
function preParsedBody(req: FrameworkRequest): string | Uint8Array<ArrayBuffer> | undefined {
  if (req.body === undefined || !(req.readableEnded || req._body === true)) return undefined;
  const body = req.body;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body); // a copy, detached from node's pool
  return JSON.stringify(body);
}

/**
 * Pull-based, so a slow handler applies backpressure. Cancelling drains instead of destroying:
 * `Readable.toWeb` would destroy the socket and the 413 answer could never be written.
 */
function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let detach = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer | string) => {
          controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        const onEnd = () => {
          detach();
          controller.close();
        };
        const onError = (error: Error) => {
          detach();
          controller.error(error);
        };
        detach = () => {
          req.off('data', onData);
          req.off('end', onEnd);
          req.off('error', onError);
        };
        req.on('data', onData);
        req.once('end', onEnd);
        req.once('error', onError);
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        detach();
        req.resume();
      },
    },
    { highWaterMark: 1 },
  );
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await drained(res);
  }
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('connection closed'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
