import type { APIRoute } from 'astro';
import { syntheticCsv } from '../../../figures/istv/build.ts';

/** The synthetic ISTV extract the page's default view is drawn from (every row says SYNTHETIC). */
export const GET: APIRoute = () =>
  new Response(syntheticCsv(), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
