import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { cspViolations } from './csp.ts';
import { drawn as scrolledTo } from './drawings.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
import { atlasLsoa, boroughRanking, geometries, home, hotspots, nationalReleases } from './expected.ts';

/**
 * Waits for an interactive figure to have drawn its view: data-state="ready", set by the
 * page's script once a view is on the page (generous, since a busy machine is slow; the
 * assertions that follow then need no waiting of their own).
 */
async function drawn(page: Page, ...ids: string[]): Promise<void> {
  for (const id of ids)
    await expect(page.locator(`#${id}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

/** Fails the test if the page asks for anything outside the site's origin. */
function guardOrigin(page: Page, origin: string): string[] {
  const outside: string[] = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.origin !== origin) outside.push(req.url());
  });
  return outside;
}

test('the Content Security Policy stops script injected into a page, and allows what the page itself does (charts drawn in the browser, PNG downloads)', async ({
  page,
}) => {
  const violations = await cspViolations(page);
  await page.goto('atlas/?indicator=crime_robbery_rate&level=ward&compare=ten_social');
  await drawn(page, 'atlas-map', 'atlas-compare');
  await expect(page.locator('#atlas-compare .fig-chart svg:visible style')).not.toHaveCount(0);
  // Plot charts drawn in the browser (style elements and attributes) and the PNG drawn through a blob: image.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLDetailsElement>('#atlas-map details').forEach((d) => (d.open = true)),
  );
  const png = page.waitForEvent('download');
  await page.locator('#atlas-map [data-action=png]').first().click();
  expect((await png).suggestedFilename()).toMatch(/\.png$/);
  expect(await violations()).toEqual([]);
  await page.evaluate(() => {
    const w = window as unknown as { __ran?: string[] };
    w.__ran = [];
    const s = document.createElement('script');
    s.textContent = 'window.__ran.push("inline script")';
    document.body.append(s);
    const div = document.createElement('div');
    div.innerHTML = '<img src="data:," onerror="window.__ran.push(\'event handler\')">';
    document.body.append(div);
  });
  // Both blocked (each reported when it would have run), and neither ran.
  await expect
    .poll(violations)
    .toEqual([
      expect.stringMatching(/^script-src-elem blocked inline/),
      expect.stringMatching(/^script-src-attr blocked inline/),
    ]);
  expect(await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran)).toEqual([]);
  await expect(page.locator('meta[name=referrer]')).toHaveAttribute('content', 'no-referrer');
});

test('home page names the latest month and the headline total', async ({ page }) => {
  const h = home();
  await page.goto('');
  await expect(page.locator('.kicker')).toContainText(`data to ${h.latestMonth}`);
  await expect(page.locator('.headline')).toContainText(h.total12);
  await expect(page.locator('.headline')).toContainText(h.change);
});

test('an embed page posts its height and embed.js sizes the iframe', async ({ page, baseURL }) => {
  const host = new URL('__embed-host.html', baseURL).href;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Host</title><p>Host article</p>
        <iframe src="${new URL('embed/mps-borough-rates/', baseURL).href}" title="chart" width="100%" height="150" style="border:0;width:100%" data-lca-embed></iframe>
        <script src="${new URL('embed.js', baseURL).href}"></script>`,
    }),
  );
  const messages: number[] = [];
  await page.exposeFunction('__record', (h: number) => messages.push(h));
  await page.addInitScript(() => {
    addEventListener('message', (e: MessageEvent<{ type?: string; height: number } | null>) => {
      if (e.data?.type === 'lca-embed-height')
        (window as unknown as { __record: (h: number) => void }).__record(e.data.height);
    });
  });
  await page.goto(host);
  await expect.poll(() => messages.length).toBeGreaterThan(0);
  const frame = page.locator('iframe[data-lca-embed]');
  await expect.poll(async () => (await frame.boundingBox())!.height).toBeGreaterThan(600);
  const inner = await page
    .frameLocator('iframe[data-lca-embed]')
    .locator('body')
    .evaluate((b) => b.getBoundingClientRect().height);
  expect(Math.abs((await frame.boundingBox())!.height - inner)).toBeLessThan(40);
  // A forged height from the frame is clamped: not millions of pixels, not collapsed, not NaN.
  const embedFrame = page.frames().find((f) => f.url().includes('/embed/mps-borough-rates/'))!;
  const post = (h: number) =>
    embedFrame.evaluate((x) => parent.postMessage({ type: 'lca-embed-height', height: x }, '*'), h);
  await post(1e9);
  await expect.poll(async () => (await frame.boundingBox())!.height).toBe(8000);
  await post(-50);
  await expect.poll(async () => (await frame.boundingBox())!.height).toBe(120);
  // NaN is ignored; the next good message still applies.
  await post(Number.NaN);
  await post(700);
  await expect.poll(async () => (await frame.boundingBox())!.height).toBe(700);
});

