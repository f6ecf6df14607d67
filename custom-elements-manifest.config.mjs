// `npm run build`: dist/custom-elements.json from the element's JSDoc; `customElements` in
// package.json points at it. The plugin below keeps the manifest to the public API.
const ELEMENT_MODULE = 'src/livedigital-room.ts';
const TAG = 'livedigital-room';

/**
 * - Private members (`#fields`, TS `private` reactive state) are not API: dropped, and so are the
 *   attributes the Lit plugin guesses for `state: true` properties.
 * - Events the analyzer finds at `dispatchEvent(new LdXEvent(…))` have no name; the named ones
 *   come from the `@fires` tags.
 * - `LivedigitalRoom.define()` registers the tag, which the analyzer cannot see: the
 *   `custom-element-definition` export goes on `./define`.
 */
function publicApiOnly() {
  return {
    name: 'livedigital-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement) continue;
          const hidden = new Set(
            (declaration.members ?? []).filter((m) => m.privacy === 'private' || m.name.startsWith('#')).map((m) => m.name),
          );
          declaration.members = (declaration.members ?? []).filter((m) => !hidden.has(m.name));
          declaration.attributes = (declaration.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
          declaration.events = (declaration.events ?? []).filter((event) => event.name);
        }
        if (mod.path === 'src/define.ts') {
          mod.exports = [
            ...(mod.exports ?? []),
            { kind: 'custom-element-definition', name: TAG, declaration: { name: 'LivedigitalRoom', module: ELEMENT_MODULE } },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/livedigital-room.ts', 'src/events.ts', 'src/access.ts', 'src/core/*.ts', 'src/define.ts', 'src/element.ts', 'src/index.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [publicApiOnly()],
};
