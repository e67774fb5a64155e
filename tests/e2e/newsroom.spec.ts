/**
 * What a journalist and a reader meet: embeds pasted into light and dark articles at
 * 320 and 640 px, the host page choosing the theme, maps used from the keyboard, the
 * area search across geographies, and the printed page (no page wider than the screen:
 * sweep.spec.ts).
 */
import { test, expect, type Page } from '@playwright/test';
import { drawn as scrolledTo } from './drawings.ts';

async function drawn(page: Page, ...ids: string[]): Promise<void> {
  for (const id of ids)
    await expect(page.locator(`#${id}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

/**
 * An article page with one embed in a column: a document of its own (served by the test, not
 * one of the site's pages rewritten, which would keep the site's Content Security Policy).
 */
async function host(
  page: Page,
  baseURL: string,
  embed: string,
  column: number,
  theme: 'light' | 'dark',
  attr = true,
): Promise<void> {
  const bg = theme === 'dark' ? '#111111' : '#ffffff';
  await page.setViewportSize({ width: column + 40, height: 900 });
  const url = `${baseURL}__article.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body:
        `<!doctype html><html><body style="background:${bg};margin:20px"><div style="width:${column}px">` +
        `<iframe src="${baseURL}${embed}" title="t" width="100%" height="640" style="border:0;width:100%" data-lca-embed${attr ? ` data-theme="${theme}"` : ''}></iframe>` +
        `</div><script src="${baseURL}embed.js"></script></body></html>`,
    }),
  );
  await page.goto(url);
}

const frameOf = (page: Page) => page.frames().find((f) => f.url().includes('/embed/'))!;

for (const column of [320, 640]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`an embed in a ${theme} ${column} px article is compact, themed by the article and fits the column`, async ({
      page,
      baseURL,
    }) => {
      await host(page, baseURL!, 'embed/mps-borough-rates/', column, theme);
      const iframe = page.locator('iframe');
      // The height follows the compact figure (title, chart, one source line, "more").
      await expect.poll(async () => (await iframe.boundingBox())!.height).not.toBe(640);
      const f = frameOf(page);
      await expect.poll(() => f.evaluate(() => document.documentElement.dataset.theme ?? 'auto')).toBe(theme);
      const bg = await f.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg).toBe(theme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(255, 255, 255)');
      const h = (await iframe.boundingBox())!.height;
      const chart = await f.locator('.fig-chart svg:visible').first().boundingBox();
      // Compact: the chart is most of the embed; description, table and downloads are behind one click.
      // (the title, subtitle and source line wrap to more lines in a narrow column)
      expect(h).toBeLessThan(chart!.height + (column < 400 ? 420 : 300));
      await expect(f.locator('details.fig-more')).not.toHaveAttribute('open');
      await expect(f.locator('.fig-source-short')).toContainText('Source:');
      expect(await f.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      // The status line of an interactive view never shows timings.
      expect(await f.locator('body').innerText()).not.toMatch(/\d+ ms\b/);
    });
  }
}

test("the host page can change an embed's theme after it loaded, and ?theme and ?full work without the script", async ({
  page,
  baseURL,
}) => {
  await host(page, baseURL!, 'embed/mps-monthly-total/', 640, 'light', false);
  const f = () => frameOf(page);
  await expect.poll(async () => (await page.locator('iframe').boundingBox())!.height).not.toBe(640);
  await page.evaluate(() =>
    (window as unknown as { LCAEmbed: { setTheme: (t: string) => void } }).LCAEmbed.setTheme('dark'),
  );
  await expect.poll(() => f().evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.locator('iframe').evaluate((el) => el.setAttribute('data-theme', 'light'));
  await expect.poll(() => f().evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  // A message from anyone but the containing page is ignored: a sibling frame asks for light, then the
  // article for auto; once auto has arrived (so has the sibling's, sent first), light was never applied.
  await f().evaluate(() => {
    const w = window as unknown as { __themes: string[] };
    w.__themes = [];
    new MutationObserver(() => w.__themes.push(document.documentElement.dataset.theme ?? 'auto')).observe(
      document.documentElement,
      { attributes: true, attributeFilter: ['data-theme'] },
    );
  });
  await page.evaluate(() => {
    const sib = document.createElement('iframe');
    sib.srcdoc = '<p>another frame</p>';
    document.body.append(sib);
    return new Promise<void>((res) => (sib.onload = () => res()));
  });
  await page.evaluate(() => {
    const [embed, sibling] = Array.from(document.querySelectorAll('iframe'));
    (sibling!.contentWindow as unknown as { eval: (code: string) => void }).eval(
      `parent.frames[0].postMessage({ type: 'lca-embed-theme', theme: 'dark' }, '*')`,
    );
    void embed;
    (window as unknown as { LCAEmbed: { setTheme: (t: string) => void } }).LCAEmbed.setTheme('auto');
  });
  await expect.poll(() => f().evaluate(() => document.documentElement.dataset.theme ?? 'auto')).toBe('auto');
  expect(await f().evaluate(() => (window as unknown as { __themes: string[] }).__themes)).toEqual(['auto']);
  // The address options work without the script; a page's own message to itself is ignored too.
  await page.goto('embed/mps-monthly-total/?theme=dark&full');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await expect(page.locator('details.fig-more')).toHaveAttribute('open', '');
});

test('legend text in a 320 px column is at least 11 px, and the ranked table keeps its value column', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ['embed/mps-borough-rate-map/', 'embed/atlas-map/', 'embed/national-csp-boroughs-2025-06/']) {
    await page.goto(path);
    const sizes = await page
      .locator('.fig-chart svg:visible')
      .first()
      .evaluate((svg: SVGSVGElement) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('.lca-legend text, [aria-label="y-axis tick label"] text')).map(
          (t) => parseFloat(getComputedStyle(t).fontSize) * scale,
        );
      });
    expect(sizes.length, path).toBeGreaterThan(0);
    expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(11);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), path).toBe(true);
  }
  await page.goto('embed/atlas-map/');
  await page.locator('details.fig-more > summary').click();
  const last = page.locator('.fig-table table thead th').last();
  const box = await last.boundingBox();
  const wrap = await page.locator('.fig-table .table-wrap').boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(wrap!.x + wrap!.width + 1);
});