test('the theme toggle switches to dark and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('');
  const toggle = page.locator('#theme-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // Dark at once, and still dark after a reload (the choice is remembered).
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(18, 20, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe('rgb(18, 20, 23)');
  // And back to light, remembered too.
  await page.locator('#theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.reload();
  expect(await background()).toBe('rgb(255, 255, 255)');
});

test('map areas take keyboard focus and show their value in a tooltip', async ({ page }) => {
  const w = boroughRanking().of('E09000033');
  await page.goto('');
  await scrolledTo(page.locator('#mps-borough-rate-map'));
  const area = page.locator('#mps-borough-rate-map .fig-variant:visible path[data-code="E09000033"]');
  await area.focus();
  const tip = page.locator('.lca-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(`Westminster: ${w.rate1} crimes per 1,000 residents`);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
});

test('a page fetches the drawings of the figures near the viewport only, each for its column band, and no chart code', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('', { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.querySelector('[data-drawing]'));
  const drawings = () => fetched.filter((p) => p.includes('/figures/chart/')).map((p) => p.split('/').pop()!);
  // The last figure is more than a screen below: not fetched until the reader comes to it.
  const last = page.locator('[data-figure]').last();
  const lastId = (await last.getAttribute('data-figure'))!;
  expect(drawings().some((d) => d.startsWith(`${lastId}-`))).toBe(false);
  await expect(last.locator('.fig-variant:visible > .fig-hold')).toHaveCount(1);
  await scrolledTo(last);
  expect(drawings()).toContain(`${lastId}-300.svg`);
  // Every drawing fetched is the small band's, drawn at 300 px for a 328 px column.
  expect(drawings().every((d) => d.endsWith('-300.svg'))).toBe(true);
  // A wide window shows the large band's slot, and fetches its drawing: no chart is drawn in the browser.
  await page.setViewportSize({ width: 1280, height: 800 });
  await scrolledTo(last);
  const slot = last.locator('.fig-variant:visible');
  const w = Number(await slot.getAttribute('data-w'));
  expect(drawings()).toContain(`${lastId}-${w}.svg`);
  expect(Number(await slot.locator('svg').first().getAttribute('width'))).toBe(w);
  const column = await last.locator('.fig-chart').evaluate((e) => e.clientWidth);
  expect(column / w).toBeGreaterThan(0.85);
  expect(column / w).toBeLessThan(1.6);
  expect(fetched.filter((p) => /\/assets\/(charts|common|choropleth|scatter|d3-geo)\./.test(p))).toEqual([]);
});

test('the CSV download holds exactly the plotted data, in columns named in words, described by its CSVW metadata', async ({
  page,
  request,
}) => {
  await page.goto('');
  const fig = page.locator('#mps-borough-rates');
  const href = await fig.locator('a[data-kind=csv]').getAttribute('href');
  const csv = await (await request.get(href!)).text();
  const rows = parse<Record<string, string>>(csv, { columns: true });
  const { ranked } = boroughRanking();
  const top = ranked[0]!;
  expect(Object.keys(rows[0]!)).toEqual([
    'Rank',
    'Borough',
    'Code',
    expect.stringMatching(/^Crimes, \w+ \d{4} to \w+ \d{4}$/),
    'Residents (Census 2021)',
    'Crimes per 1,000 residents',
  ]);
  expect(Object.values(rows[0]!)).toEqual([
    '1',
    top.name,
    top.code,
    String(top.crimes),
    String(top.population),
    top.rate.toFixed(2),
  ]);
  expect(rows).toHaveLength(ranked.length);
  // The companion metadata names the file, the sources with licences and dates, and the figure's address.
  const metaLink = fig.locator('a[data-kind=csvw]');
  expect(await metaLink.getAttribute('download')).toBe('mps-borough-rates.csv-metadata.json');
  const meta = (await (await request.get((await metaLink.getAttribute('href'))!)).json()) as {
    url: string;
    'schema:url': string;
    'dc:source': { 'dc:license': string; 'dc:temporal': string }[];
    tableSchema: { columns: { titles: string }[] };
  };
  expect(meta.url).toBe('mps-borough-rates.csv');
  expect(meta['schema:url']).toMatch(/#mps-borough-rates$/);
  expect(meta['dc:source'].map((s) => s['dc:license'])).toContain('Open Government Licence v3.0');
  expect(meta.tableSchema.columns.map((c) => c.titles)).toEqual(Object.keys(rows[0]!));
});

test('the PNG downloads are the complete graphic at 2× and at print size', async ({ page }) => {
  await page.goto('');
  const fig = page.locator('#mps-change-by-offence-group');
  const { readFileSync } = await import('node:fs');
  const svgText = await (await page.request.get((await fig.locator('a[data-kind=svg]').getAttribute('href'))!)).text();
  const [w, h] = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svgText)!.slice(1).map(Number) as [
    number,
    number,
  ];
  for (const [button, name, width] of [
    ['[data-action=png][data-scale]', 'mps-change-by-offence-group.png', 2 * w],
    ['[data-action=png][data-print]', /^mps-change-by-offence-group-\d+px\.png$/, Math.round((2400 / w) * w)],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), fig.locator(button).click()]);
    expect(download.suggestedFilename()).toMatch(name);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(width);
    // Taller than the chart alone: the title, subtitle and sources are drawn in.
    expect(bytes.readUInt32BE(20)).toBe(Math.round((width / w) * h));
  }
});

test('downloaded SVGs render on their own as images, built and made in the browser', async ({ page }) => {
  const sizes: Record<string, [number, number]> = {};
  await page.goto('atlas/?indicator=crime_burglary_rate&level=ward');
  await drawn(page, 'atlas-map');
  const link = page.locator('#atlas-map a[data-kind=svg]');
  await link.focus();
  await expect(link).toHaveAttribute('href', /^blob:/);
  expect(await link.getAttribute('download')).toMatch(/^atlas-burglary.*-by-ward-/);
  const blobSvg = await link.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
  const files = [
    'figures/mps-change-by-offence-group.svg',
    'figures/atlas-map.svg',
    'figures/hotspots-map.svg',
    'figures/national-key-boroughs.svg',
  ];
  await page.goto('404.html');
  for (const [name, text] of [
    ...(await Promise.all(files.map(async (f) => [f, await (await page.request.get(f)).text()] as const))),
    ['in-browser atlas map', blobSvg] as const,
  ]) {
    expect(text, name).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    sizes[name] = await page.evaluate(async (t) => {
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([t], { type: 'image/svg+xml' }));
      await img.decode();
      return [img.naturalWidth, img.naturalHeight] as [number, number];
    }, text);
  }
  for (const [name, [w, h]] of Object.entries(sizes)) {
    expect(w, name).toBeGreaterThan(300);
    expect(h, name).toBeGreaterThan(200);
  }
});

