import type { APIRoute } from 'astro';
import { allFigures, figureById } from '../../figures/index.ts';
import { renderSvg } from '../../charts/render.ts';
import { exportSvg, figureUrl } from '../../figures/export.ts';

export function getStaticPaths() {
  return allFigures().map((f) => ({ params: { id: f.id } }));
}
/** The figure as a standalone SVG file: titled, sourced and with its colours written in (see figures/export.ts). */
export const GET: APIRoute = ({ params, site }) => {
  const f = figureById(params.id!);
  const { svg } = exportSvg(renderSvg(f.chart, 720, f.title, true), {
    title: f.title,
    subtitle: f.subtitle,
    source: f.source,
    url: figureUrl(site, import.meta.env.BASE_URL, f.page, f.id),
  });
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, {
    headers: { 'Content-Type': 'image/svg+xml' },
  });
};
