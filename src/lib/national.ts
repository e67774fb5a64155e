/**
 * The national comparison: ONS police force area releases (Tables P1–P3), the
 * MPS against England and Wales, force rankings, and the change between releases.
 * Pure functions over the parsed derived CSVs.
 */

/** The force and country codes of areas.ts by their short names in these tables. */
import { MET_FORCE_CODE as MPS, ENGLAND_WALES_CODE as EW, GMP_FORCE_CODE as GMP } from './areas.ts';
export { MPS, EW, GMP };
export const TOTAL = 'Total recorded crime (excluding fraud)';

/** Offence groups in the order the ONS tables print them, with their level. */
export const GROUPS: { group: string; level: 0 | 1 | 2 }[] = [
  { group: TOTAL, level: 0 },
  { group: 'Violence against the person', level: 1 },
  { group: 'Homicide', level: 2 },
  { group: 'Death or serious injury - unlawful driving', level: 2 },
  { group: 'Violence with injury', level: 2 },
  { group: 'Violence without injury', level: 2 },
  { group: 'Stalking and harassment', level: 2 },
  { group: 'Sexual offences', level: 1 },
  { group: 'Robbery', level: 1 },
  { group: 'Theft offences', level: 1 },
  { group: 'Burglary', level: 2 },
  { group: 'Residential burglary', level: 2 },
  { group: 'Non-residential burglary', level: 2 },
  { group: 'Vehicle offences', level: 2 },
  { group: 'Theft from the person', level: 2 },
  { group: 'Bicycle theft', level: 2 },
  { group: 'Shoplifting', level: 2 },
  { group: 'Other theft offences', level: 2 },
  { group: 'Criminal damage and arson', level: 1 },
  { group: 'Drug offences', level: 1 },
  { group: 'Possession of weapons offences', level: 1 },
  { group: 'Public order offences', level: 1 },
  { group: 'Miscellaneous crimes against society', level: 1 },
];
/** The top-level groups (the ones that add up to the total). */
export const MAIN_GROUPS = GROUPS.filter((g) => g.level === 1).map((g) => g.group);

export interface PfaRow {
  period: string;
  code: string;
  name: string;
  type: string;
  group: string;
  count: number | null;
  countNote: string;
  pct: number | null;
  pctNote: string;
  rate: number | null;
  rateNote: string;
}
export interface ReleaseInfo {
  period: string;
  workbook: string;
  scope: string;
  populationVintage: string;
  /** Whether England and Wales totals exclude a force. */
  partial: boolean;
}

export class PfaIndex {
  private by = new Map<string, PfaRow>();
  constructor(readonly rows: PfaRow[]) {
    for (const r of rows) this.by.set(`${r.period}|${r.code}|${r.group}`, r);
  }
  get(period: string, code: string, group = TOTAL): PfaRow | undefined {
    return this.by.get(`${period}|${code}|${group}`);
  }
  periods(): string[] {
    return [...new Set(this.rows.map((r) => r.period))].sort();
  }
  forces(period: string): PfaRow[] {
    return this.rows.filter((r) => r.period === period && r.type === 'force' && r.group === TOTAL);
  }
}

export interface GroupComparison {
  group: string;
  level: number;
  mpsCount: number | null;
  ewCount: number | null;
  mpsPct: number | null;
  ewPct: number | null;
  mpsRate: number | null;
  ewRate: number | null;
  /** MPS count as a % of the England and Wales count. */
  share: number | null;
}

export function compareGroups(ix: PfaIndex, period: string): GroupComparison[] {
  return GROUPS.map(({ group, level }) => {
    const m = ix.get(period, MPS, group);
    const e = ix.get(period, EW, group);
    const share = m?.count != null && e?.count ? (m.count / e.count) * 100 : null;
    return {
      group,
      level,
      mpsCount: m?.count ?? null,
      ewCount: e?.count ?? null,
      mpsPct: m?.pct ?? null,
      ewPct: e?.pct ?? null,
      mpsRate: m?.rate ?? null,
      ewRate: e?.rate ?? null,
      share,
    };
  });
}

export interface ForceRate {
  code: string;
  name: string;
  rate: number;
  count: number;
  rank: number;
}

