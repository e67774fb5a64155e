/**
 * The figures of the hotspots page, built from one analysis of a street-level data
 * set. Pure: the build renders the default view with them, and the page rebuilds
 * every figure with them after the worker recomputes.
 */
import type { Analysis, HotspotDataset } from '../lib/hotspots/dataset.ts';
import { CLASS_LABEL } from '../lib/hotspots/gistar.ts';
import { SPACE_TIME_CLASSES, type SpaceTimeClass } from '../lib/hotspots/spacetime.ts';
import { localProjection } from '../lib/hotspots/grid.ts';
import type { HotspotMapSpec, LegendEntry } from '../charts/hotspotMap.ts';
import type { Figure, FigureSource } from './types.ts';
import { SEQ5 } from '../charts/common.ts';
import { formatInt, formatRate, monthLong } from '../lib/format.ts';
import { typeSlug } from '../lib/hotspots/state.ts';

export type Method = 'kde' | 'count' | 'gistar';
export const METHODS: Method[] = ['kde', 'count', 'gistar'];
export const METHOD_LABEL: Record<Method, string> = { kde: 'kernel density (KDE)', count: 'grid counts', gistar: 'Getis-Ord Gi* hot and cold spots' };

const PAGE = 'hotspots/';
const nf1 = { format: formatRate };
const int = formatInt;
const pct = (v: number, d = 1) => `${(v * 100).toFixed(d)}%`;
export const monthText = monthLong;
const metres = (v: number) => (Number.isInteger(v) ? int(v) : nf1.format(v));
const period = (a: [string, string]) => (a[0] === a[1] ? monthText(a[0]) : `${monthText(a[0])} to ${monthText(a[1])}`);

/** Hot/cold classes, hottest first, with diverging colours (ColorBrewer RdBu, colour-blind safe). */
export const GI_LEGEND: { cls: number; colour: string }[] = [
  { cls: 3, colour: '#b2182b' },
  { cls: 2, colour: '#ef8a62' },
  { cls: 1, colour: '#fddbc7' },
  { cls: -1, colour: '#d1e5f0' },
  { cls: -2, colour: '#67a9cf' },
  { cls: -3, colour: '#2166ac' },
];
export const SPACE_TIME_COLOUR: Record<SpaceTimeClass, string> = {
  'intensifying hotspot': '#67000d',
  'persistent hotspot': '#b2182b',
  'emerging hotspot': '#f4a582',
  'former hotspot': '#bf812d',
  'intermittent hotspot': '#dfc27d',
  'mixed hot/coldspot': '#8073ac',
  'intermittent coldspot': '#d1e5f0',
  'former coldspot': '#92c5de',
  'emerging coldspot': '#4393c3',
  'persistent coldspot': '#2166ac',
  'no pattern': 'transparent',
};

export { typeSlug };

/** "On or near " with no name: data.police.uk's unnamed snap points. */
export function streetLabel(name: string, lsoa: string): string {
  const n = name.trim();
  return n === '' || n === 'On or near' ? `Unnamed location${lsoa ? ` in ${lsoa}` : ''}` : n;
}

export interface HotspotContext {
  d: HotspotDataset;
  a: Analysis;
  method: Method;
  source: FigureSource;
  boundarySource: FigureSource;
  typeWord: string;
}

/** The kinds of crime in words: "all crime types (anti-social behaviour excluded)", or a list. */
export function typesInWords(d: HotspotDataset, types: number[]): string {
  const crimes = d.types.map((_, i) => i).filter((i) => d.isCrime[i]);
  if (types.length === crimes.length && crimes.every((i) => types.includes(i))) return 'all crimes (anti-social behaviour excluded)';
  if (types.length === d.types.length) return 'all crimes and anti-social behaviour';
  const names = types.map((i) => d.types[i]!.toLowerCase());
  return names.length <= 3 ? names.join(', ').replace(/, ([^,]*)$/, ' and $1') : `${names.length} crime types`;
}

export function cellCentre(a: Analysis, k: number): [number, number] {
  const i = k % a.grid.nx;
  const j = (k - i) / a.grid.nx;
  return [a.grid.x0 + (i + 0.5) * a.grid.size, a.grid.y0 + (j + 0.5) * a.grid.size];
}

