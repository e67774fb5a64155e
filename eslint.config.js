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
  // The layers, each importing only from those below it (CONTRIBUTING.md, "The layers"), and zod only
  // through src/data/schema/zod.ts (set up for the Content Security Policy: no run-time compiled parsers).
  ...layers(),
  // Page code is short functions: a longer one is stated performance code, and says so where it is.
  {
    files: ['src/client/**/*.ts', 'src/workers/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
);

function layers() {
  const zod = {
    name: 'zod',
    message: "Import z from src/data/schema/zod.ts (zod without 'Function', for the Content Security Policy).",
  };
  const no = (what, why) => ({ group: what.map((w) => `**/${w}`), message: why });
  const readers = no(
    ['data/*.ts'],
    "the data layer's readers use the file system: only its schemas (src/data/schema) run in the browser.",
  );
  const above = (layer, names) =>
    no(
      names.map((n) => `${n}/**`),
      `${layer} does not import from ${names.join(', ')}.`,
    );
  const rule = (files, patterns, ignores = []) => ({
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { paths: [zod], patterns }] },
  });
  const pages = ['pages', 'components', 'layouts'];
  const browserFigures = ['src/figures/*/state.ts', 'src/figures/*/figures.ts', 'src/figures/*/view.ts'];
  const shared = ['anatomy', 'view', 'table', 'csv', 'embed', 'export', 'types', 'kinds'].map(
    (f) => `src/figures/${f}.ts`,
  );
  return [
    rule(['src/**/*.ts'], [], ['src/data/schema/zod.ts']),
    rule(
      ['src/lib/**/*.ts'],
      [above('src/lib (pure analysis)', ['data', 'figures', 'charts', 'client', 'workers', ...pages])],
    ),
    rule(
      ['src/data/**/*.ts'],
      [above('src/data', ['figures', 'charts', 'client', 'workers', ...pages])],
      ['src/data/schema/zod.ts'],
    ),
    rule(
      ['src/charts/**/*.ts'],
      [above('src/charts (one chart kind a file)', ['figures', 'data', 'client', 'workers', ...pages])],
    ),
    rule(
      ['src/figures/**/*.ts'],
      [above('src/figures', ['client', 'workers', ...pages])],
      [...browserFigures, ...shared],
    ),
    rule([...browserFigures, ...shared], [above('src/figures', ['client', 'workers', ...pages]), readers]),
    rule(['src/client/**/*.ts', 'src/workers/**/*.ts'], [above('page code', pages), readers]),
  ];
}
