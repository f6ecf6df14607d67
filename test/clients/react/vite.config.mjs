import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `NODE_ENV=development vite build --mode development` builds React's development code, where
// StrictMode mounts everything twice.
export default defineConfig(({ mode }) => ({
  base: mode === 'development' ? '/react-dev/' : '/react/',
  plugins: [react()],
  build: { outDir: mode === 'development' ? 'dist-dev' : 'dist', emptyOutDir: true, minify: mode !== 'development' },
}));
