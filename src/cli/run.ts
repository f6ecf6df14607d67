import { parseArgs } from 'node:util';
import { buildRoomLink, LIVEDIGITAL_BASE_URL, TELEBOSS_BASE_URL } from '../core/room-link.js';
import { createLivedigitalClient, LIVEDIGITAL_API_URL, LivedigitalApiError, TELEBOSS_API_URL } from '../server/index.js';
import type { LivedigitalClient, RoomSettings } from '../server/index.js';

/**
 * The admin CLI `livedigital`: provisioning from a shell or a deploy script. Pure apart from the
 * streams and the network: `run` returns the exit code, the bin sets it.
 */

export const USAGE = `usage: livedigital <command> [options]

  spaces create --name NAME [--public on|off] [--description TEXT]
  spaces list
  rooms create SPACE_ID --name NAME [--type lesson|webinar] [room settings]
  rooms list SPACE_ID
  rooms update SPACE_ID ROOM_ID [--name NAME] [--type lesson|webinar] [room settings]
  rooms delete SPACE_ID ROOM_ID
  webhook set SPACE_ID --url URL [--active on|off]
  webhook get|rotate|delete SPACE_ID
  link ALIAS --name NAME [--role user|moderator] [--ttl SECONDS] [--permanent]

room settings: --microphone on|off  --camera on|off  --screen on|off  --chat on|off
               --auto-recording on|off  --public on|off  --waiting-room AUDIENCE  --redirect-url URL

  --api-url URL   the API (default https://moodhood-api.livedigital.space; teleboss:
                  https://moodhood-api.teleboss.ru; the stand-in: its printed URL). Env: LIVEDIGITAL_API_URL
  --room-url URL  the room site for printed links (default: derived from the API). Env: LIVEDIGITAL_ROOM_ORIGIN
  --json          machine-readable output on stdout
The personal token is read from LIVEDIGITAL_TOKEN only (never an argument, never printed).

exit codes: 0 done · 2 wrong usage or input · 3 token missing or refused · 4 livedigital refused
            the request (403/404/400…) · 5 livedigital unreachable or answered badly`;

export const EXIT = { ok: 0, usage: 2, token: 3, refused: 4, unreachable: 5 } as const;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

class UsageError extends Error {}

const OPTIONS = {
  'api-url': { type: 'string' },
  'room-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  description: { type: 'string' },
  type: { type: 'string' },
  public: { type: 'string' },
  microphone: { type: 'string' },
  camera: { type: 'string' },
  screen: { type: 'string' },
  chat: { type: 'string' },
  'auto-recording': { type: 'string' },
  'waiting-room': { type: 'string' },
  'redirect-url': { type: 'string' },
  url: { type: 'string' },
  active: { type: 'string' },
  role: { type: 'string' },
  ttl: { type: 'string' },
  permanent: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function onOff(values: Values, option: keyof Values): boolean | undefined {
  const value = values[option];
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'true' || value === 'yes') return true;
  if (value === 'off' || value === 'false' || value === 'no') return false;
  throw new UsageError(`--${option} takes on or off`);
}

const FLAG_OPTIONS = [
  ['microphone', 'isMicrophonePublishingAllowed'],
  ['camera', 'isCameraPublishingAllowed'],
  ['screen', 'isScreenMediaPublishingAllowed'],
  ['chat', 'isChatAllowed'],
  ['auto-recording', 'isAutoRecordingAllowed'],
  ['public', 'isPublic'],
] as const;

function roomSettings(values: Values): RoomSettings {
  const settings: RoomSettings = {};
  if (values.name !== undefined) settings.name = values.name;
  if (values.type !== undefined) {
    if (values.type !== 'lesson' && values.type !== 'webinar') throw new UsageError('--type takes lesson or webinar');
    settings.type = values.type;
  }
  for (const [option, field] of FLAG_OPTIONS) {
    const value = onOff(values, option);
    if (value !== undefined) settings[field] = value;
  }
  if (values['waiting-room'] !== undefined) settings.waitingRoomAudience = values['waiting-room'];
  if (values['redirect-url'] !== undefined) settings.redirectUrl = values['redirect-url'];
  return settings;
}

