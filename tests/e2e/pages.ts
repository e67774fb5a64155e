import { readFileSync, readdirSync, existsSync } from 'node:fs';

const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

/** Paths (under the base) of every page in the built sitemap. */
export function sitemapPaths(): string[] {
  const xml = readFileSync('dist/sitemap.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname.slice(BASE.length));
}

/** Paths of every embed page. */
export function embedPaths(): string[] {
  return existsSync('dist/embed')
    ? readdirSync('dist/embed', { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `embed/${e.name}/`)
    : [];
}

const html = (path: string) => readFileSync(`dist/${path}index.html`, 'utf8');
const textOf = (s: string) => s.replace(/<[^>]+>/g, '').trim();
/** The longest text of a kind in a page (a title, a table cell), and its length. */
const longest = (page: string, re: RegExp) =>
  Math.max(0, ...Array.from(page.matchAll(re), (m) => textOf(m[1]!).length));
/** Of some paths, the one whose page scores highest (the first of equals). */
function most(paths: string[], score: (page: string) => number): string {
  let best = paths[0]!;
  let top = -Infinity;
  for (const p of paths) {
    const s = score(html(p));
    if (s > top) [best, top] = [p, s];
  }
  return best;
}
const extremes = (paths: string[]) => [
  most(paths, (p) => longest(p, /<h1[^>]*>([\s\S]*?)<\/h1>/g)),
  most(paths, (p) => longest(p, /class="fig-subtitle">([\s\S]*?)<\/p>/g)),
  most(paths, (p) => longest(p, /<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)),
  most(paths, (p) =>
    Math.max(0, ...Array.from(p.matchAll(/<thead><tr>([\s\S]*?)<\/tr>/g), (m) => m[1]!.split('<th').length - 1)),
  ),
  most(paths, (p) => (p.match(/<tr/g) ?? []).length),
];

/** Boroughs and wards, inner and outer, and the City (its wards have the City Police's crimes). */
export const PROFILE_SAMPLE = [
  'E09000001',
  'E09000033',
  'E09000017',
  'E05013570',
  'E05011104',
  'E05014053',
  'E05009289',
];

/**
 * The area profiles checked in the browser: the 737 are one template, so a sample — the fixed
 * one above and, by extremes of their content, the profiles with the longest name, subtitle
 * and table cell, the most columns and the most rows (what could make a page too wide).
 */
export function profilePaths(): string[] {
  const all = sitemapPaths().filter((p) => p.startsWith('area/'));
  return [...new Set([...PROFILE_SAMPLE.map((c) => `area/${c}/`), ...extremes(all)])];
}

/**
 * The earlier national releases checked in the browser: each has a page of the same template
 * as the latest (national/), so the first and the last of them.
 */
export function releasePaths(): string[] {
  const all = sitemapPaths()
    .filter((p) => /^national\/\d{4}-\d{2}\/$/.test(p))
    .sort();
  return [...new Set([all[0]!, all.at(-1)!])];
}

/** Sitemap pages with the area profiles and the earlier national releases cut to their samples. */
export function e2ePagePaths(): string[] {
  const sample = new Set([...profilePaths(), ...releasePaths()]);
  return sitemapPaths().filter((p) => !(p.startsWith('area/') || /^national\/\d/.test(p)) || sample.has(p));
}

/**
 * The embed pages checked in the browser: every embed is the same compact figure, so one of
 * each kind of chart (the one with the longest title), the extremes of all of them (longest
 * title, subtitle and table cell, most columns, most rows) and a City of London ward's.
 */
export function e2eEmbedPaths(): string[] {
  const all = embedPaths();
  const perKind = [...embedsByKind().values()];
  const city = all.filter((p) => p.startsWith('embed/area-E05009289-'));
  return [...new Set([...perKind, ...extremes(all), ...city])].sort();
}

/** One embed page of each kind of chart (the one with the longest title), by kind. */
export function embedsByKind(): Map<string, string> {
  const kindOf = (p: string) => /data-chart="([^"]+)"/.exec(html(p))?.[1] ?? '';
  const byKind = new Map<string, string[]>();
  for (const p of embedPaths()) byKind.set(kindOf(p), [...(byKind.get(kindOf(p)) ?? []), p]);
  return new Map([...byKind].map(([k, ps]) => [k, most(ps, (p) => longest(p, /<h1[^>]*>([\s\S]*?)<\/h1>/g))] as const));
}
