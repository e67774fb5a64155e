import type { APIRoute } from 'astro';
import { policeMonthly } from '../../../figures/istv/build.ts';

/** Violence with injury recorded by the Met by borough and month: what the ISTV page sets a partner's A&E data beside. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(policeMonthly()), { headers: { 'Content-Type': 'application/json' } });
