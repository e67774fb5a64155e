/**
 * The MPS recorded-crime series: boroughs by offence category and month
 * (mps_borough_monthly.csv), wards by month (mps_ward_monthly.csv), the City of
 * London Police's crimes by City ward and month (city_ward_monthly.csv), and the
 * borough populations (borough_population.csv).
 */
import { readCsv } from './read.ts';
import { code, count, oneOf, required, text } from './schema/cells.ts';
import type { CrimeSeries, Population } from '../lib/crime.ts';

const MONTH_COLUMN = /^\d{4}-(0[1-9]|1[0-2])$/;

let crime: CrimeSeries | undefined;
export function loadCrime(): CrimeSeries {
  if (crime) return crime;
  const f = readCsv('mps_borough_monthly.csv', {
    columns: {
      area_code: code(['E09'], ['MPS-AIRPORTS', 'MPS-UNKNOWN']),
      area_name: required,
      area_kind: oneOf(['borough', 'other'] as const),
      major: required,
      minor: required,
    },
    rest: { pattern: MONTH_COLUMN, cell: count, what: 'months (YYYY-MM) of whole-number counts' },
  });
  crime = {
    months: f.rest,
    rows: f.rows.map((r) => ({
      areaCode: r.area_code,
      areaName: r.area_name,
      areaKind: r.area_kind,
      major: r.major,
      minor: r.minor,
      counts: f.rest.map((m) => r[m]!),
    })),
  };
  return crime;
}

let population: Population[] | undefined;
export function loadPopulation(): Population[] {
  return (population ??= readCsv('borough_population.csv', {
    columns: { area_code: code(['E09']), area_name: required, population: count, vintage: required },
  }).rows.map((r) => ({ areaCode: r.area_code, areaName: r.area_name, population: r.population, vintage: r.vintage })));
}

export interface WideMonthly {
  months: string[];
  by: Map<string, number[]>;
}

/** A wide 2022-ward × month file of counts. */
const readWardWide = (file: string): WideMonthly => {
  const f = readCsv(file, {
    columns: { ward_code: code(['E05']) },
    rest: { pattern: MONTH_COLUMN, cell: count, what: 'months (YYYY-MM) of whole-number counts' },
  });
  return { months: f.rest, by: new Map(f.rows.map((r) => [r.ward_code, f.rest.map((m) => r[m]!)])) };
};

let ward: WideMonthly | undefined;
/** MPS crimes by 2022 ward and month. */
export const loadWardMonthly = (): WideMonthly => (ward ??= readWardWide('mps_ward_monthly.csv'));

let wardVwi: WideMonthly | undefined;
/** MPS violence with injury by 2022 ward and month (the ISTV page's ward comparison). */
export const loadWardVwiMonthly = (): WideMonthly => (wardVwi ??= readWardWide('mps_ward_vwi_monthly.csv'));

let city: WideMonthly | undefined;
/** City of London Police crimes by City ward (2022) and month. */
export function loadCityWardMonthly(): WideMonthly {
  if (city) return city;
  const f = readCsv('city_ward_monthly.csv', {
    columns: { ward_code: code(['E05']), ward_name: text },
    rest: { pattern: MONTH_COLUMN, cell: count, what: 'months (YYYY-MM) of whole-number counts' },
  });
  city = { months: f.rest, by: new Map(f.rows.map((r) => [r.ward_code, f.rest.map((m) => r[m]!)])) };
  return city;
}
