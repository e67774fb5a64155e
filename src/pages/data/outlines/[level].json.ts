import type { APIRoute } from 'astro';
import { levelOutlines } from '../../../figures/atlas/build.ts';
import { LEVEL_ORDER, type AtlasLevel } from '../../../lib/atlas.ts';

export function getStaticPaths() {
  return LEVEL_ORDER.map((level) => ({ params: { level } }));
}
/** A geography's outlines projected (src/lib/outlines.ts): what the atlas and the confidence comparator draw in the browser. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(levelOutlines(params.level as AtlasLevel)), {
    headers: { 'Content-Type': 'application/json' },
  });
