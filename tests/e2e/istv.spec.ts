/**
 * ISTV mode: a partner's extract (CSV or xlsx) read in the browser, mapped, validated
 * and analysed, the figures following the filters together, the filtered rows exported,
 * and nothing of the file leaving the browser: every request is watched (the page's and
 * the worker's) and none may carry any of it, go elsewhere than the site, or send a body.
 */
import { test, expect, type Page, type Request } from '@playwright/test';
import ExcelJS from 'exceljs';

const MARKER = 'SECRET-MARKER-7731';
const HOSPITAL = 'Marker Hospital Q';
/** A small extract with other headers than the synthetic one: ISO date-times, latitude/longitude, one bad date, one swapped point. */
function extract(): { header: string[]; rows: (string | number)[][] } {
  const header = [
    'Attendance Date/Time',
    'Hospital Site',
    'Method',
    'Location Type',
    'Location Description',
    'Latitude',
    'Longitude',
    'Age Group',
  ];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 40; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push([
      `2025-06-${day} ${String((i * 5) % 24).padStart(2, '0')}:15`,
      i % 4 === 0 ? HOSPITAL : 'Other Hospital P',
      i % 3 ? 'Body part' : 'Knife',
      'Street',
      `${MARKER} outside number ${i % 5}`,
      51.5 + (i % 7) * 0.01,
      -0.12 + (i % 5) * 0.01,
      '16-24',
    ]);
  }
  rows.push(['2025-13-01 10:00', HOSPITAL, 'Knife', 'Street', MARKER, 51.5, -0.1, '25-34']);
  rows.push(['2025-06-10 10:00', HOSPITAL, 'Knife', 'Street', MARKER, -0.1, 51.5, '25-34']);
  return { header, rows };
}
const csvOf = (x: ReturnType<typeof extract>) =>
  [x.header, ...x.rows]
    .map((r) => r.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','))
    .join('\r\n') + '\r\n';

function watch(page: Page): Request[] {
  const seen: Request[] = [];
  page.context().on('request', (r) => seen.push(r));
  return seen;
}

