/**
 * The figures of the hotspots page, built from one analysis of a street-level data
 * set. Pure: the build renders the default view with them, and the page rebuilds
 * every figure with them after the worker recomputes.
 */
import {
  MIN_RATE_LENGTH,
  type Analysis,
  type HotspotDataset,
  type LabelCount,
  type stabilityOf,
} from '../../lib/hotspots/dataset.ts';
import { CLASS_LABEL, Z_CRITICAL, type ColdSpotCheck } from '../../lib/hotspots/gistar.ts';
import { SPACE_TIME_CLASSES, type SpaceTimeClass } from '../../lib/hotspots/spacetime.ts';
import { localProjection } from '../../lib/hotspots/grid.ts';
import type { BaseLayers, HotspotMapSpec, LegendEntry } from '../../charts/hotspotMap.ts';
import type { Figure, FigureSource } from '../types.ts';
import { PALETTE, SEQ5 } from '../../charts/common.ts';
import { formatInt, formatRate, monthLong, slug } from '../../lib/format.ts';
import type { CurvePoint } from '../../charts/concentrationCurve.ts';
import { typeSlug } from './state.ts';

export type Method = 'kde' | 'count' | 'gistar';
export const METHODS: Method[] = ['kde', 'count', 'gistar'];
export const METHOD_LABEL: Record<Method, string> = {
  kde: 'kernel density (KDE)',
  count: 'grid counts',
  gistar: 'Getis-Ord Gi* hot and cold spots',
};

const PAGE = 'hotspots/';
const nf1 = { format: formatRate };
const int = formatInt;
const pct = (v: number, d = 1) => `${(v * 100).toFixed(d)}%`;
export const monthText = monthLong;
const metres = (v: number) => (Number.isInteger(v) ? int(v) : nf1.format(v));
const period = (a: [string, string]) => (a[0] === a[1] ? monthText(a[0]) : `${monthText(a[0])} to ${monthText(a[1])}`);

/** Hot/cold classes, hottest first, with diverging colours (ColorBrewer RdBu, colour-blind safe). */
export const GI_LEGEND: { cls: number; colour: string }[] = [3, 2, 1, -1, -2, -3].map((cls, i) => ({
  cls,
  colour: PALETTE.gi[i]!,
}));
export const SPACE_TIME_COLOUR: Record<SpaceTimeClass, string> = PALETTE.spaceTime;

export { typeSlug };

export interface HotspotContext {
  d: HotspotDataset;
  a: Analysis;
  method: Method;
  source: FigureSource;
  boundarySource: FigureSource;
  /** the OpenStreetMap network's citation, when the data set has a network */
  networkSource: FigureSource | null;
  /** the ward boundaries' citation, when the data set is drawn over wards */
  wardSource: FigureSource | null;
  /** the shared drawing of the data set's street network (figures/base/<id>), for the page's maps */
  networkHref: string | null;
  typeWord: string;
  /** grid stability and the PAI at three cell sizes (computed in the worker after the analysis) */
  stab: ReturnType<typeof stabilityOf> | null;
}

export const OSM_CREDIT = '© OpenStreetMap contributors';

/** The kinds of crime in words: "all crimes (anti-social behaviour excluded)", or a list. */
export function typesInWords(d: HotspotDataset, types: number[]): string {
  const crimes = d.types.map((_, i) => i).filter((i) => d.isCrime[i]);
  if (types.length === crimes.length && crimes.every((i) => types.includes(i)))
    return 'all crimes (anti-social behaviour excluded)';
  if (types.length === d.types.length) return 'all crimes and anti-social behaviour';
  const names = types.map((i) => d.types[i]!.toLowerCase());
  return names.length <= 3 ? names.join(', ').replace(/, ([^,]*)$/, ' and $1') : `${names.length} crime types`;
}

export function cellCentre(a: Analysis, k: number): [number, number] {
  const i = k % a.grid.nx;
  const j = (k - i) / a.grid.nx;
  return [a.grid.x0 + (i + 0.5) * a.grid.size, a.grid.y0 + (j + 0.5) * a.grid.size];
}

/** The shaded squares of a cell layer as table rows: position (the square's centre, in degrees) and its class on the map. */
function shadedRows(
  ctx: HotspotContext,
  layer: { x0: number; y0: number; size: number; nx: number; cells: number[] },
  legend: LegendEntry[],
): Record<string, string | number | null>[] {
  const proj = localProjection(ctx.d.centre[0], ctx.d.centre[1]);
  const rows: Record<string, string | number | null>[] = [];
  layer.cells.forEach((c, k) => {
    if (c < 0) return;
    const i = k % layer.nx;
    const j = (k - i) / layer.nx;
    const [lon, lat] = proj.inverse(layer.x0 + (i + 0.5) * layer.size, layer.y0 + (j + 0.5) * layer.size);
    rows.push({
      square: k,
      lat: Math.round(lat * 1e5) / 1e5,
      lon: Math.round(lon * 1e5) / 1e5,
      map_class: legend[c]!.label.replace(/ \([\d,.]+( ha| cells)?\)$/, ''),
    });
  });
  return rows;
}
const SHADED_COLUMNS = [
  { key: 'square', label: 'Square' },
  { key: 'lat', label: 'Latitude of the centre (°)', numeric: true },
  { key: 'lon', label: 'Longitude of the centre (°)', numeric: true },
  { key: 'map_class', label: 'Class on the map' },
];

/** A signed z-score in prose, with a true minus sign. */
const zText = (z: number) => (Number.isFinite(z) ? `${z < 0 ? '−' : ''}${Math.abs(z).toFixed(2)}` : 'not defined');

/** The street network or the wards under every planar map, with the credit OSM requires where its data are drawn. */
function base(ctx: HotspotContext): { base: BaseLayers; credit?: string } {
  const { d } = ctx;
  if (d.network)
    return {
      base: { network: d.network.segments.path, ...(ctx.networkHref ? { networkHref: ctx.networkHref } : {}) },
      credit: OSM_CREDIT,
    };
  if (d.orientation) return { base: { wards: d.orientation.rings } };
  return { base: {} };
}

/** The sources of a planar map: the records, and what is drawn under them. */
function mapSources(ctx: HotspotContext): FigureSource[] {
  return [
    ctx.source,
    ...(ctx.d.network && ctx.networkSource ? [ctx.networkSource] : []),
    ...(!ctx.d.network && ctx.d.orientation && ctx.wardSource ? [ctx.wardSource] : []),
  ];
}

/** The note under a map with a base layer. */
function baseNote(ctx: HotspotContext): string[] {
  const { d } = ctx;
  if (d.network)
    return [
      `Grey lines: OpenStreetMap's drivable streets (${d.network.date}), ${OSM_CREDIT}, under the Open Database Licence.`,
    ];
  if (d.orientation)
    return [
      `Dashed lines: the ${d.orientation.kind} of ${d.area.name} as they were in ${d.orientation.vintage}–2018, the period of these data, for orientation.`,
    ];
  return [];
}

/** Whether Gi* could show any cold spot with these data, in words. */
export function coldSpotSentence(c: ColdSpotCheck, unit: string): string {
  const lowest = `The lowest z any ${unit} could reach with these data is ${zText(c.lowestZ)} (a ${unit} and all its neighbours at the data's lowest value, ${nf1.format(c.floor)})`;
  if (!c.detectable[90])
    return `${lowest}; a cold spot needs z ≤ −${Z_CRITICAL[90].toFixed(3)} even at 90% confidence before any adjustment, so no ${unit} can be a cold spot here: "0 cold spots" says nothing about where crime is low.`;
  const levels = ([99, 95, 90] as const).filter((l) => c.detectable[l]);
  return `${lowest}, so cold spots are detectable (at ${levels.map((l) => `${l}%`).join(', ')} confidence before any adjustment; the false discovery rate raises the bar further). The lowest z of any ${unit} here is ${zText(c.observedLowestZ)}.`;
}