/** Forces with a published rate, highest first; and those without one, with the reason. */
export function forceRates(
  ix: PfaIndex,
  period: string,
  group = TOTAL,
): { ranked: ForceRate[]; missing: { code: string; name: string; reason: string }[] } {
  const rows = ix.rows.filter((r) => r.period === period && r.type === 'force' && r.group === group);
  const ranked = rows
    .filter((r) => r.rate !== null)
    .map((r) => ({ code: r.code, name: r.name, rate: r.rate!, count: r.count!, rank: 0 }))
    .sort((a, b) => b.rate - a.rate || (a.code < b.code ? -1 : 1));
  ranked.forEach((r, i) => (r.rank = i + 1));
  const missing = rows
    .filter((r) => r.rate === null)
    .map((r) => ({
      code: r.code,
      name: r.name,
      reason:
        r.rateNote === '+'
          ? 'rate suppressed (small resident population)'
          : r.rateNote === '..'
            ? 'data not available'
            : 'no rate published',
    }));
  return { ranked, missing };
}

export interface SharePoint {
  period: string;
  mps: number;
  ew: number;
  share: number;
  partial: boolean;
}

export function shareSeries(ix: PfaIndex, releases: ReleaseInfo[]): SharePoint[] {
  return releases.map((r) => {
    const mps = ix.get(r.period, MPS)!.count!;
    const ew = ix.get(r.period, EW)!.count!;
    return { period: r.period, mps, ew, share: (mps / ew) * 100, partial: r.partial };
  });
}

export interface MovedRow {
  measure: string;
  previous: number | null;
  current: number | null;
  change: number | null;
  unit: 'count' | 'pct' | 'rate' | 'rank' | 'pp';
}

/** What moved for the MPS between a release and the one before it. */
export function sincePrevious(
  ix: PfaIndex,
  releases: ReleaseInfo[],
  period: string,
): {
  previous: string | null;
  rows: MovedRow[];
  groups: {
    group: string;
    prevRate: number | null;
    rate: number | null;
    prevCount: number | null;
    count: number | null;
  }[];
} {
  const i = releases.findIndex((r) => r.period === period);
  const prev = i > 0 ? releases[i - 1]!.period : null;
  if (!prev) return { previous: null, rows: [], groups: [] };
  const val = (p: string, code: string, f: 'count' | 'rate' | 'pct') => ix.get(p, code)?.[f] ?? null;
  const rank = (p: string) => forceRates(ix, p).ranked.find((r) => r.code === MPS)?.rank ?? null;
  const nForces = (p: string) => forceRates(ix, p).ranked.length;
  const share = (p: string) => {
    const m = val(p, MPS, 'count');
    const e = val(p, EW, 'count');
    return m !== null && e ? (m / e) * 100 : null;
  };
  const d = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  const rows: MovedRow[] = [
    {
      measure: 'MPS recorded crime (12 months)',
      previous: val(prev, MPS, 'count'),
      current: val(period, MPS, 'count'),
      change: d(val(prev, MPS, 'count'), val(period, MPS, 'count')),
      unit: 'count',
    },
    {
      measure: 'England and Wales recorded crime (12 months)',
      previous: val(prev, EW, 'count'),
      current: val(period, EW, 'count'),
      change: d(val(prev, EW, 'count'), val(period, EW, 'count')),
      unit: 'count',
    },
    {
      measure: 'MPS share of England and Wales (%)',
      previous: share(prev),
      current: share(period),
      change: d(share(prev), share(period)),
      unit: 'pp',
    },
    {
      measure: 'MPS rate per 1,000 population',
      previous: val(prev, MPS, 'rate'),
      current: val(period, MPS, 'rate'),
      change: d(val(prev, MPS, 'rate'), val(period, MPS, 'rate')),
      unit: 'rate',
    },
    {
      measure: 'England and Wales rate per 1,000 population',
      previous: val(prev, EW, 'rate'),
      current: val(period, EW, 'rate'),
      change: d(val(prev, EW, 'rate'), val(period, EW, 'rate')),
      unit: 'rate',
    },
    {
      measure: `MPS rank by rate among forces (1 = highest; of ${nForces(period)})`,
      previous: rank(prev),
      current: rank(period),
      change: d(rank(prev), rank(period)),
      unit: 'rank',
    },
    {
      measure: 'MPS change on the previous year (%)',
      previous: val(prev, MPS, 'pct'),
      current: val(period, MPS, 'pct'),
      change: d(val(prev, MPS, 'pct'), val(period, MPS, 'pct')),
      unit: 'pp',
    },
  ];
  const groups = GROUPS.filter((g) => g.level > 0).map(({ group }) => ({
    group,
    prevRate: ix.get(prev, MPS, group)?.rate ?? null,
    rate: ix.get(period, MPS, group)?.rate ?? null,
    prevCount: ix.get(prev, MPS, group)?.count ?? null,
    count: ix.get(period, MPS, group)?.count ?? null,
  }));
  return { previous: prev, rows, groups };
}
