/**
 * Checks on the built site in dist/ (run `npm run build` first): base path on every
 * link and asset, embed pages without site chrome, every figure complete, budgets.
 */
import { monthLong } from '../../src/lib/format.ts';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { checkSvgXml } from '../support/xml.ts';

const DIST = 'dist';
const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = existsSync(DIST) ? walk(DIST) : [];
const htmlFiles = files.filter((f) => f.endsWith('.html'));
const doc = (f: string) => parseHTML(readFileSync(f, 'utf8')).document;
/** dist path of a URL path under the base. */
const distPath = (url: string) => {
  const p = url.split('#')[0]!.split('?')[0]!.slice(BASE.length);
  return join(DIST, p.endsWith('/') || p === '' ? join(p, 'index.html') : p);
};

const embeds = htmlFiles.filter((f) => f.includes(`${DIST}/embed/`) && f !== join(DIST, 'embed', 'index.html'));
const pages = htmlFiles.filter((f) => !embeds.includes(f) && !f.endsWith('404.html'));

describe('the built site', () => {
  it('exists (run npm run build first)', () => {
    expect(htmlFiles.length).toBeGreaterThan(0);
  });

  it('puts the base path on every internal link, asset and form, and every target exists, down to the #fragment', () => {
    // Ids by page, read once: a link to page#x needs an element with id x there.
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (!set)
        ids.set(
          file,
          (set = new Set(Array.from(readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g), (m) => m[1]!))),
        );
      return set;
    };
    let fragments = 0;
    for (const f of htmlFiles) {
      const d = doc(f);
      for (const el of Array.from(d.querySelectorAll('[href],[src],[action]'))) {
        const url = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action')!;
        if (/^(https?:|mailto:|data:)/.test(url)) continue;
        const hash = url.includes('#') ? decodeURIComponent(url.slice(url.indexOf('#') + 1)) : '';
        if (!url.startsWith('#')) {
          expect(url, `${relative(DIST, f)}: ${el.tagName} ${url}`).toMatch(new RegExp(`^${BASE}`));
          expect(existsSync(distPath(url)), `${relative(DIST, f)} links to missing ${url}`).toBe(true);
        }
        if (hash && hash !== 'top') {
          fragments++;
          expect(
            idsOf(url.startsWith('#') ? f : distPath(url)).has(hash),
            `${relative(DIST, f)} links to ${url}, which has no element with id "${hash}"`,
          ).toBe(true);
        }
      }
    }
    expect(fragments).toBeGreaterThan(0);
  });

  it('escapes every JSON embedded in a page: no "<", ">" or "&" a data string could use to end its script element', () => {
    let seen = 0;
    for (const f of htmlFiles) {
      const html = readFileSync(f, 'utf8');
      for (const m of html.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)) {
        seen++;
        expect(m[1], f).not.toMatch(/[<>&\u2028\u2029]/);
        expect(() => void JSON.parse(m[1]!), f).not.toThrow();
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('gives every page a Content Security Policy that allows exactly its own inline scripts, by hash, and a referrer policy', () => {
    let inline = 0;
    for (const f of htmlFiles) {
      const html = readFileSync(f, 'utf8');
      const where = relative(DIST, f);
      // First in <head> after the character set, before anything that loads.
      expect(html, where).toMatch(
        /<head><meta charset="?utf-8"?\s*\/?><meta http-equiv="content-security-policy" content="[^"]+"><meta name="referrer" content="no-referrer">/i,
      );
      const d = doc(f);
      const policy = d.querySelector('meta[http-equiv=content-security-policy]')!.getAttribute('content')!;
      const directives = new Map(
        policy
          .split(';')
          .map((p) => p.trim().split(/\s+/))
          .map(([k, ...v]) => [k!, v]),
      );
      expect(directives.get('default-src'), where).toEqual(["'self'"]);
      expect(directives.get('object-src'), where).toEqual(["'none'"]);
      expect(policy, where).not.toMatch(/unsafe-eval|\*|https?:/);
      const scriptSrc = directives.get('script-src')!;
      expect(scriptSrc, where).not.toContain("'unsafe-inline'");
      // An independent reading: the scripts the browser runs in this page, hashed.
      const run = Array.from(d.querySelectorAll('script:not([src])')).filter((e) =>
        ['', 'module', 'text/javascript'].includes(e.getAttribute('type') ?? ''),
      );
      inline += run.length;
      const hashes = new Set(
        run.map(
          (e) =>
            `'sha256-${createHash('sha256')
              .update((e.textContent ?? '').replace(/\r\n?/g, '\n'))
              .digest('base64')}'`,
        ),
      );
      expect(new Set(scriptSrc.filter((x) => x.startsWith("'sha256-"))), where).toEqual(hashes);
    }
    expect(inline).toBeGreaterThanOrEqual(htmlFiles.length);
  });

  it('writes numbers, not display strings, in every number column of every figure CSV, and declares every column its CSVW metadata names', () => {
    let checked = 0;
    for (const meta of files.filter((f) => f.endsWith('.csv-metadata.json'))) {
      const m = JSON.parse(readFileSync(meta, 'utf8')) as {
        url: string;
        tableSchema: { columns: { name: string; titles: string; datatype: string }[] };
      };
      const csv = join(dirname(meta), m.url);
      const rows = parseCsv<Record<string, string>>(readFileSync(csv, 'utf8'), { columns: true, bom: true });
      for (const col of m.tableSchema.columns) {
        expect(Object.keys(rows[0] ?? { [col.titles]: '' }), `${relative(DIST, csv)}: column ${col.titles}`).toContain(
          col.titles,
        );
        if (col.datatype !== 'number' && col.datatype !== 'integer') continue;
        for (const [i, r] of rows.entries()) {
          checked++;
          // A plain decimal number or an empty cell (no value): no thousands separators, units, signs in words or Unicode minus.
          expect(r[col.titles], `${relative(DIST, csv)} row ${i + 2}, column ${col.titles}`).toMatch(
            /^(-?\d+(\.\d+)?(e[+-]?\d+)?)?$/,
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('makes no reference to another origin in scripts, styles or images', () => {
    for (const f of htmlFiles) {
      const d = doc(f);
      for (const el of Array.from(d.querySelectorAll('script[src],link[rel=stylesheet],img[src],iframe[src]'))) {
        const url = el.getAttribute('src') ?? el.getAttribute('href')!;
        expect(url, relative(DIST, f)).not.toMatch(/^(https?:)?\/\//);
      }
    }
  });

  it('gives every figure on a page its table, source, downloads and an embed page', () => {
    let n = 0;
    for (const f of pages) {
      for (const fig of Array.from(doc(f).querySelectorAll('[data-figure]'))) {
        n++;
        const id = fig.getAttribute('data-figure')!;
        const where = `${relative(DIST, f)} #${id}`;
        expect(fig.querySelector('.fig-title')?.textContent?.length, where).toBeGreaterThan(10);
        expect(fig.querySelector('.fig-subtitle')?.textContent?.length, where).toBeGreaterThan(10);
        expect(fig.querySelector('.fig-chart svg[role=img][aria-label]'), where).not.toBeNull();
        expect(fig.querySelector('.fig-description')?.textContent?.length, where).toBeGreaterThan(60);
        const table = fig.querySelector('.fig-table table');
        expect(table?.querySelector('caption')?.textContent, where).toBeTruthy();
        expect(table?.querySelectorAll('thead th').length, where).toBeGreaterThan(1);
        expect(table?.querySelectorAll('tbody tr').length, where).toBeGreaterThan(0);
        expect(fig.querySelector('.fig-source')?.textContent, where).toMatch(/Source: .*Licence/i);
        expect(fig.querySelector('.fig-source')?.textContent, where).toMatch(
          /\((data to|data for|Census Day|boundaries of)[ ,]/,
        );
        // The CSV and its metadata: under the id, or the view's name for a view (the name the download gets).
        const csvHref = fig.querySelector('a[data-kind=csv]')?.getAttribute('href') ?? '';
        expect(csvHref, where).toMatch(new RegExp(`^${BASE}figures/[A-Za-z0-9-]+\\.csv$`));
        expect(fig.querySelector('a[data-kind=csv]')?.getAttribute('download'), where).toBe(
          csvHref.slice(`${BASE}figures/`.length),
        );
        expect(existsSync(join(DIST, csvHref.slice(BASE.length))), where).toBe(true);
        const meta = JSON.parse(
          readFileSync(join(DIST, csvHref.slice(BASE.length).replace(/\.csv$/, '.csv-metadata.json')), 'utf8'),
        ) as { url: string };
        expect(existsSync(join(DIST, 'figures', meta.url)), `${where}: CSVW url ${meta.url}`).toBe(true);
        expect(fig.querySelector(`a[href="${BASE}figures/${id}.svg"]`), where).not.toBeNull();
        expect(fig.querySelector('[data-action=png]'), where).not.toBeNull();
        const code = fig.querySelector('.embed-code')?.textContent ?? '';
        expect(code, where).toContain(`${BASE}embed/${id}/`);
        expect(code, where).toContain(`${BASE}embed.js`);
        expect(existsSync(join(DIST, 'embed', id, 'index.html')), where).toBe(true);
        // The CSV download is exactly the table: same number of rows (data-rows), all shown unless the caption says how many are.
        const csv = readFileSync(join(DIST, 'figures', `${id}.csv`), 'utf8')
          .trim()
          .split('\n');
        expect(csv.length - 1, where).toBe(Number(fig.getAttribute('data-rows')));
        const shown = table!.querySelectorAll('tbody tr:not(.table-gap)').length;
        if (shown < csv.length - 1)
          expect(table!.querySelector('caption')!.textContent, where).toMatch(
            new RegExp(
              `${shown.toLocaleString('en-GB')} of ${(csv.length - 1).toLocaleString('en-GB')} rows; the CSV download has them all`,
            ),
          );
        else expect(shown, where).toBe(csv.length - 1);
      }
    }
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it('publishes every figure SVG as a standalone, well-formed image in the SVG namespace, titled and sourced', () => {
    const files = readdirSync(join(DIST, 'figures')).filter((f) => f.endsWith('.svg'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(join(DIST, 'figures', file), 'utf8');
      const size = checkSvgXml(text, file);
      expect(size.width * size.height, file).toBeGreaterThan(0);
      expect(text, file).not.toContain('var(--');
      const meta = JSON.parse(
        readFileSync(join(DIST, 'figures', file.replace(/\.svg$/, '.csv-metadata.json')), 'utf8'),
      ) as { 'dc:title': string; 'dc:source': { 'dc:license': string }[] };
      const words = text.replace(/<[^>]+>/g, ' ');
      expect(words, file).toContain('Source: ');
      expect(words, file).toContain(meta['dc:source'][0]!['dc:license'].split(' ')[0]);
      expect(words, file).toContain('London Crime Analysis · ');
    }
    for (const file of readdirSync(join(DIST, 'figures', 'base')))
      checkSvgXml(readFileSync(join(DIST, 'figures', 'base', file), 'utf8'), file);
  });

  it('gives every page and embed its own link preview, drawn from a figure, with the Open Graph and Twitter card fields', () => {
    const seen = new Set<string>();
    for (const f of [...pages, ...embeds]) {
      const d = doc(f);
      const meta = (k: string) => d.querySelector(`meta[property="${k}"], meta[name="${k}"]`)?.getAttribute('content');
      for (const k of ['og:title', 'og:description', 'og:url', 'og:site_name', 'og:image', 'og:image:alt'])
        expect(meta(k), `${f} ${k}`).toBeTruthy();
      expect(meta('twitter:card'), f).toBe('summary_large_image');
      const img = new URL(meta('og:image')!).pathname;
      expect(img, f).toMatch(new RegExp(`^${BASE}previews/[a-z0-9-]+\\.png$`));
      const file = join(DIST, img.slice(BASE.length));
      expect(existsSync(file), `${f}: ${img}`).toBe(true);
      if (!embeds.includes(f)) seen.add(img);
      // Embed pages point search engines and previews at the figure's page.
      if (embeds.includes(f))
        expect(d.querySelector('link[rel=canonical]')?.getAttribute('href'), f).not.toMatch(/\/embed\//);
    }
    // One image per page: no two pages share one.
    expect(seen.size).toBe(pages.length);
    const png = readFileSync(join(DIST, 'previews', 'home.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('serves embed pages with the figure, no site navigation, noindex and indexifembedded', () => {
    expect(embeds.length).toBeGreaterThanOrEqual(4);
    for (const f of embeds) {
      const d = doc(f);
      expect(d.querySelector('nav, header.site-header, footer.site-footer'), f).toBeNull();
      expect(d.querySelector('meta[name=robots]')?.getAttribute('content'), f).toBe('noindex, indexifembedded');
      expect(d.querySelectorAll('[data-figure] svg').length, f).toBeGreaterThan(0);
      expect(d.querySelector('[data-figure] .fig-table table'), f).not.toBeNull();
    }
  });

  it('lists only working pages in the navigation and the sitemap', () => {
    const home = doc(join(DIST, 'index.html'));
    const nav = Array.from(home.querySelectorAll('nav a')).map((a) => a.getAttribute('href')!);
    expect(nav).toEqual([
      BASE,
      `${BASE}national/`,
      `${BASE}atlas/`,
      `${BASE}hotspots/`,
      `${BASE}violence/`,
      `${BASE}neighbourhoods/`,
      `${BASE}methods/`,
    ]);
    const sitemap = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(locs.slice(0, nav.length)).toEqual(nav);
    // Every earlier ONS release has its own page; the latest is /national/.
    const releases = [
      ...new Set(
        parseCsv<Record<string, string>>(readFileSync('data/derived/ons_pfa_releases.csv'), { columns: true }).map(
          (r) => r.period_end!,
        ),
      ),
    ].sort();
    expect(releases.length).toBeGreaterThan(1);
    expect(locs.filter((l) => l.startsWith(`${BASE}national/2`))).toEqual(
      releases.slice(0, -1).map((p) => `${BASE}national/${p}/`),
    );
    // Every borough and every ward with published data has a profile page.
    const areas = (f: string) => readFileSync(`data/derived/${f}`, 'utf8').trim().split('\n').length - 1;
    expect(locs.filter((l) => l.startsWith(`${BASE}area/`))).toHaveLength(
      areas('atlas_borough.csv') + areas('atlas_ward.csv'),
    );
    for (const l of locs) expect(existsSync(distPath(l))).toBe(true);
    // Every indexable page is in the sitemap.
    for (const f of pages) expect(locs, f).toContain(BASE + relative(DIST, f).replace(/index\.html$/, ''));
  });

  it('names the latest month on the home page and in every figure that depends on it', () => {
    // The latest month is the last month column of the derived MPS file.
    const header = readFileSync('data/derived/mps_borough_monthly.csv', 'utf8').split('\n', 1)[0]!.split(',');
    const latest = monthLong(header.filter((h) => /^\d{4}-\d{2}$/.test(h)).at(-1)!);
    const home = doc(join(DIST, 'index.html'));
    expect(home.querySelector('.kicker')?.textContent).toContain(latest);
    for (const fig of Array.from(home.querySelectorAll('[data-figure]'))) {
      expect(fig.textContent, fig.getAttribute('data-figure')!).toContain(latest);
    }
  });

  it('publishes every derived file and the manifest for download, with row counts on the methods page', () => {
    const manifest = JSON.parse(readFileSync('data/derived/manifest.json', 'utf8')) as {
      outputs: { file: string; rows: number }[];
    };
    const methods = doc(join(DIST, 'methods/index.html'));
    for (const o of manifest.outputs) {
      expect(readFileSync(join(DIST, 'data', o.file))).toEqual(readFileSync(join('data/derived', o.file)));
      const row = Array.from(methods.querySelectorAll('table.data-files tbody tr')).find(
        (tr) => tr.querySelector('th')?.textContent?.trim() === o.file,
      );
      expect(row?.textContent, o.file).toContain(o.rows.toLocaleString('en-GB'));
    }
  });
});

describe('size budgets (bytes, gzip)', () => {
  /** HTML plus the CSS and JS it loads before any interaction. */
  function firstView(htmlFile: string): { html: number; assets: number } {
    const text = readFileSync(htmlFile, 'utf8');
    const d = parseHTML(text).document;
    let assets = 0;
    for (const el of Array.from(d.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload]'))) {
      const url = el.getAttribute('src') ?? el.getAttribute('href')!;
      assets += gzipSync(readFileSync(distPath(url))).length;
    }
    return { html: gzipSync(text).length, assets };
  }
  it('keeps the home page first view within 120 KB', () => {
    const { html, assets } = firstView(join(DIST, 'index.html'));
    expect(html + assets).toBeLessThanOrEqual(120 * 1024);
  });
  // The atlas (a map and a ranked table of hundreds of areas) and the confidence comparator (four maps, each drawn at two widths for narrow and wide screens): 150 KB.
  const MAP_PAGES = ['/atlas/', '/neighbourhoods/'];
  it("keeps every page's first view within 120 KB, the atlas and the confidence comparator within 150 KB", () => {
    for (const f of pages) {
      const { html, assets } = firstView(f);
      expect(html + assets, f).toBeLessThanOrEqual((MAP_PAGES.some((p) => f.includes(p)) ? 150 : 120) * 1024);
    }
  });
  it('keeps the atlas at LSOA level (page, map code, boundaries, areas and one indicator) within 350 KB', () => {
    const { html, assets } = firstView(join(DIST, 'atlas/index.html'));
    const lazy = ['data/lsoa_2021.topo.json', 'data/atlas/lsoa/areas.json', 'data/atlas/lsoa/crime_all_rate.json']
      .map((p) => gzipSync(readFileSync(join(DIST, p))).length)
      .reduce((a, b) => a + b, 0);
    const code = readdirSync(join(DIST, 'assets'))
      .filter((f) => /^(atlas|atlas-view|choropleth|common|d3-geo|preload-helper)\./.test(f))
      .map((f) => gzipSync(readFileSync(join(DIST, 'assets', f))).length)
      .reduce((a, b) => a + b, 0);
    expect(html + assets + lazy + code).toBeLessThanOrEqual(350 * 1024);
  });
  it('publishes the indicator catalogue under the base path', () => {
    const csv = readFileSync(join(DIST, 'data/indicators.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(
      /^id,theme,title,definition,unit,higher_is_better,levels,vintage,period,sources,licence/,
    );
    expect(
      (JSON.parse(readFileSync(join(DIST, 'data/indicators.json'), 'utf8')) as { indicators: unknown[] }).indicators
        .length,
    ).toBeGreaterThanOrEqual(100);
  });
  it('keeps each embed page within 60 KB (the atlas map and the ward knife-crime map, of hundreds of areas, within 150 KB)', () => {
    for (const f of embeds) {
      const { html, assets } = firstView(f);
      expect(html + assets, f).toBeLessThanOrEqual((/atlas-map|violence-knife-ward-map/.test(f) ? 150 : 60) * 1024);
    }
  });
  it('keeps the borough boundaries within 40 KB raw', () => {
    expect(statSync('data/derived/london_boroughs.topo.json').size).toBeLessThanOrEqual(40 * 1024);
  });
});
