// Runs inside the client workspace, where `livedigital-room` is the packed tarball: plain Node
// importing the package's `./server` and `./emulator` entries by name, as an integrator would.
//
// - the livedigital stand-in on http://127.0.0.1:<port> (the room site: a second origin);
// - the host page server on http://localhost:<port>: each app's built files under /<app>/, a
//   CDN-like /cdn/livedigital-room[/<file>] (the bare name answers with the `unpkg` file, as the
//   CDN does), and the host backend's POST /api/access made with createAccessLinkHandler;
// - GET /api/issued lists every link /api/access handed out (each fetcher call is one);
// - /esm-csp/ is the ESM app again, under a strict Content-Security-Policy with Trusted Types.
// Prints one JSON line `{ pageOrigin, roomBaseUrl, alias, apiUrl, token }` (the stand-in's own token) when
// ready; stops on SIGTERM.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { startEmulator } from 'livedigital-room/emulator';
import { createAccessLinkHandler, createLivedigitalClient, toNodeListener } from 'livedigital-room/server';

const apps = JSON.parse(process.argv[2] ?? '{}'); // { "react": "react/dist", … } relative to cwd
const packageDir = dirname(createRequire(join(process.cwd(), 'noop.js')).resolve('livedigital-room/package.json'));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const emulator = await startEmulator({ host: '127.0.0.1' });
const room = emulator.defaultRoom;
const client = createLivedigitalClient({ token: emulator.token, apiUrl: emulator.apiUrl });
const issued = [];
const accessLink = createAccessLinkHandler({
  client,
  authorize: (_request, body) => ({
    spaceId: room.spaceId,
    roomId: room.roomId,
    username: typeof body.participantName === 'string' && body.participantName ? body.participantName : 'Guest',
    role: 'user',
  }),
});
const api = toNodeListener(async (request) => {
  const response = await accessLink(request);
  if (response.ok) issued.push((await response.clone().json()).url);
  return response;
});

// What a locked-down host page (a bank's or a school's) sends: only its own scripts and styles, no
// eval, no inline code, frames only from the room site, and Trusted Types for every HTML sink.
const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  `frame-src ${new URL(emulator.roomBaseUrl).origin}`,
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };

function sendFile(res, file) {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    stats = null;
  }
  if (!stats?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
}

/** `base` + `path`, refusing anything that climbs out of `base`. */
function inside(base, path) {
  const full = normalize(join(base, decodeURIComponent(path)));
  return full.startsWith(base) ? full : null;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/access') return void api(req, res);
  if (url.pathname === '/api/issued') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(issued));
    return;
  }
  if (url.pathname === '/cdn/livedigital-room') {
    res.writeHead(302, { location: `/cdn/livedigital-room/${packageJson.unpkg.replace(/^\.\//, '')}` }).end();
    return;
  }
  if (url.pathname.startsWith('/cdn/livedigital-room/')) {
    const file = inside(packageDir, url.pathname.slice('/cdn/livedigital-room/'.length));
    return file ? sendFile(res, file) : void res.writeHead(403).end();
  }
  const [, app, ...rest] = url.pathname.split('/');
  if (app === 'esm-csp') res.setHeader('content-security-policy', STRICT_CSP);
  if (app && apps[app]) {
    const base = resolve(apps[app]);
    const file = inside(base, rest.join('/') || 'index.html');
    return file ? sendFile(res, file.endsWith('/') ? join(file, 'index.html') : file) : void res.writeHead(403).end();
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});
await new Promise((done) => server.listen(0, 'localhost', done));

console.log(JSON.stringify({ pageOrigin: `http://localhost:${server.address().port}`, roomBaseUrl: emulator.roomBaseUrl, alias: room.alias, apiUrl: emulator.apiUrl, token: emulator.token }));

process.once('SIGTERM', async () => {
  server.closeAllConnections();
  server.close();
  await emulator.close();
  process.exit(0);
});
