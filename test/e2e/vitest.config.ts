import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium with the built extension, one file at a time (2 cores, one browser each). */
export default defineConfig({
  test: {
    root: import.meta.dirname + '/../..',
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
