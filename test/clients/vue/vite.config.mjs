import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/vue/',
  // Vue must leave <livedigital-room> to the browser instead of resolving it as a Vue component.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'livedigital-room' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
