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
import { scanRecords, type RawRecord } from './street-scan.ts';
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
  /** The API's street_id; empty in archive data, where a street is the location within its LSOA (see streetKey). */
  street: string;
}

export interface CrimeTypes {
  /** the reference file it was read from */
  file: string;
  bySlug: Map<string, string>;
  labels: Set<string>;
  /** former label → current label */
  renamed: Map<string, string>;
  crimeLabels: Set<string>;
}

export function readCrimeTypes(file: string): CrimeTypes {
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as { slug: string; label: string; former_labels: string; is_crime: string }[];
  const t: CrimeTypes = { file, bySlug: new Map(), labels: new Set(), renamed: new Map(), crimeLabels: new Set() };
  rows.forEach((r, i) => {
    if (!r.slug || !r.label || !['yes', 'no'].includes(r.is_crime)) throw new DataError(`${file}:${i + 2}: expected slug, label and is_crime (yes/no).`);
    t.bySlug.set(r.slug, r.label);
    t.labels.add(r.label);
    if (r.is_crime === 'yes') t.crimeLabels.add(r.label);
    for (const f of r.former_labels.split('|').filter(Boolean)) t.renamed.set(f, r.label);
  });
  return t;
}

/** A street: the API's street_id, or in archive data the "On or near …" location within its LSOA. */
export const streetKey = (r: StreetCrime) => r.street || `${r.lsoa}|${r.location}`;

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

/**
 * A validating reader for archive records as scanRecords gives them: the first
 * record is the header (checked; it gives the column positions), and each later
 * record comes back as a StreetCrime, or an error naming file, line and column.
 */
export function archiveRecordReader(file: string, types: CrimeTypes): (raw: RawRecord) => StreetCrime | null {
  let idx: Record<string, number> | null = null;
  let width = 0;
  const typeCache = new Map<string, string>();
  const months = new Set<string>();
  return (raw) => {
    if (!idx) {
      const header = Array.from({ length: raw.count }, (_, i) => raw.field(i).replace(/^\uFEFF/, '').trim());
      const cols = checkHeader(file, header, ARCHIVE_COLUMNS.filter((c) => c !== 'Context' && c !== 'Last outcome category'));
      idx = Object.fromEntries([...cols].map(([k, v]) => [k, header.indexOf(v)]));
      width = header.length;
      return null;
    }
    if (raw.count !== width) throw new DataError(`${file}:${raw.line}: expected ${width} columns as in the header, found ${raw.count}.`);
    const month = raw.ascii(idx.Month!);
    if (!months.has(month)) {
      if (!MONTH.test(month)) throw valueError(file, raw.line, 'Month', month, 'a month as YYYY-MM');
      months.add(month);
    }
    // Coordinates straight from the bytes when they are plain decimals (nearly always); otherwise from the text.
    let lon = raw.decimal(idx.Longitude!);
    if (lon === null || Number.isNaN(lon) || lon < -180 || lon > 180) lon = coord(file, raw.line, 'Longitude', raw.ascii(idx.Longitude!), -180, 180);
    let lat = raw.decimal(idx.Latitude!);
    if (lat === null || Number.isNaN(lat) || lat < -90 || lat > 90) lat = coord(file, raw.line, 'Latitude', raw.ascii(idx.Latitude!), -90, 90);
    if ((lon === null) !== (lat === null)) throw valueError(file, raw.line, lon === null ? 'Longitude' : 'Latitude', '', 'both coordinates, or neither');
    const label = raw.ascii(idx['Crime type']!);
    let type = typeCache.get(label);
    if (type === undefined) {
      type = types.labels.has(label) ? label : types.renamed.get(label);
      if (!type) throw valueError(file, raw.line, 'Crime type', label, `one of the data.police.uk crime types (${[...types.labels].join(', ')})`);
      typeCache.set(label, type);
    }
    const location = raw.field(idx.Location!);
    const lsoa = raw.ascii(idx['LSOA code']!);
    return { line: raw.line, month, lon, lat, location, lsoa, type, street: '' };
  };
}

/** One archive street file, checked row by row (read with the fast scanner; see street-scan.ts). */
export async function* readArchiveFile(file: string, types: CrimeTypes): AsyncGenerator<StreetCrime> {
  const read = archiveRecordReader(file, types);
  const out: StreetCrime[] = [];
  scanRecords(file, (raw) => {
    const r = read(raw);
    if (r) out.push(r);
  });
  yield* out;
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
