/**
 * The atlas levels whose areas come from a boundary file (older vintages, read as
 * published), and how each is assembled. One place for the rule, used both by the
 * topology files and by the atlas's area lists, so map and data cannot disagree.
 *
 * Ward 2014 has no boundary file of its own here: it is the 2013 pattern with the
 * May 2014 changes of Hackney, Kensington and Chelsea and Tower Hamlets, whose new
 * wards lasted until 2018. So its areas are the 2013 wards of the other boroughs
 * plus the 2018 wards of those three. The PTAL 2015 file's 629 ward codes equal
 * exactly that set (tested).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DataError } from './errors.ts';
import { inputRecord, sourcePath, type DeriveContext, type InputRecord } from './context.ts';
import { AREA_BOUNDARIES, BOUNDARY_PARENT_FIELD, type SourceId } from '../sources.ts';
import { readGeoJson } from './geo.ts';
import { CITY_CODE, WARDS_2014_FROM_2018_FILE } from '../../src/lib/areas.ts';

/** Boroughs whose 2014 wards are taken from the 2018 boundary file. */
const WARD_2014_FROM_2018: readonly string[] = WARDS_2014_FROM_2018_FILE;

export interface BoundaryPart {
  id: SourceId;
  /** keep a feature by its borough code */
  keep: (borough: string) => boolean;
}

export const BOUNDARY_LEVELS = {
  ward2018: [{ id: 'ons-wards-2018', keep: () => true }],
  ward2014: [
    { id: 'ons-wards-2013', keep: (b: string) => b !== CITY_CODE && !WARD_2014_FROM_2018.includes(b) },
    { id: 'ons-wards-2018', keep: (b: string) => WARD_2014_FROM_2018.includes(b) },
  ],
  ward2013: [{ id: 'ons-wards-2013', keep: () => true }],
  msoa2011: [{ id: 'ons-msoa-2011', keep: () => true }],
  lsoa2011: [{ id: 'ons-lsoa-2011', keep: () => true }],
} as const satisfies Record<string, readonly BoundaryPart[]>;
export type BoundaryLevel = keyof typeof BOUNDARY_LEVELS;

export interface BoundaryArea {
  code: string;
  name: string;
  parent: string;
  feature: Feature;
}

const cache = new Map<string, { areas: BoundaryArea[]; inputs: InputRecord[] }>();

/** The level's areas (code, name, borough) and features, sorted by code, with the input records. */
export async function boundaryAreas(
  ctx: DeriveContext,
  level: BoundaryLevel,
): Promise<{ areas: BoundaryArea[]; inputs: InputRecord[] }> {
  const key = `${ctx.rawDir}\u0000${level}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const areas: BoundaryArea[] = [];
  const inputs: InputRecord[] = [];
  for (const part of BOUNDARY_LEVELS[level] as readonly BoundaryPart[]) {
    const [, , , codeField, nameField] = AREA_BOUNDARIES.find((b) => b[0] === part.id)!;
    const parentField = BOUNDARY_PARENT_FIELD[part.id as keyof typeof BOUNDARY_PARENT_FIELD];
    if (!parentField) throw new Error(`no borough field known for ${part.id}`);
    const file = sourcePath(ctx, part.id);
    const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
    let used = 0;
    fc.features.forEach((f, i) => {
      const p = (f.properties ?? {}) as Record<string, unknown>;
      const [code, name, parent] = [p[codeField], p[nameField], p[parentField]];
      if (typeof code !== 'string' || typeof name !== 'string' || typeof parent !== 'string') {
        throw new DataError(`${file}: feature ${i} lacks ${codeField}/${nameField}/${parentField} (expected strings).`);
      }
      if (!f.geometry) throw new DataError(`${file}: feature ${i} (${code}) has no geometry.`);
      if (!part.keep(parent)) return;
      used++;
      areas.push({ code, name, parent, feature: f });
    });
    const reason =
      level === 'ward2014'
        ? {
            [`not part of the 2014 pattern (${part.id === 'ons-wards-2013' ? 'City of London, or a borough whose 2014 wards come from the 2018 file' : 'borough unchanged in 2014, taken from the 2013 file'})`]:
              fc.features.length - used,
          }
        : {};
    inputs.push(
      await inputRecord(ctx, part.id, file, {
        rows_read: fc.features.length,
        rows_used: used,
        rejected_reasons: used < fc.features.length ? reason : {},
      }),
    );
  }
  areas.sort((a, b) => (a.code < b.code ? -1 : 1));
  const seen = new Set<string>();
  for (const a of areas) {
    if (seen.has(a.code)) throw new DataError(`${level}: area code ${a.code} appears twice in its boundary files.`);
    seen.add(a.code);
  }
  const out = { areas, inputs };
  cache.set(key, out);
  return out;
}
