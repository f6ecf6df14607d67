import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendError } from './http.js';
import { accessRoutes } from './api/access.js';
import { afterCallRoutes } from './api/after-call.js';
import { callerOf } from './api/kit.js';
import type { ApiContext, Route } from './api/kit.js';
import { playbackRoutes } from './api/playbacks.js';
import { provisioningRoutes } from './api/provisioning.js';
import { userRoutes } from './api/users.js';

export type { ApiContext } from './api/kit.js';
export { TTL_DEFAULT, TTL_MAX } from './api/kit.js';

/**
 * The emulated `moodhood-api` (`/v1/...`). Each group of the vendor's API is one route module in
 * `api/`; this only authenticates and dispatches.
 */
const routes: Route[] = [...accessRoutes, ...provisioningRoutes, ...userRoutes, ...playbackRoutes, ...afterCallRoutes];

/** Serves one `/v1/...` request: 401 without a known token, 404/405 for unknown routes, 403 for plain users. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  try {
    const caller = callerOf(ctx, req);
    if (!caller) throw new HttpError(401, 'Unauthorized');
    const allowed: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.method !== req.method) {
        allowed.push(route.method);
        continue;
      }
      if (caller === 'user' && !route.forUsers) throw new HttpError(403, 'method forbidden for user');
      await route.handler(ctx, req, res, match.slice(1));
      return;
    }
    if (allowed.length > 0) {
      res.setHeader('allow', allowed.join(', '));
      throw new HttpError(405, 'Method not allowed');
    }
    throw new HttpError(404, 'Not found');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (!res.headersSent) sendError(res, error.status, error.message);
  }
}
