/**
 * Area profiles (build time, through the data layer): every borough and every 2022 ward —
 * its indicators against London (and, for wards, its borough), ranks, monthly
 * crime, neighbours and a plain summary of how it differs from London.
 */
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadAtlasLevel, loadCatalogue } from '../../data/atlas.ts';
import { formatValue } from '../../lib/format.ts';
import { median } from '../../lib/stats.ts';
import { type AtlasLevel, type IndicatorMeta } from '../../lib/atlas.ts';
import { loadCrime, loadCityWardMonthly, loadWardMonthly } from '../../data/crime.ts';
import { loadBoroughTopo, loadTopology } from '../../data/geo.ts';
import { monthLong as monthYear } from '../../lib/format.ts';

import { CITY_CODE } from '../../lib/areas.ts';

export interface ProfileArea {
  code: string;
  name: string;
  level: 'borough' | 'ward';
  borough: { code: string; name: string };
}

export interface ProfileRow {
  meta: IndicatorMeta;
  value: number | null;
  /** Median of the level's areas (London's boroughs or London's wards). */
  londonMedian: number;
  rank: number | null;
  n: number;
  /** For wards: the value of the ward's borough. */
  boroughValue: number | null;
}

let areasCache: ProfileArea[] | undefined;
export function profileAreas(): ProfileArea[] {
  if (areasCache) return areasCache;
  const b = loadAtlasLevel('borough').areas;
  const bName = new Map(b.codes.map((c, i) => [c, b.names[i]!]));
  const w = loadAtlasLevel('ward').areas;
  areasCache = [
    ...b.codes.map((code, i) => ({
      code,
      name: b.names[i]!,
      level: 'borough' as const,
      borough: { code, name: b.names[i]! },
    })),
    ...w.codes.map((code, i) => ({
      code,
      name: w.names[i]!,
      level: 'ward' as const,
      borough: { code: w.parents[i]!, name: bName.get(w.parents[i]!) ?? w.parents[i]! },
    })),
  ];
  return areasCache;
}

/** An indicator's values at a geography, once per build (each of the 737 profiles reads every one): those with a value, ascending, their median and median absolute deviation. */
interface ValueStats {
  ascending: Float64Array;
  median: number;
  mad: number;
}
const statsCache = new WeakMap<readonly (number | null)[], ValueStats>();
function valueStats(vals: readonly (number | null)[]): ValueStats {
  const known = statsCache.get(vals);
  if (known) return known;
  const finite = vals.filter((x): x is number => x !== null);
  const med = median(finite);
  const stats = {
    ascending: Float64Array.from(finite).sort(),
    median: med,
    mad: median(finite.map((x) => Math.abs(x - med))) * 1.4826,
  };
  statsCache.set(vals, stats);
  return stats;
}
/** 1 + the number of values above `v` (1 is the highest). */
function rankOf(v: number, ascending: Float64Array): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ascending[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return ascending.length - lo + 1;
}

export function profileRows(area: ProfileArea): ProfileRow[] {
  const level: AtlasLevel = area.level;
  const L = loadAtlasLevel(level);
  const i = L.areas.codes.indexOf(area.code);
  const B = loadAtlasLevel('borough');
  const bi = B.areas.codes.indexOf(area.borough.code);
  return loadCatalogue()
    .filter((m) => m.levels.split(';').includes(level))
    .map((meta) => {
      const vals = L.values.get(meta.id)!;
      const v = vals[i] ?? null;
      const stats = valueStats(vals);
      return {
        meta,
        value: v,
        londonMedian: stats.median,
        rank: v === null ? null : rankOf(v, stats.ascending),
        n: stats.ascending.length,
        boroughValue: area.level === 'ward' ? (B.values.get(meta.id)?.[bi] ?? null) : null,
      };
    });
}

/** Indicators used for the summary: rates and shares, not counts, ranks or deciles. */
const SUMMARY_UNITS = new Set(['%', 'per 1,000 residents']);
/** The crime measure a crime publication's profile leads with. */
const CRIME_FIRST = 'crime_all_rate';

/**
 * How far a value is from London's typical area, standardised: the difference from
 * the median over 1.4826 × the median absolute deviation (a robust z-score, so one
 * extreme area such as Westminster does not set the scale).
 */
function robustZ(v: number, values: readonly (number | null)[]): number {
  const { median: med, mad } = valueStats(values);
  return mad > 0 ? (v - med) / mad : 0;
}

/**
 * Large enough to mention: at least a quarter away from the median in relative terms,
 * and, for shares, at least 2 percentage points (0.7% against 0.4% is neither).
 */
function bigEnough(r: ProfileRow): boolean {
  const diff = Math.abs(r.value! - r.londonMedian);
  return diff >= 0.25 * Math.abs(r.londonMedian) && (r.meta.unit !== '%' || diff >= 2);
}

