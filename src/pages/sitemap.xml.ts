import type { APIRoute } from 'astro';
import { NAV, SUBPAGES } from '../lib/nav.ts';
import { withBase } from '../lib/paths.ts';
import { loadReleases } from '../data/national.ts';
import { releasePage } from '../figures/national/build.ts';
import { profileAreas } from '../figures/profile/areas.ts';

/** The indexable pages (embeds are noindex and listed by the figure registry instead). */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const paths = [
    ...NAV.map((n) => n.path as string),
    ...SUBPAGES,
    ...loadReleases()
      .releases.map((r) => releasePage(r.period))
      .filter((p) => p !== 'national/'),
    ...profileAreas().map((a) => `area/${a.code}/`),
  ];
  const urls = paths.map((p) => new URL(withBase(base, p), site).href);
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    urls.map((u) => `  <url><loc>${u}</loc></url>`).join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml' } });
};
