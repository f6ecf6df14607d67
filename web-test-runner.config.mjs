import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';
import { withVersion } from './test/support/engine-version.mjs';
import { firefoxLauncher } from './test/support/firefox-launcher.mjs';
import { webkitLauncher } from './test/support/webkit-launcher.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { accessEndpointMiddleware, roomFixturePlugin } from './test/support/room-fixture.mjs';
import { loopBackendPlugin } from './test/support/loop-backend.mjs';
import { scriptedEndpointMiddleware } from './test/support/scripted-endpoint.mjs';

// The end-to-end tests need the demo's host backend and the livedigital stand-in, written in
// TypeScript: the test script runs wtr under tsx, so they are imported as they are.
const loop = await loopBackendPlugin();

// Every test file runs in the three engines integrators' users have: Chromium, Firefox and
// WebKit (Safari's). TEST_BROWSERS=chromium,firefox narrows a run while working on one.
const engines = {
  chromium: () => withVersion(Object.assign(chromeLauncher({ launchOptions: chromiumLaunchOptions }), { name: 'Chromium' })),
  firefox: firefoxLauncher,
  webkit: webkitLauncher,
};
const chosen = (process.env.TEST_BROWSERS || Object.keys(engines).join(',')).split(',').map((name) => name.trim().toLowerCase());
for (const name of chosen) {
  if (!engines[name]) throw new Error(`TEST_BROWSERS: unknown engine "${name}"; use ${Object.keys(engines).join(', ')}`);
}

export default {
  port: loop.port,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // One file at a time per engine (the engines run side by side) keeps two cores calm.
  concurrency: 1,
  // Three browsers starting at once on a busy two-core machine can take longer than wtr's 30 s
  // (Firefox's first start especially); a slow start is not a failing test.
  browserStartTimeout: 120_000,
  testsStartTimeout: 60_000,
  testFramework: { config: { timeout: 8000 } },
  middleware: [accessEndpointMiddleware(), scriptedEndpointMiddleware(), loop.middleware],
  plugins: [
    // The tsconfig named explicitly: esbuild must read `useDefineForClassFields: false` from it.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    roomFixturePlugin(),
    loop.plugin,
  ],
  browsers: chosen.map((name) => engines[name]()),
  reporters: [defaultReporter(), countReporter()],
};