/** Room links go to the room site that belongs to the API: livedigital, teleboss, or the stand-in itself. */
function roomSite(apiUrl: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  if (apiUrl === LIVEDIGITAL_API_URL) return LIVEDIGITAL_BASE_URL;
  if (apiUrl === TELEBOSS_API_URL) return TELEBOSS_BASE_URL;
  return new URL(apiUrl).origin;
}

function positional(rest: string[], count: number, names: string): string[] {
  if (rest.length !== count) throw new UsageError(`expected ${names}`);
  return rest;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${option} is required`);
  return value;
}

interface Context {
  client: LivedigitalClient;
  values: Values;
  rest: string[];
  roomUrl: string;
  print(human: string, json: unknown): void;
}

type Command = (ctx: Context) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  async 'spaces create'({ client, values, rest, print }) {
    positional(rest, 0, 'no arguments besides --name');
    const isPublic = onOff(values, 'public');
    const { id } = await client.createSpace({
      name: required(values.name, 'name'),
      ...(isPublic === undefined ? {} : { isPublic }),
      ...(values.description === undefined ? {} : { description: values.description }),
    });
    print(`Created space ${id}`, { id });
  },

  async 'spaces list'({ client, rest, print }) {
    positional(rest, 0, 'no arguments');
    const spaces = await client.listSpaces();
    const lines = spaces.map((s) => `${s.id}  ${s.name}${s.isPublic === false ? '  (private)' : ''}`);
    print(lines.length ? lines.join('\n') : 'No spaces.', spaces);
  },

  async 'rooms create'({ client, values, rest, roomUrl, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    const settings = roomSettings(values);
    const room = await client.createRoom(spaceId!, { ...settings, name: required(values.name, 'name'), type: settings.type ?? 'lesson' });
    const link = buildRoomLink({ baseUrl: roomUrl, alias: room.alias }).href;
    print(`Created room ${room.alias} (id ${room.id}) in space ${spaceId}\n  link: ${link}`, { ...room, spaceId, link });
  },

  async 'rooms list'({ client, rest, roomUrl, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    const rooms = await client.listRooms(spaceId!);
    const lines = rooms.map((r) => `${r.id}  ${r.alias ?? '-'}  ${r.type ?? '-'}  ${r.name}`);
    const json = rooms.map(({ fields, ...room }) => ({ ...fields, ...room, ...(room.alias ? { link: buildRoomLink({ baseUrl: roomUrl, alias: room.alias }).href } : {}) }));
    print(lines.length ? lines.join('\n') : `No rooms in space ${spaceId}.`, json);
  },

  async 'rooms update'({ client, values, rest, print }) {
    const [spaceId, roomId] = positional(rest, 2, 'SPACE_ID ROOM_ID');
    await client.updateRoom(spaceId!, roomId!, roomSettings(values));
    print(`Updated room ${roomId}`, { id: roomId, updated: true });
  },

  async 'rooms delete'({ client, rest, print }) {
    const [spaceId, roomId] = positional(rest, 2, 'SPACE_ID ROOM_ID');
    await client.deleteRoom(spaceId!, roomId!);
    print(`Deleted room ${roomId}`, { id: roomId, deleted: true });
  },

  async 'webhook set'({ client, values, rest, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    const isActive = onOff(values, 'active');
    const hook = await client.setWebhook(spaceId!, { url: required(values.url, 'url'), ...(isActive === undefined ? {} : { isActive }) });
    const state = `${hook.url} (${hook.isActive ? 'active' : 'inactive'})`;
    const human = hook.created
      ? `Created the webhook of space ${spaceId}: ${state}\n  secret: ${hook.secret}\n  Store the secret now (LIVEDIGITAL_WEBHOOK_SECRET): livedigital shows it only on creation and rotation.`
      : `Updated the webhook of space ${spaceId}: ${state}`;
    print(human, hook);
  },

  async 'webhook get'({ client, rest, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    const hook = await client.getWebhook(spaceId!);
    print(`${hook.url} (${hook.isActive ? 'active' : 'inactive'})`, hook);
  },

  async 'webhook rotate'({ client, rest, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    const hook = await client.refreshWebhookSecret(spaceId!);
    print(`New secret for the webhook of space ${spaceId}: ${hook.secret}\n  The old one no longer verifies: update LIVEDIGITAL_WEBHOOK_SECRET.`, hook);
  },

  async 'webhook delete'({ client, rest, print }) {
    const [spaceId] = positional(rest, 1, 'SPACE_ID');
    await client.deleteWebhook(spaceId!);
    print(`Deleted the webhook of space ${spaceId}`, { spaceId, deleted: true });
  },

  async link({ client, values, rest, print }) {
    const [alias] = positional(rest, 1, 'ALIAS');
    const role = values.role ?? 'user';
    if (role !== 'user' && role !== 'moderator') throw new UsageError('--role takes user or moderator');
    let ttl: number | undefined;
    if (values.ttl !== undefined) {
      ttl = Number(values.ttl);
      if (!Number.isInteger(ttl)) throw new UsageError('--ttl takes a whole number of seconds');
    }
    const room = await client.roomByAlias(alias!);
    const { url } = await client.generateAccess(room.spaceId, room.id, {
      username: required(values.name, 'name'),
      role,
      ...(ttl === undefined ? {} : { ttl }),
      ...(values.permanent ? { isPermanent: true } : {}),
    });
    // Just the link on stdout, so `$(livedigital link …)` works.
    print(url, { url, alias, spaceId: room.spaceId, roomId: room.id, role });
  },
};

/** What to do about a failure, per error code. */
function hint(error: LivedigitalApiError, apiUrl: string): [string, number] {
  switch (error.code) {
    case 'not-configured':
      return ['set LIVEDIGITAL_TOKEN to a personal token (dashboard → «Интеграция»); for the stand-in use the token it printed and --api-url', EXIT.token];
    case 'unauthorized':
      return [`${apiUrl} refused LIVEDIGITAL_TOKEN: check it is a current personal token for this API (teleboss needs --api-url ${TELEBOSS_API_URL})`, EXIT.token];
    case 'forbidden':
      return ['this token may not do that: rooms are managed by their creator or a room moderator, and some tokens may not list spaces', EXIT.refused];
    case 'not-found':
      return ['check the ids: `livedigital spaces list`, `livedigital rooms list SPACE_ID`', EXIT.refused];
    case 'invalid-params':
      return error.status === 0 ? ['fix the value named above', EXIT.usage] : ['livedigital rejected a value: check the options against `livedigital --help`', EXIT.refused];
    default:
      return error.status >= 400 && error.status < 500
        ? ['livedigital refused the request', EXIT.refused]
        : [`could not get an answer from ${apiUrl}: check --api-url and the network, then retry`, EXIT.unreachable];
  }
}

export async function run(argv: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.err(`livedigital: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help || positionals.length === 0) {
    (values.help ? io.out : io.err)(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const [group, action, ...rest] = positionals;
  const key = group === 'link' ? 'link' : `${group} ${action ?? ''}`;
  const command = COMMANDS[key];
  if (!command) {
    io.err(`livedigital: unknown command "${positionals.slice(0, 2).join(' ')}"\n${USAGE}\n`);
    return EXIT.usage;
  }
  const args = group === 'link' ? positionals.slice(1) : rest;
  const apiUrlOption = values['api-url'] ?? env.LIVEDIGITAL_API_URL ?? undefined;
  let client: LivedigitalClient;
  try {
    // A person at a terminal wants an unreachable API named within seconds, not after the 30 s deadline.
    client = createLivedigitalClient({ token: env.LIVEDIGITAL_TOKEN, deadlineMs: 8_000, ...(apiUrlOption ? { apiUrl: apiUrlOption } : {}) });
  } catch (error) {
    // Construction errors name the option, never the token's value.
    const message = error instanceof Error ? error.message : String(error);
    const fix = /token/.test(message) ? EXIT.token : EXIT.usage;
    io.err(`livedigital: ${message.replace(/apiUrl/, '--api-url')}\n`);
    return fix;
  }
  const print = (human: string, json: unknown) => io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
  try {
    const roomUrl = roomSite(client.apiUrl, values['room-url'] ?? env.LIVEDIGITAL_ROOM_ORIGIN);
    await command({ client, values, rest: args, roomUrl, print });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`livedigital: ${error.message}\n  see: livedigital --help\n`);
      return EXIT.usage;
    }
    if (error instanceof LivedigitalApiError) {
      const [advice, code] = hint(error, client.apiUrl);
      io.err(`livedigital: ${error.message}\n  ${advice}\n`);
      if (values.json) io.out(`${JSON.stringify({ error: { code: error.code, status: error.status, message: error.message } })}\n`);
      return code;
    }
    io.err(`livedigital: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unreachable;
  }
}
