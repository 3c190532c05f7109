// One build for the three Electron bundles (main, preload, renderer) plus the engine's
// worker entry and the headless CLI, all into out/. Needs no Electron binary.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

// `npm run dev` only: Vite's dev server injects component CSS as <style> elements, which the
// strict style-src of index.html blocks. Built output keeps the strict policy (tested in e2e).
const allowInlineStylesInDev: Plugin = {
  name: 'tidecast:dev-inline-styles',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

// out/main/package.json: the worker runs from app.asar.unpacked in a packaged app, where the
// project's package.json (inside app.asar) cannot tell Node that its files are ES modules.
const markMainAsModules: Plugin = {
  name: 'tidecast:main-package-json',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: `${JSON.stringify({ type: 'module' })}\n` });
  },
};

export default defineConfig({
  main: {
    plugins: [markMainAsModules],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          main: resolve(root, 'electron/main.ts'),
          worker: resolve(root, 'engine/forecast/worker.ts'),
          cli: resolve(root, 'engine/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: one CommonJS file, contract included.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [svelte(), allowInlineStylesInDev],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
