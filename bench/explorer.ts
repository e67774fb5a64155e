/**
 * npm run bench:explorer — the incident explorer's filter engine (src/lib/explorer.ts).
 *
 * 1. Engine, in Node (V8, as Chromium): the 25 Metropolitan Police boroughs' records
 *    (data/derived/explorer_met_*.json, 1.8 million rows) loaded as the page loads them,
 *    then 1,000,000 and 200,000 of those rows filtered by a scripted sequence of changes
 *    (crime types, months, outcomes, a ward, a street): time of the lookup tables and the
 *    one pass over the rows that counts every linked view. Goals (issue 12): ≤ 30 ms
 *    median for 1,000,000 rows, ≤ 50 ms for 200,000.
 * 2. Page, in Chromium on the built site: "All boroughs" loaded, then the same kind of
 *    changes made in the form; the page's own clock for the engine and for the whole
 *    redraw (five figures, controls, table), read from #explorer-status.
 * Writes bench/explorer-results.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { launch, machine, quantile, RUNS, serveDist, writeResults } from './harness.ts';
import {
  buildRecords,
  crossCount,
  explorerInput,
  masksOf,
  allOf,
  type ExplorerFilter,
  type Records,
} from '../src/lib/explorer.ts';
import { explorerFigures } from '../src/figures/explorer/figures.ts';

const json = (f: string) => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8')) as never;
const index = json('hotspots_index.json') as { datasets: { id: string; file: string }[] };
const met = index.datasets.filter((d) => d.id.startsWith('met-'));
let t = performance.now();
const all = buildRecords(met.map((d) => explorerInput(json(d.file), json(d.file.replace('hotspots_', 'explorer_')))));
const loadMs = performance.now() - t;

/** The first `n` rows of the records (row arrays are views, not copies). */
const firstRows = (r: Records, n: number): Records => ({
  ...r,
  n,
  month: r.month.subarray(0, n),
  type: r.type.subarray(0, n),
  outcome: r.outcome.subarray(0, n),
  placeOf: r.placeOf.subarray(0, n),
});

function changes(r: Records): ExplorerFilter[] {
  const base = allOf(r);
  const crimes = r.types.map((_, i) => i).filter((i) => r.isCrime[i]);
  const ward = r.place.part[r.placeOf[0]!]!;
  const street = r.place.label[r.placeOf[0]!]!;
  const out: ExplorerFilter[] = [];
  for (let k = 0; k < 4; k++) {
    out.push({ ...base, types: crimes });
    out.push({ ...base, types: crimes.slice(k, k + 3) });
    out.push({ ...base, types: crimes, from: k, to: r.months.length - 1 - k });
    out.push({ ...base, types: crimes, outcomes: [k % r.outcomes.length] });
    out.push({ ...base, types: crimes, parts: [ward] });
    out.push({ ...base, types: crimes, labels: [street] });
    out.push({ ...base, types: [crimes[k]!], from: 2, to: 20, outcomes: [0, 1] });
  }
  return out;
}

const quant = quantile;
function engine(r: Records) {
  const fs = changes(r);
  const times: number[] = [];
  const figTimes: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    for (const f of fs) {
      const t0 = performance.now();
      const c = crossCount(r, masksOf(r, f));
      const t1 = performance.now();
      explorerFigures(r, f, c, {
        place: 'bench',
        force: 'bench',
        sources: [],
        outcomeSource: '',
        boroughs: { type: 'Topology', objects: {}, arcs: [] },
      });
      const t2 = performance.now();
      // The first pass warms the engine up (V8 compiles the loop); it is not counted.
      if (run) {
        times.push(t1 - t0);
        figTimes.push(t2 - t1);
      }
    }
  }
  return {
    n: r.n,
    median: quant(times, 0.5),
    p95: quant(times, 0.95),
    max: Math.max(...times),
    figMedian: quant(figTimes, 0.5),
    count: times.length,
  };
}

const workloads = [
  { label: '1,000,000 rows', r: firstRows(all, 1_000_000), goal: 30 },
  { label: '200,000 rows', r: firstRows(all, 200_000), goal: 50 },
  { label: `all ${all.n.toLocaleString('en-GB')} rows (25 boroughs)`, r: all, goal: null },
];
const results = workloads.map((w) => ({ ...w, ...engine(w.r) }));

