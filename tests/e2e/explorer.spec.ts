/**
 * The incident explorer: linked views that follow the filters together, the view in the
 * address (and a bad one falling back with a note), the record table, the export of
 * exactly the filtered records, another borough loaded on demand, and an embed with a view.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { firstMonthOf } from './expected.ts';

/** The view on show: the build's, or one the page has drawn (from its address, or after a change). */
async function ready(page: Page): Promise<void> {
  await expect(page.locator('#explorer-months')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}
/** A view the page has drawn in the browser (the records it loaded are counted on the status line). */
async function drawnHere(page: Page): Promise<void> {
  await expect(page.locator('#explorer-status[data-rows]')).toHaveCount(1, { timeout: 60_000 });
  await ready(page);
}
/** Changes a control and waits for the redraw it starts. */
async function change(page: Page, act: () => Promise<unknown>): Promise<void> {
  await page.evaluate(() => delete document.getElementById('explorer-status')!.dataset.rows);
  await act();
  await drawnHere(page);
}
const int = (s: string | null) => Number((s ?? '').replace(/[^0-9]/g, ''));

test('one crime type chosen: every view, the table and the export follow; the other types stay countable', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('violence/explorer/', { waitUntil: 'networkidle' });
  await ready(page);
  // The build's view: no view code, no records, until the reader reaches for the controls.
  expect(fetched.filter((p) => /\/data\/|\/assets\/(view|explorer)\./.test(p))).toEqual([]);
  const all = int(await page.locator('#explorer-summary strong').textContent());
  expect(all).toBeGreaterThan(1000);
  // Crimes by default: anti-social behaviour unticked, every other type ticked.
  await expect(page.locator('#explorer-type-list input[value="Anti-social behaviour"]')).not.toBeChecked();
  await expect(page.locator('#explorer-type-list input[value="Burglary"]')).toBeChecked();
  // Only burglary: untick the others with the buttons and boxes.
  const boxes = page.locator('#explorer-type-list input[type=checkbox]');
  const n = await boxes.count();
  for (let i = 0; i < n; i++) {
    const b = boxes.nth(i);
    if ((await b.getAttribute('value')) !== 'Burglary' && (await b.isChecked())) await change(page, () => b.uncheck());
  }
  // The first change, made as the code arrived, was drawn: the records were loaded for it.
  expect(fetched.some((p) => p.includes('/data/'))).toBe(true);
  const burglary = int(await page.locator('#explorer-summary strong').textContent());
  expect(burglary).toBeGreaterThan(0);
  expect(burglary).toBeLessThan(all);
  await expect(page.locator('#explorer-months .fig-title')).toContainText(`${burglary.toLocaleString('en-GB')} record`);
  await expect(page.locator('#explorer-months .fig-subtitle')).toContainText('burglary');
  // The type chart still shows the other types, and marks the chosen one.
  await expect(page.locator('#explorer-types .fig-subtitle')).toContainText('Chosen bars are marked');
  // The address carries the view; the record table holds only burglaries.
  expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['Burglary']);
  const types = await page.locator('#explorer-rows tr td:nth-child(2)').allTextContents();
  expect(types.length).toBe(Math.min(100, burglary));
  expect(new Set(types)).toEqual(new Set(['Burglary']));
  // The export: exactly the filtered records, one row each.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#explorer-export').click()]);
  const rows = parse<Record<string, string>>(readFileSync(await download.path()), { columns: true });
  expect(rows).toHaveLength(burglary);
  expect(new Set(rows.map((r) => r.crime_type))).toEqual(new Set(['Burglary']));
  expect(Object.keys(rows[0]!)).toEqual([
    'month',
    'crime_type',
    'outcome',
    'location',
    'area_code',
    'area_name',
    'borough',
    'longitude',
    'latitude',
  ]);
  // The same view from its address, in a fresh page.
  const again = await page.context().newPage();
  await again.goto(page.url().replace(/^.*?\/violence\//, 'violence/'));
  await drawnHere(again);
  expect(int(await again.locator('#explorer-summary strong').textContent())).toBe(burglary);
});

test('period, outcome, area and street filters combine; the counts agree across views', async ({ page }) => {
  await page.goto('violence/explorer/');
  await ready(page);
  await change(page, () => page.selectOption('#explorer-from', { index: 12 }));
  const year = int(await page.locator('#explorer-summary strong').textContent());
  const outcome = page.locator('#explorer-outcome-list input[type=checkbox]').first();
  const label = (await outcome.getAttribute('value'))!;
  const shown = int(await page.locator('#explorer-outcome-list [data-outcome-count="0"]').textContent());
  await change(page, () => outcome.check());
  // The count beside an outcome is what ticking it gives.
  expect(int(await page.locator('#explorer-summary strong').textContent())).toBe(shown);
  expect(shown).toBeLessThanOrEqual(year);
  await expect(page.locator('#explorer-outcomes .fig-subtitle')).toContainText(label);
  await change(page, () => outcome.uncheck());
  // The top street of the period, typed without its "On or near".
  const top = (await page.locator('#explorer-streets table tbody tr th').first().textContent())!.replace(
    /^On or near /,
    '',
  );
  const topCount = int(await page.locator('#explorer-streets table tbody tr td').first().textContent());
  await change(page, () => page.fill('#explorer-street', top));
  const street = int(await page.locator('#explorer-summary strong').textContent());
  // At least the top street's records (other labels may contain the same words).
  expect(street).toBeGreaterThanOrEqual(topCount);
  const places = await page.locator('#explorer-rows tr td:nth-child(4)').allTextContents();
  for (const p of places) expect(p.toLowerCase()).toContain(top.toLowerCase());
  expect(new URL(page.url()).searchParams.get('street')).toBe(top);
  expect(new URL(page.url()).searchParams.getAll('type')).toEqual([]);
  await change(page, () => page.click('#explorer-reset'));
  expect(new URL(page.url()).search).toBe('');
});

test('a bad address falls back and says so', async ({ page }) => {
  await page.goto('violence/explorer/?data=nowhere&type=Arson&from=2030-01&colour=red');
  await drawnHere(page);
  const note = page.locator('#explorer-status');
  await expect(note).toBeVisible();
  await expect(note).toContainText('no records called "nowhere"');
  await expect(note).toContainText('no crime type "Arson"');
  await expect(note).toContainText('unknown setting "colour"');
  await expect(page.locator('#explorer-data')).toHaveValue('city');
});

test('another borough loads on demand, divided into wards', async ({ page }) => {
  await page.goto('violence/explorer/');
  await ready(page);
  const westminster = await page.locator('#explorer-data option', { hasText: 'Westminster' }).getAttribute('value');
  await change(page, () => page.selectOption('#explorer-data', westminster));
  await expect(page.locator('label[for="explorer-area"]')).toHaveText('Ward');
  await expect(page.locator('#explorer-months .fig-title')).toContainText('Westminster');
  await expect(page.locator('#explorer-from option').first()).toHaveText(firstMonthOf('Westminster'));
  expect(new URL(page.url()).searchParams.get('data')).toBe(westminster);
});

test('an embed with a view in its address shows that view', async ({ page }) => {
  await page.goto('embed/explorer-types/?type=Robbery');
  await expect(page.locator('#explorer-types')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#explorer-types .fig-subtitle')).toContainText('robbery', { timeout: 30_000 });
});

test("a map drawn in the page paints its cells on a canvas, with each cell's count under the pointer, and its SVG download has them as circles", async ({
  page,
}) => {
  await page.goto('violence/explorer/');
  await ready(page);
  const westminster = await page.locator('#explorer-data option', { hasText: 'Westminster' }).getAttribute('value');
  await change(page, () => page.selectOption('#explorer-data', westminster));
  const map = page.locator('#explorer-map');
  await map.scrollIntoViewIfNeeded();
  const canvas = map.locator('.fig-variant:visible svg canvas');
  await expect(canvas).toHaveCount(1);
  await expect(map.locator('.fig-variant:visible svg circle')).toHaveCount(0);
  const described = /at ([\d,]+) cells?/.exec((await map.locator('.fig-description').textContent()) ?? '');
  const cells = int(described?.[1] ?? null);
  expect(cells).toBeGreaterThan(400);
  // The pointer over the canvas finds a cell: the tooltip gives its count.
  const box = (await canvas.boundingBox())!;
  const tip = page.locator('.lca-tooltip');
  let text = '';
  for (let y = 0.3; y < 0.7 && !text; y += 0.05)
    for (let x = 0.3; x < 0.7 && !text; x += 0.05) {
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
      if (await tip.isVisible()) text = (await tip.textContent()) ?? '';
    }
  expect(text).toMatch(/^[\d,]+ records in this cell$/);
  // The download stands alone: one circle a cell.
  const svg = map.locator('a[data-kind=svg]');
  await svg.focus();
  await expect(svg).toHaveAttribute('href', /^blob:/);
  const drawing = await svg.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
  expect(drawing).not.toContain('<canvas');
  expect(drawing.match(/<circle/g)?.length).toBe(cells);
});