/** The method card: every parameter in force, in words, and where the defaults differ from sfhotspot's. */
export function methodCard(ctx: HotspotContext): string[] {
  const { a, d } = ctx;
  const sf = a.sfhotspot;
  const out = [
    `Data: ${d.force}, ${d.area.name}, ${ctx.typeWord}, ${period(a.months)}: ${int(a.n)} records at ${int(new Set(Array.from(a.placeCounts, (v, k) => (v > 0 ? `${d.places.x[k]},${d.places.y[k]}` : '')).filter(Boolean)).size)} map points. A record belongs to ${d.area.name} ${d.membership}.`,
    `Grid: ${metres(a.cellSize)} m square cells (${a.cellSizeDefault ? "default: the shorter side of the study area's bounding box ÷ 50, rounded down to a multiple of 100 m, or unrounded where that gives 0" : 'chosen'}), ${int(a.grid.nx)} × ${int(a.grid.ny)}, of which ${int(a.cellsInside)} are in ${d.area.name} (their centre is inside the boundary, or they hold one of its map points); distances on a local azimuthal equidistant projection centred at ${d.centre[1].toFixed(4)}° N, ${Math.abs(d.centre[0]).toFixed(4)}° ${d.centre[0] < 0 ? 'W' : 'E'}.`,
    `Kernel density: quartic kernel, bandwidth ${int(a.bandwidth)} m (${a.bandwidthDefault ? 'default: the normal-reference rule 4 × 1.06 × min(sd, IQR/1.34) × n^(−1/5), averaged over x and y' : 'chosen'}), in crimes per square kilometre at each cell centre.`,
    `Where the defaults differ from sfhotspot's: sfhotspot takes the cell size from the points' bounding box, not the study area's (${Number.isFinite(sf.cellSize) ? `${metres(Math.round(sf.cellSize * 10) / 10)} m` : 'not defined'} for this view); and its bandwidth code, mean(bandwidth_nrd(x), bandwidth_nrd(y)), returns the x value only, because R's mean() takes its second argument as trim (${Number.isFinite(sf.bandwidth) ? `${int(sf.bandwidth)} m here; the y value is ${int(sf.bandwidthY)} m` : 'not defined'}). Enter those values as the cell size and bandwidth to reproduce sfhotspot.`,
    `Gi*: each cell with its 8 neighbours and itself (binary weights), z-scores against all ${int(a.cellsInside)} cells; p-values ${a.options.adjust === 'fdr' ? 'adjusted for multiple comparisons by the Benjamini–Hochberg false discovery rate' : 'not adjusted for multiple comparisons (expect about 1 in 10 cells to look significant at 90% by chance)'}; hot or cold at 99, 95 or 90% confidence.`,
    `Cold spots: ${coldSpotSentence(a.coldSpots, 'cell')}`,
  ];
  if (ctx.stab) {
    const st = ctx.stab.stability;
    out.push(
      Number.isFinite(st.stableShare)
        ? `Grid stability: of the ${ha(st.baseHotArea)} hot at 95% confidence on this grid, ${pct(st.stableShare)} stays hot on all nine grids shifted by 0, ¼ and ½ cell in x and y; ${ha(st.anyHotArea)} is hot on at least one of them.`
        : 'Grid stability: no cell is hot at 95% confidence on this grid.',
    );
  }
  if (d.network && a.segments) {
    const net = d.network;
    out.push(
      `Hot Blocking: each map point snapped to its nearest OpenStreetMap drivable segment within ${net.threshold} m; ${int(net.stats.snapped)} of ${int(net.stats.places)} places snapped (the distance of every place to its nearest segment: median ${nf1.format(net.stats.distanceQuantiles.p50)} m, 95th percentile ${nf1.format(net.stats.distanceQuantiles.p95)} m); ${int(a.segments.unsnappedRecords)} of this view's records are at unsnapped places.`,
    );
  }
  return out;
}

const ha = (m2: number) => `${nf1.format(m2 / 10_000)} ha`;

function mapLayerFor(ctx: HotspotContext): {
  spec: HotspotMapSpec;
  classCount: number[];
  description: string;
  unitWord: string;
} {
  const { a, d, method } = ctx;
  const inside = (k: number) => a.grid.inside[k] === 1;
  const b = base(ctx);
  if (method === 'gistar') {
    const cells = Array.from(a.classes, (c, k) =>
      inside(k) && c !== 0 ? GI_LEGEND.findIndex((l) => l.cls === c) : -1,
    );
    const counts = GI_LEGEND.map((_, i) => cells.filter((c) => c === i).length);
    const legend: LegendEntry[] = GI_LEGEND.map((l, i) => ({
      label: `${CLASS_LABEL[l.cls]} (${int(counts[i]!)})`,
      colour: l.colour,
    }));
    const hot = counts.slice(0, 3).reduce((x, y) => x + y, 0);
    const cold = counts.slice(3).reduce((x, y) => x + y, 0);
    return {
      spec: {
        outline: d.outline,
        ...b,
        layer: { type: 'cells', x0: a.grid.x0, y0: a.grid.y0, size: a.grid.size, nx: a.grid.nx, cells },
        legend,
        legendTitle: 'Gi* class (cells not shown: not significant)',
      },
      classCount: counts,
      description: `${int(hot)} of ${int(a.cellsInside)} cells (${pct(hot / a.cellsInside)}) are hot spots at 90% confidence or more${a.options.adjust === 'fdr' ? ' after the false discovery rate adjustment' : ''}; ${int(cold)} are cold spots${a.coldSpots.detectable[90] ? '' : `, and none could be: the lowest z any cell could reach with these data is ${zText(a.coldSpots.lowestZ)}`}.`,
      unitWord: 'Gi* z-score',
    };
  }
  const values = method === 'kde' ? a.kde : a.counts;
  let sum = 0;
  for (let k = 0; k < values.length; k++) if (inside(k)) sum += values[k]!;
  const mean = sum / a.cellsInside;
  // Classes by multiples of the mean cell value, as hotspot analysts map KDE (Chainey): below the mean is not shaded.
  const cells = Array.from(values, (v, k) =>
    inside(k) && mean > 0 && v >= mean ? Math.min(4, Math.floor(v / mean) - 1) : -1,
  );
  const counts = [0, 1, 2, 3, 4].map((i) => cells.filter((c) => c === i).length);
  const unit = method === 'kde' ? 'crimes per km²' : 'crimes per cell';
  const f = (v: number) => (method === 'kde' ? int(v) : nf1.format(v));
  const legend: LegendEntry[] = [0, 1, 2, 3, 4].map((i) => ({
    label:
      i < 4
        ? `${i + 1}–${i + 2} × mean: ${f(mean * (i + 1))}–${f(mean * (i + 2))} (${int(counts[i]!)} cells)`
        : `5 × mean or more: ≥ ${f(mean * 5)} (${int(counts[i]!)} cells)`,
    colour: SEQ5[i]!,
  }));
  let maxK = -1;
  for (let k = 0; k < values.length; k++) if (inside(k) && (maxK < 0 || values[k]! > values[maxK]!)) maxK = k;
  const [mx, my] = maxK >= 0 ? cellCentre(a, maxK) : [0, 0];
  const [lon, lat] = localProjection(d.centre[0], d.centre[1]).inverse(mx, my);
  return {
    spec: {
      outline: d.outline,
      ...b,
      layer: { type: 'cells', x0: a.grid.x0, y0: a.grid.y0, size: a.grid.size, nx: a.grid.nx, cells },
      legend,
      legendTitle: `${method === 'kde' ? 'Density' : 'Count'}, as multiples of the mean cell (${f(mean)} ${unit}); cells below the mean not shaded`,
    },
    classCount: counts,
    description: `The ${method === 'kde' ? 'densest' : 'busiest'} cell, centred at ${lat.toFixed(4)}° N, ${Math.abs(lon).toFixed(4)}° ${lon < 0 ? 'W' : 'E'}, has ${f(values[maxK] ?? 0)} ${unit}, ${nf1.format((values[maxK] ?? 0) / (mean || 1))} times the mean; ${int(counts.slice(2).reduce((x, y) => x + y, 0))} cells (${pct(counts.slice(2).reduce((x, y) => x + y, 0) / a.cellsInside)} of ${d.area.name}) have at least 3 times the mean.`,
    unitWord: unit,
  };
}

