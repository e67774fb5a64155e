/**
 * npm run check:build — the site builds to the same bytes twice. Builds again into a
 * temporary folder and compares every file with dist/ (made by `npm run build` just
 * before): a file in one and not the other, or any byte different, fails with the list.
 * No exceptions are needed today; one would be listed here with its reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Files allowed to differ between two builds of the same sources, with why. */
const EXCEPTIONS: { pattern: RegExp; why: string }[] = [];

const DIST = 'dist';
if (!existsSync(join(DIST, 'index.html'))) {
  console.error('check:build: dist/ has no index.html; run "npm run build" first.');
  process.exit(1);
}
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
const same = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

const second = mkdtempSync(join(tmpdir(), 'lca-build-'));
try {
  const t0 = Date.now();
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', second], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = files(DIST);
  const b = files(second);
  const inB = new Set(b);
  const inA = new Set(a);
  const allowed = (f: string) => EXCEPTIONS.some((e) => e.pattern.test(f));
  const problems = [
    ...a.filter((f) => !inB.has(f) && !allowed(f)).map((f) => `${f}: in dist/ only`),
    ...b.filter((f) => !inA.has(f) && !allowed(f)).map((f) => `${f}: in the second build only`),
    ...a
      .filter((f) => inB.has(f) && !allowed(f) && !same(join(DIST, f), join(second, f)))
      .map((f) => `${f}: different bytes`),
  ];
  if (problems.length) {
    console.error(
      `check:build: two builds of the same sources differ in ${problems.length} files:\n${problems
        .slice(0, 40)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
    process.exitCode = 1; // not exit(): the second build is removed below
  } else
    console.log(
      `check:build: a second build (${((Date.now() - t0) / 1000).toFixed(0)} s) is byte-identical to dist/: ${a.length.toLocaleString('en-GB')} files.`,
    );
} finally {
  rmSync(second, { recursive: true, force: true });
}
