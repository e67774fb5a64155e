/**
 * Every interactive view, through the one controller and the one anatomy: after a change,
 * each of the view's figures shows the notes of the view it draws (those its own CSVW
 * metadata, made in the browser, carries), and its embed code, embed preview and downloads
 * follow the view in the address (the ZIP of its CSV with its notes, downloaded and opened).
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, type Page } from '@playwright/test';

interface Case {
  page: string;
  figures: string[];
  change: (page: Page) => Promise<unknown>;
}

const CASES: Record<string, Case> = {
  atlas: {
    page: 'atlas/',
    figures: ['atlas-map', 'atlas-compare'],
    change: (p) => p.locator('#indicator').selectOption('crime_robbery_rate'),
  },
  hotspots: {
    page: 'hotspots/',
    figures: ['hotspots-map', 'hotspots-streets', 'hotspots-pai'],
    change: (p) => p.locator('input[name=method][value=gistar]').check(),
  },
  explorer: {
    page: 'violence/explorer/',
    figures: ['explorer-months', 'explorer-types', 'explorer-map'],
    change: (p) => p.locator('#explorer-type-list input[value="Burglary"]').uncheck(),
  },
  neighbourhoods: {
    page: 'neighbourhoods/',
    figures: ['neighbourhoods-ranked', 'neighbourhoods-funnel', 'neighbourhoods-map'],
    change: (p) => p.locator('#nb-measure').selectOption('trust'),
  },
  'the ward comparator': {
    page: 'neighbourhoods/',
    figures: ['neighbourhoods-ward', 'neighbourhoods-ward-map'],
    change: async (p) => {
      await p.locator('#neighbourhoods-ward-search').fill('Bush Hill Park');
      await p.locator('#neighbourhoods-ward-options [role=option]').first().click();
    },
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`${name}: after a change, each figure shows its view's notes, and its embed code and downloads follow the view`, async ({
    page,
  }) => {
    await page.goto(c.page, { waitUntil: 'networkidle' });
    const before = await page.locator(`#${c.figures[0]} .embed-code`).inputValue();
    await c.change(page);
    for (const id of c.figures)
      await expect(page.locator(`#${id}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page).toHaveURL(/\?./);
    const query = new URL(page.url()).search;
    for (const id of c.figures) {
      const fig = page.locator(`#${id}`);
      const code = await fig.locator('.embed-code').inputValue();
      expect(code, id).toContain(`/embed/${id}/${query.replace(/&/g, '&amp;')}"`);
      expect(
        (await fig.locator('a[data-kind=preview]').getAttribute('href'))?.endsWith(`/embed/${id}/${query}`),
        id,
      ).toBe(true);
      // The view's own metadata, made in the browser: its notes are the ones on show, and it names the view's address.
      const csvw = fig.locator('a[data-kind=csvw]');
      await csvw.focus();
      await expect(csvw).toHaveAttribute('href', /^blob:/);
      const meta = await csvw.evaluate(
        async (a: HTMLAnchorElement) =>
          (await fetch(a.href)).json() as Promise<{ notes: { 'rdfs:comment': string }[]; 'schema:url': string }>,
      );
      const shown = await fig.locator('.fig-notes li').allTextContents();
      expect(shown, id).toEqual(meta.notes.map((n) => n['rdfs:comment']));
      await expect(fig.locator('.fig-notes'), id).toBeVisible();
      expect(meta['schema:url'], id).toContain(query);
    }
    // The CSV with its notes, made for the view when the reader follows the link: the view's CSV, and a README with its address and notes.
    const first = page.locator(`#${c.figures[0]}`);
    const csv = first.locator('a[data-kind=csv]');
    await csv.focus();
    await expect(csv).toHaveAttribute('href', /^blob:/);
    const viewCsv = await csv.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
    // Followed from the keyboard (Enter on the focused link), as a mouse click follows it.
    await first.locator('a[data-kind=zip]').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const zip = unzipSync(readFileSync(await download.path()));
    const name = download.suggestedFilename().replace(/\.zip$/, '');
    expect(strFromU8(zip[`${name}.csv`]!)).toBe(viewCsv);
    const readme = strFromU8(zip['README.txt']!);
    expect(readme).toContain(query);
    for (const note of await first.locator('.fig-notes li').allTextContents()) expect(readme).toContain(note);
    expect(await page.locator(`#${c.figures[0]} .embed-code`).inputValue()).not.toBe(before);
  });
}
