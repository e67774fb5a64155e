/**
 * npm run bench:istv — ISTV mode in Chromium on the built site: a synthetic 200,000-row
 * extract chosen in the page. Measured inside the page (the worker's own clock for
 * reading and parsing the file, and for validating and analysing it; the main thread's
 * for drawing every figure), so Playwright's transfer of the file into the browser is
 * not counted. Median of RUNS runs. Writes bench/istv-results.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath, LAUNCH_ARGS } from '../tests/e2e/browser.ts';
import { syntheticExtract } from '../src/lib/istv-synthetic.ts';
import { toCsv } from '../src/lib/csv.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const PORT = 4397;
const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

// Made-up places in central London (BNG), every point in "a borough": the timing does not depend on where.
const ex = syntheticExtract(ROWS, '2026-02', {
  randomPoint: (r) => [520000 + r() * 20000, 170000 + r() * 20000],
  boroughOf: () => 'E09000033',
});
const csv = toCsv(ex.header, ex.rows);
const server = spawn(
  'node',
  ['node_modules/astro/bin/astro.mjs', 'preview', '--host', '127.0.0.1', '--port', String(PORT)],
  { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
);
const url = `http://127.0.0.1:${PORT}${BASE}violence/istv/`;
for (let i = 0; i < 60; i++) {
  try {
    if ((await fetch(url)).ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 500));
}
const browser = await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
const parse: number[] = [];
const analyse: number[] = [];
const draw: number[] = [];
const filter: number[] = [];
const ms = async (page: import('playwright-core').Page, k: string) =>
  Number(await page.locator('#istv-status').getAttribute(`data-${k}-ms`));
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-istv=ready]');
    await page
      .locator('#istv-file')
      .setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('body[data-istv=mapping]', { timeout: 120_000 });
    parse.push(await ms(page, 'read'));
    await page.locator('#istv-analyse').click();
    await page.waitForSelector('body[data-istv=ready]', { timeout: 120_000 });
    await page.waitForFunction(() => document.getElementById('istv-status')!.dataset.drawMs !== undefined);
    analyse.push(await ms(page, 'analyse'));
    draw.push(await ms(page, 'draw'));
    const hospital = (await page.locator('#istv-f-hospital option').nth(1).getAttribute('value'))!;
    await page.evaluate(() => delete document.getElementById('istv-status')!.dataset.drawMs);
    await page.locator('#istv-f-hospital').selectOption(hospital);
    await page.waitForSelector('body[data-istv=ready]', { timeout: 120_000 });
    await page.waitForFunction(() => document.getElementById('istv-status')!.dataset.drawMs !== undefined);
    filter.push((await ms(page, 'analyse')) + (await ms(page, 'draw')));
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const md = `# ISTV mode benchmark

${new Date().toISOString().slice(0, 10)}, Chromium (headless, no CPU throttling), ${ROWS.toLocaleString('en-GB')}-row synthetic extract (${(csv.length / 1048576).toFixed(1)} MB), median of ${RUNS} runs.

| step | median | runs (ms) |
| --- | ---: | --- |
| read and parse the file (worker) | ${median(parse)} ms | ${parse.join(', ')} |
| validate, convert BNG, analyse (worker) | ${median(analyse)} ms | ${analyse.join(', ')} |
| draw every figure, analyst and controlled views (main thread) | ${median(draw)} ms | ${draw.join(', ')} |
| a filter change: analyse and redraw | ${median(filter)} ms | ${filter.join(', ')} |

Goal (issue 12): parsing a 200,000-row CSV in the worker in 2 s or less. Files over 200 MB are refused before reading, with a message. The incident explorer's 30 ms filter goal is not measured here: the explorer is not built yet.
`;
writeFileSync('bench/istv-results.md', md);
console.log(md);
