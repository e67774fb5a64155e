import type { APIRoute } from 'astro';
import { allFacts, factsCsv } from '../../figures/index.ts';

export function getStaticPaths() {
  return Object.keys(allFacts()).map((name) => ({ params: { name } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(factsCsv(allFacts()[params.name!]!), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
