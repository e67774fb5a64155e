import type { APIRoute } from 'astro';
import { allFigures, figureById } from '../../figures/index.ts';

export function getStaticPaths() {
  return allFigures()
    .filter((f) => f.rerender)
    .map((f) => ({ params: { id: f.id } }));
}
/** The chart spec, fetched by the browser only when it re-renders the chart at another width. */
export const GET: APIRoute = ({ params }) => {
  const f = figureById(params.id!);
  return new Response(JSON.stringify(f.chart), { headers: { 'Content-Type': 'application/json' } });
};
