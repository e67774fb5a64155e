/**
 * The atlas's figures as pure functions of a view and its data: the map (with its
 * ranked table) and the comparison scatter. The build calls them for the default view
 * (src/figures/atlas/build.ts, data through the data layer); the browser calls the same
 * functions for every other view (src/figures/atlas/view.ts, data from the published JSON),
 * and both render through the same figure anatomy, so titles, notes, sources, tables
 * and CSV columns are the same wherever the view is drawn.
 */
import type { Outlines } from '../../lib/outlines.ts';
import { countText, formatValue } from '../../lib/format.ts';
import {
  describeView,
  LEVEL_META,
  METHOD_LABEL,
  rankAreas,
  unitLabel,
  type AtlasAreas,
  type AtlasIndicatorData,
  type IndicatorMeta,
} from '../../lib/atlas.ts';
import { pearson } from '../../lib/stats.ts';
import { type AtlasState } from './state.ts';
import type { Figure, FigureSource } from '../types.ts';
import { slug } from '../../lib/format.ts';

/** A source of the registry, without the data date (each indicator states its own period). */
export type AtlasSource = Omit<FigureSource, 'dataDate'>;

export interface AtlasViewInput {
  state: AtlasState;
  meta: IndicatorMeta;
  areas: AtlasAreas;
  data: AtlasIndicatorData;
  outlines: Outlines;
  /** the registry's sources by id (the page carries them as JSON) */
  sources: Record<string, AtlasSource>;
}

function sourcesOf(metas: IndicatorMeta[], sources: Record<string, AtlasSource>): FigureSource[] {
  const out: FigureSource[] = [];
  const seen = new Set<string>();
  for (const m of metas) {
    for (const id of m.sources.split(';')) {
      if (seen.has(id)) continue;
      seen.add(id);
      const s = sources[id];
      if (!s) throw new Error(`atlas: source "${id}" of indicator ${m.id} is not in the source registry`);
      out.push({ ...s, dataDate: `data for ${m.period}` });
    }
  }
  return out;
}

/** The rows the page shows of a long ranked table: the top and bottom 25 and the selected area. */
const EXCERPT = { head: 25, tail: 25 };

/** Area names by code, as the map is given them. */
export const areaNames = (areas: AtlasAreas): Record<string, string> =>
  Object.fromEntries(areas.codes.map((c, i) => [c, areas.names[i]!]));

export function atlasMapFigure(v: AtlasViewInput): Figure {
  const { state, meta, areas, data } = v;
  const L = LEVEL_META[state.level];
  const ranked = rankAreas(areas, data);
  const breaks = data.breaks[state.method][String(state.classes)]!;
  const names = areaNames(areas);
  const f = (x: number) => formatValue(meta.unit, x);
  const of = countText(ranked.length);
  return {
    id: 'atlas-map',
    fileName: slug(`atlas ${meta.title} by ${state.level} ${meta.period}`),
    page: 'atlas/',
    title: `${meta.title}, by ${L.inTitle}`,
    subtitle: `${meta.theme} · ${meta.period} · ${L.boundaries} · ${state.classes} classes by ${METHOD_LABEL[state.method]}`,
    description: describeView(meta, state.level, ranked, areas.codes.length, state),
    chart: {
      kind: 'choropleth',
      outlines: v.outlines,
      names,
      classes: state.classes,
      unit: meta.unit,
      breaks,
      legendLabel: unitLabel(meta),
      noDataLabel: 'No value',
      highlight: state.area,
      data: ranked.map((r) => ({
        code: r.code,
        value: r.value,
        title: `${r.name} (${r.code}): ${f(r.value)}; rank ${countText(r.rank)} of ${of}`,
      })),
    },
    widths: [360, 720],
    tableBeside: true,
    tableExcerpt: { ...EXCERPT, key: 'area_code', keep: state.area, keepWord: 'the selected area' },
    table: {
      caption: `${meta.title} by ${L.inTitle}, highest first`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'area_name', label: L.label },
        { key: 'area_code', label: 'Code' },
        { key: meta.id, label: unitLabel(meta), numeric: true, format: (x) => f(x as number) },
      ],
      rows: ranked.map((r) => ({ rank: r.rank, area_name: r.name, area_code: r.code, [meta.id]: r.value })),
    },
    source: sourcesOf([meta], v.sources),
    notes: [
      meta.definition,
      `Boundaries: ${meta.vintage}.`,
      `Classes: ${METHOD_LABEL[state.method]}, computed when the site is built; upper bounds ${breaks.map(f).join(', ')}.`,
    ],
  };
}

