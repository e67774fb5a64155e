/**
 * Checks on the built site in dist/ (run `npm run build` first): base path on every
 * link and asset, embed pages without site chrome, every figure complete (with its drawing
 * and table in the HTML, for a reader without JavaScript), the sitemap, budgets. Each HTML
 * file is read once (tests/build/site.ts).
 */
import { monthLong } from '../../src/lib/format.ts';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { gzipSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { checkSvgXml } from '../support/xml.ts';
import { LEVEL_META } from '../../src/lib/atlas.ts';
import { outlinesSchema } from '../../src/data/schema/outlines.ts';
import { BASE, builtPages, DIST, distPath, embeds, files, htmlFiles, pages, type PageFacts } from './site.ts';

interface CsvwMeta {
  url: string;
  'dc:title': string;
  'schema:url': string;
  'dc:source': { 'dc:title': string; 'dc:temporal': string; 'dc:license': string }[];
  notes: { 'rdfs:comment': string }[];
  tableSchema: { columns: { titles: string }[] };
}

const doc = (f: string) => parseHTML(readFileSync(f, 'utf8')).document;
const facts = (f: string): PageFacts => builtPages().find((p) => p.file === f)!;

describe('the built site', () => {
  it('exists (run npm run build first)', () => {
    expect(htmlFiles.length).toBeGreaterThan(0);
  });

  it('puts the base path on every internal link, asset and form, and every target exists, down to the #fragment', () => {
    const ids = new Map(builtPages().map((p) => [p.file, p.ids]));
    let fragments = 0;
    for (const p of builtPages()) {
      for (const { tag, url } of p.links) {
        if (/^(https?:|mailto:|data:)/.test(url)) continue;
        const hash = url.includes('#') ? decodeURIComponent(url.slice(url.indexOf('#') + 1)) : '';
        if (!url.startsWith('#')) {
          expect(url, `${p.where}: ${tag} ${url}`).toMatch(new RegExp(`^${BASE}`));
          expect(existsSync(distPath(url)), `${p.where} links to missing ${url}`).toBe(true);
        }
        if (hash && hash !== 'top') {
          fragments++;
          const target = url.startsWith('#')
            ? p.ids
            : (ids.get(distPath(url)) ??
              new Set(Array.from(readFileSync(distPath(url), 'utf8').matchAll(/\sid="([^"]+)"/g), (m) => m[1]!)));
          expect(target.has(hash), `${p.where} links to ${url}, which has no element with id "${hash}"`).toBe(true);
        }
      }
    }
    expect(fragments).toBeGreaterThan(0);
  });

  it('escapes every JSON embedded in a page: no "<", ">" or "&" a data string could use to end its script element', () => {
    let seen = 0;
    for (const p of builtPages()) {
      for (const json of p.json) {
        seen++;
        expect(json, p.where).not.toMatch(/[<>&\u2028\u2029]/);
        expect(() => void JSON.parse(json), p.where).not.toThrow();
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('gives every page a Content Security Policy that allows exactly its own inline scripts, by hash, and a referrer policy', () => {
    let inline = 0;
    for (const p of builtPages()) {
      const where = p.where;
      // First in <head> after the character set, before anything that loads.
      expect(p.head, where).toMatch(
        /<head><meta charset="?utf-8"?\s*\/?><meta http-equiv="content-security-policy" content="[^"]+"><meta name="referrer" content="no-referrer">/i,
      );
      const policy = p.csp!;
      const directives = new Map(
        policy
          .split(';')
          .map((x) => x.trim().split(/\s+/))
          .map(([k, ...v]) => [k!, v]),
      );
      expect(directives.get('default-src'), where).toEqual(["'self'"]);
      expect(directives.get('object-src'), where).toEqual(["'none'"]);
      expect(policy, where).not.toMatch(/unsafe-eval|\*|https?:/);
      const scriptSrc = directives.get('script-src')!;
      expect(scriptSrc, where).not.toContain("'unsafe-inline'");
      // An independent reading: the scripts the browser runs in this page, hashed.
      inline += p.inlineScripts.length;
      const hashes = new Set(
        p.inlineScripts.map(
          (t) => `'sha256-${createHash('sha256').update(t.replace(/\r\n?/g, '\n')).digest('base64')}'`,
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

  it('offers every figure CSV with its notes in a ZIP: the same CSV and CSVW, and a README naming the title, address, sources, data dates, licences, notes and columns', () => {
    let checked = 0;
    for (const meta of files.filter((f) => f.endsWith('.csv-metadata.json'))) {
      const zipFile = meta.replace(/\.csv-metadata\.json$/, '.zip');
      const where = relative(DIST, zipFile);
      expect(existsSync(zipFile), where).toBe(true);
      const entries = unzipSync(readFileSync(zipFile));
      const m = JSON.parse(readFileSync(meta, 'utf8')) as CsvwMeta;
      expect(Object.keys(entries).sort(), where).toEqual(['README.txt', m.url, `${m.url}-metadata.json`].sort());
      expect(strFromU8(entries[m.url]!), where).toBe(readFileSync(join(dirname(meta), m.url), 'utf8'));
      expect(strFromU8(entries[`${m.url}-metadata.json`]!), where).toBe(readFileSync(meta, 'utf8'));
      const readme = strFromU8(entries['README.txt']!);
      expect(readme.split('\n')[0], where).toBe(m['dc:title']);
      expect(readme, where).toContain(m['schema:url']);
      for (const s of m['dc:source']) {
        expect(readme, `${where}: ${s['dc:title']}`).toContain(s['dc:temporal']);
        expect(readme, `${where}: ${s['dc:title']}`).toContain(s['dc:license']);
      }
      for (const n of m.notes) expect(readme, where).toContain(n['rdfs:comment']);
      for (const c of m.tableSchema.columns) expect(readme, where).toContain(`- ${c.titles}\n`);
      checked++;
    }
    expect(checked).toBeGreaterThan(1_000);
  });

  it('makes no reference to another origin in scripts, styles or images', () => {
    for (const p of builtPages()) {
      for (const { url, rel, tag } of p.loads) {
        if (tag === 'link' && rel !== 'stylesheet') continue;
        expect(url, p.where).not.toMatch(/^(https?:)?\/\//);
      }
    }
  });

  it('gives every figure on a page its table, source, downloads and an embed page', () => {
    let n = 0;
    for (const p of builtPages().filter((x) => pages.includes(x.file))) {
      for (const fig of p.figures) {
        n++;
        const id = fig.id;
        const where = `${p.where} #${id}`;
        expect(fig.title.length, where).toBeGreaterThan(10);
        expect(fig.subtitle.length, where).toBeGreaterThan(10);
        expect(fig.drawings, where).toBeGreaterThan(0);
        expect(fig.description.length, where).toBeGreaterThan(60);
        expect(fig.caption, where).toBeTruthy();
        expect(fig.headers, where).toBeGreaterThan(1);
        expect(fig.bodyRows, where).toBeGreaterThan(0);
        expect(fig.source, where).toMatch(/Source: .*Licence/i);
        expect(fig.source, where).toMatch(/\((data to|data for|Census Day|boundaries of)[ ,]/);
        // The CSV and its metadata: under the id, or the view's name for a view (the name the download gets).
        const csvHref = fig.csvHref;
        expect(csvHref, where).toMatch(new RegExp(`^${BASE}figures/[A-Za-z0-9-]+\\.csv$`));
        expect(fig.csvDownload, where).toBe(csvHref.slice(`${BASE}figures/`.length));
        expect(existsSync(join(DIST, csvHref.slice(BASE.length))), where).toBe(true);
        const meta = JSON.parse(
          readFileSync(join(DIST, csvHref.slice(BASE.length).replace(/\.csv$/, '.csv-metadata.json')), 'utf8'),
        ) as { url: string };
        expect(existsSync(join(DIST, 'figures', meta.url)), `${where}: CSVW url ${meta.url}`).toBe(true);
        expect(fig.zipHref, where).toBe(csvHref.replace(/\.csv$/, '.zip'));
        expect(fig.svgLink, where).toBe(true);
        expect(fig.png, where).toBeGreaterThan(0);
        expect(fig.embedCode, where).toContain(`${BASE}embed/${id}/`);
        expect(fig.embedCode, where).toContain(`${BASE}embed.js`);
        expect(existsSync(join(DIST, 'embed', id, 'index.html')), where).toBe(true);
        // The CSV download is exactly the table: same number of rows (data-rows), all shown unless the caption says how many are.
        const csv = readFileSync(join(DIST, 'figures', `${id}.csv`), 'utf8')
          .trim()
          .split('\n');
        expect(csv.length - 1, where).toBe(fig.rows);
        const shown = fig.bodyRows - fig.gapRows;
        if (shown < csv.length - 1)
          expect(fig.caption, where).toMatch(
            new RegExp(
              `${shown.toLocaleString('en-GB')} of ${(csv.length - 1).toLocaleString('en-GB')} rows; the CSV download has them all`,
            ),
          );
        else expect(shown, where).toBe(csv.length - 1);
      }
    }
    expect(n).toBeGreaterThanOrEqual(4);
  });

  // Was a browser test of 137 pages with JavaScript off; the HTML says it for every page, the 737 profiles included.
  it('gives a reader without JavaScript every figure on every page and embed: a drawing at each built width and the table rows, and no button that needs script', () => {
    let n = 0;
    for (const p of builtPages()) {
      for (const fig of p.figures) {
        n++;
        const where = `${p.where} #${fig.id}`;
        expect(fig.variants, where).toBeGreaterThan(0);
        expect(fig.drawings, where).toBe(fig.variants);
        expect(fig.bodyRows, where).toBeGreaterThan(0);
        expect(fig.pngJsOnly, where).toBe(fig.png);
      }
    }
    expect(n).toBeGreaterThan(htmlFiles.length);
    // What is for script only is hidden until the page's script says it runs (the class the theme script sets).
    const css = readFileSync('src/styles/base.css', 'utf8');
    expect(css).toMatch(/\.js-only \{\s*display: none;\s*\}/);
    expect(css).toMatch(/\.has-js \.js-only \{\s*display: revert;\s*\}/);
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

  it('publishes every chart drawing a page fetches as a well-formed SVG of the width its name says, with no missing value drawn as text', () => {
    const files = readdirSync(join(DIST, 'figures', 'chart'));
    // Every figure at two or three widths.
    expect(files.length).toBeGreaterThan(2 * readdirSync(join(DIST, 'embed')).length);
    for (const file of files) {
      const text = readFileSync(join(DIST, 'figures', 'chart', file), 'utf8');
      const size = checkSvgXml(text, file);
      expect(size.width, file).toBe(Number(/-(\d+)\.svg$/.exec(file)![1]));
      expect(text.replace(/<[^>]+>/g, ' '), file).not.toMatch(/\b(NaN|undefined|null)\b/);
    }
  });

  it('gives every page and embed its own link preview, drawn from a figure, with the Open Graph and Twitter card fields', () => {
    const seen = new Set<string>();
    for (const p of builtPages().filter((x) => pages.includes(x.file) || embeds.includes(x.file))) {
      const f = p.where;
      const meta = (k: string) => p.meta[k];
      for (const k of ['og:title', 'og:description', 'og:url', 'og:site_name', 'og:image', 'og:image:alt'])
        expect(meta(k), `${f} ${k}`).toBeTruthy();
      expect(meta('twitter:card'), f).toBe('summary_large_image');
      const img = new URL(meta('og:image')!).pathname;
      expect(img, f).toMatch(new RegExp(`^${BASE}previews/[a-z0-9-]+\\.png$`));
      const file = join(DIST, img.slice(BASE.length));
      expect(existsSync(file), `${f}: ${img}`).toBe(true);
      if (!embeds.includes(p.file)) seen.add(img);
      // Embed pages point search engines and previews at the figure's page.
      if (embeds.includes(p.file)) expect(p.canonical, f).not.toMatch(/\/embed\//);
    }
    // One image per page: no two pages share one.
    expect(seen.size).toBe(pages.length);
    const png = readFileSync(join(DIST, 'previews', 'home.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('serves embed pages with the figure, no site navigation, noindex and indexifembedded', () => {
    expect(embeds.length).toBeGreaterThanOrEqual(4);
    for (const p of builtPages().filter((x) => embeds.includes(x.file))) {
      expect(p.chrome, p.where).toBe(false);
      expect(p.robots, p.where).toBe('noindex, indexifembedded');
      expect(p.figures.length, p.where).toBeGreaterThan(0);
      expect(p.figures[0]!.drawings, p.where).toBeGreaterThan(0);
      expect(p.figures[0]!.bodyRows, p.where).toBeGreaterThan(0);
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

  // Was an end-to-end test; it needs no browser.
  it('lists the pages in the sitemap: the navigation first, every release, sub-page and profile, and the embeds', () => {
    const paths = [...readFileSync(join(DIST, 'sitemap.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
      new URL(m[1]!).pathname.slice(BASE.length),
    );
    expect(paths.slice(0, 7)).toEqual([
      '',
      'national/',
      'atlas/',
      'hotspots/',
      'violence/',
      'neighbourhoods/',
      'methods/',
    ]);
    for (const sub of ['violence/wards/', 'violence/istv/', 'violence/explorer/', 'hotspots/london/'])
      expect(paths).toContain(sub);
    expect(embeds.length).toBeGreaterThanOrEqual(40);
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
  /** HTML plus the CSS and JS it loads before any interaction (each asset's size taken once). */
  const assetSize = new Map<string, number>();
  const gz = (url: string) =>
    assetSize.get(url) ?? assetSize.set(url, gzipSync(readFileSync(distPath(url))).length).get(url)!;
  function firstView(htmlFile: string): { html: number; assets: number } {
    const p = facts(htmlFile);
    const early = p.loads.filter((l) => l.tag === 'script' || l.rel === 'stylesheet' || l.rel === 'modulepreload');
    return { html: gzipSync(readFileSync(htmlFile)).length, assets: early.reduce((a, l) => a + gz(l.url), 0) };
  }
  // The HTML and what it names (charts are fetched as the reader reaches them: tests/e2e/budget.spec.ts counts those too).
  it("keeps every page's HTML and the scripts and styles it names within 60 KB, the first-view goal, the 737 area profiles included", () => {
    for (const f of pages) {
      const { html, assets } = firstView(f);
      expect(html + assets, f).toBeLessThanOrEqual(60 * 1024);
    }
  });
  // The atlas at LSOA level, as the browser loads it (every response): tests/e2e/budget.spec.ts.
  it("publishes each atlas geography's outlines as the browser's schema reads them: one path for every area of its boundaries and of its areas file", () => {
    for (const [level, meta] of Object.entries(LEVEL_META)) {
      const file = `data/outlines/${level}.json`;
      const checked = outlinesSchema.safeParse(JSON.parse(readFileSync(join(DIST, file), 'utf8')));
      expect(checked.success, file).toBe(true);
      const o = checked.data!;
      // An independent count: the topology's geometries, read as plain JSON.
      const topo = JSON.parse(readFileSync(join('data/derived', meta.topo), 'utf8')) as {
        objects: Record<string, { geometries: { id?: string; properties?: { code?: string } }[] }>;
      };
      const geometries = topo.objects[meta.object]!.geometries;
      expect(o.codes, file).toEqual(geometries.map((g) => g.properties?.code ?? String(g.id)));
      const areas = JSON.parse(readFileSync(join(DIST, `data/atlas/${level}/areas.json`), 'utf8')) as {
        codes: string[];
      };
      expect([...o.codes].sort(), file).toEqual([...areas.codes].sort());
      expect(
        o.d.every((d) => /^M[\d.,lz-]+(M[\d.,lz-]+)*$/.test(d)),
        file,
      ).toBe(true);
    }
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
  it('keeps every embed page with the scripts and styles it names within 40 KB, the goal for an embed', () => {
    for (const f of embeds) {
      const { html, assets } = firstView(f);
      expect(html + assets, f).toBeLessThanOrEqual(40 * 1024);
    }
  });
  it('keeps the borough boundaries within 40 KB raw', () => {
    expect(statSync('data/derived/london_boroughs.topo.json').size).toBeLessThanOrEqual(40 * 1024);
  });
});
