import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Run from the project root: `vitest run --config tests/vitest.config.ts`. */
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      { test: { root, name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/charts/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      { test: { root, name: 'build', include: ['tests/build/**/*.test.ts'], environment: 'node', testTimeout: 180_000 } },
      { test: { root, name: 'mirror', include: ['tests/mirror/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
    ],
  },
});