/** What the data set leaves out in the selected months: records without a location or outside the area, and incomplete months. */
export function dataNotes(ctx: HotspotContext): string[] {
  const { a, d } = ctx;
  const inRange = (m: string) => m >= a.months[0] && m <= a.months[1];
  const out: string[] = [];
  const excluded = Object.entries(d.excluded)
    .map(
      ([why, byMonth]) =>
        [
          why,
          Object.entries(byMonth)
            .filter(([m]) => inRange(m))
            .reduce((s, [, n]) => s + n, 0),
        ] as const,
    )
    .filter(([, n]) => n > 0);
  if (excluded.length)
    out.push(
      `Not mapped, ${period(a.months)} (all record types): ${excluded.map(([why, n]) => `${int(n)} ${why}`).join('; ')}.`,
    );
  const gaps = (d.coverage?.monthsBelow80PercentOfMedian ?? []).filter((g) => inRange(g.month));
  if (gaps.length)
    out.push(
      `Incomplete months in this selection: ${gaps.map((g) => `${monthText(g.month)} (${Math.round(g.shareOfMedian * 100)}% of a typical month's records per day)`).join('; ')}: the API extract lacks some wards then.`,
    );
  if (d.coverage?.boundaryDisagreements)
    out.push(
      `${int(d.coverage.boundaryDisagreements)} records of the whole period lie, by their map point, in ${d.area.name} although the API returned them for a ward of a neighbouring borough (points near the borough edge); the boundary decides.`,
    );
  return out;
}

export function hotspotMapFigure(ctx: HotspotContext): Figure {
  const { a, d, method } = ctx;
  const m = mapLayerFor(ctx);
  const proj = localProjection(d.centre[0], d.centre[1]);
  // Every cell the map shades (its class on the map), and every other cell with a crime: the table is the map's data.
  const drawnCells = m.spec.layer.type === 'cells' ? m.spec.layer.cells : [];
  const rows: Record<string, string | number | null>[] = [];
  for (let k = 0; k < a.counts.length; k++) {
    const shaded = (drawnCells[k] ?? -1) >= 0;
    if (!a.grid.inside[k] || (!shaded && a.counts[k] === 0)) continue;
    const [x, y] = cellCentre(a, k);
    const [lon, lat] = proj.inverse(x, y);
    const z = a.z[k]!;
    rows.push({
      cell: k,
      lon: Math.round(lon * 1e5) / 1e5,
      lat: Math.round(lat * 1e5) / 1e5,
      map_class: shaded ? m.spec.legend[drawnCells[k]!]!.label.replace(/ \([\d,]+( cells)?\)$/, '') : 'not shaded',
      crimes: a.counts[k]!,
      density: Math.round(a.kde[k]! * 10) / 10,
      z: Number.isFinite(z) ? Math.round(z * 1000) / 1000 : null,
      gi_class: CLASS_LABEL[a.classes[k]!]!,
    });
  }
  rows.sort((x, y) => (y.crimes as number) - (x.crimes as number) || (x.cell as number) - (y.cell as number));
  return {
    id: 'hotspots-map',
    page: PAGE,
    title: `Where crime concentrates in ${d.area.name}: ${METHOD_LABEL[method]}`,
    subtitle: `${d.force} · ${ctx.typeWord} · ${period(a.months)} · ${metres(a.cellSize)} m cells${method === 'kde' ? ` · bandwidth ${int(a.bandwidth)} m` : ''}`,
    description: `${int(a.n)} records in ${d.area.name}, ${period(a.months)}. ${m.description}`,
    chart: { kind: 'hotspotMap', ...m.spec, credit: base(ctx).credit },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Grid cells shaded on the map or with at least one crime, busiest first (${int(rows.length)} of ${int(a.cellsInside)} cells; the rest have neither)`,
      columns: [
        { key: 'cell', label: 'Cell' },
        { key: 'lat', label: 'Latitude of the centre (°)', numeric: true },
        { key: 'lon', label: 'Longitude of the centre (°)', numeric: true },
        { key: 'map_class', label: `Class on the map (${METHOD_LABEL[method]})` },
        { key: 'crimes', label: 'Crimes in the cell', numeric: true, format: (v) => int(v as number) },
        { key: 'density', label: 'KDE (crimes per km²)', numeric: true, format: (v) => int(v as number) },
        {
          key: 'z',
          label: 'Gi* z',
          numeric: true,
          format: (v) => (v === null || Number.isNaN(v) ? '–' : zText(v as number)),
        },
        { key: 'gi_class', label: 'Gi* class' },
      ],
      rows,
    },
    source: [...mapSources(ctx), ctx.boundarySource],
    notes: [
      ...methodCard(ctx),
      ...dataNotes(ctx),
      ...baseNote(ctx),
      'Locations are anonymised by data.police.uk: each crime is moved to the nearest of about 750,000 map points ("On or near …"), usually the centre of a street, a public place or a junction. A cell\'s count is the count at the snap points inside it, so cells a few tens of metres across show where the snap points are as much as where crime happens.',
    ],
  };
}

/** A label for a place, not a street: "Shopping Area (a place type)", "No name". */
export function placeLabel(l: LabelCount): string {
  const name = l.name.replace(/^On or near\s*/i, '').trim();
  if (l.kind === 'blank')
    return l.name.trim().toLowerCase() === 'no location' ? 'No location' : 'No name ("On or near" only)';
  return `${name} (${l.kind === 'station' ? 'station' : 'place type'})`;
}

const partsText = (l: LabelCount, kind: string) =>
  l.parts.map((p) => `${p.name ? `${p.name} (${p.code})` : p.code || `no ${kind}`}: ${int(p.n)}`).join('; ');

export function hotStreetsFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const c = a.streetConcentration;
  const cut = c.topWithCrime.map((t) => t.places);
  const clsOf = (rank: number) => (rank < cut[0]! ? 0 : rank < cut[1]! ? 1 : rank < cut[2]! ? 2 : 3);
  const rankOf = new Map(a.streets.map((s, i) => [s.label, i]));
  const points: { x: number; y: number; n: number; cls: number; title: string }[] = [];
  for (let k = 0; k < a.placeCounts.length; k++) {
    const n = a.placeCounts[k]!;
    const l = d.places.label[k]!;
    const r = rankOf.get(l);
    if (!n || r === undefined) continue;
    // Tooltips for the top streets' points only: the table and CSV list every street.
    points.push({
      x: d.places.x[k]!,
      y: d.places.y[k]!,
      n,
      cls: clsOf(r),
      title: r < 50 ? `${d.labels.name[l]}: ${int(n)} at this point; street rank ${int(r + 1)}` : '',
    });
  }
  const counts = [0, 1, 2, 3].map((i) => a.streets.filter((_, r) => clsOf(r) === i).length);
  const legend: LegendEntry[] = [
    { label: `Top 1% of streets (${int(counts[0]!)})`, colour: PALETTE.ranked[0] },
    { label: `Next, to the top 5% (${int(counts[1]!)})`, colour: PALETTE.ranked[1] },
    { label: `Next, to the top 10% (${int(counts[2]!)})`, colour: PALETTE.ranked[2] },
    { label: `Other streets with crime (${int(counts[3]!)})`, colour: PALETTE.ranked[3] },
  ];
  const first = a.streets[0];
  const partWord = d.parts.kind;
  const b = base(ctx);
  return {
    id: 'hotspots-streets',
    page: PAGE,
    title: `Hot streets in ${d.area.name}`,
    subtitle: `${ctx.typeWord} · ${period(a.months)} · each dot a data.police.uk map point of a named street, sized by its count`,
    description: first
      ? `${first.name} has the most records of any named street: ${int(first.n)} (${pct(first.n / a.n)} of all ${int(a.n)}), at ${int(first.points)} map point${first.points === 1 ? '' : 's'} in ${int(first.parts.length)} ${partWord}${first.parts.length === 1 ? '' : 's'}. The top 1% of the ${int(c.placesWithCrime)} streets with crime (${int(c.topWithCrime[0]!.places)}) hold ${pct(c.topWithCrime[0]!.crime)} of the records on named streets; the top 10% hold ${pct(c.topWithCrime[2]!.crime)}. ${int(a.notStreetRecords)} records (${pct(a.notStreetRecords / (a.n || 1))}) are at place types, stations or unnamed points and are ranked apart.${onePoint(a.streets.slice(0, 10), 'streets')}`
      : `No record on a named street in this selection.`,
    chart: {
      kind: 'hotspotMap',
      outline: d.outline,
      ...b,
      layer: { type: 'points', points },
      legend,
      legendTitle: 'Street rank by count',
      credit: b.credit,
    },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Named streets ranked by records, ${period(a.months)} (all ${int(a.streets.length)} with a record; place types, stations and unnamed points are in "Places, not streets")`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'street', label: 'Street (data.police.uk name)' },
        { key: 'map_class', label: 'Class on the map (colour of its points)' },
        { key: 'records', label: 'Records', numeric: true, format: (v) => int(v as number) },
        { key: 'share', label: 'Share of all records (%)', numeric: true, format: (v) => nf1.format(v as number) },
        { key: 'points', label: 'Map points', numeric: true },
        { key: 'one_point', label: 'All at one map point' },
        { key: 'parts', label: `Records by ${partWord}` },
      ],
      rows: a.streets.map((s, i) => ({
        rank: i + 1,
        street: s.name,
        map_class: legend[clsOf(i)]!.label.replace(/ \([\d,]+\)$/, ''),
        records: s.n,
        share: Math.round((s.n / a.n) * 1000) / 10,
        points: s.points,
        one_point: s.points === 1 ? 'yes' : 'no',
        parts: partsText(s, partWord),
      })),
    },
    source: mapSources(ctx),
    notes: [
      `A street is ${d.placeKind}: every record counts under its own location label, so a map point whose records carry different names adds to each of them. The same name in two places of ${d.area.name} (two "High Street"s) is one street here; its ${partWord}s are listed.`,
      `Not streets: data.police.uk's place-type labels ("On or near Shopping Area", "Supermarket", "Parking Area", "Nightclub", "Hospital", "Police Station" and the like), station names and labels with no name are left out of this ranking and of the street concentration curve, and listed in "Places, not streets" (${int(a.notStreetRecords)} records in this view).`,
      'Snap points are not addresses: a crime on a long street is moved to one of its points, and a crime in a building to the nearest point, which may be on another street.',
      ...baseNote(ctx),
    ],
  };
}

