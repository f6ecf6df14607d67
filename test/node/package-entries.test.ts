import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// package.json against the sources, without a build: each public entry maps to a source module
// that exists and imports in Node. The clients suite checks the same against the packed tarball.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const ENTRIES: Record<string, string> = {
  '.': 'index',
  './define': 'define',
  './element': 'element',
  './react': 'react',
  './server': 'server/index',
  './emulator': 'emulator/index',
};

describe('package.json', () => {
  for (const [entry, base] of Object.entries(ENTRIES)) {
    it(`exports ${entry} with types and code built from src/${base}.ts`, () => {
      assert.deepEqual(pkg.exports[entry], { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` });
      assert.ok(existsSync(new URL(`../../src/${base}.ts`, import.meta.url)), `src/${base}.ts`);
    });
  }

  it('names the CDN file, the manifest and the types', () => {
    assert.equal(pkg.unpkg, './dist/livedigital-room.iife.js');
    assert.equal(pkg.jsdelivr, pkg.unpkg);
    assert.equal(pkg.customElements, './dist/custom-elements.json');
    assert.equal(pkg.exports['./custom-elements.json'], pkg.customElements);
    assert.equal(pkg.types, pkg.exports['.'].types);
  });

  it('lists exactly the modules with side effects at import', () => {
    assert.deepEqual([...pkg.sideEffects].sort(), [
      './dist/cli/livedigital.js',
      './dist/define.js',
      './dist/emulator/cli.js',
      './dist/index.js',
      './dist/livedigital-room.iife.js',
      './dist/react.js',
    ]);
    // The element module itself only declares: registering is `./define`'s job.
    const element = readFileSync(new URL('../../src/livedigital-room.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(element, /^\s*(LivedigitalRoom\.define|customElements\.define)\(/m);
    const define = readFileSync(new URL('../../src/define.ts', import.meta.url), 'utf8');
    assert.match(define, /^LivedigitalRoom\.define\(\);$/m);
  });

  it('ships only dist and src, needs Node 20, keeps React optional', () => {
    assert.deepEqual(pkg.files, ['dist', 'src']);
    assert.equal(pkg.engines.node, '>=20');
    assert.ok(pkg.peerDependencies.react);
    assert.equal(pkg.peerDependenciesMeta.react.optional, true);
    assert.equal(pkg.dependencies.react, undefined);
    assert.ok(pkg.dependencies['@lit/reactive-element']);
    assert.equal(pkg.dependencies.lit, undefined);
  });
});

describe('entries in Node without a DOM', () => {
  it('imports src/react.ts (the React wrapper) and renders it on the server', async () => {
    const { LivedigitalRoomView, LivedigitalRoomElement } = await import('../../src/react.js');
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    assert.equal(typeof LivedigitalRoomElement.define, 'function');
    const html = renderToString(createElement(LivedigitalRoomView, { alias: 'room1', accessToken: 'SECRET', className: 'room' }));
    assert.equal(html, '<livedigital-room class="room"></livedigital-room>');
  });
});
