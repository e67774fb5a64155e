/** The atlas map figure: the default view, rendered at build time (the browser renders every other view). */
import { loadTopology } from '../data/geo.ts';
import { atlasIndicatorData, loadAtlasLevel, loadCatalogue } from '../data/atlas.ts';
import { DEFAULT_STATE, describeView, formatValue, LEVEL_META, METHOD_LABEL, rankAreas, unitLabel, type AtlasState } from '../lib/atlas-view.ts';
import type { Topology } from 'topojson-specification';
import type { Figure } from './types.ts';
import { registrySource } from './sources.ts';

/** A level's boundaries, through the data layer. */
export const loadLevelTopo = (file: string): Topology => loadTopology(file);

export function atlasFigure(state: AtlasState = DEFAULT_STATE): Figure {
  const meta = loadCatalogue().find((c) => c.id === state.indicator)!;
  const L = LEVEL_META[state.level];
  const { areas } = loadAtlasLevel(state.level);
  const data = atlasIndicatorData(state.level, state.indicator);
  const ranked = rankAreas(areas, data);
  const breaks = data.breaks[state.method][String(state.classes)]!;
  const names = Object.fromEntries(areas.codes.map((c, i) => [c, areas.names[i]!]));
  const f = (v: number) => formatValue(meta.unit, v);
  return {
    id: 'atlas-map',
    page: 'atlas/',
    title: `${meta.title}, by ${L.inTitle}`,
    subtitle: `${meta.theme} · ${meta.period} · ${L.boundaries} · ${state.classes} classes by ${METHOD_LABEL[state.method]}`,
    description: describeView(meta, state.level, ranked, areas.codes.length, state),
    chart: {
      kind: 'choropleth',
      topology: loadLevelTopo(L.topo),
      objectName: L.object,
      names,
      classes: state.classes,
      unit: meta.unit,
      breaks,
      legendLabel: unitLabel(meta),
      noDataLabel: 'No value',
      highlight: state.area,
      data: ranked.map((r) => ({ code: r.code, value: r.value, title: `${r.name} (${r.code}): ${f(r.value)}; rank ${r.rank.toLocaleString('en-GB')} of ${ranked.length.toLocaleString('en-GB')}` })),
    },
    rerender: false,
    widths: [720],
    tableBeside: true,
    table: {
      caption: `${meta.title} by ${L.inTitle}, highest first`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'area', label: L.label },
        { key: 'code', label: 'Code' },
        { key: 'value', label: unitLabel(meta), numeric: true, format: (v) => f(v as number) },
      ],
      rows: ranked.map((r) => ({ rank: r.rank, area: r.name, code: r.code, value: r.value })),
    },
    source: meta.sources.split(';').map((id) => registrySource(id, `data for ${meta.period}`)),
    notes: [meta.definition, `Boundaries: ${meta.vintage}.`, `Classes: ${METHOD_LABEL[state.method]}, computed when the site is built; upper bounds ${breaks.map(f).join(', ')}.`],
  };
}
