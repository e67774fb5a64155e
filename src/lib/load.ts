/**
 * Build-time access to the committed derived data (data/derived/). Only Astro pages,
 * endpoints and tests import this: it reads files with node:fs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { z } from 'zod';
import { parseCrimeSeries, parsePopulation, type CrimeSeries, type Population } from './crime.ts';
import { parsePfaTables, parseReleases, PfaIndex, type ReleaseInfo } from './national.ts';
import * as aq from 'arquero';

/** Resolved from the project root (the working directory of astro, vitest and tsx). */
export const DERIVED_DIR = join(process.env.LCA_ROOT ?? process.cwd(), 'data/derived');

export function readDerived(name: string): string {
  return readFileSync(join(DERIVED_DIR, name), 'utf8');
}

export interface ManifestOutput {
  file: string;
  title: string;
  description: string;
  format: string;
  rows: number;
  bytes: number;
  columns: string[];
  coverage: { from: string; to: string } | { note: string };
  sources: string[];
  inputs: { source: string; path: string; sha256: string; rows_read: number; rows_used: number; rows_rejected: number; rejected_reasons: Record<string, number>; [k: string]: unknown }[];
  notes: string[];
  licence: string;
  attribution: string;
}
export interface ManifestSource {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  attribution: string;
  page: string;
  cadence: string;
  coverage: string;
  caveats: string[];
}
export interface Manifest {
  outputs: ManifestOutput[];
  sources: ManifestSource[];
}

let cache: {
  crime?: CrimeSeries;
  pop?: Population[];
  topo?: Topology;
  forceTopo?: Topology;
  manifest?: Manifest;
  pfa?: PfaIndex;
  releases?: { releases: ReleaseInfo[]; populations: Map<string, number | null> };
  csp?: CspRow[];
  counts2025?: CountRow[];
} = {};

export type CspRow = CountRow;
export interface CountRow {
  code: string;
  name: string;
  type: string;
  group: string;
  count: number | null;
}
const numOrNull = (s: string | null | undefined) => (s === '' || s === null || s === undefined ? null : Number(s));

export const loadCrime = (): CrimeSeries => (cache.crime ??= parseCrimeSeries(readDerived('mps_borough_monthly.csv')));
export const loadPopulation = (): Population[] => (cache.pop ??= parsePopulation(readDerived('borough_population.csv')));
export const loadBoroughTopo = (): Topology => (cache.topo ??= JSON.parse(readDerived('london_boroughs.topo.json')) as Topology);
/** The manifest is validated when read, so a page never renders from a malformed one. */
const InputSchema = z
  .object({
    source: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rows_read: z.number().int().nonnegative(),
    rows_used: z.number().int().nonnegative(),
    rows_rejected: z.number().int().nonnegative(),
    rejected_reasons: z.record(z.string(), z.number().int().nonnegative()),
  })
  .loose()
  .refine((i) => i.rows_used + i.rows_rejected === i.rows_read, { message: 'rows_used + rows_rejected must equal rows_read' });
const ManifestSchema = z.object({
  outputs: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      description: z.string(),
      format: z.string(),
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().positive(),
      columns: z.array(z.string()),
      coverage: z.union([z.object({ from: z.string(), to: z.string() }), z.object({ note: z.string() })]),
      sources: z.array(z.string()),
      inputs: z.array(InputSchema),
      notes: z.array(z.string()),
      licence: z.string(),
      attribution: z.string(),
    }).loose(),
  ),
  sources: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      publisher: z.string(),
      licence: z.string(),
      attribution: z.string(),
      page: z.string().url(),
      cadence: z.string(),
      coverage: z.string(),
      caveats: z.array(z.string()),
    }),
  ),
});

export function parseManifest(text: string): Manifest {
  const r = ManifestSchema.safeParse(JSON.parse(text));
  if (!r.success) throw new Error(`data/derived/manifest.json is malformed: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data as Manifest;
}
export const loadManifest = (): Manifest => (cache.manifest ??= parseManifest(readDerived('manifest.json')));
export const loadForceTopo = (): Topology => (cache.forceTopo ??= JSON.parse(readDerived('police_force_areas.topo.json')) as Topology);
export const loadPfa = (): PfaIndex => (cache.pfa ??= new PfaIndex(parsePfaTables(readDerived('ons_pfa_tables.csv'))));
export const loadReleases = () => (cache.releases ??= parseReleases(readDerived('ons_pfa_releases.csv')));
/** ONS count tables in long form (code, name, type, offence group, count). */
function parseGroupCounts(text: string): CountRow[] {
  return (aq.fromCSV(text, { autoType: false }).objects() as Record<string, string>[]).map((r) => ({
    code: r.area_code!,
    name: r.area_name!,
    type: r.area_type!,
    group: r.offence_group!,
    count: numOrNull(r.count!),
  }));
}
export const loadCsp2025 = (): CspRow[] => (cache.csp ??= parseGroupCounts(readDerived('ons_csp_london_ye2025-06.csv')));
export const loadCounts2025 = (): CountRow[] => (cache.counts2025 ??= parseGroupCounts(readDerived('ons_pfa_counts_ye2025-06.csv')));
export function resetCache(): void {
  cache = {};
}
