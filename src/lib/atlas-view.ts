/**
 * One atlas view: an indicator at a geography level, classified. Pure: used at
 * build time for the default view and in the browser for every other.
 */
import { echo, keyProblems } from './url-notes.ts';
import type { BreakMethod } from './breaks.ts';

export type AtlasLevel = 'borough' | 'ward' | 'ward2018' | 'ward2014' | 'ward2013' | 'msoa' | 'msoa2011' | 'lsoa' | 'lsoa2011';

export const LEVEL_META: Record<AtlasLevel, { label: string; inTitle: string; plural: string; topo: string; object: string; boundaries: string }> = {
  borough: { label: 'Borough', inTitle: 'borough', plural: 'boroughs', topo: 'london_boroughs.topo.json', object: 'boroughs', boundaries: 'local authority boundaries, December 2022' },
  ward: { label: 'Ward (2022)', inTitle: 'ward', plural: 'wards', topo: 'wards_2022.topo.json', object: 'areas', boundaries: 'ward boundaries, December 2022' },
  ward2018: { label: 'Ward (2018)', inTitle: 'ward (2018 boundaries)', plural: 'wards (2018)', topo: 'wards_2018.topo.json', object: 'areas', boundaries: 'ward boundaries, 2018' },
  ward2014: { label: 'Ward (2014)', inTitle: 'ward (2014 boundaries)', plural: 'wards (2014)', topo: 'wards_2014.topo.json', object: 'areas', boundaries: 'ward boundaries, May 2014' },
  ward2013: { label: 'Ward (2013)', inTitle: 'ward (2013 boundaries)', plural: 'wards (2013)', topo: 'wards_2013.topo.json', object: 'areas', boundaries: 'ward boundaries, December 2013' },
  msoa: { label: 'MSOA', inTitle: 'MSOA', plural: 'MSOAs', topo: 'msoa_2021.topo.json', object: 'areas', boundaries: 'MSOA boundaries, 2021' },
  msoa2011: { label: 'MSOA (2011)', inTitle: 'MSOA (2011)', plural: 'MSOAs (2011)', topo: 'msoa_2011.topo.json', object: 'areas', boundaries: 'MSOA boundaries, 2011' },
  lsoa: { label: 'LSOA (2021)', inTitle: 'LSOA (2021)', plural: 'LSOAs', topo: 'lsoa_2021.topo.json', object: 'areas', boundaries: 'LSOA boundaries, 2021' },
  lsoa2011: { label: 'LSOA (2011)', inTitle: 'LSOA (2011)', plural: 'LSOAs (2011)', topo: 'lsoa_2011.topo.json', object: 'areas', boundaries: 'LSOA boundaries, 2011' },
};
export const LEVEL_ORDER: AtlasLevel[] = ['borough', 'ward', 'ward2018', 'ward2014', 'ward2013', 'msoa', 'msoa2011', 'lsoa', 'lsoa2011'];

export const METHOD_LABEL: Record<BreakMethod, string> = { ckmeans: 'natural breaks (ckmeans)', quantile: 'quantiles', equal: 'equal intervals' };

export interface IndicatorMeta {
  id: string;
  theme: string;
  title: string;
  definition: string;
  unit: string;
  higher_is_better: 'yes' | 'no' | 'neither';
  levels: string;
  vintage: string;
  period: string;
  sources: string;
  licence: string;
}

export interface AtlasAreas {
  codes: string[];
  names: string[];
  parents: string[];
}

export interface AtlasIndicatorData {
  values: (number | null)[];
  breaks: Record<BreakMethod, Record<string, number[]>>;
}

export interface AtlasState {
  indicator: string;
  level: AtlasLevel;
  method: BreakMethod;
  classes: number;
  area: string | null;
  compare: string | null;
}

/**
 * The view with no address: crime against household deprivation by borough. The
 * comparison is shown unless the address says compare=none, or the other indicator
 * is not published at the view's level.
 */
export const DEFAULT_STATE: AtlasState = { indicator: 'crime_all_rate', level: 'borough', method: 'ckmeans', classes: 5, area: null, compare: 'hhdep_two_plus' };

/** How many of the catalogue's indicators are published at each geography. */
export function indicatorsByLevel(catalogue: Pick<IndicatorMeta, 'levels'>[]): Record<AtlasLevel, number> {
  const n = Object.fromEntries(LEVEL_ORDER.map((l) => [l, 0])) as Record<AtlasLevel, number>;
  for (const c of catalogue) for (const l of c.levels.split(';')) if (l in n) n[l as AtlasLevel]++;
  return n;
}

/** Is `compare` another indicator published at `level`? */
export function canCompare(catalogue: IndicatorMeta[], s: Pick<AtlasState, 'indicator' | 'level'>, compare: string | null): boolean {
  const cm = compare === null ? undefined : catalogue.find((x) => x.id === compare);
  return !!cm && compare !== s.indicator && cm.levels.split(';').includes(s.level);
}

