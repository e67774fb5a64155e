import type { APIRoute } from 'astro';
import { allFigures, figureCsv } from '../../figures/index.ts';
import type { Figure } from '../../figures/types.ts';

/** Each figure's CSV, under its id and, for a view, also under the view's name (the name its CSVW metadata gives). */
export function getStaticPaths() {
  return allFigures().flatMap((f) =>
    [f.id, ...(f.fileName ? [f.fileName] : [])].map((id) => ({ params: { id }, props: { f } })),
  );
}
export const GET: APIRoute = ({ props }) => {
  const { f } = props as { f: Figure };
  return new Response(figureCsv(f), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