export function placesFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  // Every label is drawn, so that the chart and its table (the CSV) hold the same places.
  const top = a.notStreets;
  const partWord = d.parts.kind;
  const first = a.notStreets[0];
  return {
    id: 'hotspots-places',
    page: PAGE,
    title: `Places, not streets: ${d.area.name}`,
    subtitle: `${ctx.typeWord} · ${period(a.months)} · records whose data.police.uk location is a kind of place, a station, or has no name`,
    description: first
      ? `${int(a.notStreetRecords)} of ${int(a.n)} records (${pct(a.notStreetRecords / (a.n || 1))}) carry no street name. The largest group is ${placeLabel(first)}: ${int(first.n)} records at ${int(first.points)} map point${first.points === 1 ? '' : 's'}.`
      : 'Every record in this selection is on a named street.',
    chart: {
      kind: 'rankedBars',
      data: top.map((l) => ({
        label: placeLabel(l),
        value: l.n,
        text: int(l.n),
        title: `${placeLabel(l)}: ${int(l.n)} records at ${int(l.points)} map points`,
      })),
      xLabel: 'Records →',
      minHeight: 120,
    },
    widths: [360, 720],
    table: {
      caption: `Location labels that are not streets, ${period(a.months)} (${int(a.notStreets.length)})`,
      columns: [
        { key: 'label', label: 'Location label' },
        { key: 'kind', label: 'Kind' },
        { key: 'records', label: 'Records', numeric: true, format: (v) => int(v as number) },
        { key: 'share', label: 'Share of all records (%)', numeric: true, format: (v) => nf1.format(v as number) },
        { key: 'points', label: 'Map points', numeric: true },
        { key: 'parts', label: `Records by ${partWord}` },
      ],
      rows: a.notStreets.map((l) => ({
        label: placeLabel(l),
        kind: l.kind === 'place' ? 'place type' : l.kind === 'station' ? 'station' : 'no name',
        records: l.n,
        share: Math.round((l.n / (a.n || 1)) * 1000) / 10,
        points: l.points,
        parts: partsText(l, partWord),
      })),
    },
    source: [ctx.source],
    notes: [
      'data.police.uk names a snap point after the street it is on, or, for points at some kinds of places, after the kind of place ("On or near Supermarket"); British Transport Police locations are named after the station. These are not streets, so they are ranked here and left out of the hot streets and the street concentration curve. The list of place types and station names is data/reference/police_uk_place_labels.csv.',
      '"No name": the label "On or near" with nothing after it. Such points are on the map with the other records but belong to no street.',
    ],
  };
}

/**
 * A flag for counts that come from one map point: data.police.uk moves every crime to the
 * nearest of its snap points, so a street or segment whose records are all at one point
 * (a road through a park, say, with one point for its whole length) is hot at that point,
 * not along its length.
 */
function onePoint(top: readonly { points: number; n: number }[], word: 'streets' | 'segments'): string {
  const one = top.filter((x) => x.points === 1);
  if (!one.length) return '';
  return ` ${one.length} of the top ${top.length} ${word} ${one.length === 1 ? 'has' : 'have'} all ${one.length === 1 ? 'its' : 'their'} records at one map point (${one.length === 1 ? 'its' : 'their'} count is where data.police.uk put that point, not where along the ${word === 'streets' ? 'street' : 'segment'} the crimes happened).`;
}

