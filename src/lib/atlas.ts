/**
 * The atlas's geographies and indicators: the levels and their boundaries, the
 * catalogue's entries, areas ranked by a value and described in words. Pure: the build
 * and the browser use it.
 */
import { formatValue } from './format.ts';
import { median } from './stats.ts';
import type { BreakMethod } from './breaks.ts';

export type AtlasLevel =
  'borough' | 'ward' | 'ward2018' | 'ward2014' | 'ward2013' | 'msoa' | 'msoa2011' | 'lsoa' | 'lsoa2011';

export const LEVEL_META: Record<
  AtlasLevel,
  { label: string; inTitle: string; plural: string; topo: string; object: string; boundaries: string }
> = {
  borough: {
    label: 'Borough',
    inTitle: 'borough',
    plural: 'boroughs',
    topo: 'london_boroughs.topo.json',
    object: 'boroughs',
    boundaries: 'local authority boundaries, December 2022',
  },
  ward: {
    label: 'Ward (2022)',
    inTitle: 'ward',
    plural: 'wards',
    topo: 'wards_2022.topo.json',
    object: 'areas',
    boundaries: 'ward boundaries, December 2022',
  },
  ward2018: {
    label: 'Ward (2018)',
    inTitle: 'ward (2018 boundaries)',
    plural: 'wards (2018)',
    topo: 'wards_2018.topo.json',
    object: 'areas',
    boundaries: 'ward boundaries, 2018',
  },
  ward2014: {
    label: 'Ward (2014)',
    inTitle: 'ward (2014 boundaries)',
    plural: 'wards (2014)',
    topo: 'wards_2014.topo.json',
    object: 'areas',
    boundaries: 'ward boundaries, May 2014',
  },
  ward2013: {
    label: 'Ward (2013)',
    inTitle: 'ward (2013 boundaries)',
    plural: 'wards (2013)',
    topo: 'wards_2013.topo.json',
    object: 'areas',
    boundaries: 'ward boundaries, December 2013',
  },
  msoa: {
    label: 'MSOA',
    inTitle: 'MSOA',
    plural: 'MSOAs',
    topo: 'msoa_2021.topo.json',
    object: 'areas',
    boundaries: 'MSOA boundaries, 2021',
  },
  msoa2011: {
    label: 'MSOA (2011)',
    inTitle: 'MSOA (2011)',
    plural: 'MSOAs (2011)',
    topo: 'msoa_2011.topo.json',
    object: 'areas',
    boundaries: 'MSOA boundaries, 2011',
  },
  lsoa: {
    label: 'LSOA (2021)',
    inTitle: 'LSOA (2021)',
    plural: 'LSOAs',
    topo: 'lsoa_2021.topo.json',
    object: 'areas',
    boundaries: 'LSOA boundaries, 2021',
  },
  lsoa2011: {
    label: 'LSOA (2011)',
    inTitle: 'LSOA (2011)',
    plural: 'LSOAs (2011)',
    topo: 'lsoa_2011.topo.json',
    object: 'areas',
    boundaries: 'LSOA boundaries, 2011',
  },
};
export const LEVEL_ORDER: AtlasLevel[] = [
  'borough',
  'ward',
  'ward2018',
  'ward2014',
  'ward2013',
  'msoa',
  'msoa2011',
  'lsoa',
  'lsoa2011',
];

export const METHOD_LABEL: Record<BreakMethod, string> = {
  ckmeans: 'natural breaks (ckmeans)',
  quantile: 'quantiles',
  equal: 'equal intervals',
};

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

/** How many of the catalogue's indicators are published at each geography. */
export function indicatorsByLevel(catalogue: Pick<IndicatorMeta, 'levels'>[]): Record<AtlasLevel, number> {
  const n = Object.fromEntries(LEVEL_ORDER.map((l) => [l, 0])) as Record<AtlasLevel, number>;
  for (const c of catalogue) for (const l of c.levels.split(';')) if (l in n) n[l as AtlasLevel]++;
  return n;
}

/** Is `compare` another indicator published at `level`? */
export function canCompare(
  catalogue: IndicatorMeta[],
  s: { indicator: string; level: AtlasLevel },
  compare: string | null,
): boolean {
  const cm = compare === null ? undefined : catalogue.find((x) => x.id === compare);
  return !!cm && compare !== s.indicator && cm.levels.split(';').includes(s.level);
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

export function describeView(
  meta: IndicatorMeta,
  level: AtlasLevel,
  ranked: RankedArea[],
  totalAreas: number,
  state: { area: string | null },
): string {
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
    if (a)
      s += ` ${a.name}: ${f(a.value)}, ranked ${a.rank.toLocaleString('en-GB')} of ${ranked.length.toLocaleString('en-GB')} (1 = highest).`;
  }
  return s;
}
