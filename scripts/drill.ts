/**
 * npm run drill -- --mirror DIR
 *
 * The refresh drill: proves that a new month needs no code change, that a source which
 * cannot be downloaded again is kept rather than lost, and that a damaged release stops
 * the run instead of being published. Everything happens in a temporary folder; the
 * repository is not touched.
 *
 * 1. A temporary mirror (links to DIR's files) in which the latest month is removed from
 *    the MPS borough, ward and LSOA releases, and the Met API extract is absent.
 * 2. `npm run data` on it: it must succeed, end the MPS series a month earlier, keep the
 *    committed Met data sets unchanged and say so in the manifest.
 * 3. A copy of the repository's tracked files with those derived files: `astro build`
 *    and the build checks (tests/build) must pass, and the home page must name the
 *    month before as its latest.
 * 4. Damaged releases (an MPS file cut inside a row, empty, header only; an empty City
 *    street file): each run must fail with an error naming the file.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDerive } from './run-derive.ts';
import { source, type SourceId } from './sources.ts';
import { DataError } from './lib/errors.ts';
import { monthLong } from '../src/lib/format.ts';

const { values } = parseArgs({ options: { mirror: { type: 'string' }, keep: { type: 'boolean' } } });
const mirror = resolve(values.mirror ?? process.env.LCA_MIRROR ?? '../shared/data');
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'lca-drill-'));
const t0 = performance.now();
const step = (s: string) => console.log(`\n== drill: ${s} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
const fail = (s: string): never => {
  console.error(`drill FAILED: ${s}\n(work folder kept: ${work})`);
  process.exit(1);
};
const check = (ok: boolean, what: string) => {
  if (!ok) fail(what);
  console.log(`ok: ${what}`);
};

/** A mirror of links to DIR's files, so that single files can be replaced by damaged or shortened copies. */
function linkMirror(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) {
      mkdirSync(dst, { recursive: true });
      linkMirror(src, dst);
    } else symlinkSync(src, dst);
  }
}
const pathOf = (m: string, id: SourceId) => join(m, source(id).path);
/** Replaces a linked file with a real copy (to be edited). */
function own(file: string): void {
  const text = readFileSync(file);
  unlinkSync(file);
  writeFileSync(file, text);
}

/** Removes the last month column (YYYYMM headers) from a wide MPS release; returns the month removed. */
function dropLastMonth(file: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const last = header.length - 1;
  if (!/^\d{6}$/.test(header[last]!.trim())) fail(`${file}: the last column is not a month`);
  const month = `${header[last]!.slice(0, 4)}-${header[last]!.slice(4, 6)}`;
  // MPS wide files have no quoted commas after the key columns: the last field is a count.
  const out = lines.map((l) => (l === '' ? l : l.slice(0, l.lastIndexOf(','))));
  unlinkSync(file);
  writeFileSync(file, out.join('\n'));
  return month;
}

const derived = (out: string, m: string, only?: string) =>
  runDerive({
    rawDir: m,
    isMirror: true,
    outDir: out,
    referenceDir: join(root, 'data/reference'),
    committedDir: join(root, 'data/derived'),
    only,
  });

// 1. The mirror a month earlier, without the Met API extract.
step('a mirror with the latest month removed and without the Met API extract');
const m1 = join(work, 'mirror');
mkdirSync(m1);
linkMirror(mirror, m1);
const removed: Record<string, string> = {};
for (const id of ['mps-borough-recent', 'mps-ward-recent', 'mps-lsoa-recent'] as SourceId[])
  removed[id] = dropLastMonth(pathOf(m1, id));
console.log(
  `removed ${Object.entries(removed)
    .map(([id, m]) => `${m} from ${id}`)
    .join(', ')}`,
);
rmSync(pathOf(m1, 'policeuk-api-met'), { recursive: true, force: true });

// 2. Derive.
step('npm run data on it');
const committed = JSON.parse(readFileSync(join(root, 'data/derived/manifest.json'), 'utf8')) as {
  outputs: { file: string; sha256: string; coverage: { to?: string } }[];
};
const site = join(work, 'site');
const out = join(site, 'data/derived');
mkdirSync(out, { recursive: true });
let notices: string[] = [];
try {
  ({ notices } = await derived(out, m1));
} catch (e) {
  fail(`the derive failed: ${(e as Error).message}`);
}
for (const n of notices) console.log(`note: ${n}`);
const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
  outputs: { file: string; sha256: string; coverage: { to?: string }; kept?: { reason: string } }[];
};
const before = committed.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!.coverage.to!;
const after = manifest.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!.coverage.to!;
const [y, mo] = before.split('-').map(Number) as [number, number];
const expected = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
check(after === expected, `the MPS series ends at ${after}, the month before the committed ${before}`);
const met = manifest.outputs.filter((o) => /_met_E09/.test(o.file));
check(
  met.length > 0 && met.every((o) => o.kept && o.sha256 === committed.outputs.find((c) => c.file === o.file)?.sha256),
  `the ${met.length} Met API outputs are kept unchanged and marked as kept in the manifest`,
);
check(
  notices.some((n) => n.includes('policeuk-api-met')),
  'the run says it kept them',
);

