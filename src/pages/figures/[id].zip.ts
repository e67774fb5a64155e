import type { APIRoute } from 'astro';
import { allFigures } from '../../figures/index.ts';
import { figureUrl } from '../../figures/export.ts';
import { figureZip } from '../../figures/zip.ts';
import type { Figure } from '../../figures/types.ts';

/** The CSV with its notes (its CSVW description and a README) in one ZIP, beside each copy of the CSV. */
export function getStaticPaths() {
  return allFigures().flatMap((f) =>
    [f.id, ...(f.fileName ? [f.fileName] : [])].map((id) => ({ params: { id }, props: { f } })),
  );
}
export const GET: APIRoute = ({ props, site }) => {
  const { f } = props as { f: Figure };
  const bytes = figureZip(f, figureUrl(site, import.meta.env.BASE_URL, f.page, f.id));
  return new Response(bytes.slice().buffer, { headers: { 'Content-Type': 'application/zip' } });
};
