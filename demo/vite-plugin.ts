import type { Plugin } from 'vite';
import { startDemoBackend } from './host-backend.js';

const PAGES = [
  ['/', 'Whole loop (access-endpoint)'],
  ['/tag.html', 'Plain tag'],
  ['/fetcher.html', 'Fetcher'],
  ['/teleboss.html', 'teleboss'],
  ['/two-rooms.html', 'Two rooms'],
  ['/teacher.html', 'Teacher: new lesson room'],
  ['/links.html', 'Plain links'],
];

/**
 * `npm start`: the demo pages, the reference host backend on `/api/*`, and the livedigital
 * stand-in on its own loopback origin (or the real service when credentials are set).
 */
export function demoBackend(): Plugin {
  let backend: Awaited<ReturnType<typeof startDemoBackend>> | null = null;
  return {
    name: 'livedigital-demo-backend',
    apply: 'serve',
    async configureServer(server) {
      backend = await startDemoBackend({ log: (line) => server.config.logger.info(line, { timestamp: true }) });
      server.middlewares.use((req, res, next) => backend!.handle(req, res, next));
      server.httpServer?.once('listening', async () => {
        const address = server.httpServer!.address();
        const port = typeof address === 'object' && address ? address.port : server.config.server.port;
        const pageOrigin = `http://localhost:${port}`;
        await backend!.registerWebhook(pageOrigin).catch((error: Error) => server.config.logger.warn(error.message));
        const info = server.config.logger.info;
        if (backend!.mode === 'stand-in') {
          info(`\n  livedigital stand-in: ${backend!.roomBaseUrl}  (room ${backend!.alias}; API ${backend!.emulator!.apiUrl})`);
          info(`  no account needed; set LIVEDIGITAL_TOKEN, LIVEDIGITAL_SPACE_ID, LIVEDIGITAL_ROOM_ID to use the real service\n`);
        } else {
          info(`\n  real livedigital: rooms on ${backend!.roomBaseUrl}\n`);
        }
      });
      server.httpServer?.once('close', () => void backend?.close());
    },
    transformIndexHtml(html, context) {
      if (!backend) return html;
      const nav = PAGES.map(([path, title]) => `<a href="${path}"${path === context.path || (path === '/' && context.path === '/index.html') ? ' aria-current="page"' : ''}>${title}</a>`);
      return html
        .replace('{{nav}}', `<nav>${nav.join('\n')}</nav>`)
        .replaceAll('{{roomBaseUrl}}', backend.roomBaseUrl)
        .replaceAll('{{alias}}', backend.alias)
        .replaceAll('{{mode}}', backend.mode);
    },
  };
}