/** The method card: every parameter in force, in words. */
export function methodCard(ctx: HotspotContext): string[] {
  const { a, d } = ctx;
  return [
    `Data: ${d.force}, ${d.area.name}, ${ctx.typeWord}, ${period(a.months)}: ${int(a.n)} records at ${int(a.placeCounts.filter((v) => v > 0).length)} map points.`,
    `Grid: ${metres(a.cellSize)} m square cells (${a.cellSizeDefault ? "default: the shorter side of the study area's bounding box ÷ 50, rounded down to a multiple of 100 m, or unrounded where that gives 0" : 'chosen'}), ${int(a.grid.nx)} × ${int(a.grid.ny)}, of which ${int(a.cellsInside)} are in ${d.area.name} (their centre is inside the boundary, or they hold one of its map points); distances on a local azimuthal equidistant projection centred at ${d.centre[1].toFixed(4)}° N, ${Math.abs(d.centre[0]).toFixed(4)}° ${d.centre[0] < 0 ? 'W' : 'E'}.`,
    `Kernel density: quartic kernel, bandwidth ${int(a.bandwidth)} m (${a.bandwidthDefault ? 'default: the normal-reference rule 4 × 1.06 × min(sd, IQR/1.34) × n^(−1/5), averaged over x and y' : 'chosen'}), in crimes per square kilometre at each cell centre.`,
    `Gi*: each cell with its 8 neighbours and itself (binary weights), z-scores against all ${int(a.cellsInside)} cells; p-values ${a.options.adjust === 'fdr' ? 'adjusted for multiple comparisons by the Benjamini–Hochberg false discovery rate' : 'not adjusted for multiple comparisons (expect about 1 in 10 cells to look significant at 90% by chance)'}; hot or cold at 99, 95 or 90% confidence.`,
  ];
}

