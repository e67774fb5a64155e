/**
 * npm run bench — page weight, time to first chart, build and pipeline timings.
 * Not part of the tests. Writes bench/results.md and bench/results.json.
 *
 * First view: for a page of every kind and an embed of every kind of chart, at a desktop
 * (1,280 px) and a phone (360 px) width, every response until load, any chart drawn again
 * for the width and the network idle, at the gzip size of the file dist/ serves
 * (bench/first-view.ts, shared with the size test in npm test), against the goals and the
 * size test's limits: a page over its limit fails the benchmark.
 * First paint: navigation start to first contentful paint, in Chromium with 4× CPU slowdown,
 * median of RUNS runs (the first chart is in the HTML).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { embedsByKind } from '../tests/e2e/pages.ts';
import { EMBED_CEILINGS, firstView, GOAL, PAGE_KINDS, VIEWPORTS, type FirstView } from './first-view.ts';
import { launch, machine, median, RUNS, serveDist, writeResults } from './harness.ts';
function timeCmd(cmd: string, args: string[], runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(cmd, args, { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    out.push(performance.now() - t);
  }
  return out;
}

// 1. Build and pipeline timings.
const buildTimes = timeCmd('node', ['node_modules/astro/bin/astro.mjs', 'build'], 3);
const mirror = process.env.LCA_MIRROR ?? '../shared/data';
const dataTimes = existsSync(mirror)
  ? timeCmd('node', ['--import', 'tsx', 'scripts/data.ts', '--mirror', mirror, '--out', '/tmp/lca-bench-derived'], 3)
  : [];

// 2. Serve dist/ as GitHub Pages does.
const site = await serveDist();
const browser = await launch();
// A page of every kind and an embed of every kind of chart (the size test's list), at a desktop and a phone width.
const targets = [
  ...PAGE_KINDS.map((t) => ({
    path: t.path,
    kind: t.kind,
    ready: t.ready,
    limit: (t.ceiling ?? 0) * 1024 || GOAL.page,
    goal: GOAL.page,
  })),
  ...[...embedsByKind()].map(([kind, path]) => ({
    path,
    kind: `embed (${kind})`,
    ready: undefined,
    limit: (EMBED_CEILINGS[kind] ?? 0) * 1024 || GOAL.embed,
    goal: GOAL.embed,
  })),
];
const rows: {
  page: string;
  kind: string;
  viewport: string;
  weights: FirstView['byKind'];
  total: number;
  requests: number;
  goal: number;
  limit: number;
  fcpMedian: number;
  fcpMin: number;
  fcpMax: number;
}[] = [];
for (const t of targets) {
  for (const vp of VIEWPORTS) {
    const fcps: number[] = [];
    let view: FirstView | undefined;
    for (let run = 0; run < RUNS; run++) {
      const ctx = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const v = await firstView(page, site.url(t.path), t.ready);
      view ??= v;
      fcps.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      await ctx.close();
    }
    rows.push({
      page: '/' + t.path,
      kind: t.kind,
      viewport: `${vp.name} ${vp.width}`,
      weights: view!.byKind,
      total: view!.total,
      requests: view!.files.length,
      goal: t.goal,
      limit: t.limit,
      fcpMedian: median(fcps),
      fcpMin: Math.min(...fcps),
      fcpMax: Math.max(...fcps),
    });
  }
}
await browser.close();
await site.stop();

const kb = (n: number) => (n / 1024).toFixed(1);
const ms = (n: number) => n.toFixed(0);
const date = new Date().toISOString().slice(0, 10);
const lines = [
  '# Benchmarks',
  '',
  `Measured ${machine()}, ${RUNS} runs per page and viewport. Regenerate with \`npm run bench\`.`,
  '',
  '## First view (gzip, KB) and first contentful paint (4× CPU slowdown)',
  '',
  "Every response until load, any chart drawn again for the width, and network idle (bench/first-view.ts, the size test's list and counting). Goal: a page ≤ 60 KB, an embed ≤ 40 KB; the limit is the size test's (a ceiling where a page is over its goal today).",
  '',
  '| kind | page | viewport | HTML | CSS | JS | data | images | total | goal | limit | requests | first paint, median ms (min–max) |',
  '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ...rows.map(
    (r) =>
      `| ${r.kind} | ${r.page} | ${r.viewport} | ${kb(r.weights.html)} | ${kb(r.weights.css)} | ${kb(r.weights.js)} | ${kb(r.weights.data)} | ${kb(r.weights.image)} | **${kb(r.total)}**${r.total > r.goal ? ' (over)' : ''} | ${kb(r.goal)} | ${kb(r.limit)} | ${r.requests} | ${ms(r.fcpMedian)} (${ms(r.fcpMin)}–${ms(r.fcpMax)}) |`,
  ),
  '',
  `Within goal: ${rows.filter((r) => r.total <= r.goal).length} of ${rows.length}; within the size test's limit: ${rows.filter((r) => r.total <= r.limit).length} of ${rows.length}.`,
  '',
  '## Build and pipeline (wall clock, median of 3)',
  '',
  `- \`astro build\`: ${ms(median(buildTimes))} ms (${buildTimes.map(ms).join(', ')})`,
  dataTimes.length
    ? `- \`npm run data\` (all derived files from the mirror): ${ms(median(dataTimes))} ms (${dataTimes.map(ms).join(', ')})`
    : '- `npm run data`: mirror not present, not measured',
  '',
];
writeResults('bench/results.md', lines);
writeFileSync(
  'bench/results.json',
  JSON.stringify({ date, runs: RUNS, pages: rows, buildMs: buildTimes, dataMs: dataTimes }, null, 2) + '\n',
);
// The budget check: a page over the size test's limit fails the benchmark (the goals are reported above).
process.exit(rows.some((r) => r.total > r.limit) ? 1 : 0);
