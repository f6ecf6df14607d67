import { defineConfig } from 'vite';

// Angular in JIT mode: the component's decorator and template are compiled in the browser by
// @angular/compiler, so Vite needs no Angular plugin; the decorators are TypeScript's legacy ones
// (tsconfig.json), as Angular uses them.
export default defineConfig({ base: '/angular/', build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 } });
