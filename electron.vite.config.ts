import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { contractNamesOnly } from './scripts/contract-names-plugin';
import { zodWithoutJsonSchema } from './scripts/zod-json-schema-plugin';

// electron-vite builds the three bundles the desktop app needs (main, preload, renderer) with one
// config and no Electron binary, which is what lets CI build the app on machines that cannot run it.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The evidence reader runs in a worker thread of its own (electron/services/evidence/run.ts finds it beside index.js).
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts'), 'evidence-worker': resolve(__dirname, 'electron/services/evidence/worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() npm packages at run time, so everything it uses
      // (the contract's method list) is bundled in, and the output is CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), contractNamesOnly(), zodWithoutJsonSchema()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
