import assert from 'node:assert/strict';
import { it } from 'node:test';

// Server-side rendering (Next.js, Nuxt, Astro) imports the package in Node, where there is no DOM.
for (const entry of ['../../src/element.js', '../../src/define.js', '../../src/index.js']) {
  it(`imports ${entry.replace('../../', '')} in Node without a DOM`, async () => {
    const module = await import(entry);
    assert.ok(Object.keys(module).length > 0);
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  });
}