/** What the street curve leaves out: records at places and stations, and what that does to "half of the crime". */
function atPlaces(s: Analysis['streetConcentration']): string {
  if (!s.outside) return '';
  const share = s.outside / (s.total + s.outside);
  return ` ${pct(share)} of all records (${int(s.outside)}) are at places, stations and unnamed points, not on named streets, and are not on this curve: ${
    s.halfOfAllIn === null
      ? 'the named streets together hold less than half of all records.'
      : `counted with them, half of all records fall on ${pct(s.halfOfAllIn)} of the streets with crime.`
  }`;
}

export function concentrationFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const s = a.streetConcentration;
  const cc = a.cellConcentration;
  const tops = (label: string, c: typeof s) =>
    `${label}: the top ${c.topWithCrime.map((t) => `${t.top * 100}%`).join(', ')} of those with crime hold ${c.topWithCrime.map((t) => pct(t.crime)).join(', ')} of it; the same shares of all of them hold ${c.topAll.map((t) => pct(t.crime)).join(', ')}.`;
  return {
    id: 'hotspots-concentration',
    page: PAGE,
    title: `How concentrated crime is in ${d.area.name}`,
    subtitle: `Cumulative share of ${ctx.typeWord} on named streets against the cumulative share of streets, busiest first · ${period(a.months)}`,
    description: `Half of the records on named streets fall on ${pct(s.halfOfCrimeIn)} of the ${int(s.placesWithCrime)} streets with any crime.${atPlaces(s)} The top 5% of all ${int(s.allPlaces)} named streets in the data set hold ${pct(s.topAll[1]!.crime)}; of the ${int(cc.allPlaces)} grid cells, the top 5% hold ${pct(cc.topAll[1]!.crime)} of all records.`,
    chart: { kind: 'concentration', withCrime: s.curveWithCrime, all: s.curveAll, placeWord: 'streets' },
    widths: [360, 720],
    tableLimit: 40,
    table: curveTable(s.curveWithCrime, s.curveAll, 'named streets'),
    source: [ctx.source],
    notes: [
      tops('Named streets', s),
      tops(`Grid cells (not drawn; ${int(cc.allPlaces)} cells)`, cc),
      `Streets are named streets only: the ${int(a.notStreetRecords)} records at place types, stations and unnamed points are left out of the street curve (see "Places, not streets"), but counted in the grid cells. "All streets" are the ${int(s.allPlaces)} street names with at least one record of any type in the whole data set; "all cells" are the ${int(cc.allPlaces)} cells of the grid inside ${d.area.name}.`,
      'The law of crime concentration (Weisburd 2015): a small share of places accounts for a large share of crime. Snap points gather crimes onto fewer places than really occur, so these shares overstate concentration somewhat.',
    ],
  };
}

/** A concentration curve's table: the points of both curves as drawn, in per cent. */
function curveTable(withCrime: CurvePoint[], all: CurvePoint[], placeWord: string): Figure['table'] {
  const row = (curve: string) => (p: CurvePoint) => ({
    curve,
    places: Math.round(p.places * 1e5) / 1e3,
    crime: Math.round(p.crime * 1e5) / 1e3,
  });
  return {
    caption: `The curves as drawn: cumulative share of ${placeWord} (busiest first) and of crime, for those with crime and for all`,
    columns: [
      { key: 'curve', label: 'Curve' },
      {
        key: 'places',
        label: `Cumulative share of ${placeWord} (%)`,
        numeric: true,
        format: (v) => nf1.format(v as number),
      },
      { key: 'crime', label: 'Cumulative share of crime (%)', numeric: true, format: (v) => nf1.format(v as number) },
    ],
    rows: [...withCrime.map(row(`${placeWord} with crime`)), ...all.map(row(`all ${placeWord}`))],
  };
}

/** Hot Blocking classes: by count, the segments holding the first quarter and the next quarter of crime; by rate, rank bands. */
function segmentClasses(a: Analysis): { classes: number[]; legend: LegendEntry[]; widths: number[] } {
  const sg = a.segments!;
  const S = sg.counts.length;
  const classes = new Array<number>(S).fill(-1);
  if (sg.measure === 'count') {
    let acc = 0;
    const counts = [0, 0, 0, 0];
    for (const c of sg.ranked) {
      const cls = acc < 0.25 * sg.snappedRecords ? 0 : acc < 0.5 * sg.snappedRecords ? 1 : 2;
      classes[c.segment] = cls;
      counts[cls]!++;
      acc += c.n;
    }
    // Segments with no crime are not drawn as a class: the network under the map shows them.
    for (let s = 0; s < S; s++) if (classes[s] === -1) counts[3]!++;
    return {
      classes,
      widths: [4, 3, 2, 1],
      legend: [
        { label: `Holding the first 25% of crime (${int(counts[0]!)} segments)`, colour: PALETTE.segments[0] },
        { label: `The next 25%, to half (${int(counts[1]!)})`, colour: PALETTE.segments[1] },
        { label: `The other half (${int(counts[2]!)})`, colour: PALETTE.segments[2] },
        { label: `No crime (${int(counts[3]!)})`, colour: 'var(--lca-grid)' },
      ],
    };
  }
  const rated = sg.ranked.length;
  const counts = [0, 0, 0, 0, 0];
  sg.ranked.forEach((c, r) => {
    const cls = r < Math.ceil(rated * 0.05) ? 0 : r < Math.ceil(rated * 0.2) ? 1 : 2;
    classes[c.segment] = cls;
    counts[cls]!++;
  });
  for (let s = 0; s < S; s++) {
    if (classes[s] !== -1) continue;
    if (sg.counts[s]!.n > 0) {
      classes[s] = 3;
      counts[3]!++;
    } else counts[4]!++;
  }
  return {
    classes,
    widths: [4, 3, 2, 1.5, 1],
    legend: [
      { label: `Top 5% by crimes per 100 m (${int(counts[0]!)} segments)`, colour: PALETTE.segments[0] },
      { label: `Next, to the top 20% (${int(counts[1]!)})`, colour: PALETTE.segments[1] },
      { label: `Other segments with crime (${int(counts[2]!)})`, colour: PALETTE.segments[2] },
      { label: `Crime, but under ${MIN_RATE_LENGTH} m: not rated (${int(counts[3]!)})`, colour: PALETTE.segments[3] },
      { label: `No crime (${int(counts[4]!)})`, colour: 'var(--lca-grid)' },
    ],
  };
}

