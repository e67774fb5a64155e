/**
 * npm run bench:istv — ISTV mode in Chromium on the built site: a synthetic 200,000-row
 * extract chosen in the page. Measured inside the page (the worker's own clock for
 * reading and parsing the file, and for validating and analysing it; the main thread's
 * for drawing every figure), so Playwright's transfer of the file into the browser is
 * not counted. Median of RUNS runs. Writes bench/istv-results.md.
 */
import { launch, machine, median, RUNS, serveDist, writeResults } from './harness.ts';
import { syntheticExtract } from '../src/lib/istv-synthetic.ts';
import { toCsv } from '../src/lib/csv.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);

// Made-up places in central London (BNG), every point in "a borough": the timing does not depend on where.
const ex = syntheticExtract(ROWS, '2026-02', {
  randomPoint: (r) => [520000 + r() * 20000, 170000 + r() * 20000],
  boroughOf: () => 'E09000033',
});
const csv = toCsv(ex.header, ex.rows);
const site = await serveDist();
const url = site.url('violence/istv/');
const browser = await launch();
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
    await page.waitForSelector('#istv-status[data-istv=ready]');
    // The analyst's view, as measured before the page opened in presentation mode (the change marks the figures busy at once).
    await page.locator('#istv-present').uncheck();
    await page.waitForFunction(
      () =>
        document.getElementById('istv-status')!.dataset.istv === 'ready' &&
        !document.querySelector('[data-figure^="istv-"][data-state="busy"]'),
      undefined,
      { timeout: 120_000 },
    );
    await page
      .locator('#istv-file')
      .setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('#istv-status[data-istv=mapping]', { timeout: 120_000 });
    parse.push(await ms(page, 'read'));
    await page.locator('#istv-analyse').click();
    await page.waitForSelector('#istv-status[data-istv=ready]', { timeout: 120_000 });
    await page.waitForFunction(() => document.getElementById('istv-status')!.dataset.totalMs !== undefined);
    analyse.push(await ms(page, 'analyse'));
    draw.push((await ms(page, 'total')) - (await ms(page, 'analyse')));
    const hospital = (await page.locator('#istv-f-hospital option').nth(1).getAttribute('value'))!;
    await page.evaluate(() => delete document.getElementById('istv-status')!.dataset.totalMs);
    await page.locator('#istv-f-hospital').selectOption(hospital);
    await page.waitForSelector('#istv-status[data-istv=ready]', { timeout: 120_000 });
    await page.waitForFunction(() => document.getElementById('istv-status')!.dataset.totalMs !== undefined);
    filter.push(await ms(page, 'total'));
    await page.close();
  }
} finally {
  await browser.close();
  await site.stop();
}
const md = `# ISTV mode benchmark

Measured ${machine()} (headless, no CPU throttling), ${ROWS.toLocaleString('en-GB')}-row synthetic extract (${(csv.length / 1048576).toFixed(1)} MB), median of ${RUNS} runs.

| step | median | runs (ms) |
| --- | ---: | --- |
| read and parse the file (worker) | ${median(parse)} ms | ${parse.join(', ')} |
| validate, convert BNG, analyse (worker) | ${median(analyse)} ms | ${analyse.join(', ')} |
| draw every figure, analyst and controlled views (the change to its figures drawn, less the worker's analysis) | ${median(draw)} ms | ${draw.join(', ')} |
| a filter change: analyse and redraw | ${median(filter)} ms | ${filter.join(', ')} |

Goal (issue 12): parsing a 200,000-row CSV in the worker in 2 s or less. Files over 200 MB are refused before reading, with a message. The incident explorer's filter goal is measured by \`npm run bench:explorer\`.
`;
writeResults('bench/istv-results.md', md.trimEnd().split('\n'));
