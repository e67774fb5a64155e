/**
 * Aggregations of the MPS borough × category × month series. Pure functions over
 * the parsed derived CSV, shared by pages (at build time), tests and benches.
 */
import * as aq from 'arquero';
import { addMonths } from './format.ts';

export interface CrimeSeries {
  months: string[];
  rows: {
    areaCode: string;
    areaName: string;
    areaKind: 'borough' | 'other';
    major: string;
    minor: string;
    counts: number[];
  }[];
}

export interface Population {
  areaCode: string;
  areaName: string;
  population: number;
  vintage: string;
}

export const latestMonth = (s: CrimeSeries): string => s.months.at(-1)!;

/** The boroughs the series covers (the Met's 32: the City of London has its own police). */
export const seriesBoroughs = (s: CrimeSeries): string[] =>
  [...new Set(s.rows.filter((r) => r.areaKind === 'borough').map((r) => r.areaCode))].sort();

/** The 12-month window ending at `end` (inclusive), as [from, to]. */
export function window12(end: string): [string, string] {
  return [addMonths(end, -11), end];
}

/** Long table of (month, major, area_code, count) via arquero fold. */
function longTable(s: CrimeSeries, from: string, to: string) {
  const i0 = s.months.indexOf(from);
  const i1 = s.months.indexOf(to);
  if (i0 < 0 || i1 < 0)
    throw new RangeError(`months ${from}–${to} outside the series ${s.months[0]}–${s.months.at(-1)}`);
  const cols: Record<string, unknown[]> = {
    area_code: s.rows.map((r) => r.areaCode),
    area_name: s.rows.map((r) => r.areaName),
    area_kind: s.rows.map((r) => r.areaKind),
    major: s.rows.map((r) => r.major),
  };
  for (let i = i0; i <= i1; i++) cols[s.months[i]!] = s.rows.map((r) => r.counts[i]);
  return aq.table(cols).fold(aq.not('area_code', 'area_name', 'area_kind', 'major'), { as: ['month', 'count'] });
}

/** London total by month (every area, including Unknown and airports). */
export function monthlyTotals(s: CrimeSeries): { month: string; total: number }[] {
  return s.months.map((month, i) => ({ month, total: s.rows.reduce((a, r) => a + r.counts[i]!, 0) }));
}

/** Trailing 12-month mean of a monthly series; null until 12 months are available. */
export function rolling12Mean(values: number[]): (number | null)[] {
  let sum = 0;
  return values.map((v, i) => {
    sum += v;
    if (i >= 12) sum -= values[i - 12]!;
    return i >= 11 ? sum / 12 : null;
  });
}

/**
 * Offence groups with fewer crimes than this in the earlier 12 months are too small for
 * their % change to mean much (16 → 1 is −94%): figures of change by group leave them
 * out of the chart and name them in a note. The national page uses the same threshold.
 */
export const MIN_GROUP_FOR_CHANGE = 1000;

export interface GroupChange {
  group: string;
  previous: number;
  latest: number;
  change: number;
  pctChange: number | null;
}

/** Latest 12 months vs the 12 before, by major category, plus the total (group "Total"). */
export function changeByGroup(
  s: CrimeSeries,
  end = latestMonth(s),
): { latest: [string, string]; previous: [string, string]; groups: GroupChange[]; total: GroupChange } {
  const latest = window12(end);
  const previous = window12(addMonths(end, -12));
  const t = longTable(s, previous[0], latest[1])
    .derive({ period: aq.escape((d: { month: string }) => (d.month >= latest[0] ? 'latest' : 'previous')) })
    .groupby('major', 'period')
    .rollup({ n: aq.op.sum('count') })
    .groupby('major')
    .pivot('period', 'n');
  const groups = t
    .objects()
    .map((o) => {
      const r = o as { major: string; latest?: number; previous?: number };
      return mk(r.major, r.previous ?? 0, r.latest ?? 0);
    })
    .sort((a, b) => b.latest - a.latest || (a.group < b.group ? -1 : 1));
  const total = mk('Total', sum(groups.map((g) => g.previous)), sum(groups.map((g) => g.latest)));
  return { latest, previous, groups, total };
}

