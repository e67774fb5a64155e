/**
 * npm run check:build — the site builds to the same bytes twice. Builds it twice at once,
 * into dist/ (the build the other checks read) and into .tmp/check-build/, and compares
 * every file: a file in one and not the other, or any byte different, fails with the list.
 * At once, because a build runs on one core mostly: on two cores both take about as long as
 * one. (The second build's folder is inside the project: Astro keeps a build's
 * intermediate files beside its output there, so the two builds do not share them.)
 * No exceptions are needed today; one would be listed here with its reason.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files allowed to differ between two builds of the same sources, with why. */
const EXCEPTIONS: { pattern: RegExp; why: string }[] = [];

const DIST = 'dist';
const SECOND = join('.tmp', 'check-build');
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
const same = (a: string, b: string) => readFileSync(a).equals(readFileSync(b));

/** One build, its output shown for dist/ (the one a reader of the log follows) and kept quiet for the second. */
function build(outDir: string, quiet: boolean): Promise<void> {
  const args = ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`astro build --outDir ${outDir}: exit ${code}`)),
    ),
  );
}

rmSync(SECOND, { recursive: true, force: true });
const t0 = Date.now();
try {
  await Promise.all([build(DIST, false), build(SECOND, true)]);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ has no index.html after the build');
  const a = files(DIST);
  const b = files(SECOND);
  const inA = new Set(a);
  const inB = new Set(b);
  const allowed = (f: string) => EXCEPTIONS.some((e) => e.pattern.test(f));
  const problems = [
    ...a.filter((f) => !inB.has(f) && !allowed(f)).map((f) => `${f}: in dist/ only`),
    ...b.filter((f) => !inA.has(f) && !allowed(f)).map((f) => `${f}: in the second build only`),
    ...a
      .filter((f) => inB.has(f) && !allowed(f) && !same(join(DIST, f), join(SECOND, f)))
      .map((f) => `${f}: different bytes`),
  ];
  if (problems.length) {
    const list = problems.slice(0, 40).map((p) => `  - ${p}`);
    console.error(
      `check:build: two builds of the same sources differ in ${problems.length} files:\n${list.join('\n')}`,
    );
    process.exitCode = 1; // not exit(): the second build is removed below
  } else {
    const s = ((Date.now() - t0) / 1000).toFixed(0);
    console.log(
      `check:build: two builds at once (${s} s) are byte-identical: ${a.length.toLocaleString('en-GB')} files.`,
    );
  }
} catch (e) {
  console.error(`check:build: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(SECOND, { recursive: true, force: true });
}