export function segmentsFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const title = `Hot Blocking: crime on the streets of ${d.area.name}`;
  if (!d.network || !a.segments) {
    return {
      id: 'hotspots-segments',
      page: PAGE,
      title,
      subtitle: `${ctx.typeWord} · ${period(a.months)} · needs a street network`,
      description: `There is no street network for ${d.area.name} here: Hot Blocking is available for the City of London and Westminster, where OpenStreetMap's drivable network is in the data. The grid maps above cover ${d.area.name}.`,
      chart: {
        kind: 'hotspotMap',
        outline: d.outline,
        ...base(ctx),
        layer: { type: 'cells', x0: 0, y0: 0, size: 1, nx: 1, cells: [] },
        legend: [{ label: 'No street network for this area', colour: 'transparent' }],
        legendTitle: 'Street segments',
      },
      widths: [360, 720],
      table: {
        caption: 'No street segments for this area',
        columns: [{ key: 'note', label: 'Note' }],
        rows: [{ note: `No street network for ${d.area.name}` }],
      },
      source: mapSources(ctx),
      notes: [
        'Street networks in the data: OpenStreetMap drivable segments for the City of London and for Westminster. No usable network was found for other boroughs (OS Open Roads and the TfL road network were not available).',
      ],
    };
  }
  const net = d.network;
  const sg = a.segments;
  const { classes, legend, widths } = segmentClasses(a);
  const S = sg.counts.length;
  const nameOf = (s: number) => net.segments.names[net.segments.name[s]!] || '(unnamed)';
  const first = sg.ranked[0];
  const perMeasure = sg.measure === 'per100m';
  // By rate, short segments with crime are drawn (not rated) too: they follow the ranked ones, unranked, busiest first.
  const unrated = perMeasure
    ? sg.counts.filter((c) => c.n > 0 && c.per100m === null).sort((x, y) => y.n - x.n || x.segment - y.segment)
    : [];
  const rows = [...sg.ranked, ...unrated].map((c, i) => ({
    rank: i < sg.ranked.length ? i + 1 : null,
    street: nameOf(c.segment),
    segment: net.segments.id[c.segment]!,
    length: net.segments.length[c.segment]!,
    records: c.n,
    share: Math.round((c.n / (sg.snappedRecords || 1)) * 1000) / 10,
    per100m: c.per100m === null ? null : Math.round(c.per100m * 10) / 10,
    points: c.points,
    one_point: c.points === 1 ? 'yes' : 'no',
  }));
  return {
    id: 'hotspots-segments',
    page: PAGE,
    title,
    subtitle: `${ctx.typeWord} · ${period(a.months)} · ${int(S)} OpenStreetMap drivable segments coloured by ${perMeasure ? `crimes per 100 m (segments of ${MIN_RATE_LENGTH} m or more)` : 'their share of crime'}`,
    description: first
      ? `${pct(sg.quarterIn)} of the ${int(S)} street segments hold a quarter of the ${int(sg.snappedRecords)} records snapped to a segment, and ${pct(sg.halfIn)} hold half; ${int(sg.counts.filter((c) => c.n === 0).length)} segments (${pct(sg.counts.filter((c) => c.n === 0).length / S)}) have none. The ${perMeasure ? 'highest rate' : 'busiest segment'} is on ${nameOf(first.segment)} (${int(net.segments.length[first.segment]!)} m): ${int(first.n)} records${first.per100m !== null ? `, ${nf1.format(first.per100m)} per 100 m` : ''}, at ${int(first.points)} map point${first.points === 1 ? '' : 's'}.${onePoint(sg.ranked.slice(0, 10), 'segments')}`
      : 'No record in this selection lies on a street segment.',
    chart: {
      kind: 'hotspotMap',
      outline: d.outline,
      ...base(ctx),
      layer: { type: 'segments', paths: net.segments.path, classes, widths },
      legend,
      legendTitle: perMeasure
        ? `Crimes per 100 m, ranked (segments under ${MIN_RATE_LENGTH} m not rated)`
        : 'Segments ranked by records, busiest first',
      credit: OSM_CREDIT,
    },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Street segments with crime, ranked by ${perMeasure ? `crimes per 100 m (${int(sg.ranked.length)} segments of ${MIN_RATE_LENGTH} m or more), then the ${int(unrated.length)} shorter ones, not rated` : `records (${int(rows.length)} of ${int(S)} segments)`}`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'street', label: 'Street (OpenStreetMap name)' },
        { key: 'segment', label: 'Segment id' },
        { key: 'length', label: 'Length (m)', numeric: true, format: (v) => int(v as number) },
        { key: 'records', label: 'Records', numeric: true, format: (v) => int(v as number) },
        { key: 'share', label: 'Share of snapped records (%)', numeric: true, format: (v) => nf1.format(v as number) },
        {
          key: 'per100m',
          label: 'Per 100 m',
          numeric: true,
          format: (v) => (v === null ? '–' : nf1.format(v as number)),
        },
        { key: 'points', label: 'Map points', numeric: true },
        { key: 'one_point', label: 'All at one map point' },
      ],
      rows,
    },
    source: [ctx.source, ...(ctx.networkSource ? [ctx.networkSource] : [])],
    notes: [
      `Hot Blocking, after the OS product: crime counted on street segments (a street between two junctions) instead of grid cells. Each data.police.uk map point is snapped to the nearest drivable segment within ${net.threshold} m on the projected plane; ${int(net.stats.unsnapped)} of ${int(net.stats.places)} places are farther than that and are not forced onto a street (${int(sg.unsnappedRecords)} records in this view). Snap distances: median ${nf1.format(net.stats.distanceQuantiles.p50)} m, 90th percentile ${nf1.format(net.stats.distanceQuantiles.p90)} m, 99th ${nf1.format(net.stats.distanceQuantiles.p99)} m, the farthest place ${nf1.format(net.stats.distanceQuantiles.max)} m (every place counted, snapped or not). At a junction, a point equally near several segments goes to the first of them (${int(net.stats.ties)} places).`,
      `Drivable network only (OpenStreetMap, ${net.date}): pedestrian streets, alleys and courts are missing, so crimes there fall to the nearest drivable street. Map points are anonymised locations, not addresses. Dual carriageways are two segments.`,
      `Crimes per 100 m are given only for segments of ${MIN_RATE_LENGTH} m or more: a short segment with one crime would otherwise top the list.`,
      `The street network is ${OSM_CREDIT}, under the Open Database Licence; the counts per segment are offered as a database under the ODbL (hotblocks_*.csv on the methods page).`,
    ],
  };
}

export function segmentConcentrationFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  if (!d.network || !a.segments) {
    return {
      id: 'hotspots-segment-concentration',
      page: PAGE,
      title: `How concentrated crime is on street segments: ${d.area.name}`,
      subtitle: 'Needs a street network',
      description: `There is no street network for ${d.area.name} here; the street-segment concentration is available for the City of London and Westminster.`,
      chart: {
        kind: 'concentration',
        withCrime: [{ places: 0, crime: 0 }],
        all: [{ places: 0, crime: 0 }],
        placeWord: 'segments',
      },
      widths: [360, 720],
      table: {
        caption: 'No street segments for this area',
        columns: [{ key: 'note', label: 'Note' }],
        rows: [{ note: `No street network for ${d.area.name}` }],
      },
      source: [ctx.source],
      notes: [],
    };
  }
  const sg = a.segments;
  const c = sg.concentration;
  const S = sg.counts.length;
  return {
    id: 'hotspots-segment-concentration',
    page: PAGE,
    title: `How concentrated crime is on street segments: ${d.area.name}`,
    subtitle: `Cumulative share of ${ctx.typeWord} against the cumulative share of all ${int(S)} drivable segments, busiest first, those with no crime included · ${period(a.months)}`,
    description: `A quarter of the records on street segments fall on ${pct(sg.quarterIn)} of all ${int(S)} segments, and half on ${pct(sg.halfIn)}; ${pct(c.placesWithCrime / S)} of segments have any crime at all.`,
    chart: { kind: 'concentration', withCrime: c.curveWithCrime, all: c.curveAll, placeWord: 'segments' },
    widths: [360, 720],
    tableLimit: 40,
    table: curveTable(c.curveWithCrime, c.curveAll, 'street segments'),
    source: [ctx.source, ...(ctx.networkSource ? [ctx.networkSource] : [])],
    notes: [
      `${int(Math.round(sg.quarterIn * S))} segments (${pct(sg.quarterIn)}) hold a quarter of the records and ${int(Math.round(sg.halfIn * S))} (${pct(sg.halfIn)}) half; the top ${c.topAll.map((t) => `${t.top * 100}%`).join(', ')} of all segments hold ${c.topAll.map((t) => pct(t.crime)).join(', ')} of the records; ${int(c.placesWithCrime)} segments (${pct(c.placesWithCrime / S)}) have any.`,
      'The law of crime concentration at street segments (Weisburd 2015) is stated over all segments, those with no crime included: in the cities studied, about 1% of segments held a quarter of crime and 2 to 6% held half. The curve for segments with crime is drawn too.',
      'Snap points gather crimes onto fewer segments than really occur, and pedestrian streets are missing from the drivable network, so these shares overstate concentration somewhat.',
    ],
  };
}

export function spaceTimeFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const st = a.spaceTime;
  const shown = SPACE_TIME_CLASSES.filter((c) => c !== 'no pattern');
  const cells = st ? st.classes.map((c) => (c && c !== 'no pattern' ? shown.indexOf(c) : -1)) : [];
  const counts = shown.map((c) => st?.counts[c] ?? 0);
  const legendIdx = shown.map((c, i) => ({ c, i })).filter(({ i }) => counts[i]! > 0);
  const remap = new Map(legendIdx.map(({ i }, j) => [i, j]));
  const legend: LegendEntry[] = legendIdx.map(({ c, i }) => ({
    label: `${c.charAt(0).toUpperCase()}${c.slice(1)} (${int(counts[i]!)})`,
    colour: SPACE_TIME_COLOUR[c],
  }));
  const coldPossible = st ? st.lowestZ.filter((z) => z <= -Z_CRITICAL[90]).length : 0;
  const b = base(ctx);
  return {
    id: 'hotspots-spacetime',
    page: PAGE,
    title: `Hot spots over time in ${d.area.name}`,
    subtitle: st
      ? `Each cell classed by how often and how recently it was a significant Gi* hot or cold spot, over ${st.periods.length} periods of ${st.periodMonths === 1 ? 'a month' : `${st.periodMonths} months`} · ${period(a.months)}`
      : 'Needs at least two periods',
    description: st
      ? `Of ${int(a.cellsInside)} cells, ${int(st.counts['persistent hotspot'] ?? 0)} are persistent hot spots, ${int(st.counts['intensifying hotspot'] ?? 0)} intensifying, ${int(st.counts['emerging hotspot'] ?? 0)} emerging, ${int(st.counts['former hotspot'] ?? 0)} former and ${int(st.counts['intermittent hotspot'] ?? 0)} intermittent; ${int(st.counts['no pattern'] ?? 0)} show no pattern. ${coldPossible ? `Cold spots are possible in ${int(coldPossible)} of the ${int(st.periods.length)} periods.` : "No cold class can occur: in no period could any cell reach a cold spot's z-score."}`
      : 'The selected months make only one period, so no cell can be classed over time.',
    chart: {
      kind: 'hotspotMap',
      outline: d.outline,
      ...b,
      layer: {
        type: 'cells',
        x0: a.grid.x0,
        y0: a.grid.y0,
        size: a.grid.size,
        nx: a.grid.nx,
        cells: cells.map((c) => (c < 0 ? -1 : remap.get(c)!)),
      },
      legend: legend.length ? legend : [{ label: 'No cell shows a pattern', colour: 'transparent' }],
      legendTitle: 'Space-time class (cells with no pattern not shaded)',
      credit: b.credit,
    },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption:
        'The cells shaded on the map (a cell of the grid each), with their space-time class; cells with no pattern are not shaded (the description counts every class)',
      columns: SHADED_COLUMNS,
      rows: shadedRows(
        ctx,
        {
          x0: a.grid.x0,
          y0: a.grid.y0,
          size: a.grid.size,
          nx: a.grid.nx,
          cells: cells.map((c) => (c < 0 ? -1 : remap.get(c)!)),
        },
        legend,
      ),
    },
    source: mapSources(ctx),
    notes: st
      ? [
          `Classes: ${SPACE_TIME_CLASSES.map((c) => `${c} (${int(st.counts[c] ?? 0)} cells): ${MEANING[c]}`).join('; ')}.`,
          `Periods: ${st.periods.map((p) => (p.from === p.to ? p.from : `${p.from} to ${p.to}`)).join('; ')}. Period length by sfhotspot's rule: ${st.rule}.`,
          `Recent periods: the last ${st.recentPeriods}. Thresholds as sfhotspot's hotspot_classify(): hot in at least 10% of periods to be any class, 80% to be persistent; p below 0.05 (${a.options.adjust === 'fdr' ? 'after the FDR adjustment within each period' : 'unadjusted'}).`,
          `Cold spots: the lowest z any cell could reach, period by period, runs from ${zText(Math.min(...st.lowestZ))} to ${zText(Math.max(...st.lowestZ))}; a cold spot needs z ≤ −${Z_CRITICAL[90].toFixed(3)} at 90% before any adjustment${coldPossible ? ` (reachable in ${int(coldPossible)} periods)` : ', so the cold classes are empty by construction, not because crime is evenly spread'}.`,
          '"Intensifying" is not an sfhotspot class: it follows ArcGIS\'s emerging hot spot analysis (hot in at least 90% of periods including the last, with z-scores rising: Mann–Kendall test, p < 0.05) and is split out of the persistent class.',
          ...baseNote(ctx),
        ]
      : [],
  };
}