// 3. Build the site from these derived files, in a copy of the repository's tracked files.
step('astro build and the build checks on a copy of the repository');
const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .stdout.split('\0')
  .filter((f) => f && !f.startsWith('data/derived/'));
for (const f of tracked) {
  mkdirSync(dirname(join(site, f)), { recursive: true });
  cpSync(join(root, f), join(site, f));
}
symlinkSync(join(root, 'node_modules'), join(site, 'node_modules'));
const env = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  TZ: process.env.TZ ?? 'America/Los_Angeles',
  LCA_ROOT: site,
};
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: site, env, stdio: 'inherit' });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status}`);
};
run('node', ['node_modules/astro/bin/astro.mjs', 'build']);
run('node', ['node_modules/vitest/vitest.mjs', 'run', '--config', 'tests/vitest.config.ts', '--project', 'build']);
const home = readFileSync(join(site, 'dist/index.html'), 'utf8');
check(
  home.includes(`data to ${monthLong(after)}`) && !home.includes(`data to ${monthLong(before)}`),
  `the home page's latest month is ${monthLong(after)}`,
);

// 4. Damaged releases stop the run.
step('damaged releases');
const cases: { what: string; id: SourceId; only: string; damage: (file: string) => void; expect: RegExp }[] = [
  {
    what: 'an MPS borough release cut inside the last number of a row',
    id: 'mps-borough-recent',
    only: 'mps_borough_monthly.csv',
    damage: (f) => {
      own(f);
      const text = readFileSync(f, 'utf8');
      const mid = text.indexOf('\n', text.length >> 1);
      truncateSync(f, mid - 1); // inside the last count of that row
    },
    expect: /does not end with a line break/,
  },
  {
    what: 'an empty MPS borough release',
    id: 'mps-borough-recent',
    only: 'mps_borough_monthly.csv',
    damage: (f) => (unlinkSync(f), writeFileSync(f, '')),
    expect: /the file is empty/,
  },
  {
    what: 'an MPS ward release with its header only',
    id: 'mps-ward-recent',
    only: 'mps_ward_monthly.csv',
    damage: (f) => {
      const header = readFileSync(f, 'utf8').split('\n')[0]!;
      unlinkSync(f);
      writeFileSync(f, `${header}\n`);
    },
    expect: /a header and no rows/,
  },
  {
    what: 'an MPS borough release missing boroughs (cut at a line end)',
    id: 'mps-borough-recent',
    only: 'mps_borough_monthly.csv',
    damage: (f) => {
      own(f);
      const text = readFileSync(f, 'utf8');
      truncateSync(f, text.indexOf('\n', text.length >> 1) + 1);
    },
    expect: /incomplete release: \d+ of the \d+ expected values of BoroughName have no rows/,
  },
  {
    what: 'an empty City of London street file (one month)',
    id: 'policeuk-street-city',
    only: 'hotspots_index.json',
    damage: (dir) => {
      const f = join(
        dir,
        readdirSync(dir)
          .filter((x) => x.endsWith('-street.csv'))
          .sort()
          .at(-1)!,
      );
      unlinkSync(f);
      writeFileSync(f, '');
    },
    expect: /the file is empty/,
  },
];
for (const c of cases) {
  const m = join(work, `damaged-${cases.indexOf(c)}`);
  mkdirSync(m);
  linkMirror(mirror, m);
  c.damage(pathOf(m, c.id));
  try {
    await derived(join(work, `out-${cases.indexOf(c)}`), m, c.only);
    fail(`${c.what}: the run succeeded`);
  } catch (e) {
    const msg = (e as Error).message;
    check(
      e instanceof DataError && c.expect.test(msg) && msg.includes(source(c.id).path.split('/')[0]!),
      `${c.what} stops the run: ${msg.slice(0, 160)}`,
    );
  }
}

step('done');
if (!values.keep) rmSync(work, { recursive: true, force: true });
console.log(`refresh drill passed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
