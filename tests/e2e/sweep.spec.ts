/**
 * Every page the sitemap lists (the area profiles by a sample: they are one template) and a
 * sample of the embed pages (one of each kind of chart, and the extremes: tests/e2e/pages.ts),
 * each loaded once: its figures drawn, no request to another origin, no script error, no
 * Content Security Policy violation, no axe WCAG 2.2 AA violation in the light and the dark
 * theme, no horizontal overflow at 320, 375, 640 and 1,280 px (the page resized, not reloaded),
 * and no chart text on other text, off its chart or under 11 px at 320, 640 and 1,280 px.
 * A sample of page kinds is loaded again with JavaScript off: figures and tables still show,
 * and the buttons that need script do not.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { cspViolations } from './csp.ts';
import { findClashes, smallText } from './labels.ts';
import { drawAll } from './drawings.ts';
import { e2eEmbedPaths, e2ePagePaths, sitemapPaths } from './pages.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SITEMAP = new Set(sitemapPaths());

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
}

/**
 * At each width (the page resized in place, laid out again, and the drawing of each chart's new
 * band in): the page's width against the window's, and, at 320, 640 and 1,280 px, text in a chart
 * that overlaps other text, runs off the chart, or is shown under 11 px (tests/e2e/labels.ts).
 */
async function atWidths(page: Page, path: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const width of [320, 375, 640, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    // Two frames: a resize observer's fetch of another band's drawing is asked for in the frame after the layout.
    const [sw, iw] = await page.evaluate(
      () =>
        new Promise<[number, number]>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve([document.documentElement.scrollWidth, innerWidth])),
          ),
        ),
    );
    if (sw > iw) wrong.push(`${path} at ${width} px: ${sw} px wide`);
    if (width === 375) continue;
    await page.waitForFunction(() => !document.querySelector('[data-drawing]'));
    for (const t of await page.evaluate(smallText, 11))
      wrong.push(`${path} at ${width} px, ${t.figure}: "${t.text}" drawn at ${t.px.toFixed(1)} px (under 11)`);
    for (const c of await page.evaluate(findClashes, 1))
      wrong.push(
        `${path} at ${width} px, ${c.figure} (${c.kind}, ${c.width} px): "${c.a}" on "${c.b}" by ${c.dx.toFixed(1)} × ${c.dy.toFixed(1)} px`,
      );
  }
  return wrong;
}

for (const path of [...e2ePagePaths(), ...e2eEmbedPaths()]) {
  test(`/${path}: figures drawn, axe-clean in light and dark, within the window at 320 to 1280 px with no chart text overlapping, nothing from elsewhere`, async ({
    page,
    baseURL,
  }) => {
    // Axe over a map of hundreds of areas, twice, takes a while on two shared cores (the ward map: about 45 s).
    test.setTimeout(180_000);
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== new URL(baseURL!).origin) outside.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const violations = await cspViolations(page);
    await page.emulateMedia({ colorScheme: 'light' });
    const res = await page.goto(path, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await expect(page.locator('meta[http-equiv=content-security-policy]')).toHaveAttribute(
      'content',
      /script-src 'self'/,
    );
    // Every drawing fetched (a page fetches those near the viewport); figures a page hides are left out.
    await drawAll(page);
    const figures = page.locator('[data-figure]:visible');
    for (let i = 0; i < (await figures.count()); i++) {
      const chart = figures.nth(i).locator('.fig-chart svg:visible').first();
      await expect(chart).toBeVisible();
      expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    }
    // Every table and panel open, so that axe checks them too; pages in both themes, embeds (the same figure markup) in light.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await axe(page)).toEqual([]);
    if (SITEMAP.has(path)) {
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axe(page)).toEqual([]);
    }
    // Last, with every panel open: a chart drawn again for a new width cannot be caught half made by the checks above.
    expect(await atWidths(page, path)).toEqual([]);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    expect(await violations()).toEqual([]);
  });
}

/** One page of each kind (the figure markup is the build's, checked for every page by tests/build). */
const WITHOUT_SCRIPT = [
  '',
  'national/',
  'atlas/',
  'hotspots/',
  'hotspots/london/',
  'violence/explorer/',
  'neighbourhoods/',
  'area/E05013570/',
  'embed/atlas-map/',
  'embed/mps-monthly-total/',
];

test('with JavaScript off, a page of each kind shows its figures and tables, and no button that needs script', async ({
  browser,
  baseURL,
}) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await ctx.newPage();
  for (const path of WITHOUT_SCRIPT) {
    await page.goto(path);
    const figures = page.locator('[data-figure]');
    expect(await figures.count(), path).toBeGreaterThan(0);
    for (let i = 0; i < (await figures.count()); i++) {
      const fig = figures.nth(i);
      const img = fig.locator('.fig-chart img:visible').first();
      await expect(img, path).toBeVisible();
      expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), path).toBe(true);
      expect(await fig.locator('.fig-table table tbody tr').count(), path).toBeGreaterThan(0);
      for (const b of await fig.locator('[data-action=png]').all()) await expect(b, path).toBeHidden();
    }
  }
  await ctx.close();
});
