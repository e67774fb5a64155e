import type { APIRoute } from 'astro';
import { neighbourhoodsWardData } from '../../../figures/neighbourhoods/build.ts';

/** The ward crime comparator's data (Met wards, their rates by offence group, their boroughs' and their most similar wards), loaded by the comparator page. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(neighbourhoodsWardData()), { headers: { 'Content-Type': 'application/json' } });