export interface AtlasCompareInput extends AtlasViewInput {
  other: IndicatorMeta;
  otherData: AtlasIndicatorData;
}

/** The strength of a linear association in words (|r| ≥ 0.7 strong, ≥ 0.4 moderate, ≥ 0.2 weak). */
export function strengthWord(r: number): string {
  const a = Math.abs(r);
  return a >= 0.7 ? 'strong' : a >= 0.4 ? 'moderate' : a >= 0.2 ? 'weak' : 'little or no';
}

/** The map's indicator (x) against another (y), area by area, with Pearson's r and the least-squares line. */
export function atlasCompareFigure(v: AtlasCompareInput): Figure {
  const { state, meta, other, areas, data, otherData } = v;
  const L = LEVEL_META[state.level];
  const { r, n } = pearson(data.values, otherData.values);
  const points = areas.codes
    .map((code, i) => ({ code, name: areas.names[i]!, x: data.values[i] ?? null, y: otherData.values[i] ?? null }))
    .filter((p): p is { code: string; name: string; x: number; y: number } => p.x !== null && p.y !== null);
  const missing = areas.codes.length - points.length;
  const fx = (x: number) => formatValue(meta.unit, x);
  const fy = (y: number) => formatValue(other.unit, y);
  const rText = Number.isFinite(r) ? r.toFixed(2) : 'not defined';
  const title = `${other.title} against ${meta.title}, by ${L.inTitle}`;
  const description = !Number.isFinite(r)
    ? `Too few ${L.plural} have both values to measure an association (${n}).`
    : `There is ${strengthWord(r)} ${r >= 0 ? 'positive' : 'negative'} linear association between the two across ${n.toLocaleString('en-GB')} ${L.plural} (r = ${rText}): ${
        Math.abs(r) < 0.2
          ? 'knowing one tells little about the other'
          : r > 0
            ? 'areas higher on one tend to be higher on the other'
            : 'areas higher on one tend to be lower on the other'
      }. Correlation between areas says nothing about the people in them, nor about cause.`;
  return {
    id: 'atlas-compare',
    fileName: slug(`atlas ${meta.title} against ${other.title} by ${state.level}`),
    page: 'atlas/',
    title,
    subtitle: `Pearson correlation r = ${rText} across ${n.toLocaleString('en-GB')} ${L.plural}; the line is the least-squares fit; the three areas furthest from it are named.`,
    description,
    chart: {
      kind: 'scatter',
      data: points,
      xLabel: meta.title,
      yLabel: other.title,
      selected: state.area,
      xUnit: meta.unit,
      yUnit: other.unit,
    },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `${meta.title} and ${other.title} by ${L.inTitle}`,
      columns: [
        { key: 'area_name', label: L.label },
        { key: 'area_code', label: 'Code' },
        { key: meta.id, label: withUnit(meta), numeric: true, format: (x) => fx(x as number) },
        { key: other.id, label: withUnit(other), numeric: true, format: (x) => fy(x as number) },
      ],
      rows: points.map((p) => ({ area_name: p.name, area_code: p.code, [meta.id]: p.x, [other.id]: p.y })),
    },
    source: sourcesOf([meta, other], v.sources),
    notes: [
      `Across: ${meta.definition}`,
      `Up: ${other.definition}`,
      `Periods: ${meta.period} (across) and ${other.period} (up); areas without both values are left out${missing ? ` (${missing.toLocaleString('en-GB')})` : ''}.`,
      'Pearson’s r measures straight-line association only, and a few extreme areas can drive it: read it with the chart.',
    ],
  };
}

/** A column label that carries its unit: "Median house price (£)", "Burglary (crimes per 1,000 residents)". */
function withUnit(m: IndicatorMeta): string {
  const unit = m.unit === '%' ? '%' : m.unit;
  return m.title.toLowerCase().includes(unit.toLowerCase()) ? m.title : `${m.title} (${unit})`;
}
