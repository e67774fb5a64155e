/**
 * The ONS police force area releases and the year-ending-June-2025 tables:
 * ons_pfa_tables.csv (counts, % change, rates by release), ons_pfa_releases.csv
 * (each release's workbook, scope and populations), ons_pfa_counts_ye2025-06.csv
 * (Table P1) and ons_csp_london_ye2025-06.csv (Table C2, London).
 */
import { readCsv } from './read.ts';
import { countOrNull, month, numberOrNull, oneOf, required, text } from './schema/cells.ts';
import { PfaIndex, type PfaRow, type ReleaseInfo } from '../lib/national.ts';

const AREA_TYPES = ['country', 'england_and_wales', 'force', 'other', 'region', 'borough'] as const;
/** The columns every ONS count file shares: the period, the area and its type, the offence group and the count. */
const COUNT_COLUMNS = {
  period_end: month,
  area_code: required,
  area_name: required,
  area_type: oneOf(AREA_TYPES),
  offence_group: required,
  count: countOrNull,
};

export interface CountRow {
  /** the 12 months' end, YYYY-MM */
  period: string;
  code: string;
  name: string;
  type: string;
  group: string;
  count: number | null;
}
export type CspRow = CountRow;

let pfa: PfaIndex | undefined;
export function loadPfa(): PfaIndex {
  if (pfa) return pfa;
  const f = readCsv('ons_pfa_tables.csv', {
    columns: {
      ...COUNT_COLUMNS,
      count_note: text,
      pct_change: numberOrNull,
      pct_change_note: text,
      rate_per_1000: numberOrNull,
      rate_note: text,
    },
  });
  const rows: PfaRow[] = f.rows.map((r) => ({
    period: r.period_end,
    code: r.area_code,
    name: r.area_name,
    type: r.area_type,
    group: r.offence_group,
    count: r.count,
    countNote: r.count_note,
    pct: r.pct_change,
    pctNote: r.pct_change_note,
    rate: r.rate_per_1000,
    rateNote: r.rate_note,
  }));
  pfa = new PfaIndex(rows);
  return pfa;
}

let releases: { releases: ReleaseInfo[]; populations: Map<string, number | null> } | undefined;
export function loadReleases(): { releases: ReleaseInfo[]; populations: Map<string, number | null> } {
  if (releases) return releases;
  const f = readCsv('ons_pfa_releases.csv', {
    columns: {
      period_end: month,
      workbook: required,
      scope: required,
      area_code: required,
      area_name: required,
      population: countOrNull,
      households: countOrNull,
      population_vintage: required,
    },
  });
  const byPeriod = new Map<string, ReleaseInfo>();
  const populations = new Map<string, number | null>();
  for (const r of f.rows) {
    if (!byPeriod.has(r.period_end))
      byPeriod.set(r.period_end, {
        period: r.period_end,
        workbook: r.workbook,
        scope: r.scope,
        populationVintage: r.population_vintage,
        partial: r.scope !== 'England and Wales',
      });
    populations.set(`${r.period_end}|${r.area_code}`, r.population);
  }
  releases = { releases: [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : 1)), populations };
  return releases;
}

function groupCounts(file: string, extra: Record<string, typeof text> = {}): CountRow[] {
  return readCsv(file, {
    columns: {
      ...COUNT_COLUMNS,
      ...extra,
    },
  }).rows.map((r) => ({
    period: r.period_end,
    code: r.area_code,
    name: r.area_name,
    type: r.area_type,
    group: r.offence_group,
    count: r.count,
  }));
}

let csp: CspRow[] | undefined;
/** Table C2, year ending June 2025: London's boroughs (CSPs), the two forces and the rest. */
export const loadCsp2025 = (): CspRow[] => (csp ??= groupCounts('ons_csp_london_ye2025-06.csv', { csp_code: text }));
let counts2025: CountRow[] | undefined;
/** Table P1, year ending June 2025: every police force area, region and country. */
export const loadCounts2025 = (): CountRow[] => (counts2025 ??= groupCounts('ons_pfa_counts_ye2025-06.csv'));