function mapLayerFor(ctx: HotspotContext): { spec: HotspotMapSpec; classCount: number[]; description: string; unitWord: string } {
  const { a, d, method } = ctx;
  const inside = (k: number) => a.grid.inside[k] === 1;
  if (method === 'gistar') {
    const cells = Array.from(a.classes, (c, k) => (inside(k) && c !== 0 ? GI_LEGEND.findIndex((l) => l.cls === c) : -1));
    const counts = GI_LEGEND.map((_, i) => cells.filter((c) => c === i).length);
    const legend: LegendEntry[] = GI_LEGEND.map((l, i) => ({ label: `${CLASS_LABEL[l.cls]} (${int(counts[i]!)})`, colour: l.colour }));
    const hot = counts.slice(0, 3).reduce((x, y) => x + y, 0);
    return {
      spec: { outline: d.outline, layer: { type: 'cells', x0: a.grid.x0, y0: a.grid.y0, size: a.grid.size, nx: a.grid.nx, cells }, legend, legendTitle: 'Gi* class (cells not shown: not significant)' },
      classCount: counts,
      description: `${int(hot)} of ${int(a.cellsInside)} cells (${pct(hot / a.cellsInside)}) are hot spots at 90% confidence or more${a.options.adjust === 'fdr' ? ' after the false discovery rate adjustment' : ''}; ${int(counts.slice(3).reduce((x, y) => x + y, 0))} are cold spots.`,
      unitWord: 'Gi* z-score',
    };
  }
  const values = method === 'kde' ? a.kde : a.counts;
  let sum = 0;
  for (let k = 0; k < values.length; k++) if (inside(k)) sum += values[k]!;
  const mean = sum / a.cellsInside;
  // Classes by multiples of the mean cell value, as hotspot analysts map KDE (Chainey): below the mean is not shaded.
  const cells = Array.from(values, (v, k) => (inside(k) && mean > 0 && v >= mean ? Math.min(4, Math.floor(v / mean) - 1) : -1));
  const counts = [0, 1, 2, 3, 4].map((i) => cells.filter((c) => c === i).length);
  const unit = method === 'kde' ? 'crimes per km²' : 'crimes per cell';
  const f = (v: number) => (method === 'kde' ? int(v) : nf1.format(v));
  const legend: LegendEntry[] = [0, 1, 2, 3, 4].map((i) => ({
    label: i < 4 ? `${i + 1}–${i + 2} × mean: ${f(mean * (i + 1))}–${f(mean * (i + 2))} (${int(counts[i]!)} cells)` : `5 × mean or more: ≥ ${f(mean * 5)} (${int(counts[i]!)} cells)`,
    colour: SEQ5[i]!,
  }));
  let maxK = -1;
  for (let k = 0; k < values.length; k++) if (inside(k) && (maxK < 0 || values[k]! > values[maxK]!)) maxK = k;
  const [mx, my] = maxK >= 0 ? cellCentre(a, maxK) : [0, 0];
  const [lon, lat] = localProjection(d.centre[0], d.centre[1]).inverse(mx, my);
  return {
    spec: { outline: d.outline, layer: { type: 'cells', x0: a.grid.x0, y0: a.grid.y0, size: a.grid.size, nx: a.grid.nx, cells }, legend, legendTitle: `${method === 'kde' ? 'Density' : 'Count'}, as multiples of the mean cell (${f(mean)} ${unit}); cells below the mean not shaded` },
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
    .map(([why, byMonth]) => [why, Object.entries(byMonth).filter(([m]) => inRange(m)).reduce((s, [, n]) => s + n, 0)] as const)
    .filter(([, n]) => n > 0);
  if (excluded.length) out.push(`Not mapped, ${period(a.months)} (all record types): ${excluded.map(([why, n]) => `${int(n)} ${why}`).join('; ')}.`);
  const gaps = (d.coverage?.monthsBelow80PercentOfMedian ?? []).filter((g) => inRange(g.month));
  if (gaps.length) out.push(`Incomplete months in this selection: ${gaps.map((g) => `${monthText(g.month)} (${Math.round(g.shareOfMedian * 100)}% of a typical month's records per day)`).join('; ')}: the API extract lacks some wards then.`);
  return out;
}

export function hotspotMapFigure(ctx: HotspotContext): Figure {
  const { a, d, method } = ctx;
  const m = mapLayerFor(ctx);
  const proj = localProjection(d.centre[0], d.centre[1]);
  const rows: Record<string, string | number | null>[] = [];
  for (let k = 0; k < a.counts.length; k++) {
    if (!a.grid.inside[k] || (a.counts[k] === 0 && a.classes[k] === 0)) continue;
    const [x, y] = cellCentre(a, k);
    const [lon, lat] = proj.inverse(x, y);
    rows.push({ cell: k, lon: Math.round(lon * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5, crimes: a.counts[k]!, density: Math.round(a.kde[k]! * 10) / 10, z: Math.round(a.z[k]! * 1000) / 1000, gi_class: CLASS_LABEL[a.classes[k]!]! });
  }
  rows.sort((x, y) => (y.crimes as number) - (x.crimes as number) || (x.cell as number) - (y.cell as number));
  return {
    id: 'hotspots-map',
    page: PAGE,
    title: `Where crime concentrates in ${d.area.name}: ${METHOD_LABEL[method]}`,
    subtitle: `${d.force} · ${ctx.typeWord} · ${period(a.months)} · ${metres(a.cellSize)} m cells${method === 'kde' ? ` · bandwidth ${int(a.bandwidth)} m` : ''}`,
    description: `${int(a.n)} records in ${d.area.name}, ${period(a.months)}. ${m.description}`,
    chart: { kind: 'hotspotMap', ...m.spec },
    rerender: false,
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Grid cells with at least one crime or a significant Gi*, busiest first (${int(rows.length)} of ${int(a.cellsInside)} cells; the rest have none)`,
      columns: [
        { key: 'cell', label: 'Cell' },
        { key: 'lat', label: 'Latitude (centre)', numeric: true },
        { key: 'lon', label: 'Longitude (centre)', numeric: true },
        { key: 'crimes', label: 'Crimes', numeric: true, format: (v) => int(v as number) },
        { key: 'density', label: 'KDE (per km²)', numeric: true, format: (v) => int(v as number) },
        { key: 'z', label: 'Gi* z', numeric: true, format: (v) => (v === null || Number.isNaN(v) ? '–' : (v as number).toFixed(2)) },
        { key: 'gi_class', label: 'Gi* class' },
      ],
      rows,
    },
    source: [ctx.source, ctx.boundarySource],
    notes: [
      ...methodCard(ctx),
      ...dataNotes(ctx),
      'Locations are anonymised by data.police.uk: each crime is moved to the nearest of about 750,000 map points ("On or near …"), usually the centre of a street, a public place or a junction. A cell\'s count is the count at the snap points inside it, so cells a few tens of metres across show where the snap points are as much as where crime happens.',
    ],
  };
}

export function hotStreetsFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const c = a.streetConcentration;
  const top = a.streets.slice(0, 20);
  const cut = c.topWithCrime.map((t) => t.places);
  const clsOf = (rank: number) => (rank < cut[0]! ? 0 : rank < cut[1]! ? 1 : rank < cut[2]! ? 2 : 3);
  const rankOf = new Map(a.streets.map((s, i) => [s.street, i]));
  const points: { x: number; y: number; n: number; cls: number; title: string }[] = [];
  for (let k = 0; k < a.placeCounts.length; k++) {
    const n = a.placeCounts[k]!;
    if (!n) continue;
    const s = d.places.street[k]!;
    const r = rankOf.get(s)!;
    // Tooltips for the top streets' points only: the table and CSV list every street.
    points.push({ x: d.places.x[k]!, y: d.places.y[k]!, n, cls: clsOf(r), title: r < 50 ? `${streetLabel(d.streets.name[s]!, d.streets.lsoa[s]!)}: ${int(n)} at this point; street rank ${int(r + 1)}` : '' });
  }
  const counts = [0, 1, 2, 3].map((i) => a.streets.filter((_, r) => clsOf(r) === i).length);
  const legend: LegendEntry[] = [
    { label: `Top 1% of streets (${int(counts[0]!)})`, colour: '#b2182b' },
    { label: `Next, to the top 5% (${int(counts[1]!)})`, colour: '#ef8a62' },
    { label: `Next, to the top 10% (${int(counts[2]!)})`, colour: '#fdae6b' },
    { label: `Other streets with crime (${int(counts[3]!)})`, colour: '#9e9e9e' },
  ];
  const first = top[0];
  return {
    id: 'hotspots-streets',
    page: PAGE,
    title: `Hot streets in ${d.area.name}`,
    subtitle: `${ctx.typeWord} · ${period(a.months)} · each dot a data.police.uk map point, sized by its count; a street is ${d.placeKind}`,
    description: first
      ? `${streetLabel(first.name, first.lsoa)} has the most records: ${int(first.n)} (${pct(first.n / a.n)} of ${int(a.n)}). The top 1% of the ${int(c.placesWithCrime)} streets with crime (${int(c.topWithCrime[0]!.places)}) hold ${pct(c.topWithCrime[0]!.crime)} of it; the top 10% hold ${pct(c.topWithCrime[2]!.crime)}.`
      : `No records in this selection.`,
    chart: { kind: 'hotspotMap', outline: d.outline, layer: { type: 'points', points }, legend, legendTitle: 'Street rank by count' },
    rerender: false,
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Streets ranked by count, ${period(a.months)} (all ${int(a.streets.length)} streets with a record)`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'street', label: 'Street (snap-point name)' },
        { key: 'area', label: d.streets.lsoa.some(Boolean) ? 'LSOA' : 'Street id' },
        { key: 'points', label: 'Map points', numeric: true },
        { key: 'crimes', label: 'Records', numeric: true, format: (v) => int(v as number) },
        { key: 'share', label: 'Share (%)', numeric: true, format: (v) => nf1.format(v as number) },
      ],
      rows: a.streets.map((s, i) => ({ rank: i + 1, street: streetLabel(s.name, s.lsoa), area: s.lsoa || String(s.street), points: s.places, crimes: s.n, share: Math.round((s.n / a.n) * 1000) / 10 })),
    },
    source: [ctx.source],
    notes: [
      `A street here is ${d.placeKind}; the same name can appear in several LSOAs (or, in API data, under several ids), and each is counted separately. Generic names ("On or near Supermarket", "Parking Area") are data.police.uk's labels for snap points at such places.`,
      'Snap points are not addresses: a crime on a long street is moved to one of its points, and a crime in a building to the nearest point, which may be on another street.',
    ],
  };
}

export function concentrationFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const s = a.streetConcentration;
  const cc = a.cellConcentration;
  const rows = [
    ...s.topWithCrime.map((t, i) => ({ places: 'Streets with crime', top: `${t.top * 100}%`, count: t.places, share: Math.round(t.crime * 1000) / 10, of: s.placesWithCrime, all_share: Math.round(s.topAll[i]!.crime * 1000) / 10 })),
    ...cc.topWithCrime.map((t, i) => ({ places: 'Grid cells with crime', top: `${t.top * 100}%`, count: t.places, share: Math.round(t.crime * 1000) / 10, of: cc.placesWithCrime, all_share: Math.round(cc.topAll[i]!.crime * 1000) / 10 })),
  ];
  return {
    id: 'hotspots-concentration',
    page: PAGE,
    title: `How concentrated crime is in ${d.area.name}`,
    subtitle: `Cumulative share of ${ctx.typeWord} against the cumulative share of streets, busiest first · ${period(a.months)}`,
    description: `Half of all records fall on ${pct(s.halfOfCrimeIn)} of the ${int(s.placesWithCrime)} streets with any crime. The top 5% of all ${int(s.allPlaces)} streets in the data set hold ${pct(s.topAll[1]!.crime)}; of the ${int(cc.allPlaces)} grid cells, the top 5% hold ${pct(cc.topAll[1]!.crime)}.`,
    chart: { kind: 'concentration', withCrime: s.curveWithCrime, all: s.curveAll, placeWord: 'streets' },
    rerender: false,
    widths: [360, 720],
    table: {
      caption: 'Share of crime in the top 1, 5 and 10% of places',
      columns: [
        { key: 'places', label: 'Places' },
        { key: 'top', label: 'Top' },
        { key: 'count', label: 'Places in the top', numeric: true, format: (v) => int(v as number) },
        { key: 'of', label: 'Places with crime', numeric: true, format: (v) => int(v as number) },
        { key: 'share', label: 'Share of crime (%)', numeric: true, format: (v) => nf1.format(v as number) },
        { key: 'all_share', label: 'Same share of all places: crime (%)', numeric: true, format: (v) => nf1.format(v as number) },
      ],
      rows,
    },
    source: [ctx.source],
    notes: [
      `"All streets" are the ${int(s.allPlaces)} streets with at least one record of any type in the whole data set; "all cells" are the ${int(cc.allPlaces)} cells of the grid inside ${d.area.name}.`,
      'The law of crime concentration (Weisburd 2015): a small share of places accounts for a large share of crime. Snap points gather crimes onto fewer places than really occur, so these shares overstate concentration somewhat.',
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
  const legend: LegendEntry[] = legendIdx.map(({ c, i }) => ({ label: `${c.charAt(0).toUpperCase()}${c.slice(1)} (${int(counts[i]!)})`, colour: SPACE_TIME_COLOUR[c] }));
  return {
    id: 'hotspots-spacetime',
    page: PAGE,
    title: `Hot spots over time in ${d.area.name}`,
    subtitle: st ? `Each cell classed by how often and how recently it was a significant Gi* hot or cold spot, over ${st.periods.length} periods of ${st.periodMonths === 1 ? 'a month' : `${st.periodMonths} months`} · ${period(a.months)}` : 'Needs at least two periods',
    description: st
      ? `Of ${int(a.cellsInside)} cells, ${int(st.counts['persistent hotspot'] ?? 0)} are persistent hot spots, ${int(st.counts['intensifying hotspot'] ?? 0)} intensifying, ${int(st.counts['emerging hotspot'] ?? 0)} emerging, ${int(st.counts['former hotspot'] ?? 0)} former and ${int(st.counts['intermittent hotspot'] ?? 0)} intermittent; ${int(st.counts['no pattern'] ?? 0)} show no pattern.`
      : 'The selected months make only one period, so no cell can be classed over time.',
    chart: { kind: 'hotspotMap', outline: d.outline, layer: { type: 'cells', x0: a.grid.x0, y0: a.grid.y0, size: a.grid.size, nx: a.grid.nx, cells: cells.map((c) => (c < 0 ? -1 : remap.get(c)!)) }, legend: legend.length ? legend : [{ label: 'No cell shows a pattern', colour: 'transparent' }], legendTitle: 'Space-time class (cells with no pattern not shaded)' },
    rerender: false,
    widths: [360, 720],
    table: {
      caption: 'Cells by space-time class',
      columns: [
        { key: 'class', label: 'Class' },
        { key: 'cells', label: 'Cells', numeric: true, format: (v) => int(v as number) },
        { key: 'meaning', label: 'Meaning' },
      ],
      rows: [...SPACE_TIME_CLASSES].map((c) => ({ class: c, cells: st?.counts[c] ?? 0, meaning: MEANING[c] })),
    },
    source: [ctx.source],
    notes: st
      ? [
          `Periods: ${st.periods.map((p) => (p.from === p.to ? p.from : `${p.from} to ${p.to}`)).join('; ')}. Period length by sfhotspot's rule: ${st.rule}.`,
          `Recent periods: the last ${st.recentPeriods}. Thresholds as sfhotspot's hotspot_classify(): hot in at least 10% of periods to be any class, 80% to be persistent; p below 0.05 (${a.options.adjust === 'fdr' ? 'after the FDR adjustment within each period' : 'unadjusted'}).`,
          '"Intensifying" is not an sfhotspot class: it follows ArcGIS\'s emerging hot spot analysis (hot in at least 90% of periods including the last, with z-scores rising: Mann–Kendall test, p < 0.05) and is split out of the persistent class.',
        ]
      : [],
  };
}

const MEANING: Record<SpaceTimeClass, string> = {
  'intensifying hotspot': 'Hot in at least 90% of periods including the last, and growing hotter (significant upward trend in Gi*)',
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

export function paiFigure(ctx: HotspotContext): Figure {
  const { a, d } = ctx;
  const p = a.pai;
  const rows = p
    ? [
        { measure: `Share of ${d.area.name}'s cells selected (the busiest ${pct(a.options.paiShare, 0)} of ${period(p.train)})`, value: Math.round(p.areaShare * 1000) / 10 },
        { measure: `Share of ${period(p.test)}'s records in those cells (hit rate)`, value: Math.round(p.hitRate * 1000) / 10 },
      ]
    : [];
  return {
    id: 'hotspots-pai',
    page: PAGE,
    title: `Do last year's hot spots predict this year's? ${d.area.name}`,
    subtitle: p ? `Predictive Accuracy Index: the busiest ${pct(a.options.paiShare, 0)} of grid cells in ${period(p.train)}, scored on ${period(p.test)}` : 'Needs at least two months',
    description: p
      ? `The ${int(p.cells)} busiest cells of ${period(p.train)} (${pct(p.areaShare)} of the area) held ${pct(p.hitRate)} of the ${int(p.testTotal)} records of ${period(p.test)}: a PAI of ${nf1.format(p.pai)}, ${p.pai > 1 ? `${nf1.format(p.pai)} times what the same area chosen at random would capture` : 'no better than chance'}.`
      : 'The selection is too short to split into a training and a test period.',
    chart: { kind: 'rankedBars', data: rows.map((r, i) => ({ label: i === 0 ? 'Area selected' : 'Next period\'s crime captured', value: r.value, text: `${nf1.format(r.value)}%`, title: `${r.measure}: ${nf1.format(r.value)}%` })), xLabel: 'Per cent →', minHeight: 200 },
    rerender: false,
    widths: [360, 720],
    table: {
      caption: p ? `PAI = ${nf1.format(p.pai)} (hit rate ÷ area share)` : 'PAI not available',
      columns: [
        { key: 'measure', label: 'Measure' },
        { key: 'value', label: 'Per cent', numeric: true, format: (v) => nf1.format(v as number) },
      ],
      rows,
    },
    source: [ctx.source],
    notes: [
      'PAI (Chainey, Tompson and Uhlig 2008) = hit rate ÷ area share; 1 is what chance gives, and higher means a better forecast. The test period is the last 12 months of the selection and the training period the 12 before it (or the two halves of a shorter selection).',
      'Cells are ranked by their count in the training period; cells with no crime then are never selected, so fewer cells than the target share can be chosen.',
    ],
  };
}