export function paiFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const p = a.pai;
  const sizes = ctx.stab?.pai ?? [{ cellSize: a.cellSize, result: p }];
  const rows = sizes.map((s) => ({
    cell: Math.round(s.cellSize * 10) / 10,
    cells: s.result?.cells ?? null,
    area: s.result ? Math.round(s.result.areaShare * 1000) / 10 : null,
    hit: s.result ? Math.round(s.result.hitRate * 1000) / 10 : null,
    pai: s.result ? Math.round(s.result.pai * 100) / 100 : null,
  }));
  const others = sizes.filter((s) => s.cellSize !== a.cellSize && s.result);
  return {
    id: 'hotspots-pai',
    page: PAGE,
    title: `Do last year's hot spots predict this year's? ${d.area.name}`,
    subtitle: p
      ? `Predictive Accuracy Index: the busiest ${pct(a.options.paiShare, 0)} of grid cells in ${period(p.train)}, scored on ${period(p.test)}, at three cell sizes`
      : 'Needs at least two months',
    description: p
      ? `On ${metres(a.cellSize)} m cells, the ${int(p.cells)} busiest cells of ${period(p.train)} (${pct(p.areaShare)} of the area) held ${pct(p.hitRate)} of the ${int(p.testTotal)} records of ${period(p.test)}: a PAI of ${nf1.format(p.pai)}, ${p.pai > 1 ? `${nf1.format(p.pai)} times what the same area chosen at random would capture` : 'no better than chance'}.${others.length ? ` At ${others.map((s) => `${metres(Math.round(s.cellSize * 10) / 10)} m cells it is ${nf1.format(s.result!.pai)}`).join(' and at ')}: the index depends on the cell size.` : ''}`
      : 'The selection is too short to split into a training and a test period.',
    chart: {
      kind: 'rankedBars',
      data: rows
        .filter((r) => r.pai !== null)
        .map((r) => ({
          label: `${metres(r.cell)} m cells`,
          value: r.pai!,
          text: nf1.format(r.pai!),
          title: `PAI on ${metres(r.cell)} m cells: ${nf1.format(r.pai!)} (hit rate ${nf1.format(r.hit!)}% ÷ area ${nf1.format(r.area!)}%)`,
          highlight: r.cell === Math.round(a.cellSize * 10) / 10,
        })),
      xLabel: 'PAI (1 = chance) →',
      minHeight: 140,
    },
    widths: [360, 720],
    table: {
      caption: p ? `PAI = hit rate ÷ area share, at half, the same and twice the map's cell size` : 'PAI not available',
      columns: [
        { key: 'cell', label: 'Cell size (m)', numeric: true },
        { key: 'cells', label: 'Cells selected', numeric: true },
        {
          key: 'area',
          label: 'Area share (%)',
          numeric: true,
          format: (v) => (v === null ? '–' : nf1.format(v as number)),
        },
        {
          key: 'hit',
          label: 'Hit rate (%)',
          numeric: true,
          format: (v) => (v === null ? '–' : nf1.format(v as number)),
        },
        { key: 'pai', label: 'PAI', numeric: true, format: (v) => (v === null ? '–' : (v as number).toFixed(2)) },
      ],
      rows,
    },
    source: [ctx.source],
    notes: [
      'PAI (Chainey, Tompson and Uhlig 2008) = hit rate ÷ area share; 1 is what chance gives, and higher means a better forecast. The test period is the last 12 months of the selection and the training period the 12 before it (or the two halves of a shorter selection).',
      'Cells are ranked by their count in the training period; cells with no crime then are never selected, so fewer cells than the target share can be chosen. Smaller cells usually give a higher PAI: compare forecasts only at the same cell size.',
    ],
  };
}

