/**
 * npm run bench — page weight, time to first chart, build and pipeline timings.
 * Not part of the tests. Writes bench/results.md and bench/results.json.
 *
 * Page weight: every response fetched while a page loads (HTML, CSS, JS, data),
 * measured as the gzip size of the file served from dist/.
 * Time to first chart: navigation start to the first chart SVG painted, in
 * Chromium with 4× CPU slowdown, median of RUNS runs (first-contentful-paint is
 * used, since the chart is in the HTML; a check confirms the SVG is present then).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { e2eEmbedPaths, e2ePagePaths } from '../tests/e2e/pages.ts';
import { BASE, launch, machine, median, RUNS, serveDist, writeResults } from './harness.ts';
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

const gz = (urlPath: string): number => {
  let p = decodeURIComponent(urlPath.slice(BASE.length).split('?')[0]!);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  const f = join('dist', p);
  return existsSync(f) ? gzipSync(readFileSync(f)).length : 0;
};
const kind = (p: string) =>
  /\.html$|\/$/.test(p)
    ? 'html'
    : /\.css$/.test(p)
      ? 'css'
      : /\.m?js$/.test(p)
        ? 'js'
        : /\.(json|csv)$/.test(p)
          ? 'data'
          : 'other';

const browser = await launch();
// Every page in the sitemap (area profiles: the same sample as the end-to-end tests), the atlas at
// LSOA level, and the embed pages of the overview, the latest national release, the atlas and the
// sampled profiles (earlier releases' embeds are the same charts with other numbers).
const pages = [
  ...e2ePagePaths(),
  'atlas/?indicator=ten_social&level=lsoa',
  ...e2eEmbedPaths().filter((p) => !/embed\/national-20\d\d-\d\d-/.test(p) || p.includes('national-2019-12-')),
];
const rows: {
  page: string;
  viewport: string;
  html: number;
  css: number;
  js: number;
  data: number;
  other: number;
  total: number;
  requests: number;
  fcpMedian: number;
  fcpMin: number;
  fcpMax: number;
  chartAtFcp: boolean;
}[] = [];
for (const path of pages) {
  for (const [vp, width] of [
    ['desktop 1366', 1366],
    ['mobile 375', 375],
  ] as const) {
    const fcps: number[] = [];
    let weights = { html: 0, css: 0, js: 0, data: 0, other: 0 };
    let requests = 0;
    let chartAtFcp = true;
    for (let run = 0; run < RUNS; run++) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const seen: string[] = [];
      page.on('request', (r) => seen.push(new URL(r.url()).pathname));
      await page.goto(site.url(path), { waitUntil: 'networkidle' });
      const { fcp, svgs } = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        svgs: document.querySelectorAll('[data-figure] .fig-chart svg').length,
      }));
      fcps.push(fcp);
      if (!svgs && path !== 'methods/') chartAtFcp = false;
      if (run === 0) {
        requests = seen.length;
        weights = { html: 0, css: 0, js: 0, data: 0, other: 0 };
        for (const p of seen) weights[kind(p)] += gz(p);
      }
      await ctx.close();
    }
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    rows.push({
      page: '/' + path,
      viewport: vp,
      ...weights,
      total,
      requests,
      fcpMedian: median(fcps),
      fcpMin: Math.min(...fcps),
      fcpMax: Math.max(...fcps),
      chartAtFcp,
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
  '## Page weight (gzip, KB) and time to first chart (4× CPU slowdown)',
  '',
  'Weight counts every request made while the page loads, to network idle. The first chart is in the HTML, so it is painted at first contentful paint.',
  '',
  '| page | viewport | HTML | CSS | JS | data | total | requests | first chart, median ms (min–max) |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ...rows.map(
    (r) =>
      `| ${r.page} | ${r.viewport} | ${kb(r.html)} | ${kb(r.css)} | ${kb(r.js)} | ${kb(r.data)} | **${kb(r.total)}** | ${r.requests} | ${ms(r.fcpMedian)} (${ms(r.fcpMin)}–${ms(r.fcpMax)}) |`,
  ),
  '',
  'Budget: home page first view ≤ 120 KB gzip.',
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
process.exit(0);