/** Chooses a CSV file in the page and waits for its column mapping. */
async function choose(page: Page, name: string, text: string): Promise<void> {
  await page.locator('#istv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.locator('#istv-status')).toHaveAttribute('data-istv', 'mapping', { timeout: 30_000 });
}

/** The page's view drawn: the build's on arrival; after a change (said on the figures as it is made, code loaded or not), the change's. */
async function ready(page: Page): Promise<void> {
  await expect(page.locator('#istv-status')).toHaveAttribute('data-istv', 'ready', { timeout: 60_000 });
  await expect(page.locator('[data-figure^="istv-"][data-state="busy"]')).toHaveCount(0, { timeout: 60_000 });
}

/**
 * Analyses the mapped file and shows the analyst's view: the page opens in presentation mode
 * (small counts suppressed on screen too), and keeps the reader's choice for their own file.
 */
async function analyst(page: Page): Promise<void> {
  await page.locator('#istv-analyse').click();
  await ready(page);
  await page.locator('#istv-present').uncheck();
  await ready(page);
}

function expectNothingLeft(requests: Request[], origin: string): void {
  for (const r of requests) {
    expect(new URL(r.url()).origin, r.url()).toBe(origin);
    expect(r.method(), r.url()).toBe('GET');
    expect(r.postData(), r.url()).toBeNull();
    expect(decodeURIComponent(r.url()), r.url()).not.toContain(MARKER);
    expect(decodeURIComponent(r.url()), r.url()).not.toContain(HOSPITAL);
  }
}

test('the page says before a file is chosen that nothing is uploaded, and shows the synthetic extract, filters working', async ({
  page,
}) => {
  await page.goto('violence/istv/');
  await expect(page.locator('.privacy')).toContainText('Nothing is uploaded');
  const privacyBeforeInput = await page.evaluate(
    () =>
      !!(
        document.querySelector('.privacy')!.compareDocumentPosition(document.getElementById('istv-file')!) &
        Node.DOCUMENT_POSITION_FOLLOWING
      ),
  );
  expect(privacyBeforeInput).toBe(true);
  await ready(page);
  await expect(page.locator('#istv-day-hour .fig-title')).toContainText('Synthetic data');
  for (const id of [
    'istv-day-hour',
    'istv-months',
    'istv-weeks',
    'istv-hospital',
    'istv-method',
    'istv-injury',
    'istv-location-type',
    'istv-map',
    'istv-free-text',
    'istv-vs-police',
    'istv-vs-police-wards',
  ]) {
    await expect(page.locator(`#${id} .fig-source`).first()).toContainText('Synthetic');
  }
  // A filter changes every figure together.
  const hospital = page.locator('#istv-f-hospital');
  const first = (await hospital.locator('option').nth(1).textContent())!;
  await hospital.selectOption(first);
  await ready(page);
  await expect(page.locator('#istv-filter-summary')).toContainText('match the filters');
  await expect(page.locator('#istv-day-hour .fig-subtitle')).toContainText(`at ${first}`);
  await expect(page.locator('#istv-method .fig-subtitle')).toContainText(`at ${first}`);
  const n = Number((await page.locator('#istv-filter-summary').textContent())!.split(' of ')[0]!.replace(/,/g, ''));
  const dayTotal = await page
    .locator('#istv-day-hour .fig-table tbody tr')
    .evaluateAll((trs) => trs.reduce((a, tr) => a + Number(tr.lastElementChild!.textContent.replace(/,/g, '')), 0));
  expect(dayTotal).toBe(n);
});

test("a partner's CSV is mapped, validated and analysed in the browser, the filtered rows exported, and nothing of it leaves", async ({
  page,
  baseURL,
}) => {
  const requests = watch(page);
  await page.goto('violence/istv/');
  await ready(page);
  const before = requests.length;
  const x = extract();
  await choose(page, 'my-extract.csv', csvOf(x));
  // The guesses: the date-time column as the attendance, the hospital, the coordinates.
  await expect(page.locator('#map-arrival')).toHaveValue('0');
  await expect(page.locator('#map-hospital')).toHaveValue('1');
  await expect(page.locator('#map-lat')).toHaveValue('5');
  await expect(page.locator('#map-lon')).toHaveValue('6');
  await analyst(page);
  await expect(page.locator('#istv-day-hour .fig-title')).not.toContainText('Synthetic');
  await expect(page.locator('#istv-hospital .fig-source').first()).toContainText('Your file: my-extract.csv');
  // 42 rows: 40 used, 2 rejected with their reasons, none dropped.
  await expect(page.locator('#istv-rejected-summary')).toContainText('42 rows read: 40 used, 2 rejected');
  await expect(page.locator('#istv-rejected-rows tr')).toHaveCount(2);
  await expect(page.locator('#istv-rejected-rows')).toContainText('is not a date');
  await expect(page.locator('#istv-rejected-rows')).toContainText('outside Greater London');
  // No assault location type column was matched to a free-text one by mistake; the free-text figure holds the descriptions.
  await expect(page.locator('#istv-free-text')).toBeVisible();
  // A private view cannot be embedded.
  await expect(page.locator('#istv-hospital .fig-embed')).toBeHidden();
  // Filter to one hospital: every figure follows.
  await page.locator('#istv-f-hospital').selectOption(HOSPITAL);
  await ready(page);
  await expect(page.locator('#istv-filter-summary')).toContainText('10 of 40 attendances');
  await expect(page.locator('#istv-months .fig-table tbody')).toContainText('10');
  // The export is exactly the filtered rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#istv-export').click()]);
  const text = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const lines = text.trim().split('\n');
  expect(lines[0]).toMatch(/^line,date,hour,/);
  // No individual locations leave the page.
  expect(lines[0]).not.toMatch(/latitude|longitude|easting|northing/);
  expect(lines).toHaveLength(11);
  expect(lines.slice(1).every((l) => l.includes(HOSPITAL))).toBe(true);
  // Nothing stored, nothing sent.
  expect(await page.evaluate(() => Object.keys(localStorage))).not.toContain('lca-istv-mappings');
  const origin = new URL(baseURL!).origin;
  expectNothingLeft(requests, origin);
  // After the file was chosen, only the page's code (it loads when the reader first reaches for the page), chart
  // drawings, and the files its worker reads before any file (boundaries, police series, area centres, the synthetic
  // extract) were fetched: nothing asked for because of the file, and all of them GETs carrying nothing of it (above).
  const INIT =
    /\/data\/(london_boroughs\.topo|violence\/police-vwi|violence\/area-centres)\.json$|\/synthetic-istv-extract\.csv$/;
  expect(
    requests
      .slice(before)
      .map((r) => new URL(r.url()))
      .filter(
        (u) => u.protocol !== 'blob:' && !/\/(assets|figures\/chart)\//.test(u.pathname) && !INIT.test(u.pathname),
      )
      .map((u) => u.href),
  ).toEqual([]);
  // On screen, the file's source links within the page, wherever it is served: following it keeps the file and its figures.
  const own = page.locator('#istv-hospital .fig-source a', { hasText: 'Your file' });
  await expect(own).toHaveAttribute('href', '#istv-file');
  await own.click();
  await expect(page).toHaveURL(/#istv-file$/);
  await expect(page.locator('#istv-hospital .fig-source').first()).toContainText('Your file: my-extract.csv');
  // Its download names the page by its full address (a CSV travels without the page).
  const [meta] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#istv-hospital a[data-kind=csvw]').click(),
  ]);
  const sources = (
    JSON.parse(await (await meta.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'))) as {
      'dc:source': { 'schema:url': string }[];
    }
  )['dc:source'];
  expect(sources.map((x) => x['schema:url'])).toContainEqual(
    expect.stringMatching(/^https?:\/\/[^#]+\/violence\/istv\/#istv-file$/),
  );
});

test('an xlsx workbook is read too, and a remembered mapping holds the mapping only, until forgotten', async ({
  page,
  baseURL,
}) => {
  const requests = watch(page);
  await page.goto('violence/istv/');
  await ready(page);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Extract');
  const x = extract();
  ws.addRow(x.header);
  for (const r of x.rows) ws.addRow(r);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await page.locator('#istv-file').setInputFiles({
    name: 'my-extract.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await expect(page.locator('#istv-status')).toHaveAttribute('data-istv', 'mapping', { timeout: 30_000 });
  await page.locator('#istv-remember').check();
  await page.locator('#istv-analyse').click();
  await ready(page);
  await expect(page.locator('#istv-rejected-summary')).toContainText('42 rows read: 40 used, 2 rejected');
  const stored = await page.evaluate(() => localStorage.getItem('lca-istv-mappings'));
  expect(stored).not.toBeNull();
  expect(stored).not.toContain(MARKER);
  expect(stored).not.toContain(HOSPITAL);
  await page.locator('#istv-forget').click();
  expect(await page.evaluate(() => localStorage.getItem('lca-istv-mappings'))).toBeNull();
  expectNothingLeft(requests, new URL(baseURL!).origin);
});

test('mappings saved in this browser that cannot be used (damaged, or not fitting the file) are ignored: the file is mapped by its column names', async ({
  page,
}) => {
  const x = extract();
  const key = x.header.join('\u0001');
  // One saved entry with a column past this header, beside text that is not a mapping at all.
  await page.addInitScript(
    (k) => localStorage.setItem('lca-istv-mappings', JSON.stringify({ [k]: { arrival: 0, hospital: 40 }, other: 'x' })),
    key,
  );
  await page.goto('violence/istv/');
  await ready(page);
  await choose(page, 'my-extract.csv', csvOf(x));
  await expect(page.locator('#istv-mapping-intro')).toContainText('Guessed from the column names');
  await expect(page.locator('#istv-remember')).not.toBeChecked();
  await expect(page.locator('#map-hospital')).toHaveValue('1');
  await page.locator('#istv-analyse').click();
  await ready(page);
  await expect(page.locator('#istv-rejected-summary')).toContainText('42 rows read: 40 used, 2 rejected');
  // Storage that is not JSON at all: the same.
  await page.evaluate(() => localStorage.setItem('lca-istv-mappings', '{"cut'));
  await choose(page, 'my-extract.csv', csvOf(x));
  await expect(page.locator('#istv-mapping-intro')).toContainText('Guessed from the column names');
});

test('disclosure control: presentation mode suppresses small counts with secondary suppression, shows cells not points, the threshold cannot go below 7, and downloads are always controlled', async ({
  page,
}) => {
  await page.goto('violence/istv/');
  await ready(page);
  const cellsOf = (id: string) =>
    page
      .locator(`#${id} .fig-table tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())));
  // The page opens in presentation mode (the build's view, what its downloads hold): small counts suppressed, and
  // cells of about 700 m instead of points.
  await expect(page.locator('#istv-present')).toBeChecked();
  const checkPresented = async () => {
    await expect(page.locator('#istv-map .fig-table thead')).toContainText('Cell centre');
    const shown = await cellsOf('istv-day-hour');
    expect(shown.flat()).toContain('suppressed');
    expect(shown.flat().some((v) => /^[1-7]$/.test(v))).toBe(false);
    // No day has exactly one suppressed cell while its total is shown (secondary suppression).
    for (const row of shown)
      if (row.at(-1) !== 'suppressed') expect(row.filter((v) => v === 'suppressed').length).not.toBe(1);
    return shown;
  };
  await checkPresented();
  // The analyst's view on screen: real counts, points on the map.
  await page.locator('#istv-present').uncheck();
  await ready(page);
  await expect(page.locator('#istv-map .fig-table thead')).not.toContainText('Cell centre');
  const screen = await cellsOf('istv-day-hour');
  expect(screen.flat()).not.toContain('suppressed');
  expect(screen.flat().some((v) => /^[1-7]$/.test(v))).toBe(true);
  // Its CSV download is controlled all the same: no count from 1 to 7, and suppressed cells empty.
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#istv-day-hour a[data-kind=csv]').click(),
  ]);
  const csv = await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const values = csv
    .trim()
    .split('\n')
    .slice(1)
    .flatMap((l) => l.split(',').slice(1));
  expect(values.some((v) => /^[1-7]$/.test(v))).toBe(false);
  expect(values.some((v) => v === '')).toBe(true);
  // Presentation mode again, drawn in the browser this time: the same as the build's.
  await page.locator('#istv-present').check();
  await ready(page);
  const shown = await checkPresented();
  // A higher threshold suppresses more; a lower one than 7 is refused.
  await page.locator('#istv-k').fill('20');
  await page.locator('#istv-k').dispatchEvent('change');
  await ready(page);
  const more = (await cellsOf('istv-day-hour')).flat().filter((v) => v === 'suppressed').length;
  expect(more).toBeGreaterThan(shown.flat().filter((v) => v === 'suppressed').length);
  await page.locator('#istv-k').fill('3');
  await page.locator('#istv-k').dispatchEvent('change');
  await ready(page);
  await expect(page.locator('#istv-k')).toHaveValue('7');
  await expect(page.locator('#istv-status')).toContainText('cannot be lower than 7');
});

test('the synthetic sample comes back at the press of a button, labelled synthetic', async ({ page }) => {
  await page.goto('violence/istv/');
  await ready(page);
  await choose(page, 'my-extract.csv', csvOf(extract()));
  await page.locator('#istv-analyse').click();
  await ready(page);
  await expect(page.locator('#istv-day-hour .fig-title')).not.toContainText('Synthetic');
  await page.locator('#istv-synthetic').click();
  await ready(page);
  await expect(page.locator('#istv-day-hour .fig-title')).toContainText('Synthetic data');
  await expect(page.locator('#istv-status')).toContainText('Synthetic extract');
});

test('a file that is not a table gets a clear message naming it', async ({ page }) => {
  await page.goto('violence/istv/');
  await ready(page);
  await page
    .locator('#istv-file')
    .setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('just one line of words\n') });
  await expect(page.locator('#istv-status')).toHaveAttribute('data-istv', 'error', { timeout: 30_000 });
  await expect(page.locator('#istv-status')).toContainText('notes.csv');
  await expect(page.locator('#istv-status')).toContainText('header row');
});

test('an extract with area codes and no coordinates is mapped at the areas’ centres, and its ward codes are set beside the police wards', async ({
  page,
  baseURL,
}) => {
  const requests = watch(page);
  await page.goto('violence/istv/');
  await ready(page);
  // A whole month (June 2025), in two wards of Lambeth and one LSOA, with a marker that must not leave the browser.
  const rows = [['Arrival Date', 'Ward Code', 'Location Description']];
  for (let d = 1; d <= 30; d++)
    rows.push([`2025-06-${String(d).padStart(2, '0')}`, d % 3 ? 'E05014095' : 'E05014096', MARKER]);
  rows.push(['2025-06-15', 'E01003000', MARKER]);
  await choose(page, 'areas.csv', rows.map((r) => r.join(',')).join('\n'));
  await analyst(page);
  await expect(page.locator('#istv-map')).toBeVisible();
  await expect(page.locator('#istv-map .fig-title')).toContainText('codes in the file');
  await expect(page.locator('#istv-map table tbody tr')).toHaveCount(3);
  await expect(page.locator('#istv-vs-police-wards')).toBeVisible();
  await expect(page.locator('#istv-vs-police-wards .fig-title')).toContainText('by ward, June 2025');
  await expect(page.locator('#istv-vs-police-wards table tbody tr')).toHaveCount(2);
  expectNothingLeft(requests, new URL(baseURL!).origin);
});

test('the extracts that froze the page: a year 9999 and a year 1000 are rows rejected with their reason, and a header of 10,000 columns is refused', async ({
  page,
}) => {
  await page.goto('violence/istv/');
  await ready(page);
  const x = extract();
  x.rows.push(['9999-01-01 10:00', HOSPITAL, 'Knife', 'Street', MARKER, 51.5, -0.1, '25-34']);
  x.rows.push(['1000-06-01 10:00', HOSPITAL, 'Knife', 'Street', MARKER, 51.5, -0.1, '25-34']);
  await choose(page, 'dates.csv', csvOf(x));
  await page.locator('#istv-analyse').click();
  await ready(page);
  const reasons = page.locator('#istv-rejected-rows');
  await expect(reasons).toContainText('attendance date 9999-01-01 is outside the dates this page reads, 2000-01-01 to');
  await expect(reasons).toContainText('attendance date 1000-06-01 is outside the dates this page reads');
  await expect(page.locator('#istv-rejected-summary')).toContainText(`${x.rows.length} rows read: 40 used, 4 rejected`);

  const wide =
    ['Arrival Date', ...Array.from({ length: 9999 }, (_, i) => `Column ${i + 2}`)].join(',') + '\n2025-06-01\n';
  await page.locator('#istv-file').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(wide) });
  await expect(page.locator('#istv-status')).toHaveAttribute('data-istv', 'error', { timeout: 30_000 });
  await expect(page.locator('#istv-status')).toContainText('wide.csv: the first row has 10,000 columns');
});

test('in a file where some rows have coordinates, a row with only an LSOA code is drawn at its centre and counted in its borough', async ({
  page,
  baseURL,
}) => {
  const requests = watch(page);
  await page.goto('violence/istv/');
  await ready(page);
  // June 2025: 20 rows with coordinates in Lambeth, 10 with only the code of a Lambeth LSOA (E01003013, Lambeth 036A).
  const rows = [['Arrival Date', 'LSOA Code', 'Latitude', 'Longitude', 'Incident Location']];
  for (let d = 1; d <= 30; d++)
    rows.push(
      d <= 20
        ? [`2025-06-${String(d).padStart(2, '0')}`, '', '51.4613', '-0.1156', MARKER]
        : [`2025-06-${String(d).padStart(2, '0')}`, 'E01003013', '', '', MARKER],
    );
  await choose(page, 'mixed.csv', rows.map((r) => r.join(',')).join('\n'));
  await expect(page.locator('#map-locationText')).toHaveValue('4');
  await analyst(page);
  await expect(page.locator('#istv-map .fig-description')).toContainText(
    "10 more have no coordinates but a 2021 LSOA code, and are drawn at their LSOA's centre",
  );
  const lambeth = page.locator('#istv-vs-police table tbody tr', { hasText: 'Lambeth' });
  // The row: the borough, its code, then the A&E attendances (20 by their point, 10 by their LSOA).
  await expect(lambeth.locator('td').nth(1)).toHaveText('30');
  expectNothingLeft(requests, new URL(baseURL!).origin);
});

test('spellings of one hospital that differ only in capitals and punctuation are counted as one, and the merge is listed; unticked, they are apart', async ({
  page,
}) => {
  await page.goto('violence/istv/');
  await ready(page);
  const x = extract();
  // The extract has 10 attendances at HOSPITAL: one more as the same name in capitals, with a full stop.
  x.rows.push(['2025-06-12 10:00', `${HOSPITAL.toUpperCase()}.`, 'Knife', 'Street', MARKER, 51.5, -0.1, '25-34']);
  const load = async () => {
    await choose(page, 'spellings.csv', csvOf(x));
  };
  await load();
  await expect(page.locator('#istv-merge')).toBeChecked();
  await analyst(page);
  await expect(page.locator('#istv-merged')).toBeVisible();
  await expect(page.locator('#istv-merged-list')).toContainText(
    `Site of treatment (hospital): “${HOSPITAL.toUpperCase()}.” (1) counted as “${HOSPITAL}” (10)`,
  );
  await expect(page.locator('#istv-hospital table tbody tr', { hasText: HOSPITAL }).first()).toContainText('11');
  await load();
  await page.locator('#istv-merge').uncheck();
  await analyst(page);
  await expect(page.locator('#istv-merged')).toBeHidden();
  await expect(page.locator('#istv-hospital table tbody tr', { hasText: `${HOSPITAL.toUpperCase()}.` })).toHaveCount(1);
});

test("on the build's first view, Clear and the row downloads work from the first press: presentation mode is kept, and the rows are the extract's", async ({
  page,
}) => {
  await page.goto('violence/istv/');
  await ready(page);
  // Pressed before the page's code is wired: pressed again once it is, and drawn from the form (presentation mode on).
  await page.locator('#istv-clear').click();
  await expect(page.locator('#istv-status')).toHaveAttribute('data-total-ms', /\d/, { timeout: 60_000 });
  await ready(page);
  await expect(page.locator('#istv-present')).toBeChecked();
  await expect(page.locator('#istv-day-hour .fig-table tbody')).toContainText('suppressed');
  const matching = Number(
    (await page.locator('#istv-filter-summary').textContent())!.split(' of ')[0]!.replace(/,/g, ''),
  );
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#istv-export').click()]);
  const text = await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  expect(text.trim().split('\n').length - 1).toBe(matching);
});

test("a row download pressed first, on the build's view, downloads the extract's rows", async ({ page }) => {
  await page.goto('violence/istv/');
  await ready(page);
  const matching = Number(
    (await page.locator('#istv-filter-summary').textContent())!.split(' of ')[0]!.replace(/,/g, ''),
  );
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.locator('#istv-export').click(),
  ]);
  const text = await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  expect(text.trim().split('\n').length - 1).toBe(matching);
  await expect(page.locator('#istv-present')).toBeChecked();
});