export function stabilityFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const st = ctx.stab?.stability ?? null;
  const b = base(ctx);
  const n = 9;
  const classOf = (v: number) => (v === n ? 0 : v >= 5 ? 1 : v >= 1 ? 2 : -1);
  const counts = [0, 0, 0];
  const cells = st
    ? Array.from(st.raster.hotIn, (v) => {
        const c = classOf(v);
        if (c >= 0) counts[c]!++;
        return c;
      })
    : [];
  const pxHa = st ? (st.raster.size * st.raster.size) / 10_000 : 0;
  const legend: LegendEntry[] = [
    { label: `Hot on all 9 grids (${nf1.format(counts[0]! * pxHa)} ha)`, colour: PALETTE.stability[0] },
    { label: `On 5 to 8 (${nf1.format(counts[1]! * pxHa)} ha)`, colour: PALETTE.stability[1] },
    { label: `On 1 to 4 (${nf1.format(counts[2]! * pxHa)} ha)`, colour: PALETTE.stability[2] },
  ];
  return {
    id: 'hotspots-stability',
    page: PAGE,
    title: `How much does the hot-spot map depend on where the grid falls? ${d.area.name}`,
    subtitle: `Gi* hot spots at 95% confidence on the ${metres(a.cellSize)} m grid and on eight copies shifted by ¼ and ½ cell · ${ctx.typeWord} · ${period(a.months)}`,
    description: st
      ? Number.isFinite(st.stableShare)
        ? `Of the ${ha(st.baseHotArea)} hot on the map's grid, ${pct(st.stableShare)} is hot on all nine grids; ${ha(st.anyHotArea)} is hot on at least one. Hot cells per grid range from ${int(Math.min(...st.shifts.map((s) => s.hotCells)))} to ${int(Math.max(...st.shifts.map((s) => s.hotCells)))}.`
        : `No cell is hot at 95% confidence on the map's grid; ${ha(st.anyHotArea)} is hot on at least one of the shifted grids.`
      : 'Computed in your browser with the view.',
    chart: st
      ? {
          kind: 'hotspotMap',
          outline: d.outline,
          ...b,
          layer: { type: 'cells', x0: st.raster.x0, y0: st.raster.y0, size: st.raster.size, nx: st.raster.nx, cells },
          legend,
          legendTitle: 'How many of the nine grids call the spot hot (quarter-cell squares)',
          credit: b.credit,
        }
      : {
          kind: 'hotspotMap',
          outline: d.outline,
          ...b,
          layer: { type: 'cells', x0: 0, y0: 0, size: 1, nx: 1, cells: [] },
          legend,
          legendTitle: 'Not computed',
          credit: b.credit,
        },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: 'The quarter-cell squares shaded on the map, with how many of the nine grids call them hot',
      columns: SHADED_COLUMNS,
      rows: st
        ? shadedRows(ctx, { x0: st.raster.x0, y0: st.raster.y0, size: st.raster.size, nx: st.raster.nx, cells }, legend)
        : [],
    },
    source: mapSources(ctx),
    notes: [
      "The same records are counted on nine grids: the map's, and copies moved by a quarter and a half cell in x, in y or both. Gi* (with the page's p-value adjustment) is recomputed on each, and the hot area is compared on quarter-cell squares, each of which lies wholly in one cell of every grid. A hot spot that is hot on all nine does not depend on where the grid falls; one that is hot on few does.",
      ...(st
        ? [
            `Hot cells on each grid (shift east, north in cells: hot cells): ${st.shifts.map((s) => `${-s.dx}, ${-s.dy}: ${int(s.hotCells)}`).join('; ')}.`,
          ]
        : []),
      'No common hot-spot tool reports this. It cannot tell whether a hot spot is real: a stable hot spot can still be made by where data.police.uk put its snap points. How the map depends on the cell size is a separate question: see the PAI at three cell sizes.',
      ...baseNote(ctx),
    ],
  };
}

const MEANING: Record<SpaceTimeClass, string> = {
  'intensifying hotspot':
    'Hot in at least 90% of periods including the last, and growing hotter (significant upward trend in Gi*)',
  'persistent hotspot': 'Hot in at least 80% of periods',
  'emerging hotspot': 'Hot in at least 20% of the recent periods, but in under 10% of the earlier ones',
  'former hotspot': 'Hot in at least 10% of the earlier periods, but in under 10% of the recent ones',
  'intermittent hotspot': 'Hot in at least 10% of periods, with no clearer pattern',
  'mixed hot/coldspot': 'Both a hot and a cold spot at different times',
  'intermittent coldspot': 'Cold in at least 10% of periods, with no clearer pattern',
  'former coldspot': 'Cold earlier, not recently',
  'emerging coldspot': 'Cold recently, not earlier',
  'persistent coldspot': 'Cold in at least 80% of periods',
  'no pattern': 'Hot or cold in under 10% of periods',
};

/** The downloads' name for a view: figure, data set, crime types, months and, for the map, its method and cell size. */
export function viewFileName(id: string, ctx: HotspotContext): string {
  const types = ctx.typeWord.startsWith('all crimes (') ? 'all-crimes' : ctx.typeWord;
  const map = id === 'hotspots-map' ? [ctx.method, `${ctx.a.cellSize}m cells`] : [];
  return slug([id, ctx.d.id, types, ...map, ctx.a.months[0], 'to', ctx.a.months[1]].join(' '));
}
const named =
  (fn: (ctx: HotspotContext) => Figure) =>
  (ctx: HotspotContext): Figure => {
    const f = fn(ctx);
    return { ...f, fileName: viewFileName(f.id, ctx) };
  };

/** The figures the page recomputes for the chosen view, by id, in page order (the LSOA and coverage figures are fixed). */
export const VIEW_FIGURES: Record<string, (ctx: HotspotContext) => Figure> = {
  'hotspots-map': named(hotspotMapFigure),
  'hotspots-stability': named(stabilityFigure),
  'hotspots-streets': named(hotStreetsFigure),
  'hotspots-places': named(placesFigure),
  'hotspots-concentration': named(concentrationFigure),
  'hotspots-segments': named(segmentsFigure),
  'hotspots-segment-concentration': named(segmentConcentrationFigure),
  'hotspots-spacetime': named(spaceTimeFigure),
  'hotspots-pai': named(paiFigure),
};
