import { defineConfig } from 'vite';

export default defineConfig({ base: '/esm/', build: { outDir: 'dist', emptyOutDir: true } });