/** One difference in words; `levelWord` null leaves the count of areas out (when a sentence would mix counts). */
function differenceText(r: ProfileRow, levelWord: string | null): string {
  const f = (v: number) => formatValue(r.meta.unit, v);
  const higher = r.value! > r.londonMedian;
  const pos = higher
    ? r.rank === 1
      ? 'the highest'
      : `${ordinal(r.rank!)} highest`
    : r.rank === r.n
      ? 'the lowest'
      : `${ordinal(r.n - r.rank! + 1)} lowest`;
  return `${r.meta.title.replace(/ \(%\)$/, '')}: ${f(r.value!)} against a London median of ${f(r.londonMedian)} (${pos}${levelWord ? ` of ${r.n.toLocaleString('en-GB')} ${levelWord}` : ''})`;
}

export function profileSummary(area: ProfileArea, rows: ProfileRow[]): string {
  const levelWord = area.level === 'borough' ? 'boroughs' : 'wards';
  // Current figures only: the GLA ward (2015) and borough (2017) profiles' older values stay in the tables.
  const usable = rows.filter(
    (r) =>
      r.value !== null &&
      SUMMARY_UNITS.has(r.meta.unit) &&
      !r.meta.id.endsWith('_change') &&
      r.n >= 10 &&
      !r.meta.sources.startsWith('gla-'),
  );
  if (!usable.length) {
    // City of London wards: no census or MPS figures by ward; say what the City Police's records show.
    const m = monthlyCrime(area);
    if (m?.force === 'city' && area.level === 'ward') {
      const year = (d: { total: number }[]) => d.slice(-12).reduce((a, x) => a + x.total, 0);
      const wards = profileAreas().filter((a) => a.level === 'ward' && a.borough.code === CITY_CODE);
      const totals = wards
        .map((w) => ({ code: w.code, n: year(monthlyCrime(w)?.data ?? []) }))
        .sort((a, b) => b.n - a.n);
      const n = year(m.data);
      const all = totals.reduce((a, t) => a + t.n, 0);
      const rank = totals.findIndex((t) => t.code === area.code) + 1;
      const to = m.data.at(-1)!.month;
      return `${area.name} is one of the City of London's ${wards.length} wards, where no census or Metropolitan Police figures are published by ward. In the 12 months to ${monthYear(to)} the City of London Police recorded ${n.toLocaleString('en-GB')} crimes located in ${area.name}: ${((n / all) * 100).toFixed(1)}% of those located in the City's wards, ${rank === 1 ? 'the most' : `the ${ordinal(rank)} most`} of the ${wards.length}.`;
    }
    return `No rates or shares are published for ${area.name}.`;
  }
  const L = loadAtlasLevel(area.level);
  const valuesOf = (r: ProfileRow) => L.values.get(r.meta.id) ?? [];
  // Crime first: the area's crime rate against London's, whatever its size.
  const crime = usable.find((r) => r.meta.id === CRIME_FIRST);
  const crimeText = crime ? `Recorded crime: ${differenceText(crime, levelWord)}.` : '';
  // Then the largest standardised differences that are big enough to matter, one per theme.
  const scored = usable
    .filter((r) => r.meta.id !== CRIME_FIRST && bigEnough(r))
    .map((r) => ({ r, d: Math.abs(robustZ(r.value!, valuesOf(r))) }))
    .sort((a, b) => b.d - a.d || (a.r.meta.id < b.r.meta.id ? -1 : 1));
  const seenThemes = new Set<string>();
  const picks = scored
    .filter((x) => (seenThemes.has(x.r.meta.theme) ? false : (seenThemes.add(x.r.meta.theme), true)))
    .slice(0, 3);
  // One count of areas per sentence: when the picks are ranked among different numbers of areas, none is given.
  const oneCount = new Set(picks.map(({ r }) => r.n)).size === 1;
  const others = picks.length
    ? ` Where it differs most from London's other ${levelWord} (standardised, and by at least a quarter of the median): ${joinList(picks.map(({ r }) => differenceText(r, oneCount ? levelWord : null)))}${oneCount ? '' : `, ranked among the ${levelWord} with a value`}.`
    : ` On the other rates and shares it is close to London's typical ${area.level === 'borough' ? 'borough' : 'ward'}.`;
  return `${crimeText}${others}`.trim();
}

