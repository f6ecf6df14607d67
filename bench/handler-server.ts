// One HTTP server for the handler CPU figure, run in its own process so its CPU time is its own:
// `access` serves the access-link handler with a stub livedigital client, `bare` a node:http
// handler answering constant JSON. GET /__cpu answers this process's CPU time so far (µs).
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccessLinkHandler, toNodeListener } from '../src/server/index.js';

const LINK = JSON.stringify({ url: 'https://edu.livedigital.space/room/hMInKY6FoM?participantName=Ann&accessToken=one-time' });

const client = {
  generateAccess: async () => JSON.parse(LINK) as { url: string },
  roomByAlias: async (alias: string) => ({ id: 'room', spaceId: 'space', alias }) as never,
};

const bare: RequestListener = (req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(LINK));
};

const app: RequestListener =
  process.argv[2] === 'bare'
    ? bare
    : toNodeListener(createAccessLinkHandler({ client, authorize: () => ({ spaceId: 'space', roomId: 'room', username: 'Ann', role: 'user' }) }));

const server = createServer((req, res) => {
  if (req.url !== '/__cpu') return app(req, res);
  const { user, system } = process.cpuUsage();
  res.end(String(user + system));
});
server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