test('the national page defaults to the latest release and links every release', async ({ page }) => {
  const n = nationalReleases();
  const second = n.periods[1]!;
  const h = home();
  const release = page.locator('.headline[aria-label^="Headline figures"]');
  await page.goto('national/');
  // The newest first: the Met's own 12 months to its latest month, then the archive's latest release.
  await expect(page.locator('.kicker')).toContainText(`latest ${h.latestMonth}`);
  await expect(page.locator('.headline[aria-label="The latest figures"]')).toContainText(h.total12);
  await expect(release).toHaveAttribute('aria-label', `Headline figures, ${n.yearEnding(n.latest)}`);
  await expect(page.locator('.release-nav a[aria-current=page]')).toContainText(n.short(n.latest));
  await expect(page.locator('.release-nav a')).toHaveCount(n.periods.length);
  await expect(release).toContainText(n.mps(n.latest));
  await expect(release).toContainText(n.englandWales(n.latest));
  // The December 2019 release left out Greater Manchester, which could not supply its data.
  if (n.latest === '2019-12') await expect(page.locator('.caveat').first()).toContainText('Greater Manchester');
  await page.locator('.release-nav a', { hasText: n.short(second) }).click();
  await expect(page).toHaveURL(new RegExp(`national/${second}/$`));
  await expect(release).toContainText(n.mps(second));
  await expect(page.locator(`#national-${second}-since-previous`)).toBeVisible();
});

test('?release= opens that release; a bad value falls back to the latest and says so', async ({ page }) => {
  const n = nationalReleases();
  const third = n.periods[2]!;
  await page.goto(`national/?release=${third}`);
  await expect(page).toHaveURL(new RegExp(`national/${third}/$`));
  await expect(page.locator('.headline[aria-label^="Headline figures"]')).toContainText(n.mps(third));
  await page.goto('national/?release=1999-01');
  await expect(page.locator('#release-status')).toBeVisible();
  await expect(page.locator('#release-status')).toContainText(
    'There is no release "1999-01". Showing the latest release',
  );
  await expect(page.locator('.release-nav a[aria-current=page]')).toContainText(n.short(n.latest));
});

test('the first release says it has no previous update to compare', async ({ page }) => {
  await page.goto(`national/${nationalReleases().periods[0]}/`);
  await expect(page.locator('[data-figure$="-since-previous"]')).toHaveCount(0);
  await expect(page.getByText('This is the first release held')).toBeVisible();
});

test('the atlas draws a view from its address, with the area found and the comparison', async ({ page, baseURL }) => {
  test.setTimeout(240_000); // axe over 4,994 map areas, table rows and scatter dots takes a while
  const outside = guardOrigin(page, new URL(baseURL!).origin);
  const lsoa = atlasLsoa('ten_social', 'E01000005', 'hhdep_two_plus');
  const n = geometries('lsoa_2021.topo.json');
  await page.goto('atlas/?indicator=ten_social&level=lsoa&area=E01000005&compare=hhdep_two_plus');
  await drawn(page, 'atlas-map', 'atlas-compare');
  const fig = page.locator('#atlas-map');
  await expect(fig.locator('.fig-title')).toHaveText('Households: social rented (%), by LSOA (2021)');
  await expect(fig.locator('.fig-chart svg path[data-code]')).toHaveCount(n);
  await expect(fig.locator('.fig-description')).toContainText(`${lsoa.name}: ${lsoa.value}%`);
  // The table shows the top, the bottom and the selected area; every row on demand.
  await expect(fig.locator('table caption')).toContainText(
    `of ${n.toLocaleString('en-GB')} rows; the CSV download has them all`,
  );
  await expect(fig.locator('table tbody tr.is-selected')).toContainText(lsoa.name);
  await expect(page.locator('#atlas-compare')).toBeVisible();
  await expect(page.locator('#atlas-compare .fig-subtitle')).toContainText(`r = ${lsoa.r}`);
  await expect(page.locator('input[name=level][value=lsoa]')).toBeChecked();
  await expect(fig.locator('.embed-code')).toHaveValue(/embed\/atlas-map\/\?indicator=ten_social&amp;level=lsoa/);
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await fig.locator('[data-action=all-rows]').click();
  await expect(fig.locator('table tbody tr')).toHaveCount(n);
  await expect(fig.locator('[data-action=all-rows]')).toBeHidden();
  expect(outside).toEqual([]);
});