// 2. The page in Chromium.
const site = await serveDist();
const url = site.url('violence/explorer/');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
t = performance.now();
await page.goto(`${url}?data=met-all`);
await page.locator('#explorer-status[data-rows]').waitFor({ state: 'attached', timeout: 120_000 });
const pageLoadMs = performance.now() - t;
const pageRows = Number(await page.locator('#explorer-status').getAttribute('data-rows'));
interface PageRun {
  rate: number;
  filter: number[];
  draw: number[];
  paint: number[];
}
const runs: PageRun[] = [];
const cdp = await page.context().newCDPSession(page);
const typeBoxes = page.locator('#explorer-type-list input[type=checkbox]');
for (const rate of [1, 4]) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const run: PageRun = { rate, filter: [], draw: [], paint: [] };
  runs.push(run);
  const step = async (act: () => Promise<unknown>) => {
    // The page says when a redraw is painted: cleared before each change, waited for after it.
    await page.evaluate(() => delete document.getElementById('explorer-status')!.dataset.paintMs);
    await act();
    await page.locator('#explorer-status[data-paint-ms]').waitFor({ state: 'attached', timeout: 60_000 });
    const n = async (k: string) => Number(await page.locator('#explorer-status').getAttribute(`data-${k}-ms`));
    run.filter.push(await n('filter'));
    run.draw.push(await n('draw'));
    run.paint.push(await n('paint'));
  };
  for (let i = 0; i < RUNS; i++) {
    await step(() => typeBoxes.nth(1).click());
    await step(() => typeBoxes.nth(1).click());
    await step(() => page.selectOption('#explorer-from', { index: i + 1 }));
    await step(() =>
      page
        .locator('#explorer-outcome-list input[type=checkbox]')
        .nth(i % 3)
        .click(),
    );
    await step(() =>
      page
        .locator('#explorer-outcome-list input[type=checkbox]')
        .nth(i % 3)
        .click(),
    );
    await step(() => page.selectOption('#explorer-area', { index: 2 + i }));
    await step(() => page.selectOption('#explorer-area', { index: 0 }));
  }
}
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
await browser.close();
await site.stop();

const f1 = (x: number) => x.toFixed(1);
const lines = [
  '# Incident explorer',
  '',
  `Measured ${machine()}. Regenerate with \`npm run bench:explorer\` after \`npm run build\`.`,
  '',
  `## Engine (Node ${process.version}): lookup tables and one counting pass over the rows`,
  '',
  `Records of the ${met.length} Metropolitan Police boroughs loaded and expanded to one row per record in ${f1(loadMs)} ms. ${changes(workloads[0]!.r).length} scripted filter changes × ${RUNS} runs after one warm-up run; time of \`masksOf\` + \`crossCount\` (every linked view's counts). "Figures": building the five figures' specifications from the counts (no drawing).`,
  '',
  '| rows | filter median ms | p95 | max | goal | figures median ms |',
  '|---|--:|--:|--:|--:|--:|',
  ...results.map(
    (x) =>
      `| ${x.label} | **${f1(x.median)}** | ${f1(x.p95)} | ${f1(x.max)} | ${x.goal ? `≤ ${x.goal}${x.median <= x.goal ? '' : ' ✗'}` : '–'} | ${f1(x.figMedian)} |`,
  ),
  '',
  '## The page',
  '',
  `"All boroughs" (${pageRows.toLocaleString('en-GB')} rows) fetched, checked and expanded in ${(pageLoadMs / 1000).toFixed(1)} s from a local server. ${runs[0]!.filter.length} changes made in the form (crime type, start month, outcome, ward) at each CPU speed: the page's own clock, from the change to the figures drawn, and to the frame after them painted (style, layout and paint included). Goal (issue 27): the change painted in ≤ 100 ms median at 1×, ≤ 400 ms at 4× CPU slowdown.`,
  '',
  '| CPU | measure | median ms | p95 | max |',
  '|---|---|--:|--:|--:|',
  ...runs.flatMap((r) => {
    const row = (what: string, xs: number[], goal?: number) =>
      `| ${r.rate}× | ${what} | **${f1(quant(xs, 0.5))}**${goal && quant(xs, 0.5) > goal ? ' ✗' : ''} | ${f1(quant(xs, 0.95))} | ${f1(Math.max(...xs))} |`;
    return [
      row('engine (filter and linked counts)', r.filter),
      row('figures drawn (engine, five figures, controls, table)', r.draw),
      row('change painted (the frame after the figures)', r.paint, r.rate === 1 ? 100 : 400),
    ];
  }),
  '',
];
writeResults('bench/explorer-results.md', lines);
process.exit(0);
