import { defineConfig } from 'vite';
import { demoBackend } from './demo/vite-plugin.js';

export default defineConfig(({ command, mode }) => {
  if (command === 'serve') {
    return {
      root: 'demo',
      plugins: [demoBackend()],
      server: { host: 'localhost', port: Number(process.env.PORT) || 5173 },
      appType: 'mpa',
    };
  }
  // `vite build` = the ESM build for bundlers (lit left to the app); `--mode iife` = the
  // all-in-one file for a CMS `<script src>` (lit inside, registers the element).
  const iife = mode === 'iife';
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: !iife,
      sourcemap: true,
      target: 'es2022',
      minify: iife ? 'esbuild' : false,
      lib: iife
        ? { entry: 'src/define.ts', formats: ['iife'], name: 'LivedigitalRoom', fileName: () => 'livedigital-room.iife.js' }
        : { entry: { index: 'src/index.ts', define: 'src/define.ts', element: 'src/element.ts' }, formats: ['es'] },
      rollupOptions: iife ? {} : { external: [/^lit($|\/)/, /^typescript-event-target/] },
    },
  };
});
