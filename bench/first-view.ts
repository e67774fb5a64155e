/**
 * What a reader's browser loads for a page's first view: every response from the navigation
 * until the load event, the chart drawings it fetches for the figures within a screen of the
 * viewport (src/client/figures.ts), and the network idle,
 * each counted at the gzip size of the file dist/ serves (so the bytes are the same on any
 * machine), split by kind. Used by the benchmark (npm run bench, with timings) and by the size
 * test in npm test (tests/e2e/budget.spec.ts, bytes only), over the same list of pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

/** The widths a first view is measured at: a desktop window and a phone. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 740 },
] as const;

/** The goals: a page's first view at most 60 KB gzip, an embed's at most 40 KB. */
export const GOAL = { page: 60 * 1024, embed: 40 * 1024 };

export interface FirstViewTarget {
  /** path under the base */
  path: string;
  /** what kind of page it stands for */
  kind: string;
  /**
   * The size test's limit where the page is over its goal today, in KB: what it measured when
   * the limit was set, rounded up, so that no page grows while the work to bring it within its
   * goal (issue 27) goes on. Without one, the limit is the goal.
   */
  ceiling?: number;
  /** an element the first view has once it is drawn, waited for (a view drawn in the browser) */
  ready?: string;
  /** files the first view must have loaded (so that a view counted early cannot pass) */
  needs?: string[];
}

const gzipped = new Map<string, number>();
/** The gzip size of the file dist/ serves at an address path (0 for a file it does not have). */
export function servedSize(urlPath: string, dist = 'dist'): number {
  let p = decodeURIComponent(urlPath.slice(BASE.length).split('?')[0]!);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  const f = join(dist, p);
  if (!gzipped.has(f)) gzipped.set(f, existsSync(f) ? gzipSync(readFileSync(f)).length : 0);
  return gzipped.get(f)!;
}

export const kindOfFile = (p: string): 'html' | 'css' | 'js' | 'data' | 'image' | 'other' =>
  /\.html$|\/$/.test(p)
    ? 'html'
    : /\.css$/.test(p)
      ? 'css'
      : /\.m?js$/.test(p)
        ? 'js'
        : /\.(json|csv)$/.test(p)
          ? 'data'
          : /\.(svg|png|jpe?g|webp)$/.test(p)
            ? 'image'
            : 'other';

export interface FirstView {
  total: number;
  byKind: Record<ReturnType<typeof kindOfFile>, number>;
  files: { path: string; bytes: number }[];
}

/** Loads `url` in `page` (its viewport already set) and counts what it fetched for its first view. */
export async function firstView(page: Page, url: string, ready?: string): Promise<FirstView> {
  const seen: string[] = [];
  const onRequest = (r: { url: () => string }) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http')) seen.push(u.pathname);
  };
  page.on('request', onRequest);
  await page.goto(url, { waitUntil: 'load' });
  if (ready) await page.waitForSelector(ready, { state: 'attached', timeout: 60_000 });
  // The drawings of the figures near the viewport are asked for once their observer has run, then fetched.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => !document.querySelector('[data-drawing]'));
  await page.waitForLoadState('networkidle');
  page.off('request', onRequest);
  const files = seen
    .filter((p) => p.startsWith(BASE))
    .map((path) => ({ path: path.slice(BASE.length), bytes: servedSize(path) }));
  const byKind = { html: 0, css: 0, js: 0, data: 0, image: 0, other: 0 };
  for (const f of files) byKind[kindOfFile(f.path || '/')] += f.bytes;
  return { total: files.reduce((a, f) => a + f.bytes, 0), byKind, files };
}

/** A page of every kind the site has (the atlas also at LSOA level, its heaviest view). */
export const PAGE_KINDS: FirstViewTarget[] = [
  { path: '', kind: 'home' },
  { path: 'national/', kind: 'national (latest)' },
  { path: 'national/2018-03/', kind: 'national, an earlier release' },
  { path: 'atlas/', kind: 'atlas' },
  // Its view is drawn in the browser; its first view includes the borough and ward files it reads ahead in idle time
  // (the old test, which stopped at the drawn view, counted 365 KB). Its data are the LSOAs': over the goal by design.
  // 422.7 KB with the LSOAs' topology (225 KB, projected in the page); 334.2 KB with their outlines projected by the build.
  {
    path: 'atlas/?indicator=crime_all_rate&level=lsoa&compare=none',
    kind: 'atlas at LSOA level',
    ceiling: 340,
    ready: '#atlas-map[data-state=ready]',
    needs: ['data/outlines/lsoa.json', 'data/atlas/lsoa/areas.json', 'data/atlas/lsoa/crime_all_rate.json'],
  },
  { path: 'area/E09000033/', kind: 'borough profile' },
  { path: 'area/E05013570/', kind: 'ward profile' },
  { path: 'area/E05009289/', kind: 'City ward profile' },
  { path: 'hotspots/', kind: 'hotspots' },
  { path: 'hotspots/london/', kind: 'hotspots, London' },
  { path: 'violence/', kind: 'violence' },
  { path: 'violence/explorer/', kind: 'incident explorer' },
  { path: 'violence/istv/', kind: 'ISTV' },
  { path: 'neighbourhoods/', kind: 'neighbourhoods' },
  { path: 'methods/', kind: 'methods' },
  { path: 'embed/', kind: 'embed gallery' },
];

/** The size test's limits for embeds over their goal, by kind of chart (see FirstViewTarget.ceiling): none is, now. */
export const EMBED_CEILINGS: Record<string, number> = {};