/** Formatters made once (making an Intl.NumberFormat per value cost 0.5 ms each in a 4,994-area view). */
const FORMATS = [0, 1, 2].map((d) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }));
const nf = (d: 0 | 1 | 2) => FORMATS[d]!;
/** An integer with thousands separators ("4,994"). */
export const countText = (n: number): string => FORMATS[0]!.format(n);
export function formatValue(unit: string, v: number): string {
  // A true minus sign (U+2212), never a hyphen.
  return formatValueAbs(unit, v).replace(/^-/, '−').replace('£-', '−£');
}
function formatValueAbs(unit: string, v: number): string {
  if (unit === '£') return `£${nf(0).format(v)}`;
  if (unit === 'people' || unit === 'crimes' || unit.startsWith('rank') || unit === 'decile') return nf(0).format(v);
  if (unit === '%') return `${nf(1).format(v)}%`;
  if (unit === 'score') return nf(2).format(v);
  return nf(1).format(v);
}
export function unitLabel(m: IndicatorMeta): string {
  return m.unit === '%' ? 'Per cent' : m.unit === '£' ? 'Pounds (£)' : m.unit.charAt(0).toUpperCase() + m.unit.slice(1);
}

export interface RankedArea {
  rank: number;
  code: string;
  name: string;
  value: number;
}

/** Areas with a value, highest first; ties share the order of their codes. */
export function rankAreas(areas: AtlasAreas, data: AtlasIndicatorData): RankedArea[] {
  const r = areas.codes
    .map((code, i) => ({ code, name: areas.names[i]!, value: data.values[i] ?? null }))
    .filter((a): a is { code: string; name: string; value: number } => a.value !== null)
    .sort((a, b) => b.value - a.value || (a.code < b.code ? -1 : 1));
  return r.map((a, i) => ({ rank: i + 1, ...a }));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function describeView(meta: IndicatorMeta, level: AtlasLevel, ranked: RankedArea[], totalAreas: number, state: AtlasState): string {
  const L = LEVEL_META[level];
  if (!ranked.length) return `No ${L.plural} have a value for ${meta.title.toLowerCase()}.`;
  const f = (v: number) => formatValue(meta.unit, v);
  const top = ranked[0]!;
  const bottom = ranked.at(-1)!;
  const med = median(ranked.map((r) => r.value));
  const missing = totalAreas - ranked.length;
  let s =
    `${meta.title} across London's ${ranked.length.toLocaleString('en-GB')} ${L.plural}${missing ? ` (${missing.toLocaleString('en-GB')} without a value)` : ''}. ` +
    `Highest: ${top.name} (${f(top.value)}). Lowest: ${bottom.name} (${f(bottom.value)}). Median: ${f(med)}.`;
  if (state.area) {
    const a = ranked.find((r) => r.code === state.area);
    if (a) s += ` ${a.name}: ${f(a.value)}, ranked ${a.rank.toLocaleString('en-GB')} of ${ranked.length.toLocaleString('en-GB')} (1 = highest).`;
  }
  return s;
}

/** Pearson correlation of paired values (nulls dropped). */
export function pearson(xs: (number | null)[], ys: (number | null)[]): { r: number; n: number } {
  const pairs: [number, number][] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) pairs.push([x, y]);
  });
  const n = pairs.length;
  if (n < 3) return { r: NaN, n };
  const mx = pairs.reduce((a, p) => a + p[0], 0) / n;
  const my = pairs.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return { r: sxy / Math.sqrt(sxx * syy), n };
}

/** Parses ?indicator=&level=&method=&classes=&area=&compare=, falling back per field; reports what was not understood. */
export function parseState(
  params: URLSearchParams,
  catalogue: IndicatorMeta[],
): { state: AtlasState; problems: string[] } {
  const problems: string[] = keyProblems(params, ['indicator', 'level', 'method', 'classes', 'area', 'compare']);
  const s: AtlasState = { ...DEFAULT_STATE };
  const ind = params.get('indicator');
  if (ind !== null) {
    if (catalogue.some((c) => c.id === ind)) s.indicator = ind;
    else problems.push(`indicator ${echo(ind)} is not in the catalogue`);
  }
  const meta = catalogue.find((c) => c.id === s.indicator)!;
  const levels = meta.levels.split(';') as AtlasLevel[];
  const lv = params.get('level');
  if (lv !== null) {
    if ((levels as string[]).includes(lv)) s.level = lv as AtlasLevel;
    else problems.push(`level ${echo(lv)} is not available for this indicator`);
  }
  if (!levels.includes(s.level)) s.level = levels[0]!;
  const m = params.get('method');
  if (m !== null) {
    if (m === 'ckmeans' || m === 'quantile' || m === 'equal') s.method = m;
    else problems.push(`classification ${echo(m)} is not one of ckmeans, quantile, equal`);
  }
  const k = params.get('classes');
  if (k !== null) {
    if (['5', '6', '7'].includes(k)) s.classes = Number(k);
    else problems.push(`classes ${echo(k)} is not 5, 6 or 7`);
  }
  const a = params.get('area');
  if (a !== null) s.area = /^[EW]\d{8}$/.test(a) ? a : (problems.push(`area ${echo(a)} is not an area code`), null);
  const c = params.get('compare');
  if (c === 'none') s.compare = null;
  else if (c !== null) {
    if (canCompare(catalogue, s, c)) s.compare = c;
    else problems.push(`compare ${echo(c)} is not another indicator available at this level`);
  }
  // The default comparison where it applies, none where it does not (not a problem of the address).
  if (s.compare !== null && !canCompare(catalogue, s, s.compare)) s.compare = null;
  return { state: s, problems };
}

export function stateToParams(s: AtlasState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('indicator', s.indicator);
  p.set('level', s.level);
  if (s.method !== DEFAULT_STATE.method) p.set('method', s.method);
  if (s.classes !== DEFAULT_STATE.classes) p.set('classes', String(s.classes));
  if (s.area) p.set('area', s.area);
  if (s.compare !== DEFAULT_STATE.compare) p.set('compare', s.compare ?? 'none');
  return p;
}
