import type { APIRoute } from 'astro';
import { allFigures, figureCsv } from '../../figures/index.ts';

export function getStaticPaths() {
  return allFigures().map((f) => ({ params: { id: f.id } }));
}
export const GET: APIRoute = ({ params }) => {
  const f = allFigures().find((x) => x.id === params.id)!;
  return new Response(figureCsv(f), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
