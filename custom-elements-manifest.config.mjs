// `npm run build`: dist/custom-elements.json from the element's JSDoc; `customElements` in
// package.json points at it. The plugins below add the inputs from their one record and keep the
// manifest to the public API.
const ELEMENT_MODULE = 'src/livedigital-room.ts';
const INPUTS_MODULE = 'src/inputs.ts';
const TAG = 'livedigital-room';

/**
 * The element's properties and attributes come from the `INPUTS` record in src/inputs.ts (the
 * element computes its `static properties` from it, which the analyzer cannot evaluate): each
 * entry's name, `In<type>`, flags and JSDoc become a field and, unless it is property-only, an
 * attribute with the kebab-case name.
 */
function inputsFromRecord() {
  const inputs = [];
  return {
    name: 'livedigital-inputs-from-record',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== INPUTS_MODULE || !ts.isVariableDeclaration(node) || node.name.getText() !== 'INPUTS') return;
      for (const entry of node.initializer.properties) {
        const doc = ts.getJSDocCommentsAndTags(entry).map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ');
        const flags = entry.initializer.expression.getText();
        inputs.push({
          name: entry.name.getText(),
          type: entry.initializer.type.typeArguments[0].getText(),
          description: doc.replace(/\s+/g, ' ').trim(),
          attribute: /PROPERTY_ONLY/.test(flags) ? undefined : entry.name.getText().replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const element = customElementsManifest.modules
        .find((mod) => mod.path === ELEMENT_MODULE)
        ?.declarations?.find((declaration) => declaration.customElement);
      if (!element) return;
      for (const { name, type, description, attribute } of inputs) {
        element.members = [
          ...(element.members ?? []).filter((member) => member.name !== name),
          { kind: 'field', name, type: { text: type }, description, ...(attribute ? { attribute } : {}) },
        ];
        if (attribute) element.attributes = [...(element.attributes ?? []), { name: attribute, fieldName: name, type: { text: type }, description }];
      }
    },
  };
}

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
  globs: ['src/livedigital-room.ts', 'src/inputs.ts', 'src/events.ts', 'src/access.ts', 'src/core/*.ts', 'src/define.ts', 'src/element.ts', 'src/index.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [inputsFromRecord(), publicApiOnly()],
};
