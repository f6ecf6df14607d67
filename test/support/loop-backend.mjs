import { freePort } from './free-port.mjs';

/**
 * Mounts the demo's reference host backend (`/api/*`) in the test server; it starts the
 * livedigital stand-in on its own loopback origin. Without tsx (plain `wtr`) the end-to-end tests
 * see no backend and fail clearly instead of the whole run failing to start.
 */
export async function loopBackendPlugin() {
  const port = await freePort();
  let backend = null;
  try {
    const { startDemoBackend } = await import('../../demo/host-backend.ts');
    backend = await startDemoBackend({ env: {} });
    await backend.registerWebhook(`http://localhost:${port}`);
  } catch (error) {
    console.error(`end-to-end backend unavailable: ${error.message}`);
  }
  return {
    port,
    middleware: async (ctx, next) => {
      if (!backend || !ctx.path.startsWith('/api/')) return next();
      ctx.respond = false;
      await new Promise((resolve) => {
        ctx.res.once('close', resolve);
        ctx.res.once('finish', resolve);
        backend.handle(ctx.req, ctx.res, () => {
          ctx.respond = true;
          resolve(next());
        });
      });
    },
    plugin: {
      name: 'loop-backend',
      async serverStop() {
        await backend?.close();
      },
    },
  };
}