/** Everything an area profile page shows, computed here so that the page only renders. */
export function profilePage(area: ProfileArea) {
  const rows = profileRows(area);
  // Crime first, then the rest in catalogue order.
  const allThemes = [...new Set(rows.map((r) => r.meta.theme))].sort(
    (a, b) => (b === 'Crime' ? 1 : 0) - (a === 'Crime' ? 1 : 0),
  );
  const themes = allThemes.filter((t) => rows.some((r) => r.meta.theme === t && r.value !== null));
  const inCity = area.code === CITY_CODE || area.borough.code === CITY_CODE;
  const W = loadAtlasLevel('ward');
  const wardsOfCity = W.areas.parents.filter((p) => p === CITY_CODE).length;
  const cityWardsWithCensus = W.areas.parents.filter(
    (p, i) => p === CITY_CODE && W.values.get('pop_residents')?.[i] != null,
  ).length;
  const all = new Map(profileAreas().map((a) => [a.code, a]));
  const levelWord = area.level === 'borough' ? 'boroughs' : 'wards';
  return {
    summary: profileSummary(area, rows),
    themes: themes.map((t) => ({
      theme: t,
      anchor: `theme-${t.replace(/\W+/g, '-')}`,
      rows: rows
        .filter((r) => r.meta.theme === t)
        .map((r) => ({
          title: r.meta.title,
          value: r.value === null ? '–' : formatValue(r.meta.unit, r.value),
          median: formatValue(r.meta.unit, r.londonMedian),
          borough:
            area.level === 'ward' ? (r.boroughValue === null ? '–' : formatValue(r.meta.unit, r.boroughValue)) : null,
          rank: r.rank === null ? '–' : `${ordinal(r.rank)} of ${r.n.toLocaleString('en-GB')}`,
          period: r.meta.period,
        })),
    })),
    emptyThemes: allThemes.filter((t) => !themes.includes(t)),
    inCity,
    cityNote:
      inCity && !themes.length
        ? `The Census 2021 small areas (LSOAs) of the City of London are assigned by the ONS best-fit lookup to ${cityWardsWithCensus} of its ${wardsOfCity} wards, so the others receive no census figures, and the Metropolitan Police files do not cover the City. Its crimes, from the City of London Police, are above; the City's census and deprivation figures are on the`
        : null,
    levelWord,
    neighbours: neighboursOf(area.level, area.code).map((c) => ({ code: c, name: all.get(c)?.name ?? null })),
    wardsInBorough:
      area.level === 'borough' ? profileAreas().filter((a) => a.level === 'ward' && a.borough.code === area.code) : [],
  };
}

function joinList(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('; ')}; and ${xs.at(-1)}`;
}
export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n.toLocaleString('en-GB')}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

const neighbourCache = new Map<string, Map<string, string[]>>();
/** Areas sharing a boundary, from the topology's arcs. */
export function neighboursOf(level: 'borough' | 'ward', code: string): string[] {
  let m = neighbourCache.get(level);
  if (!m) {
    const topo: Topology = level === 'borough' ? loadBoroughTopo() : loadTopology('wards_2022.topo.json');
    const obj = topo.objects[level === 'borough' ? 'boroughs' : 'areas'] as GeometryCollection<{
      code?: string;
    } | null>;
    const codes = obj.geometries.map((g) => (g.properties as { code?: string } | null)?.code ?? String(g.id));
    const nb = neighbors(obj.geometries as never);
    m = new Map(codes.map((c, i) => [c, nb[i]!.map((j) => codes[j]!).sort()]));
    neighbourCache.set(level, m);
  }
  return m.get(code) ?? [];
}

export interface MonthlyCrime {
  /** Who recorded the crimes: the Metropolitan Police (borough and ward files) or the City of London Police (data.police.uk). */
  force: 'mps' | 'city';
  data: { month: string; total: number }[];
}

/** Monthly crimes for an area: the borough series, the MPS ward series, or for City wards the City Police's street records. */
export function monthlyCrime(area: ProfileArea): MonthlyCrime | null {
  if (area.code === CITY_CODE || area.borough.code === CITY_CODE) {
    const { months, by } = loadCityWardMonthly();
    const series =
      area.code === CITY_CODE
        ? months.map((_, i) => [...by.values()].reduce((a, s) => a + s[i]!, 0))
        : by.get(area.code);
    return series ? { force: 'city', data: months.map((month, i) => ({ month, total: series[i]! })) } : null;
  }
  if (area.level === 'borough') {
    const s = loadCrime();
    const rows = s.rows.filter((r) => r.areaCode === area.code);
    if (!rows.length) return null;
    return {
      force: 'mps',
      data: s.months.map((month, i) => ({ month, total: rows.reduce((a, r) => a + r.counts[i]!, 0) })),
    };
  }
  const wardMonthly = loadWardMonthly();
  const series = wardMonthly.by.get(area.code);
  return series ? { force: 'mps', data: wardMonthly.months.map((month, i) => ({ month, total: series[i]! })) } : null;
}
