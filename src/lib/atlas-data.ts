/** Build-time access to the atlas files in data/derived/ (node:fs via load.ts). */
import * as aq from 'arquero';
import { readDerived } from './load.ts';
import { BREAK_METHODS, breaksFor, CLASS_COUNTS } from './breaks.ts';
import type { AtlasAreas, AtlasIndicatorData, AtlasLevel, IndicatorMeta } from './atlas-view.ts';

let catalogue: IndicatorMeta[] | undefined;
const levels = new Map<AtlasLevel, { areas: AtlasAreas; values: Map<string, (number | null)[]> }>();

export function loadCatalogue(): IndicatorMeta[] {
  return (catalogue ??= (JSON.parse(readDerived('indicators.json')) as { indicators: IndicatorMeta[] }).indicators);
}

export function loadAtlasLevel(level: AtlasLevel) {
  let d = levels.get(level);
  if (!d) {
    const t = aq.fromCSV(readDerived(`atlas_${level}.csv`), { autoType: false });
    const rows = t.objects() as Record<string, string | null>[];
    const ids = t.columnNames().slice(3);
    d = {
      areas: { codes: rows.map((r) => r.area_code!), names: rows.map((r) => r.area_name!), parents: rows.map((r) => r.borough_code ?? '') },
      values: new Map(ids.map((id) => [id, rows.map((r) => (r[id] === '' || r[id] === null || r[id] === undefined ? null : Number(r[id])))])),
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
    BREAK_METHODS.map((m) => [m, Object.fromEntries(CLASS_COUNTS.map((k) => [String(k), breaksFor(m, finite, k).map((b) => Math.round(b * 1000) / 1000)]))]),
  ) as AtlasIndicatorData['breaks'];
  return { values, breaks };
}

/** Every (level, indicator) pair published. */
export function atlasPairs(): { level: AtlasLevel; indicator: string }[] {
  return loadCatalogue().flatMap((c) => c.levels.split(';').map((level) => ({ level: level as AtlasLevel, indicator: c.id })));
}