test('the atlas draws a view in the browser with the same figure as the build: the CSVs are byte-identical', async ({
  page,
  request,
}) => {
  // The default view, asked for in the address, is drawn by the page's script from the published JSON.
  await page.goto('atlas/?indicator=crime_all_rate&level=borough');
  await drawn(page, 'atlas-map', 'atlas-compare');
  for (const id of ['atlas-map', 'atlas-compare']) {
    const link = page.locator(`#${id} a[data-kind=csv]`);
    // The file is made when the reader reaches for the link.
    await link.focus();
    await expect(link, id).toHaveAttribute('href', /^blob:/);
    const inBrowser = await link.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
    const built = await (await request.get(`figures/${id}.csv`)).text();
    expect(inBrowser, id).toBe(built);
    expect(built.split('\n').length, id).toBeGreaterThan(30);
  }
  // The same title, subtitle, description, sources and notes as the page the build made.
  const texts = () =>
    page
      .locator('#atlas-map, #atlas-compare')
      .locator('.fig-title, .fig-subtitle, .fig-description, .fig-source, .fig-notes li')
      .allTextContents();
  const inBrowser = (await texts()).map((t) => t.replace(/\s+/g, ' ').trim());
  await page.goto('atlas/');
  expect((await texts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(inBrowser);
});

test('atlas: an area not at the chosen geography is dropped with a note; the CSV download follows the view after several changes', async ({
  page,
}) => {
  await page.goto('atlas/?indicator=crime_all_rate&level=borough&area=E05013570');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-status')).toContainText('area "E05013570" is not among the boroughs on this map');
  await expect(page.locator('#atlas-map .lca-selected')).toHaveCount(0);
  for (const ind of ['crime_robbery_rate', 'crime_burglary_rate', 'crime_theft_rate']) {
    await page.locator('#indicator').selectOption(ind);
    await drawn(page, 'atlas-map');
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#atlas-map a[data-kind="csv"]').click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(download.suggestedFilename()).toContain('theft');
  // The CSV's first row is the table's first row of the view on screen (theft), not of an earlier view.
  const rows: string[][] = parse(csv, { from_line: 2 });
  const first = (await page.locator('#atlas-map table tbody tr').first().locator('th, td').allTextContents()).map((t) =>
    t.trim(),
  );
  expect(rows[0]!.slice(0, 3)).toEqual(first.slice(0, 3));
  expect(Number(rows[0]![3])).toBeCloseTo(Number(first[3]!.replace(/,/g, '')), 0);
});

test('atlas controls change the view and the address; a bad address falls back and says so', async ({ page }) => {
  await page.goto('atlas/?indicator=nope&classes=12');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-status')).toContainText('indicator "nope" is not in the catalogue');
  await expect(page.locator('#atlas-status')).toContainText('classes "12" is not 5, 6 or 7');
  await expect(page.locator('#atlas-map .fig-title')).toHaveText(
    'All offences: crimes per 1,000 residents, by borough',
  );
  await page.locator('#indicator-filter').fill('robbery');
  await page.locator('#indicator').selectOption('crime_robbery_rate');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .fig-title')).toHaveText('Robbery: crimes per 1,000 residents, by borough');
  await page.locator('input[name=level][value=ward]').check();
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .fig-chart svg path[data-code]')).toHaveCount(
    geometries('wards_2022.topo.json'),
  );
  await page.locator('input[name=level][value=borough]').check();
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .fig-chart svg path[data-code]')).toHaveCount(
    geometries('london_boroughs.topo.json'),
  );
  await expect(page).toHaveURL(/indicator=crime_robbery_rate&level=borough/);
  await page.locator('#method').selectOption('quantile');
  await expect(page).toHaveURL(/method=quantile/);
  // IMD is published for 2011 LSOAs only: choosing it moves the map there.
  await page.locator('#indicator').selectOption('imd_imd_score');
  await expect(page.locator('input[name=level][value=lsoa2011]')).toBeChecked();
  await expect(page.locator('input[name=level][value=ward]')).toBeDisabled();
});

/** The visible map drawing of a figure as text: every element, its attributes sorted by name, and its text (attribute order is not part of a drawing). */
const drawing = (page: Page, id: string) =>
  page.locator(`#${id} .fig-chart svg:visible`).evaluate((svg) => {
    const walk = (e: Element): string =>
      `<${e.tagName} ${Array.from(e.attributes)
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(
          ' ',
        )}>${e.children.length ? Array.from(e.children).map(walk).join('') : (e.textContent ?? '')}</${e.tagName}>`;
    return walk(svg);
  });

test('the atlas prepares the main geographies in idle time once the reader reaches for the controls, and keeps drawings it replaced: both draw what a new drawing draws', async ({
  page,
}) => {
  await page.goto('atlas/?level=ward&indicator=crime_all_rate');
  await drawn(page, 'atlas-map');
  const fresh = await drawing(page, 'atlas-map');
  expect((fresh.match(/data-code=/g) ?? []).length).toBe(geometries('wards_2022.topo.json'));
  await page.goto('atlas/?level=ward&indicator=crime_robbery_rate');
  await drawn(page, 'atlas-map');
  const freshRobbery = await drawing(page, 'atlas-map');
  await page.goto('atlas/');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map')).not.toHaveAttribute('data-warm', 'done');
  await page.locator('#indicator').hover();
  await expect(page.locator('#atlas-map')).toHaveAttribute('data-warm', 'done');
  // The ward drawing made in idle time, with no values until now.
  await page.locator('input[name=level][value=ward]').check();
  await drawn(page, 'atlas-map');
  expect(await drawing(page, 'atlas-map')).toBe(fresh);
  // Kept while the boroughs are on show, with a ward selected before: recoloured, its selection and tab stop gone.
  await page.goto('atlas/?level=ward&indicator=crime_robbery_rate&area=E05013570');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .lca-selected')).toHaveCount(1);
  await page
    .locator('#atlas-map .fig-chart svg:visible')
    .evaluate((svg) => ((window as unknown as { __kept: Element }).__kept = svg));
  await page.locator('input[name=level][value=borough]').check();
  await drawn(page, 'atlas-map');
  await page.locator('input[name=level][value=ward]').check();
  await drawn(page, 'atlas-map');
  // The same element, back in the page (kept, not drawn again), and what a new drawing draws.
  expect(
    await page
      .locator('#atlas-map .fig-chart svg:visible')
      .evaluate((svg) => svg === (window as unknown as { __kept: Element }).__kept),
  ).toBe(true);
  expect(await drawing(page, 'atlas-map')).toBe(freshRobbery);
});

test('atlas: tables rewritten in place for a new view read as a new page of that view; a return to a view shows the drawings made for it, as a new drawing draws them', async ({
  page,
}) => {
  // What a page of each view shows, drawn from its address.
  const shown = async () => ({
    tables: await page
      .locator('#atlas-map table, #atlas-compare table')
      .evaluateAll((ts) => ts.map((t) => t.outerHTML.replace(/ data-sig="[^"]*"/g, '').replace(/>\s+</g, '><'))),
    map: await drawing(page, 'atlas-map'),
    compare: await drawing(page, 'atlas-compare'),
  });
  const fresh: Record<string, Awaited<ReturnType<typeof shown>>> = {};
  for (const level of ['borough', 'ward']) {
    await page.goto(`atlas/?indicator=crime_robbery_rate&level=${level}`);
    await drawn(page, 'atlas-map', 'atlas-compare');
    fresh[level] = await shown();
  }
  expect(fresh.ward!.tables[0]).toContain('table-gap');
  await page.goto('atlas/?indicator=crime_burglary_rate&level=ward');
  await drawn(page, 'atlas-map', 'atlas-compare');
  fresh.burglary = await shown();
  // Two wards from the middle of the ranking: each one's row is shown between two gaps when selected.
  await page.locator('#atlas-map [data-action="all-rows"]').click();
  const all = page.locator('#atlas-map tbody tr td.col-code');
  const n = await all.count();
  const picked = [await all.nth(Math.floor(n / 2)).innerText(), await all.nth(Math.floor(n / 2) + 10).innerText()];
  for (const area of picked) {
    await page.goto(`atlas/?indicator=crime_burglary_rate&level=ward&area=${area}`);
    await drawn(page, 'atlas-map', 'atlas-compare');
    fresh[area] = await shown();
    expect(fresh[area].tables[0]).toContain('is-selected');
  }
  // The page's own table (the default view), rewritten for the borough view, then for the ward view and back.
  await page.goto('atlas/');
  await drawn(page, 'atlas-map');
  await page.locator('#indicator').selectOption('crime_robbery_rate');
  await drawn(page, 'atlas-map', 'atlas-compare');
  expect(await shown()).toEqual(fresh.borough);
  await page.locator('input[name=level][value=ward]').check();
  await drawn(page, 'atlas-map', 'atlas-compare');
  expect(await shown()).toEqual(fresh.ward);
  await page.evaluate(
    () =>
      ((window as unknown as { __shown: Element[] }).__shown = ['atlas-map', 'atlas-compare'].map((id) =>
        Array.from(document.querySelectorAll(`#${id} .fig-chart svg`)).find((svg) => svg.getClientRects().length)!,
      )),
  );
  await page.locator('input[name=level][value=borough]').check();
  await drawn(page, 'atlas-map', 'atlas-compare');
  expect(await shown()).toEqual(fresh.borough);
  await page.locator('input[name=level][value=ward]').check();
  await drawn(page, 'atlas-map', 'atlas-compare');
  // The same elements back in the page, not drawn again, and what a new page draws.
  expect(
    await page.evaluate(() =>
      ['atlas-map', 'atlas-compare'].map(
        (id, i) =>
          Array.from(document.querySelectorAll(`#${id} .fig-chart svg`)).find((svg) => svg.getClientRects().length) ===
          (window as unknown as { __shown: Element[] }).__shown[i],
      ),
    ),
  ).toEqual([true, true]);
  expect(await shown()).toEqual(fresh.ward);
  // A table the page made, rewritten in place for another indicator; then, with every row
  // shown, one area selected (Enter on it on the map), then another.
  await page.locator('#indicator').selectOption('crime_burglary_rate');
  await drawn(page, 'atlas-map', 'atlas-compare');
  expect(await shown()).toEqual(fresh.burglary);
  await page.locator('#atlas-map [data-action="all-rows"]').click();
  for (const area of picked) {
    await page.locator(`#atlas-map .fig-chart svg:visible path[data-code="${area}"]`).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`area=${area}`));
    await drawn(page, 'atlas-map', 'atlas-compare');
    expect(await shown()).toEqual(fresh[area]);
  }
  // The comparison turned off and on again: its drawing, still in its place, shown again.
  const visibleCompare = () => page.locator('#atlas-compare .fig-chart svg:visible');
  await visibleCompare().evaluate((svg) => ((window as unknown as { __compare: Element }).__compare = svg));
  const compare = await page.locator('select[name=compare]').inputValue();
  await page.locator('select[name=compare]').selectOption('');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-compare')).toBeHidden();
  await page.locator('select[name=compare]').selectOption(compare);
  await drawn(page, 'atlas-map', 'atlas-compare');
  expect(
    await visibleCompare().evaluate((svg) => svg === (window as unknown as { __compare: Element }).__compare),
  ).toBe(true);
  expect(await shown()).toEqual(fresh[picked[1]!]);
});

test('after a view is drawn, the same view at the borough and ward geographies is read in idle time, once the reader reaches for the controls, so a change of geography waits for no file', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto('atlas/', { waitUntil: 'networkidle' });
  await drawn(page, 'atlas-map');
  // A reader who only reads loads nothing ahead.
  expect(requested.filter((p) => p.includes('/data/atlas/'))).toEqual([]);
  await expect(page.locator('#atlas-map')).not.toHaveAttribute('data-ahead');
  await page.locator('#indicator').hover();
  await expect(page.locator('#atlas-map')).toHaveAttribute('data-warm', 'done');
  const compare = await page.locator('select[name=compare]').inputValue();
  expect(compare).not.toBe('');
  await page.locator('#indicator').selectOption('crime_robbery_rate');
  await drawn(page, 'atlas-map', 'atlas-compare');
  await expect(page.locator('#atlas-map')).toHaveAttribute('data-ahead', `crime_robbery_rate ${compare}`);
  const levels = await page
    .locator('input[name=level]:not([disabled])')
    .evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value));
  expect(levels).toContain('ward');
  for (const id of ['crime_robbery_rate', compare])
    expect(requested.filter((p) => p.endsWith(`/data/atlas/ward/${id}.json`))).toHaveLength(1);
  // Not the LSOAs' larger values files, read when asked for (their outlines and names are prepared in idle time).
  expect(requested.filter((p) => p.includes('/data/atlas/lsoa/') && !p.endsWith('/areas.json'))).toEqual([]);
  // Drawn in the task of the change event (its promises already settled): no frame is painted before the view is on the page.
  const before = requested.length;
  const states = await page.evaluate(
    () =>
      new Promise<(string | undefined)[]>((resolve) => {
        const r = document.querySelector<HTMLInputElement>('input[name=level][value=ward]')!;
        r.checked = true;
        r.dispatchEvent(new Event('change', { bubbles: true }));
        requestAnimationFrame(() =>
          resolve(['atlas-map', 'atlas-compare'].map((id) => document.getElementById(id)!.dataset.state)),
        );
      }),
  );
  expect(states).toEqual(['ready', 'ready']);
  await expect(page.locator('#atlas-map .fig-title')).toContainText('by ward');
  // (Chromium asks for the favicon again when the address changes.)
  expect(requested.slice(before).filter((p) => !p.endsWith('/favicon.svg'))).toEqual([]);
});

