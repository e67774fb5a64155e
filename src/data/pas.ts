/**
 * The Public Attitude Survey comparator's data: the dashboard measures by borough and for
 * the MPS (pas_borough_quarterly.csv), checked cell by cell, as one table per measure.
 */
import { z } from './schema/zod.ts';
import { readCsv } from './read.ts';
import { code, month, oneOf, required, type Cell } from './schema/cells.ts';
import { PAS_MEASURES } from '../lib/pas.ts';
import type { PasTable } from '../lib/pas.ts';
import { MET_FORCE_CODE } from '../lib/areas.ts';

const proportion: Cell<number> = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'expected a proportion between 0 and 1')
  .transform(Number);

let table: PasTable | undefined;
export function loadPas(): PasTable {
  if (table) return table;
  const f = readCsv('pas_borough_quarterly.csv', {
    columns: {
      quarter_end: month,
      area_code: code(['E09', 'E23']),
      area_name: required,
      measure: oneOf(PAS_MEASURES.map((m) => m.label)),
      proportion,
    },
  });
  const quarters = [...new Set(f.rows.map((r) => r.quarter_end))].sort();
  const qi = new Map(quarters.map((q, i) => [q, i]));
  const names = new Map<string, string>();
  const values: PasTable['values'] = {};
  for (const m of PAS_MEASURES) values[m.id] = {};
  for (const r of f.rows) {
    names.set(r.area_code, r.area_name);
    const m = PAS_MEASURES.find((x) => x.label === r.measure)!;
    const series = (values[m.id]![r.area_code] ??= quarters.map(() => null));
    series[qi.get(r.quarter_end)!] = r.proportion;
  }
  const boroughs = [...names]
    .filter(([c]) => c.startsWith('E09'))
    .map(([c, n]) => ({ code: c, name: n }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  table = { quarters, boroughs, london: MET_FORCE_CODE, values };
  return table;
}
