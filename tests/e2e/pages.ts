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
