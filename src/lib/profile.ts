/**
 * Area profiles (build time): every borough and every 2022 ward —
 * its indicators against London (and, for wards, its borough), ranks, monthly
 * crime, neighbours and a plain summary of how it differs from London.
 */
import * as aq from 'arquero';
import { neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { loadAtlasLevel, loadCatalogue } from './atlas-data.ts';
import { formatValue, median, type AtlasLevel, type IndicatorMeta } from './atlas-view.ts';
import { loadBoroughTopo, loadCrime, readDerived } from './load.ts';
import { monthLong as monthYear } from './format.ts';
import { loadLevelTopo } from '../figures/atlas.ts';

export const CITY = 'E09000001';

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
    ...b.codes.map((code, i) => ({ code, name: b.names[i]!, level: 'borough' as const, borough: { code, name: b.names[i]! } })),
    ...w.codes.map((code, i) => ({ code, name: w.names[i]!, level: 'ward' as const, borough: { code: w.parents[i]!, name: bName.get(w.parents[i]!) ?? w.parents[i]! } })),
  ];
  return areasCache;
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
      const finite = vals.filter((x): x is number => x !== null);
      const rank = v === null ? null : finite.filter((x) => x > v).length + 1;
      return {
        meta,
        value: v,
        londonMedian: median(finite),
        rank,
        n: finite.length,
        boroughValue: area.level === 'ward' ? (B.values.get(meta.id)?.[bi] ?? null) : null,
      };
    });
}

/** Indicators used for the summary: rates and shares, not counts, ranks or deciles. */
const SUMMARY_UNITS = new Set(['%', 'per 1,000 residents']);

export function profileSummary(area: ProfileArea, rows: ProfileRow[]): string {
  const levelWord = area.level === 'borough' ? 'boroughs' : 'wards';
  // Current figures only: the GLA ward (2015) and borough (2017) profiles' older values stay in the tables.
  const usable = rows.filter((r) => r.value !== null && SUMMARY_UNITS.has(r.meta.unit) && !r.meta.id.endsWith('_change') && r.n >= 10 && !r.meta.sources.startsWith('gla-'));
  if (!usable.length) {
    // City of London wards: no census or MPS figures by ward; say what the City Police's records show.
    const m = monthlyCrime(area);
    if (m?.force === 'city' && area.level === 'ward') {
      const year = (d: { total: number }[]) => d.slice(-12).reduce((a, x) => a + x.total, 0);
      const wards = profileAreas().filter((a) => a.level === 'ward' && a.borough.code === CITY);
      const totals = wards.map((w) => ({ code: w.code, n: year(monthlyCrime(w)?.data ?? []) })).sort((a, b) => b.n - a.n);
      const n = year(m.data);
      const all = totals.reduce((a, t) => a + t.n, 0);
      const rank = totals.findIndex((t) => t.code === area.code) + 1;
      const to = m.data.at(-1)!.month;
      return `${area.name} is one of the City of London's ${wards.length} wards, where no census or Metropolitan Police figures are published by ward. In the 12 months to ${monthYear(to)} the City of London Police recorded ${n.toLocaleString('en-GB')} crimes located in ${area.name}: ${((n / all) * 100).toFixed(1)}% of those located in the City's wards, ${rank === 1 ? 'the most' : `the ${ordinal(rank)} most`} of the ${wards.length}.`;
    }
    return `No rates or shares are published for ${area.name}.`;
  }
  // Distance from the middle of London's distribution, in rank terms (0 = median, 1 = the extreme).
  const scored = usable
    .map((r) => ({ r, d: Math.abs((r.rank! - 1) / (r.n - 1) - 0.5) * 2 }))
    .sort((a, b) => b.d - a.d || (a.r.meta.id < b.r.meta.id ? -1 : 1));
  const seenThemes = new Set<string>();
  const picks = scored.filter((s) => (seenThemes.has(s.r.meta.theme) ? false : (seenThemes.add(s.r.meta.theme), true))).slice(0, 4);
  const parts = picks.map(({ r }) => {
    const f = (v: number) => formatValue(r.meta.unit, v);
    const higher = r.value! > r.londonMedian;
    const pos = higher ? (r.rank === 1 ? 'the highest' : `${ordinal(r.rank!)} highest`) : r.rank === r.n ? 'the lowest' : `${ordinal(r.n - r.rank! + 1)} lowest`;
    return `${r.meta.title.replace(/ \(%\)$/, '')}: ${f(r.value!)} against a London median of ${f(r.londonMedian)} (${pos} of ${r.n.toLocaleString('en-GB')} ${levelWord})`;
  });
  return `Where ${area.name} differs most from London's other ${levelWord}: ${joinList(parts)}.`;
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
    const topo: Topology = level === 'borough' ? loadBoroughTopo() : loadLevelTopo('wards_2022.topo.json');
    const obj = topo.objects[level === 'borough' ? 'boroughs' : 'areas'] as GeometryCollection<{ code?: string } | null>;
    const codes = obj.geometries.map((g) => (g.properties as { code?: string } | null)?.code ?? String(g.id));
    const nb = neighbors(obj.geometries as never);
    m = new Map(codes.map((c, i) => [c, nb[i]!.map((j) => codes[j]!).sort()]));
    neighbourCache.set(level, m);
  }
  return m.get(code) ?? [];
}

let wardMonthly: { months: string[]; by: Map<string, number[]> } | undefined;
let cityMonthly: { months: string[]; by: Map<string, number[]> } | undefined;

function wideMonthly(file: string, key: string, skip: number) {
  const t = aq.fromCSV(readDerived(file), { autoType: false });
  const months = t.columnNames().slice(skip);
  const by = new Map((t.objects() as Record<string, string>[]).map((r) => [r[key]!, months.map((m) => Number(r[m]))]));
  return { months, by };
}

export interface MonthlyCrime {
  /** Who recorded the crimes: the Metropolitan Police (borough and ward files) or the City of London Police (data.police.uk). */
  force: 'mps' | 'city';
  data: { month: string; total: number }[];
}

/** Monthly crimes for an area: the borough series, the MPS ward series, or for City wards the City Police's street records. */
export function monthlyCrime(area: ProfileArea): MonthlyCrime | null {
  if (area.code === CITY || area.borough.code === CITY) {
    cityMonthly ??= wideMonthly('city_ward_monthly.csv', 'ward_code', 2);
    const { months, by } = cityMonthly;
    const series = area.code === CITY ? months.map((_, i) => [...by.values()].reduce((a, s) => a + s[i]!, 0)) : by.get(area.code);
    return series ? { force: 'city', data: months.map((month, i) => ({ month, total: series[i]! })) } : null;
  }
  if (area.level === 'borough') {
    const s = loadCrime();
    const rows = s.rows.filter((r) => r.areaCode === area.code);
    if (!rows.length) return null;
    return { force: 'mps', data: s.months.map((month, i) => ({ month, total: rows.reduce((a, r) => a + r.counts[i]!, 0) })) };
  }
  wardMonthly ??= wideMonthly('mps_ward_monthly.csv', 'ward_code', 1);
  const series = wardMonthly.by.get(area.code);
  return series ? { force: 'mps', data: wardMonthly.months.map((month, i) => ({ month, total: series[i]! })) } : null;
}
