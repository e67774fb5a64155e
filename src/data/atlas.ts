/**
 * The atlas: the indicator catalogue (indicators.json) and one wide CSV of values per
 * level (atlas_<level>.csv: area code, name, borough, then one column per indicator).
 */
import { readCsv, readJson, DerivedDataError } from './read.ts';
import { catalogueSchema } from './schema/atlas.ts';
import { code, numberOrNull, required, text } from './schema/cells.ts';
import { BREAK_METHODS, breaksFor, CLASS_COUNTS } from '../lib/breaks.ts';
import {
  LEVEL_ORDER,
  type AtlasAreas,
  type AtlasIndicatorData,
  type AtlasLevel,
  type IndicatorMeta,
} from '../lib/atlas.ts';

let catalogue: IndicatorMeta[] | undefined;
const levels = new Map<AtlasLevel, { areas: AtlasAreas; values: Map<string, (number | null)[]> }>();

export function loadCatalogue(): IndicatorMeta[] {
  return (catalogue ??= readJson('indicators.json', catalogueSchema).indicators);
}

/** Area codes of each level: boroughs E09, wards E05, MSOAs E02, LSOAs E01. */
const CODE_PREFIX: Record<AtlasLevel, string> = {
  borough: 'E09',
  ward: 'E05',
  ward2018: 'E05',
  ward2014: 'E05',
  ward2013: 'E05',
  msoa: 'E02',
  msoa2011: 'E02',
  lsoa: 'E01',
  lsoa2011: 'E01',
};

export function loadAtlasLevel(level: AtlasLevel) {
  let d = levels.get(level);
  if (!d) {
    const ids = new Set(
      loadCatalogue()
        .filter((c) => c.levels.split(';').includes(level))
        .map((c) => c.id),
    );
    const file = `atlas_${level}.csv`;
    const f = readCsv(file, {
      columns: { area_code: code([CODE_PREFIX[level]]), area_name: required, borough_code: text },
      rest: {
        pattern: /^[a-z0-9_]+$/,
        cell: numberOrNull,
        what: 'indicator ids of the catalogue, each a number or empty',
      },
    });
    const notInCatalogue = f.rest.filter((id) => !ids.has(id));
    if (notInCatalogue.length)
      throw new DerivedDataError(
        `data/derived/${file}: row 0 (header): ${notInCatalogue.map((i) => `"${i}"`).join(', ')} not in indicators.json at level ${level}.`,
      );
    d = {
      areas: {
        codes: f.rows.map((r) => r.area_code),
        names: f.rows.map((r) => r.area_name),
        parents: f.rows.map((r) => r.borough_code),
      },
      values: new Map(f.rest.map((id) => [id, f.rows.map((r) => r[id] ?? null)])),
    };
    levels.set(level, d);
  }
  return d;
}

export function atlasIndicatorData(level: AtlasLevel, id: string): AtlasIndicatorData {
  const values = loadAtlasLevel(level).values.get(id);
  if (!values) throw new Error(`indicator ${id} has no values at level ${level}`);
  const finite = values.filter((v): v is number => v !== null);
  const breaks = Object.fromEntries(
    BREAK_METHODS.map((m) => [
      m,
      Object.fromEntries(
        CLASS_COUNTS.map((k) => [String(k), breaksFor(m, finite, k).map((b) => Math.round(b * 1000) / 1000)]),
      ),
    ]),
  ) as AtlasIndicatorData['breaks'];
  return { values, breaks };
}

/** Every (level, indicator) pair published. */
export function atlasPairs(): { level: AtlasLevel; indicator: string }[] {
  return loadCatalogue().flatMap((c) =>
    c.levels.split(';').map((level) => ({ level: LEVEL_ORDER.find((l) => l === level)!, indicator: c.id })),
  );
}