test('older vintages sit on their own boundaries, with the ranked table beside the map', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('atlas/?indicator=wp_male_le&level=ward2013&area=E05000026');
  await drawn(page, 'atlas-map');
  await expect(page.locator('input[name=level][value=ward2013]')).toBeChecked();
  await expect(page.locator('input[name=level][value=ward]')).toBeDisabled();
  await expect(page.locator('#atlas-map .fig-title')).toHaveText(
    'Male life expectancy at birth, by ward (2013 boundaries)',
  );
  await expect(page.locator('#atlas-map .fig-chart svg path[data-code]')).toHaveCount(
    geometries('wards_2013.topo.json'),
  );
  // Beside, not below: the table's box starts to the right of the map's and overlaps it vertically.
  const map = (await page.locator('#atlas-map .fig-chart').boundingBox())!;
  const table = (await page.locator('#atlas-map .fig-table .table-wrap').boundingBox())!;
  expect(table.x).toBeGreaterThan(map.x + map.width - 1);
  expect(table.y).toBeLessThan(map.y + map.height);
  // The selected ward's row is scrolled into the table's view.
  const row = page.locator('#atlas-map tr.is-selected');
  await expect(row).toContainText('Abbey');
  const wrap = page.locator('#atlas-map .fig-table .table-wrap');
  await wrap.scrollIntoViewIfNeeded();
  expect(await wrap.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  const [r, w] = [(await row.boundingBox())!, (await wrap.boundingBox())!];
  expect(r.y).toBeGreaterThanOrEqual(w.y);
  expect(r.y + r.height).toBeLessThanOrEqual(w.y + w.height);
  // Income is published for 2011 MSOAs, PTAL for 2014 wards.
  await page.locator('#indicator').selectOption('inc_msoa_household');
  await drawn(page, 'atlas-map');
  await expect(page.locator('input[name=level][value=msoa2011]')).toBeChecked();
  await expect(page.locator('#atlas-map .fig-chart svg path[data-code]')).toHaveCount(
    geometries('msoa_2011.topo.json'),
  );
  await page.locator('#indicator').selectOption('ptal_avg_ptai');
  await drawn(page, 'atlas-map');
  await expect(page.locator('input[name=level][value=ward2014]')).toBeChecked();
  await expect(page.locator('#atlas-map .fig-chart svg path[data-code]')).toHaveCount(
    geometries('wards_2014.topo.json'),
  );
});