function mk(group: string, previous: number, latest: number): GroupChange {
  return {
    group,
    previous,
    latest,
    change: latest - previous,
    pctChange: previous > 0 ? ((latest - previous) / previous) * 100 : null,
  };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export interface BoroughRate {
  code: string;
  name: string;
  crimes: number;
  population: number;
  rate: number;
  rank: number;
}

/** Crimes in the 12 months to `end` per 1,000 residents, boroughs only, ranked highest first. */
export function boroughRates(s: CrimeSeries, pop: Population[], end = latestMonth(s)): BoroughRate[] {
  const [from, to] = window12(end);
  const byArea = longTable(s, from, to)
    .filter((d: { area_kind: string }) => d.area_kind === 'borough')
    .groupby('area_code', 'area_name')
    .rollup({ crimes: aq.op.sum('count') })
    .objects() as { area_code: string; area_name: string; crimes: number }[];
  const popBy = new Map(pop.map((p) => [p.areaCode, p]));
  const rates = byArea.map((a) => {
    const p = popBy.get(a.area_code);
    if (!p) throw new Error(`no population for ${a.area_code} ${a.area_name}`);
    return {
      code: a.area_code,
      name: a.area_name,
      crimes: a.crimes,
      population: p.population,
      rate: (a.crimes / p.population) * 1000,
      rank: 0,
    };
  });
  rates.sort((a, b) => b.rate - a.rate || (a.code < b.code ? -1 : 1));
  rates.forEach((r, i) => (r.rank = i + 1));
  return rates;
}

/** Rolling 12-month totals (each month, the sum of the 12 months to it) and % change on a year earlier. */
export function rolling12(
  totals: { month: string; total: number }[],
): { month: string; rolling: number; pct: number | null }[] {
  const out: { month: string; rolling: number; pct: number | null }[] = [];
  let sum = 0;
  totals.forEach((t, i) => {
    sum += t.total;
    if (i >= 12) sum -= totals[i - 12]!.total;
    if (i >= 11) out.push({ month: t.month, rolling: sum, pct: null });
  });
  for (let i = 12; i < out.length; i++)
    out[i]!.pct = ((out[i]!.rolling - out[i - 12]!.rolling) / out[i - 12]!.rolling) * 100;
  return out;
}

export interface BoroughChange {
  code: string;
  name: string;
  group: string;
  previous: number;
  latest: number;
  pctChange: number | null;
  /** Latest 12 months per 1,000 residents. */
  rate: number;
}

/**
 * Borough × major group: the 12 months to `end` against the 12 before, with the
 * latest rate per 1,000 residents. group "Total" sums every category.
 */
export function boroughChanges(s: CrimeSeries, pop: Population[], end = latestMonth(s)): BoroughChange[] {
  const latest = window12(end);
  const previous = window12(addMonths(end, -12));
  const t = longTable(s, previous[0], latest[1])
    .filter((d: { area_kind: string }) => d.area_kind === 'borough')
    .derive({ period: aq.escape((d: { month: string }) => (d.month >= latest[0] ? 'latest' : 'previous')) });
  const byGroup = t
    .groupby('area_code', 'area_name', 'major', 'period')
    .rollup({ n: aq.op.sum('count') })
    .objects() as {
    area_code: string;
    area_name: string;
    major: string;
    period: string;
    n: number;
  }[];
  const popBy = new Map(pop.map((p) => [p.areaCode, p.population]));
  const acc = new Map<string, BoroughChange>();
  const add = (code: string, name: string, group: string, period: string, n: number) => {
    const k = `${code}|${group}`;
    let r = acc.get(k);
    if (!r) {
      r = { code, name, group, previous: 0, latest: 0, pctChange: null, rate: 0 };
      acc.set(k, r);
    }
    if (period === 'latest') r.latest += n;
    else r.previous += n;
  };
  for (const r of byGroup) {
    add(r.area_code, r.area_name, r.major, r.period, r.n);
    add(r.area_code, r.area_name, 'Total', r.period, r.n);
  }
  const out = [...acc.values()];
  for (const r of out) {
    r.pctChange = r.previous > 0 ? ((r.latest - r.previous) / r.previous) * 100 : null;
    const p = popBy.get(r.code);
    if (!p) throw new Error(`no population for ${r.code}`);
    r.rate = (r.latest / p) * 1000;
  }
  return out.sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.code < b.code ? -1 : 1));
}
