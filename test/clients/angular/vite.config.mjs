import { transformAsync } from '@babel/core';
import angularLinker from '@angular/compiler-cli/linker/babel';
import { defineConfig } from 'vite';

// What the Angular CLI does, in two steps: `ngc` compiles the component ahead of time (strict
// templates) into out/, and this build bundles out/main.js. Angular's own packages ship partially
// compiled; its linker finishes them here, so no JIT compiler reaches the browser.
const linker = {
  name: 'angular-linker',
  async transform(code, id) {
    if (!/node_modules[\\/]@angular[\\/]/.test(id) || !code.includes('ɵɵngDeclare')) return null;
    const result = await transformAsync(code, { filename: id, plugins: [angularLinker], configFile: false, babelrc: false, sourceMaps: false });
    return result?.code ?? null;
  },
};

export default defineConfig({
  base: '/angular/',
  plugins: [linker],
  // The production flags the Angular CLI sets.
  define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  build: { outDir: 'dist', emptyOutDir: true },
});
