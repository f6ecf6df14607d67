#!/usr/bin/env node
/**
 * Runs the emulator until Ctrl-C: `npx livedigital-emulator [--port N] [--host H] [--token T]` (here: `npm run emulator`).
 * The only file of the emulator with side effects at import: it is the program.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './server.js';

function fail(message: string): never {
  process.stderr.write(`${message}\nusage: tsx src/emulator/cli.ts [--port N] [--host H] [--token T] [--quiet]\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) fail('livedigital emulator');

const options: EmulatorOptions = {};
if (values.port !== undefined) {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);
  options.port = port;
}
if (values.host !== undefined) options.host = values.host;
if (values.token !== undefined) options.token = values.token;
if (!values.quiet) options.log = (line) => process.stdout.write(`[emulator] ${line}\n`);

const emulator = await startEmulator(options).catch((error: unknown) =>
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`),
);
const room = emulator.defaultRoom;
// The personal token is printed on purpose: it is a local dev value the operator needs to configure
// the host backend. Request logs never carry it.
process.stdout.write(
  [
    'livedigital emulator running',
    `  API:        ${emulator.apiUrl}/v1   (real service: https://moodhood-api.livedigital.space)`,
    `  Room pages: ${emulator.roomBaseUrl}/room/<alias>   (real service: https://edu.livedigital.space)`,
    `  Token:      ${emulator.token}   (plain user, gets 403: ${emulator.userToken})`,
    `  Demo room:  alias ${room.alias}, spaceId ${room.spaceId}, roomId ${room.roomId} (${room.type})`,
    `  Join form:  ${emulator.roomBaseUrl}/room/${room.alias}`,
    '',
    `  curl -X POST ${emulator.apiUrl}/v1/spaces/${room.spaceId}/rooms/${room.roomId}/generate-access \\`,
    `    -H 'Authorization: Bearer ${emulator.token}' -H 'content-type: application/json' \\`,
    `    -d '{"username":"Ivan","role":"user"}'`,
    '',
  ].join('\n'),
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping the emulator\n`);
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
