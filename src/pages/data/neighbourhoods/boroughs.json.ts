import type { APIRoute } from 'astro';
import { neighbourhoodsInput } from '../../../figures/neighbourhoods/build.ts';

/** The borough comparator's data (the survey table, the most similar boroughs and groups, crime rates, the assumed sample size and sources), loaded by the comparator page; outlines are loaded from the boundaries file. */
export const GET: APIRoute = () => {
  const v = neighbourhoodsInput();
  const data = { pas: v.pas, similarity: v.similarity, crime: v.crime, n: v.n, sources: v.sources };
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json' } });
};
