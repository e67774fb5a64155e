import type { APIRoute } from 'astro';
import { loadAtlasLevel } from '../../../../data/atlas.ts';
import { LEVEL_ORDER, type AtlasLevel } from '../../../../lib/atlas.ts';

export function getStaticPaths() {
  return LEVEL_ORDER.map((level) => ({ params: { level } }));
}
/** The areas of a level: codes, names and borough codes, in the order of every indicator file's values. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(loadAtlasLevel(params.level as AtlasLevel).areas), {
    headers: { 'Content-Type': 'application/json' },
  });
