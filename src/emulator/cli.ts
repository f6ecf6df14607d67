#!/usr/bin/env node
/**
 * Runs the stand-in until Ctrl-C: `npx livedigital-emulator [options]` (here: `npm run emulator`).
 * The only file of the emulator with side effects at import: it is the program.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './server.js';

const USAGE = `usage: livedigital-emulator [--port N] [--host H] [--token T] [--quiet]
                            [--max-concurrent N] [--per-second N] [--latency-ms N]
  --max-concurrent N  answer 429 beyond N generate-access / room-by-alias requests at once
  --per-second N      answer 429 beyond N of them in any second
  --latency-ms N      each of them takes N ms, like a real network call`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'max-concurrent': { type: 'string' },
      'per-second': { type: 'string' },
      'latency-ms': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`livedigital-emulator: a local stand-in for the livedigital API and room pages\n${USAGE}\n`);
  process.exit(0);
}

function integer(name: string, value: string, min: number, max: number): number {
  const out = Number(value);
  if (!Number.isInteger(out) || out < min || out > max) fail(`invalid --${name} ${value}`);
  return out;
}

const options: EmulatorOptions = {};
if (values.port !== undefined) options.port = integer('port', values.port, 0, 65535);
if (values.host !== undefined) options.host = values.host;
if (values.token !== undefined) options.token = values.token;
const rateLimit: NonNullable<EmulatorOptions['rateLimit']> = {};
if (values['max-concurrent'] !== undefined) rateLimit.concurrency = integer('max-concurrent', values['max-concurrent'], 1, 1e6);
if (values['per-second'] !== undefined) rateLimit.perSecond = integer('per-second', values['per-second'], 1, 1e6);
if (Object.keys(rateLimit).length > 0) options.rateLimit = rateLimit;
if (values['latency-ms'] !== undefined) options.latencyMs = integer('latency-ms', values['latency-ms'], 0, 60_000);
if (!values.quiet) options.log = (line) => process.stdout.write(`[emulator] ${line}\n`);

const emulator = await startEmulator(options).catch((error: unknown) =>
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`),
);
const room = emulator.defaultRoom;
const limits = [
  rateLimit.concurrency !== undefined ? `${rateLimit.concurrency} at once` : '',
  rateLimit.perSecond !== undefined ? `${rateLimit.perSecond} per second` : '',
].filter(Boolean);
// The personal token is printed on purpose: it is a local dev value the operator needs to configure
// the host backend. Request logs never carry it.
process.stdout.write(
  [
    `livedigital stand-in running on ${emulator.url}`,
    '',
    '  Paste into your host backend:',
    `    createLivedigitalClient({ token: '${emulator.token}', apiUrl: '${emulator.apiUrl}' })`,
    `    (env: LIVEDIGITAL_TOKEN=${emulator.token} LIVEDIGITAL_API_URL=${emulator.apiUrl})`,
    '  Paste onto the element:',
    `    <livedigital-room base-url="${emulator.roomBaseUrl}" alias="${room.alias}" …>`,
    '',
    `  Demo room:  alias ${room.alias}, spaceId ${room.spaceId}, roomId ${room.roomId} (${room.type})`,
    `  Join form:  ${emulator.roomBaseUrl}/room/${room.alias}`,
    `  Plain user token (gets 403): ${emulator.userToken}`,
    ...(limits.length > 0 ? [`  Rate limit: generate-access and room-by-alias answer 429 beyond ${limits.join(' or ')}`] : []),
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