test("a City of London ward has a profile with the City Police's crimes", async ({ page }) => {
  await page.goto('area/E05009289/');
  await expect(page.locator('h1')).toHaveText('Aldgate');
  await expect(page.locator('.lede')).toContainText("one of the City of London's 25 wards");
  await expect(page.locator('.lede')).toContainText('City of London Police recorded');
  await expect(page.locator('#area-E05009289-crime-trend .fig-subtitle')).toContainText('City of London Police');
  await expect(page.locator('#area-E05009289-crime-trend .fig-source')).toContainText('data.police.uk');
  await expect(page.locator('.caveat')).toContainText('No indicator is published for Aldgate at ward level');
  await expect(page.locator('.profile-table')).toHaveCount(0);
});

test('the area search is a keyboard combobox that highlights the area', async ({ page }) => {
  await page.goto('atlas/?indicator=crime_all_rate&level=ward');
  const input = page.locator('#area-search');
  // Typed at once, before or after the view in the address is applied: the search waits for it.
  await input.fill('Peckham');
  await expect(page.locator('#area-options [role=option][data-value]').first()).toContainText('Peckham');
  await expect(page.locator('#area-options [role=option]').first()).toBeVisible();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.press('ArrowDown');
  await expect(input).toHaveAttribute('aria-activedescendant', 'area-options-0');
  await input.press('Enter');
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .lca-selected')).toHaveCount(1);
  await expect(page).toHaveURL(/area=E05/);
  await expect(page.locator('#atlas-map .fig-description')).toContainText('Peckham');
  await expect(page.locator('#atlas-map tr.is-selected')).toHaveCount(1);
  await page.locator('#atlas-area-link a').click();
  await expect(page).toHaveURL(/area\/E05\d{6}\/$/);
  await expect(page.locator('h1')).toContainText('Peckham');
});

