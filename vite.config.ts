import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { demoBackend } from './demo/vite-plugin.js';
import { CDN_ON_DEMAND } from './scripts/cdn-parts.mjs';
import { minifyTemplatesPlugin } from './scripts/minify-templates.js';

export default defineConfig(({ command, mode }) => {
  if (command === 'serve') {
    return {
      root: 'demo',
      plugins: [demoBackend()],
      server: { host: 'localhost', port: Number(process.env.PORT) || 5173 },
      appType: 'mpa',
    };
  }
  return mode === 'iife' ? iifeBuild() : esmBuild();
});

/**
 * `vite build`: the ESM build for bundlers. `lit` (and React for the wrapper) stay imports the
 * app's bundler resolves; the element's own code lands in one shared chunk that every entry
 * imports, so `.`, `./define`, `./element` and `./react` share one class.
 */
function esmBuild(): UserConfig {
  return {
    plugins: [minifyTemplatesPlugin()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      target: 'es2022',
      // With `output.minify: true` below: Vite alone leaves the whitespace in ES library output.
      minify: 'oxc',
      lib: {
        entry: { index: 'src/index.ts', define: 'src/define.ts', element: 'src/element.ts', react: 'src/react.ts' },
        formats: ['es'],
      },
      rollupOptions: {
        // define.ts's code (the registration) stays in dist/define.js, the file package.json's
        // `sideEffects` names: in a shared chunk an app's bundler would drop it as unused.
        preserveEntrySignatures: 'allow-extension',
        external: [/^lit($|\/)/, /^@lit\//, /^typescript-event-target/, /^react($|\/)/, /^react-dom($|\/)/],
        output: {
          chunkFileNames: 'shared/[name].js',
          minify: true,
          // The React wrapper uses hooks: a client component for React Server Components (Next.js).
          banner: (chunk) => (chunk.name === 'react' && chunk.isEntry ? "'use client';" : ''),
        },
      },
    },
  };
}

/** `vite build --mode iife`: the all-in-one file for a CMS `<script src>` (Lit inside, registers the element). */
function iifeBuild(): UserConfig {
  return {
    plugins: [minifyTemplatesPlugin(), cdnOnDemand()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap: true,
      target: 'es2022',
      minify: 'oxc',
      lib: { entry: 'src/cdn.ts', formats: ['iife'], name: 'LivedigitalRoom', fileName: () => 'livedigital-room.iife.js' },
      rollupOptions: { output: { generatedCode: { symbols: false } } },
    },
  };
}

/** The CDN file's own form of on-demand.ts (see there): the same names, loading files next to it. */
function cdnOnDemand(): Plugin {
  return {
    name: 'livedigital-room:cdn-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === CDN_ON_DEMAND.module && importer) return this.resolve(CDN_ON_DEMAND.cdn, importer);
    },
  };
}
