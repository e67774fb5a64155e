/**
 * Violence: knife crime (MPS Monthly Crime Dashboard), violence against the person
 * (MPS borough series) and people proceeded against for homicide (MPS Homicide
 * dashboard). Pure: the data layer (src/data/violence.ts) reads the files.
 */
import { addMonths } from './format.ts';
import { window12 } from './crime.ts';

export const KNIFE_MEASURES = ['Offences', 'Positive Outcomes'] as const;
export type KnifeMeasure = (typeof KNIFE_MEASURES)[number];

/** The dashboard's subtypes, in the order the site lists them, with the words it uses. */
export const KNIFE_SUBTYPES = [
  { subtype: 'Knife Crime', label: 'Knife crime', short: 'Knife crime', unit: 'offences' },
  { subtype: 'Knife Crime with Injury', label: 'Knife crime with injury', short: 'With injury', unit: 'offences' },
  {
    subtype: 'Knife Crime with Injury (Personal Robbery)',
    label: 'Knife crime with injury: personal robbery',
    short: 'With injury: robbery',
    unit: 'offences',
  },
  {
    subtype: 'Knife Injury Victims (1-24)',
    label: 'Knife injury victims aged 1–24',
    short: 'Victims aged 1–24',
    unit: 'victims',
  },
  {
    subtype: 'Knife Injury Victims (non DA 1-24)',
    label: 'Knife injury victims aged 1–24, non-domestic',
    short: 'Victims 1–24 (non-DA)',
    unit: 'victims',
  },
] as const;
export type KnifeSubtype = (typeof KNIFE_SUBTYPES)[number]['subtype'];
export const knifeLabel = (s: string): string => KNIFE_SUBTYPES.find((k) => k.subtype === s)?.label ?? s;
/** A short name for chart rows ("With injury (robbery)"). */
export const knifeShort = (s: string): string => KNIFE_SUBTYPES.find((k) => k.subtype === s)?.short ?? s;

export interface KnifeRow {
  level: 'borough' | 'ward';
  /** '' when the source's code is blank, a placeholder or retired (`known` false). */
  areaCode: string;
  areaName: string;
  /** the dashboard's borough_snt: the borough's name on borough rows, borough and team names joined on ward rows ("Westminster West End"), "Other / NK" on rows of no borough */
  borough: string;
  known: boolean;
  status: string;
  subtype: string;
  measure: KnifeMeasure;
  /** one per month of the series; null: no source row for that month */
  counts: (number | null)[];
}

export interface KnifeSeries {
  months: string[];
  rows: KnifeRow[];
}

const sumCounts = (c: (number | null)[], i0: number, i1: number) => {
  let s = 0;
  for (let i = i0; i <= i1; i++) s += c[i] ?? 0;
  return s;
};

function monthIndex(s: { months: string[] }, m: string): number {
  const i = s.months.indexOf(m);
  if (i < 0) throw new RangeError(`month ${m} is outside the series ${s.months[0]}–${s.months.at(-1)}`);
  return i;
}

/**
 * London by month: the sum of every borough-level row of the subtype and measure,
 * including rows with no borough code (aviation security, legacy "not known"), so the
 * total is the Met's. A month with no source row counts 0.
 */
export function knifeLondonMonthly(
  s: KnifeSeries,
  subtype: string,
  measure: KnifeMeasure,
): { month: string; total: number }[] {
  const rows = s.rows.filter((r) => r.level === 'borough' && r.subtype === subtype && r.measure === measure);
  return s.months.map((month, i) => ({ month, total: rows.reduce((a, r) => a + (r.counts[i] ?? 0), 0) }));
}

export interface AreaWindow {
  code: string;
  name: string;
  latest: number;
  previous: number;
}

/**
 * Each known area's total in the 12 months to `end` and in the 12 before, rows of one
 * code summed (a ward whose Safer Neighbourhood Team was renamed, or which appears
 * under two boroughs' names, has several rows). Also the totals of rows with no known
 * code, which belong to no area.
 */