test('the embed code and the links from an embed keep the view', async ({ page }) => {
  await page.goto('atlas/?indicator=crime_burglary_rate&level=ward&area=E05013570');
  await drawn(page, 'atlas-map');
  const code = await page.locator('#atlas-map .embed-code').inputValue();
  expect(code).toContain('embed/atlas-map/?indicator=crime_burglary_rate');
  expect(code).toMatch(/title="Burglary[^"]*by ward/);
  expect(
    await page.locator('#atlas-map .embed-panel a', { hasText: 'Preview the embed' }).getAttribute('href'),
  ).toContain('?indicator=crime_burglary_rate');
  await page.goto('embed/atlas-map/?indicator=crime_burglary_rate&level=ward&theme=dark');
  await drawn(page, 'atlas-map');
  const open = await page.locator('a[data-kind=open]').getAttribute('href');
  expect(open).toMatch(/atlas\/\?indicator=crime_burglary_rate&level=ward/);
  expect(open).not.toContain('theme=');
});

test('a map is one tab stop: arrow keys move between neighbouring areas, Enter selects, and a link skips it', async ({
  page,
}) => {
  await page.goto('atlas/');
  await scrolledTo(page.locator('#atlas-map'));
  const areas = page.locator('#atlas-map .fig-variant:visible g.lca-areas > path');
  expect(await page.locator('#atlas-map .fig-variant:visible g.lca-areas > path[tabindex="0"]').count()).toBe(1);
  expect(await areas.count()).toBeGreaterThan(30);
  await page.locator('#atlas-map .skip-map').focus();
  await expect(page.locator('#atlas-map .skip-map')).toBeVisible();
  // The next stops lead into the map (one stop for all its areas).
  for (let i = 0; i < 3 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-code'))); i++)
    await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.getAttribute('data-code'));
  expect(first).toMatch(/^E09/);
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('data-code'));
  expect(second).toMatch(/^E09/);
  expect(second).not.toBe(first);
  // The area to the right has its centre further right.
  const cx = (code: string) =>
    page
      .locator(`#atlas-map .fig-variant:visible path[data-code="${code}"]`)
      .evaluate((p: SVGPathElement) => p.getBBox().x + p.getBBox().width / 2);
  expect(await cx(second!)).toBeGreaterThan(await cx(first!));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`area=${second}`));
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .fig-description')).toContainText(':');
  // The announcement names the view.
  await expect(page.locator('#lca-announce')).not.toBeEmpty();
  // The skip link passes the map: the next stop after it is not an area.
  await page.locator('#atlas-map .skip-map').press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('g.lca-areas'))).toBeNull();
});

test('the area search finds an area at any geography and switches to it', async ({ page }) => {
  await page.goto('atlas/');
  const input = page.locator('#area-search');
  await input.fill('Peckham');
  const option = page.locator('#area-options li', { hasText: /Peckham \(ward, E05\d+\)/ }).first();
  await expect(option).toBeVisible();
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect(page).toHaveURL(/level=ward/);
  await expect(page).toHaveURL(/area=E05/);
  await drawn(page, 'atlas-map');
  await expect(page.locator('#atlas-map .fig-title')).toContainText('by ward');
  await expect(page.locator('#atlas-map .lca-selected')).toHaveCount(1);
});

test('the print stylesheet leaves out navigation and buttons and prints source addresses', async ({ page }) => {
  await page.goto('');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-nav')).toBeHidden();
  await expect(page.locator('.fig-actions').first()).toBeHidden();
  const after = await page
    .locator('.fig-source a[href^="http"]')
    .first()
    .evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toMatch(/http/);
  expect(
    await page
      .locator('.lca-figure')
      .first()
      .evaluate((e) => getComputedStyle(e).breakInside),
  ).toBe('avoid');
});
