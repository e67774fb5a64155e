import type { APIRoute } from 'astro';
import { allFigures } from '../../figures/index.ts';
import { renderSvg } from '../../charts/render.ts';

export function getStaticPaths() {
  return allFigures().map((f) => ({ params: { id: f.id } }));
}
/** Standalone SVG: the theme variables are written in (light theme) so it renders anywhere. */
const STYLE =
  '<style>svg{--lca-bg:#fff;--lca-fg:#1b1f24;--lca-muted:#5a6270;--lca-grid:#d9dde3;--lca-accent:#1f5fa8;--lca-series-2:#8a5a00;--lca-rise:#b2182b;--lca-fall:#2166ac;--lca-highlight:#d95f02;--lca-nodata:#e4e4e4;color:#1b1f24;background:#fff;font-family:system-ui,Arial,sans-serif}text{fill:currentColor}</style>';
export const GET: APIRoute = ({ params }) => {
  const f = allFigures().find((x) => x.id === params.id)!;
  const svg = renderSvg(f.chart, 720, f.title, true).replace(/^<svg([^>]*)>/, (m) => `${m}${STYLE}`);
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, { headers: { 'Content-Type': 'image/svg+xml' } });
};
