import type { APIRoute } from 'astro';
import { allFigures } from '../../figures/index.ts';
import { figureCsvMetadata } from '../../figures/csv.ts';
import { figureUrl } from '../../figures/export.ts';
import type { Figure } from '../../figures/types.ts';

/** The CSV's companion: CSV on the Web metadata (title, sources, licences, data dates, columns and the figure's address), beside each copy of the CSV. */
export function getStaticPaths() {
  return allFigures().flatMap((f) =>
    [f.id, ...(f.fileName ? [f.fileName] : [])].map((id) => ({ params: { id }, props: { f } })),
  );
}
export const GET: APIRoute = ({ props, site }) => {
  const { f } = props as { f: Figure };
  return new Response(figureCsvMetadata(f, figureUrl(site, import.meta.env.BASE_URL, f.page, f.id)), {
    headers: { 'Content-Type': 'application/csvm+json' },
  });
};
