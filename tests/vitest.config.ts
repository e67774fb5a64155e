import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import astro from '../astro.config.mjs';

/** Run from the project root: `vitest run --config tests/vitest.config.ts`. */
const root = fileURLToPath(new URL('..', import.meta.url));
/** The site's address as the build has it (import.meta.env.SITE in Astro): figures that write full addresses (the ISTV source lines) need it. */
const define = { 'import.meta.env.SITE': JSON.stringify(astro.site) };

export default defineConfig({
  root,
  test: {
    projects: [
      {
        define,
        test: {
          root,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/charts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        define,
        test: { root, name: 'build', include: ['tests/build/**/*.test.ts'], environment: 'node', testTimeout: 180_000 },
      },
      {
        define,
        test: {
          root,
          name: 'mirror',
          include: ['tests/mirror/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
