// Runs in the client workspace with plain Node (no DOM): prints `ok - <name>` or
// `not ok - <name> :: <detail>` per check. Everything is imported by package name from the tarball.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const report = (name, ok, detail = '') => console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok ? '' : ` :: ${detail}`}`);

// Every entry imports without a DOM (server rendering, Node scripts).
const entries = ['livedigital-room', 'livedigital-room/define', 'livedigital-room/element', 'livedigital-room/react', 'livedigital-room/server', 'livedigital-room/emulator'];
const modules = {};
for (const entry of entries) {
  try {
    modules[entry] = await import(entry);
    report(`import '${entry}' in Node without a DOM`, typeof globalThis.document === 'undefined' && Object.keys(modules[entry]).length > 0);
  } catch (error) {
    report(`import '${entry}' in Node without a DOM`, false, error.message);
  }
}
const expectedExports = {
  'livedigital-room': ['LivedigitalRoom', 'LdAccessEvent', 'LdLoadEvent', 'LdErrorEvent', 'LdFinishEvent', 'endpointFetcher', 'RoomError'],
  'livedigital-room/element': ['LivedigitalRoom', 'LdFinishEvent'],
  'livedigital-room/react': ['LivedigitalRoomView', 'LivedigitalRoomElement'],
  'livedigital-room/server': ['createAccessLinkHandler', 'createLivedigitalClient', 'createWebhookHandler', 'toNodeListener'],
  'livedigital-room/emulator': ['startEmulator'],
};
for (const [entry, names] of Object.entries(expectedExports)) {
  const lacking = names.filter((name) => !(name in (modules[entry] ?? {})));
  report(`'${entry}' exports ${names.join(', ')}`, lacking.length === 0, `missing ${lacking.join(', ')}`);
}
report(
  'one element class behind ".", "./element" and "./react"',
  modules['livedigital-room']?.LivedigitalRoom === modules['livedigital-room/element']?.LivedigitalRoom &&
    modules['livedigital-room/element']?.LivedigitalRoom === modules['livedigital-room/react']?.LivedigitalRoomElement,
);

// The wrapper is a client component for React Server Components (Next.js app router).
const reactFile = readFileSync(createRequire(join(process.cwd(), 'noop.js')).resolve('livedigital-room/react'), 'utf8');
report("'livedigital-room/react' starts with the 'use client' directive", /^["']use client["'];/.test(reactFile), reactFile.slice(0, 80));

// Server rendering of the React wrapper: the bare tag, no secret in the HTML.
try {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { LivedigitalRoomView } = modules['livedigital-room/react'];
  const html = renderToString(createElement(LivedigitalRoomView, { alias: 'EGBYWoMZJe', accessToken: 'SECRET-TOKEN', className: 'room', id: 'lesson' }));
  report('React wrapper renders on the server', /^<livedigital-room[^>]*class="room"[^>]*>/.test(html) && html.includes('id="lesson"'), html);
  report('server-rendered HTML carries no token', !html.includes('SECRET-TOKEN'), html);
} catch (error) {
  report('React wrapper renders on the server', false, error.stack);
}

// The manifest lists the element's whole public API, each item documented.
const require = createRequire(join(process.cwd(), 'noop.js'));
const pkgDir = dirname(require.resolve('livedigital-room/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(pkgDir, pkg.customElements), 'utf8'));
const viaExports = (await import('livedigital-room/custom-elements.json', { with: { type: 'json' } })).default;
report('custom-elements.json is reachable through `exports`', viaExports.schemaVersion === manifest.schemaVersion && viaExports.modules.length === manifest.modules.length);
const declaration = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.customElement);
report('the manifest declares <livedigital-room>', declaration?.tagName === 'livedigital-room', JSON.stringify(declaration?.tagName));
const definition = manifest.modules.flatMap((mod) => mod.exports ?? []).find((e) => e.kind === 'custom-element-definition');
report('the manifest has the tag definition', definition?.name === 'livedigital-room');

const Room = modules['livedigital-room/element'].LivedigitalRoom;
const same = (name, listed, actual) => {
  const a = [...new Set(listed)].sort();
  const b = [...new Set(actual)].sort();
  report(`manifest ${name} = the element's (${b.length})`, JSON.stringify(a) === JSON.stringify(b), `manifest: ${a.join(', ')}\nelement: ${b.join(', ')}`);
};
same('attributes', declaration.attributes.map((a) => a.name), Room.observedAttributes);
const publicProperties = [...Room.elementProperties].filter(([, options]) => !options.state).map(([name]) => name);
same(
  'properties and methods',
  declaration.members.filter((m) => !m.static).map((m) => m.name),
  [...publicProperties, 'state', 'error', 'reload', 'join'],
);
const events = ['LdAccessEvent', 'LdLoadEvent', 'LdErrorEvent', 'LdFinishEvent'].map((name) => new modules['livedigital-room'][name]().type);
same('events', declaration.events.map((e) => e.name), events);
const code = readFileSync(join(pkgDir, pkg.unpkg), 'utf8');
// The element builds its shadow DOM by hand: parts are `part:"…"` attributes, the slot a `"slot",{name:"…"}` (any quotes).
same('parts', declaration.cssParts.map((p) => p.name), [...code.matchAll(/\bpart:["'`]([\w-]+)["'`]/g)].map((m) => m[1]));
same('slots', declaration.slots.map((s) => s.name), [...code.matchAll(/["'`]slot["'`],\{name:["'`]([\w-]+)["'`]/g)].map((m) => m[1]));
same('CSS custom properties', declaration.cssProperties.map((p) => p.name), [...code.matchAll(/var\((--livedigital-room-[a-z-]+)/g)].map((m) => m[1]));
const undocumented = [
  ...declaration.attributes.map((a) => ['attribute', a]),
  ...declaration.members.map((m) => ['member', m]),
  ...declaration.events.map((e) => ['event', e]),
  ...declaration.cssParts.map((p) => ['part', p]),
  ...declaration.slots.map((s) => ['slot', s]),
  ...declaration.cssProperties.map((p) => ['CSS property', p]),
]
  .filter(([, item]) => !item.description?.trim())
  .map(([kind, item]) => `${kind} ${item.name}`);
report('every manifest item has a description', undocumented.length === 0, undocumented.join(', '));
