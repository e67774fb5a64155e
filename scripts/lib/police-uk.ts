/**
 * Readers for data.police.uk street-level crime records, in both forms a user can
 * get: the bulk-archive CSV ("YYYY-MM-<force>-street.csv", any force, any number of
 * months) and the API's records (here gzipped CSV, one file per month). Both come
 * out as one record shape with the archive's crime-type label; the API's category
 * slugs are mapped by data/reference/police_uk_crime_types.csv.
 *
 * Nothing is dropped here: rows without coordinates come out with lon/lat null, for
 * the caller to count; a malformed row stops the run with file, line and column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { checkHeader, readCsv } from './csv.ts';
import { DataError, valueError } from './errors.ts';

export const ARCHIVE_COLUMNS = ['Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context'] as const;
export const API_COLUMNS = ['id', 'month', 'category', 'latitude', 'longitude', 'street_id', 'street_name'] as const;

export interface StreetCrime {
  line: number;
  month: string;
  lon: number | null;
  lat: number | null;
  /** The anonymised location text ("On or near …"). */
  location: string;
  /** LSOA code (archive only; "" in API records). */
  lsoa: string;
  /** The archive's crime-type label. */
  type: string;
  /** The place key for street counts: API street_id, or LSOA + location in archive data. */
  street: string;
}

export interface CrimeTypes {
  bySlug: Map<string, string>;
  labels: Set<string>;
  /** former label → current label */
  renamed: Map<string, string>;
  crimeLabels: Set<string>;
}

export function readCrimeTypes(file: string): CrimeTypes {
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as { slug: string; label: string; former_labels: string; is_crime: string }[];
  const t: CrimeTypes = { bySlug: new Map(), labels: new Set(), renamed: new Map(), crimeLabels: new Set() };
  rows.forEach((r, i) => {
    if (!r.slug || !r.label || !['yes', 'no'].includes(r.is_crime)) throw new DataError(`${file}:${i + 2}: expected slug, label and is_crime (yes/no).`);
    t.bySlug.set(r.slug, r.label);
    t.labels.add(r.label);
    if (r.is_crime === 'yes') t.crimeLabels.add(r.label);
    for (const f of r.former_labels.split('|').filter(Boolean)) t.renamed.set(f, r.label);
  });
  return t;
}

/** The archive's monthly street files in a folder, oldest first ("2022-04-city-of-london-street.csv"). */
export function archiveFiles(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => /^\d{4}-\d{2}-[a-z0-9-]+-street\.csv$/.test(f)).sort();
  if (!files.length) throw new DataError(`${dir}: no data.police.uk street files (expected names like 2022-04-city-of-london-street.csv).`);
  return files.map((f) => join(dir, f));
}

/** The API's monthly files in a folder, oldest first. */
export function apiFiles(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => /_\d{4}-\d{2}\.csv(\.gz)?$/.test(f)).sort();
  if (!files.length) throw new DataError(`${dir}: no API month files (expected names ending _YYYY-MM.csv.gz).`);
  return files.map((f) => join(dir, f));
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function coord(file: string, line: number, col: string, raw: string, lo: number, hi: number): number | null {
  if (raw === '') return null;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi) throw valueError(file, line, col, raw, `a ${col.toLowerCase().startsWith('lon') ? 'longitude' : 'latitude'} between ${lo} and ${hi}, or empty`);
  return v;
}

/** One archive street file, checked row by row. */
export async function* readArchiveFile(file: string, types: CrimeTypes): AsyncGenerator<StreetCrime> {
  let header: string[] = [];
  let cols = new Map<string, string>();
  let first = true;
  for await (const r of readCsv(file, { onHeader: (h) => (header = h.columns) })) {
    if (first) {
      cols = checkHeader(file, header, ARCHIVE_COLUMNS.filter((c) => c !== 'Context' && c !== 'Last outcome category'));
      first = false;
    }
    const c = (k: string) => r.cells[cols.get(k)!]!;
    const month = c('Month');
    if (!MONTH.test(month)) throw valueError(file, r.line, 'Month', month, 'a month as YYYY-MM');
    const lon = coord(file, r.line, 'Longitude', c('Longitude'), -180, 180);
    const lat = coord(file, r.line, 'Latitude', c('Latitude'), -90, 90);
    if ((lon === null) !== (lat === null)) throw valueError(file, r.line, lon === null ? 'Longitude' : 'Latitude', '', 'both coordinates, or neither');
    let type = c('Crime type');
    if (!types.labels.has(type)) {
      const now = types.renamed.get(type);
      if (!now) throw valueError(file, r.line, 'Crime type', type, `one of the data.police.uk crime types (${[...types.labels].join(', ')})`);
      type = now;
    }
    const location = c('Location');
    const lsoa = c('LSOA code');
    yield { line: r.line, month, lon, lat, location, lsoa, type, street: lon === null ? '' : `${lsoa}|${location}` };
  }
}

/** One API month file (CSV, optionally gzipped), checked row by row. */
export async function* readApiFile(file: string, types: CrimeTypes): AsyncGenerator<StreetCrime> {
  let header: string[] = [];
  let first = true;
  for await (const r of readCsv(file, { onHeader: (h) => (header = h.columns) })) {
    if (first) {
      checkHeader(file, header, API_COLUMNS);
      first = false;
    }
    const month = r.cells.month!;
    if (!MONTH.test(month)) throw valueError(file, r.line, 'month', month, 'a month as YYYY-MM');
    const lon = coord(file, r.line, 'longitude', r.cells.longitude!, -180, 180);
    const lat = coord(file, r.line, 'latitude', r.cells.latitude!, -90, 90);
    const type = types.bySlug.get(r.cells.category!);
    if (!type) throw valueError(file, r.line, 'category', r.cells.category!, `an API category slug listed in data/reference/police_uk_crime_types.csv`);
    yield { line: r.line, month, lon, lat, location: r.cells.street_name!, lsoa: '', type, street: r.cells.street_id! };
  }
}
