// ESLint flat config: typescript-eslint with type information (the project's tsconfig),
// over the TypeScript of the site, the pipeline, the tests and the benchmarks.
// .astro files are type-checked by `astro check` (npm run typecheck), not linted here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.astro/', 'data/', 'test-results/', 'playwright-report/', 'public/', '.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // The site's code takes zod from src/data/schema/zod.ts, set up for the Content Security Policy (no run-time compiled parsers).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/data/schema/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message:
                "Import z from src/data/schema/zod.ts (zod without 'Function', for the Content Security Policy).",
            },
          ],
        },
      ],
    },
  },
);