test('an area profile shows its values against London, its neighbours and links to the atlas', async ({ page }) => {
  const w = boroughRanking().of('E09000033');
  await page.goto('area/E09000033/');
  await expect(page.locator('h1')).toHaveText('Westminster');
  await expect(page.locator('.lede')).toContainText(
    `Recorded crime: All offences: crimes per 1,000 residents: ${w.rate1}`,
  );
  await expect(page.locator('.lede')).toContainText('Where it differs most from London');
  const row = page.locator('.profile-table tr', { hasText: 'All offences: crimes per 1,000 residents' });
  await expect(row.locator('td').first()).toHaveText(w.rate1);
  await expect(row).toContainText(w.rank);
  await page.locator('.neighbours a', { hasText: 'Camden' }).click();
  await expect(page).toHaveURL(/area\/E09000007\/$/);
  await page.locator('a', { hasText: 'See Camden on the atlas' }).click();
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .lca-selected')).toHaveCount(1);
  await expect(page.locator('#atlas-map .fig-description')).toContainText('Camden:');
});

test('hotspots: the worker recomputes for the view in the address, and the controls change it', async ({ page }) => {
  await page.goto('hotspots/?data=met-E09000033&method=gistar');
  await drawn(page, 'hotspots-map', 'hotspots-streets');
  // The status line is for problems only (it said "Recalculating…" while busy); a view the address names is not announced.
  await expect(page.locator('#hotspots-status')).toBeHidden();
  await expect(page.locator('#hotspots-status')).toHaveAttribute('data-ms', /^\d+$/);
  await expect(page.locator('#lca-announce')).toBeEmpty();
  await expect(page.locator('#hotspots-map .fig-title')).toHaveText(
    'Where crime concentrates in Westminster: Getis-Ord Gi* hot and cold spots',
  );
  await expect(page.locator('#hotspots-map .fig-description')).toContainText(
    'are hot spots at 90% confidence or more after the false discovery rate adjustment',
  );
  await expect(page.locator('#hotspots-streets .fig-title')).toHaveText('Hot streets in Westminster');
  await expect(page.locator('#method-card')).toContainText('Metropolitan Police Service, Westminster');
  await expect(page.locator('#hs-cell')).toHaveAttribute('placeholder', 'default (100)');
  // Only crime types with records are offered (the retired "Public disorder and weapons" has none here).
  await expect(page.locator('input[name=types][value=public-disorder-and-weapons]')).toHaveCount(0);
  // The controls show the view, and changing one recomputes and rewrites the address.
  await expect(page.locator('#hs-data')).toHaveValue('met-E09000033');
  await expect(page.locator('input[name=method][value=gistar]')).toBeChecked();
  await page.locator('#hs-cell').fill('200');
  await page.locator('#hs-cell').dispatchEvent('change');
  await drawn(page, 'hotspots-map');
  await expect(page).toHaveURL(/cell=200/);
  // A change the reader makes is announced in words: the map's title and its first sentence, no timings.
  await expect(page.locator('#lca-announce')).toHaveText(
    /^Where crime concentrates in Westminster: Getis-Ord Gi\* hot and cold spots\./,
  );
  await expect(page.locator('#hotspots-map .fig-subtitle')).toContainText('200 m cells');
  await page.locator('#hs-data').selectOption('met-E09000007');
  await drawn(page, 'hotspots-map');
  await expect(page).toHaveURL(/data=met-E09000007/);
  await expect(page.locator('#hotspots-map .fig-title')).toContainText('Camden');
  await expect(page.locator('#hs-from option')).toHaveCount(hotspots('met-E09000007').months);
  // Downloads follow the view: the CSV link is now a file made in the browser.
  const csv = page.locator('#hotspots-streets a[data-kind=csv]');
  await csv.focus();
  await expect(csv).toHaveAttribute('href', /^blob:/);
  expect(await csv.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text())).toMatch(/^Rank,/);
});

