// Test projects: `unit` (engine, electron handlers, renderer logic; plain Node or jsdom) and
// `e2e` (the built renderer in Debian's Chromium, bridged to the real main-process handlers).
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // A guard against hangs, not a speed check: the slowest CPU-bound test (12 s alone) takes
          // five times as long when the 2-core machine runs other work beside the suite.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