export function knifeAreaWindows(
  s: KnifeSeries,
  level: 'borough' | 'ward',
  subtype: string,
  measure: KnifeMeasure,
  end: string,
): { areas: AreaWindow[]; unknown: { latest: number; previous: number } } {
  const [l0, l1] = window12(end).map((m) => monthIndex(s, m)) as [number, number];
  const [p0, p1] = window12(addMonths(end, -12)).map((m) => monthIndex(s, m)) as [number, number];
  const by = new Map<string, AreaWindow & { names: Map<string, number> }>();
  const unknown = { latest: 0, previous: 0 };
  for (const r of s.rows) {
    if (r.level !== level || r.subtype !== subtype || r.measure !== measure) continue;
    const latest = sumCounts(r.counts, l0, l1);
    const previous = sumCounts(r.counts, p0, p1);
    if (!r.known) {
      unknown.latest += latest;
      unknown.previous += previous;
      continue;
    }
    let a = by.get(r.areaCode);
    if (!a) by.set(r.areaCode, (a = { code: r.areaCode, name: r.areaName, latest: 0, previous: 0, names: new Map() }));
    a.latest += latest;
    a.previous += previous;
    // The name of the row with the most crimes in the two years names the area (ties: alphabetical).
    a.names.set(r.areaName, (a.names.get(r.areaName) ?? 0) + latest + previous);
  }
  const areas = [...by.values()].map(({ names, ...a }) => ({
    ...a,
    name: [...names.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0],
  }));
  return { areas: areas.sort((a, b) => (a.code < b.code ? -1 : 1)), unknown };
}

/** Per 1,000 of `population`; null without a population. */
export const per1000 = (n: number, population: number | null | undefined): number | null =>
  population ? (n / population) * 1000 : null;

/** % change from `previous` to `latest`; null when `previous` is 0. */
export const pctChange = (previous: number, latest: number): number | null =>
  previous > 0 ? ((latest - previous) / previous) * 100 : null;

/** The months of a series that end a full 12-month window (the 12th month onwards). */
export const rollingMonths = (months: string[]): string[] => months.slice(11);

/** Rolling 12-month sums aligned to `rollingMonths`. */
export function rollingSums(values: number[]): number[] {
  const out: number[] = [];
  let s = 0;
  values.forEach((v, i) => {
    s += v;
    if (i >= 12) s -= values[i - 12]!;
    if (i >= 11) out.push(s);
  });
  return out;
}

/* ---------------------------------------------------------------- homicide */

export interface HomicideRow {
  month: string;
  offenceType: string;
  proceedings: string;
  sex: string;
  ageGroup: string;
  people: number;
}

/** Calendar years the records cover in full (every month from January to December within the data's first and last month). */
export function completeYears(rows: HomicideRow[]): {
  years: string[];
  first: string;
  last: string;
  partial: string[];
} {
  const months = rows.map((r) => r.month).sort();
  const first = months[0]!;
  const last = months.at(-1)!;
  const all = [...new Set(months.map((m) => m.slice(0, 4)))].sort();
  const full = all.filter((y) => `${y}-01` >= first && `${y}-12` <= last);
  return { years: full, first, last, partial: all.filter((y) => !full.includes(y)) };
}

/** People by `key` values within `years`, as a map key → count. */
export function homicideBy(rows: HomicideRow[], years: string[], key: (r: HomicideRow) => string): Map<string, number> {
  const ys = new Set(years);
  const out = new Map<string, number>();
  for (const r of rows) if (ys.has(r.month.slice(0, 4))) out.set(key(r), (out.get(key(r)) ?? 0) + r.people);
  return out;
}

/** Age groups in age order ("10 to 14" … "65 and over"), whatever order they come in. */
export function ageOrder(groups: Iterable<string>): string[] {
  const lower = (g: string) => {
    const m = /^(\d+)/.exec(g);
    return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
  };
  return [...new Set(groups)].sort((a, b) => lower(a) - lower(b) || (a < b ? -1 : 1));
}