test('hotspots: a bad address falls back to the default and says what was not understood', async ({ page }) => {
  await page.goto('hotspots/?data=nowhere&method=hexbin&cell=-3');
  await drawn(page, 'hotspots-map');
  const statusBox = page.locator('#hotspots-status');
  await expect(statusBox).toContainText(
    `Some of the view could not be used (data set "nowhere" is not one of the ${hotspots().published} published; method "hexbin" is not kde, count or gistar; cell size "-3"`,
  );
  await expect(statusBox).toContainText('so defaults are shown for those parts.');
  await expect(page.locator('#hotspots-map .fig-title')).toHaveText(
    'Where crime concentrates in City of London: kernel density (KDE)',
  );
  await expect(page).not.toHaveURL(/hexbin/);
});

test('hotspots: choosing no crime type asks for one instead of computing', async ({ page }) => {
  await page.goto('hotspots/');
  for (const box of await page.locator('input[name=types]').all()) await box.uncheck();
  await expect(page.locator('#hotspots-status')).toHaveText('Choose at least one crime type.');
});

test('hotspots: an embed with a view in its address recomputes that view', async ({ page }) => {
  await page.goto('embed/hotspots-map/?data=met-E09000033&method=count');
  await drawn(page, 'hotspots-map');
  await expect(page.locator('#hotspots-map .fig-title')).toHaveText(
    'Where crime concentrates in Westminster: grid counts',
  );
  await expect(page.locator('h1')).toHaveText('Where crime concentrates in Westminster: grid counts');
});

test('hotspots: Hot Blocking on Westminster by crimes per 100 m, over the street network, with the OSM credit', async ({
  page,
}) => {
  await page.goto('hotspots/?data=met-E09000033&block=per100m');
  await drawn(page, 'hotspots-segments');
  await expect(page.locator('#hotspots-segments .fig-title')).toHaveText(
    'Hot Blocking: crime on the streets of Westminster',
  );
  await expect(page.locator('input[name=block][value=per100m]')).toBeChecked();
  await expect(page.locator('#hotspots-segments .fig-subtitle')).toContainText('crimes per 100 m');
  await expect(page.locator('#hotspots-segments svg:visible text[data-credit]')).toHaveText(
    '© OpenStreetMap contributors',
  );
  await expect(page.locator('#hotspots-segments .fig-source')).toContainText(['OpenStreetMap']);
  // Every planar map of a data set with a network draws it underneath (by reference to the shared drawing).
  for (const id of [
    'hotspots-map',
    'hotspots-streets',
    'hotspots-stability',
    'hotspots-spacetime',
    'hotspots-segments',
  ]) {
    await expect(page.locator(`#${id} svg:visible [data-base=network]`), id).toHaveCount(1);
  }
  // Switching the measure back recomputes and rewrites the address.
  await page.locator('input[name=block][value=count]').check();
  await drawn(page, 'hotspots-segments');
  await expect(page).not.toHaveURL(/block=/);
  await expect(page.locator('#hotspots-segments .fig-subtitle')).toContainText('their share of crime');
  // A borough without a network says so, and shows its wards instead.
  await page.locator('#hs-data').selectOption('met-E09000007');
  await drawn(page, 'hotspots-segments');
  await expect(page.locator('#hotspots-segments .fig-description')).toContainText(
    'There is no street network for Camden here',
  );
  await expect(page.locator('#hotspots-map svg:visible [data-base=wards]')).toHaveCount(1);
});

test('hotspots across London: the address and the buttons choose the LSOA measure; a bad value falls back and says so', async ({
  page,
}) => {
  await page.goto('hotspots/london/?lsoa=log');
  await expect(page.locator('#hotspots-lsoa-log')).toBeVisible();
  await expect(page.locator('#hotspots-lsoa')).toBeHidden();
  await page.locator('input[name=lsoa][value=rate]').check();
  await expect(page.locator('#hotspots-lsoa')).toBeVisible();
  await expect(page.locator('#hotspots-lsoa-log')).toBeHidden();
  await expect(page).not.toHaveURL(/lsoa=/);
  await page.goto('hotspots/london/?lsoa=eb');
  await expect(page.locator('#lsoa-status')).toContainText('LSOA measure "eb" is not rate or log');
  await expect(page.locator('#hotspots-lsoa')).toBeVisible();
});
