import type { APIRoute } from 'astro';
import { allFigures, figureById } from '../../../figures/index.ts';
import { drawnWidths } from '../../../figures/anatomy.ts';
import { chartDrawing } from '../../../figures/render-html.ts';

/**
 * A figure's chart at one of its drawn widths: the page holds a placeholder for it and fetches the
 * one its column shows when the figure comes near the viewport (src/client/figures.ts).
 */
export function getStaticPaths() {
  return allFigures().flatMap((f) =>
    drawnWidths(f.widths).map((w) => ({ params: { name: `${f.id}-${w}` }, props: { id: f.id, width: w } })),
  );
}

export const GET: APIRoute = ({ props }) => {
  const { id, width } = props as { id: string; width: number };
  return new Response(`${chartDrawing(figureById(id), width)}\n`, { headers: { 'Content-Type': 'image/svg+xml' } });
};
