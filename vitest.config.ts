import { defineConfig } from 'vitest/config';

const jsx = { runtime: 'automatic', importSource: 'preact' } as const;

/** Unit tests: Node by default; files that need a DOM opt in with `// @vitest-environment happy-dom`. */
export default defineConfig({
  oxc: { jsx },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
