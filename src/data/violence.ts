/**
 * Violence data: knife crime by month, borough and ward (mps_knife_crime_monthly.csv) and
 * people proceeded against for homicide (mps_homicide_accused.csv).
 */
import { readCsv } from './read.ts';
import { count, countOrNull, month, oneOf, required, text, type Cell } from './schema/cells.ts';
import { KNIFE_MEASURES, type HomicideRow, type KnifeSeries } from '../lib/violence.ts';
import { z } from './schema/zod.ts';

const MONTH_COLUMN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A known row has a borough (E09) or 2022 ward (E05) code; an unknown one an empty code. */
const areaCode: Cell<string> = z
  .string()
  .regex(/^(E0[59]\d{6})?$/, 'expected an E09 or E05 code, or an empty cell for an unknown code');
const status: Cell<string> = z.string().regex(/^(known|unknown code: ".*")$/, 'expected "known" or unknown code: "…"');

export const KNIFE_SPEC = {
  columns: {
    level: oneOf(['borough', 'ward'] as const),
    area_code: areaCode,
    area_name: text,
    borough: required,
    code_status: status,
    subtype: required,
    measure: oneOf(KNIFE_MEASURES),
  },
  rest: { pattern: MONTH_COLUMN, cell: countOrNull, what: 'months (YYYY-MM) of whole-number counts or empty cells' },
};

let knife: KnifeSeries | undefined;
export function loadKnifeCrime(): KnifeSeries {
  if (knife) return knife;
  const f = readCsv('mps_knife_crime_monthly.csv', KNIFE_SPEC);
  knife = {
    months: f.rest,
    rows: f.rows.map((r) => ({
      level: r.level,
      areaCode: r.area_code,
      areaName: r.area_name,
      borough: r.borough,
      known: r.code_status === 'known',
      status: r.code_status,
      subtype: r.subtype,
      measure: r.measure,
      counts: f.rest.map((m) => r[m] ?? null),
    })),
  };
  return knife;
}

let homicide: HomicideRow[] | undefined;
export function loadHomicide(): HomicideRow[] {
  return (homicide ??= readCsv('mps_homicide_accused.csv', {
    columns: {
      month,
      offence_type: required,
      proceedings: required,
      sex: required,
      age_group: required,
      people: count,
    },
  }).rows.map((r) => ({
    month: r.month,
    offenceType: r.offence_type,
    proceedings: r.proceedings,
    sex: r.sex,
    ageGroup: r.age_group,
    people: r.people,
  })));
}
