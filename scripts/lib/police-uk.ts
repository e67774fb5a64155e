/**
 * The reference tables for data.police.uk street-level records: crime types (the
 * archive's labels, former labels, the API's slugs, and which are crimes) and the
 * location labels that name a kind of place or a station rather than a street.
 * The records themselves are read by street-records.ts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError } from './errors.ts';

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
  const rows = parse<{ slug: string; label: string; former_labels: string; is_crime: string }>(readFileSync(file), {
    columns: true,
    bom: true,
  });
  const t: CrimeTypes = { file, bySlug: new Map(), labels: new Set(), renamed: new Map(), crimeLabels: new Set() };
  rows.forEach((r, i) => {
    if (!r.slug || !r.label || !['yes', 'no'].includes(r.is_crime))
      throw new DataError(`${file}:${i + 2}: expected slug, label and is_crime (yes/no).`);
    t.bySlug.set(r.slug, r.label);
    t.labels.add(r.label);
    if (r.is_crime === 'yes') t.crimeLabels.add(r.label);
    for (const f of r.former_labels.split('|').filter(Boolean)) t.renamed.set(f, r.label);
  });
  return t;
}

/** What a location label names: a street, a data.police.uk place type, a station, or nothing. */
export type LabelKind = 'street' | 'place' | 'station' | 'blank';
export const LABEL_KINDS: readonly LabelKind[] = ['street', 'place', 'station', 'blank'];

/** data/reference/police_uk_place_labels.csv: labels that name a kind of place or a station, not a street. */
export interface PlaceLabels {
  file: string;
  byLower: Map<string, 'place' | 'station'>;
}

export function readPlaceLabels(file: string): PlaceLabels {
  const rows = parse<{ label: string; kind: string }>(readFileSync(file), { columns: true, bom: true });
  const byLower = new Map<string, 'place' | 'station'>();
  rows.forEach((r, i) => {
    if (!r.label || (r.kind !== 'place' && r.kind !== 'station'))
      throw new DataError(
        `${file}:${i + 2}: expected a label and a kind (place or station), found ${JSON.stringify(r)}.`,
      );
    byLower.set(r.label.trim().toLowerCase(), r.kind);
  });
  return { file, byLower };
}

/**
 * The kind of a data.police.uk location label. "On or near <name>" names a street
 * unless <name> is one of the place types or station names in the reference file;
 * "On or near " with nothing after it, or "No Location", names nothing; a label
 * without the "On or near" prefix is a British Transport Police location at a
 * station ("Euston (station)", "Victoria Lu Station (lu Station)").
 */
export function labelKind(location: string | null | undefined, labels: PlaceLabels): LabelKind {
  const t = (location ?? '').trim();
  if (t === '' || t.toLowerCase() === 'no location') return 'blank';
  const m = /^on or near(?:\s+(.*))?$/i.exec(t);
  if (!m) return labels.byLower.get(t.toLowerCase()) ?? 'station';
  const rest = (m[1] ?? '').trim();
  if (rest === '') return 'blank';
  return labels.byLower.get(rest.toLowerCase()) ?? 'street';
}
