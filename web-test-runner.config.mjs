import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { accessEndpointMiddleware, roomFixturePlugin } from './test/support/room-fixture.mjs';
import { loopBackendPlugin } from './test/support/loop-backend.mjs';
import { scriptedEndpointMiddleware } from './test/support/scripted-endpoint.mjs';

// The end-to-end tests need the demo's host backend and the livedigital stand-in, written in
// TypeScript: the test script runs wtr under tsx, so they are imported as they are.
const loop = await loopBackendPlugin();

export default {
  port: loop.port,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // Element tests, not a benchmark: one file at a time keeps two cores calm and output ordered.
  concurrency: 1,
  testFramework: { config: { timeout: 8000 } },
  middleware: [accessEndpointMiddleware(), scriptedEndpointMiddleware(), loop.middleware],
  plugins: [
    // The tsconfig named explicitly: esbuild must read `useDefineForClassFields: false` from it.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    roomFixturePlugin(),
    loop.plugin,
  ],
  browsers: [
    chromeLauncher({ launchOptions: chromiumLaunchOptions }),
  ],
  reporters: [defaultReporter(), countReporter()],
};
