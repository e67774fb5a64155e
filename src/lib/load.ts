/**
 * Build-time access to the committed derived data (data/derived/). Only Astro pages,
 * endpoints and tests import this: it reads files with node:fs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from 'topojson-specification';
import { parseCrimeSeries, parsePopulation, type CrimeSeries, type Population } from './crime.ts';

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

let cache: { crime?: CrimeSeries; pop?: Population[]; topo?: Topology; manifest?: Manifest } = {};

export const loadCrime = (): CrimeSeries => (cache.crime ??= parseCrimeSeries(readDerived('mps_borough_monthly.csv')));
export const loadPopulation = (): Population[] => (cache.pop ??= parsePopulation(readDerived('borough_population.csv')));
export const loadBoroughTopo = (): Topology => (cache.topo ??= JSON.parse(readDerived('london_boroughs.topo.json')) as Topology);
export const loadManifest = (): Manifest => (cache.manifest ??= JSON.parse(readDerived('manifest.json')) as Manifest);
export function resetCache(): void {
  cache = {};
}
