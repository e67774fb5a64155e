import { readFileSync, readdirSync, existsSync } from 'node:fs';

const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

/** Paths (under the base) of every page in the built sitemap. */
export function sitemapPaths(): string[] {
  const xml = readFileSync('dist/sitemap.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname.slice(BASE.length));
}

/** Paths of every embed page. */
export function embedPaths(): string[] {
  return existsSync('dist/embed') ? readdirSync('dist/embed').map((id) => `embed/${id}/`) : [];
}

/** A sample of the 737 area profiles for the slow checks: boroughs and wards, inner and outer, the City. */
export const PROFILE_SAMPLE = [
  'E09000001',
  'E09000033',
  'E09000017',
  'E05013570',
  'E05011104',
  'E05014053',
  'E05009289',
];

/** Sitemap pages with the area profiles cut to the sample. */
export function e2ePagePaths(): string[] {
  return sitemapPaths().filter((p) => !p.startsWith('area/') || PROFILE_SAMPLE.some((c) => p === `area/${c}/`));
}
/** Embed pages with the profile figures cut to the sample's. */
export function e2eEmbedPaths(): string[] {
  return embedPaths().filter(
    (p) => !p.startsWith('embed/area-') || PROFILE_SAMPLE.some((c) => p.startsWith(`embed/area-${c}-`)),
  );
}
