/**
 * npm run data:check [-- --mirror DIR]
 *
 * Regenerates the derived data from the raw sources into a temporary folder and
 * fails if any byte differs from what is committed in data/derived/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDerive } from './run-derive.ts';

const { values } = parseArgs({ options: { mirror: { type: 'string' } } });
const mirror = values.mirror ?? process.env.LCA_MIRROR;
const root = resolve(import.meta.dirname, '..');
const committed = resolve(root, 'data/derived');
const out = mkdtempSync(join(tmpdir(), 'lca-derived-'));
try {
  await runDerive({
    rawDir: mirror ? resolve(mirror) : resolve(root, 'data/raw'),
    isMirror: Boolean(mirror),
    outDir: out,
    referenceDir: resolve(root, 'data/reference'),
  });
  const a = readdirSync(committed).sort();
  const b = readdirSync(out).sort();
  const problems: string[] = [];
  for (const f of new Set([...a, ...b])) {
    if (!a.includes(f)) problems.push(`${f}: produced by the pipeline but not committed`);
    else if (!b.includes(f)) problems.push(`${f}: committed but not produced by the pipeline`);
    else if (!readFileSync(join(committed, f)).equals(readFileSync(join(out, f))))
      problems.push(`${f}: differs from a fresh derivation`);
  }
  if (problems.length) {
    console.error(
      `data:check: data/derived/ is not what the pipeline makes from ${mirror ?? 'data/raw'}:\n  ${problems.join('\n  ')}\nRun "npm run data${mirror ? ` -- --mirror ${mirror}` : ''}" and commit the result.`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `data:check: ${a.length} derived files are byte-identical to a fresh derivation from ${mirror ?? 'data/raw'}.`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
