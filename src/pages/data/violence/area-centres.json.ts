import type { APIRoute } from 'astro';
import { areaCentres } from '../../../figures/istv/areas.ts';

/** Centres and names of London's LSOAs (2021), wards (2022) and boroughs: where the ISTV map puts an extract's area codes. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(areaCentres()), { headers: { 'Content-Type': 'application/json' } });
