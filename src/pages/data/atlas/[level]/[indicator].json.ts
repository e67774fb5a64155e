import type { APIRoute } from 'astro';
import { atlasIndicatorData, atlasPairs } from '../../../../data/atlas.ts';
import type { AtlasLevel } from '../../../../lib/atlas.ts';

export function getStaticPaths() {
  return atlasPairs().map((p) => ({ params: p }));
}
/** One indicator at one level: values aligned with areas.json, and class breaks for 5–7 classes by each method. */
export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(atlasIndicatorData(params.level as AtlasLevel, params.indicator!)), {
    headers: { 'Content-Type': 'application/json' },
  });
