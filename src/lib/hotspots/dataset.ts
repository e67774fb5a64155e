/**
 * A street-level data set (data/derived/hotspots_<id>.json) and one analysis of
 * it: the user's crime types, months, cell size, bandwidth and p-value adjustment
 * in; grid counts, KDE, Gi*, hot streets, concentration, space-time classes and
 * PAI out. Pure and synchronous: run at build time for the default view and in a
 * Web Worker for every other.
 */
import { polygonContains } from 'd3-polygon';
import { concentration, type Concentration } from './concentration.ts';
import { coldSpotCheckGrid, giStarGrid, hotColdClasses, pValues, type Adjust, type ColdSpotCheck } from './gistar.ts';
import { bboxOf, countInCells, defaultCellSize, makeGrid, type BBox, type Grid, type Points } from './grid.ts';
import { defaultBandwidth, quarticKde } from './kde.ts';
import { bandwidthNrd } from './stats.ts';
import { gridStability, type StabilityResult } from './stability.ts';
import { pai, type PaiResult } from './pai.ts';
import {
  classifySpaceTime,
  periodMonths,
  periodOfMonth,
  SPACE_TIME_DEFAULTS,
  type SpaceTimeClass,
} from './spacetime.ts';

export type { HotspotDataset, HotspotNetwork, LabelKind } from './types.ts';
import type { HotspotDataset, LabelKind } from './types.ts';

export interface AnalysisOptions {
  /** indexes into dataset.types */
  types: number[];
  /** month indexes, inclusive */
  from: number;
  to: number;
  /** metres; null = sfhotspot's default */
  cellSize: number | null;
  /** metres; null = the normal-reference default */
  bandwidth: number | null;
  adjust: Adjust;
  /** share of cells the PAI selects */
  paiShare: number;
  /** Hot Blocking: colour segments by count, or by crimes per 100 m (segments of at least MIN_RATE_LENGTH) */
  segmentMeasure: 'count' | 'per100m';
}

/** The largest grid the page computes (cells over the study area's bounding box). */
export const MAX_CELLS = 500_000;

/** Segments shorter than this (metres) get no crimes-per-100 m rate: short segments inflate densities. */
export const MIN_RATE_LENGTH = 50;

export function defaultOptions(d: HotspotDataset): AnalysisOptions {
  return {
    types: d.types.map((_, i) => i).filter((i) => d.isCrime[i]),
    from: 0,
    to: d.months.length - 1,
    cellSize: null,
    bandwidth: null,
    adjust: 'fdr',
    paiShare: 0.05,
    segmentMeasure: 'count',
  };
}

/** Calls fn(month, type, place, n) for every stored count. */
export function eachEvent(
  d: HotspotDataset,
  fn: (month: number, type: number, place: number, n: number) => void,
): void {
  const T = d.types.length;
  const { offsets, placeDelta, n } = d.events;
  for (let b = 0; b < offsets.length - 1; b++) {
    const m = Math.floor(b / T);
    const t = b % T;
    let p = 0;
    for (let e = offsets[b]!; e < offsets[b + 1]!; e++) {
      p += placeDelta[e]!;
      fn(m, t, p, n[e]!);
    }
  }
}

/** Even-odd containment in the outline's rings (holes included). */
export function outlineContains(outline: [number, number][][], x: number, y: number): boolean {
  let inside = false;
  for (const r of outline) if (polygonContains(r, [x, y])) inside = !inside;
  return inside;
}

/** A named street across the study area, or a place type / station / blank label: its records and its parts. */
export interface LabelCount {
  label: number;
  name: string;
  kind: LabelKind;
  n: number;
  /** distinct map points with at least one record */
  points: number;
  /** per part (LSOA or ward), most records first */
  parts: { part: number; code: string; name: string; n: number }[];
}

/** A street segment's records in the view (Hot Blocking). */
export interface SegmentCount {
  segment: number;
  n: number;
  /** distinct map points (data.police.uk snap points) the segment's records are at */
  points: number;
  /** crimes per 100 m, for segments of at least MIN_RATE_LENGTH; null otherwise */
  per100m: number | null;
}

/** What sfhotspot itself would choose for this view, for an analyst who wants to reproduce it. */
export interface SfhotspotDefaults {
  /** the shorter side of the points' bounding box ÷ 50, rounded down to 100 m (unrounded if that gives 0) */
  cellSize: number;
  /** bandwidth_nrd of the x coordinates only: R's mean(bx, by) returns bx, its second argument being trim */
  bandwidth: number;
  /** the y-direction value, for reference */
  bandwidthY: number;
}

export interface Analysis {
  options: AnalysisOptions;
  n: number;
  months: [string, string];
  grid: Grid;
  cellSize: number;
  cellSizeDefault: boolean;
  bandwidth: number;
  bandwidthDefault: boolean;
  cellsInside: number;
  counts: Float64Array;
  kde: Float64Array;
  z: Float64Array;
  classes: Int8Array;
  hot: { cls: number; cells: number }[];
  placeCounts: Float64Array;
  /** named streets with a record, most first */
  streets: LabelCount[];
  /** place types, stations and blank labels with a record, most first */
  notStreets: LabelCount[];
  /** records under street labels, and under the others */
  streetRecords: number;
  notStreetRecords: number;
  /** street concentration over named streets only (all: every street label of the data set) */
  streetConcentration: Concentration;
  cellConcentration: Concentration;
  /** Gi* cold spots: can these data show any? */
  coldSpots: ColdSpotCheck;
  sfhotspot: SfhotspotDefaults;
  /** Hot Blocking (null without a street network) */
  segments: {
    counts: SegmentCount[];
    ranked: SegmentCount[];
    snappedRecords: number;
    unsnappedRecords: number;
    concentration: Concentration;
    quarterIn: number;
    halfIn: number;
    measure: 'count' | 'per100m';
  } | null;
  spaceTime: {
    classes: (SpaceTimeClass | null)[];
    periods: { from: string; to: string }[];
    periodMonths: number;
    rule: string;
    recentPeriods: number;
    counts: Record<string, number>;
    lowestZ: number[];
  } | null;
  pai: (PaiResult & { train: [string, string]; test: [string, string] }) | null;
  timings: Record<string, number>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function analyse(d: HotspotDataset, o: AnalysisOptions): Analysis {
  const t0 = now();
  const timings: Record<string, number> = {};
  const P = d.places.x.length;
  const monthly = monthlyCounts(d, o);
  const placeCounts = new Float64Array(P);
  for (let m = o.from; m <= o.to; m++) for (let k = 0; k < P; k++) placeCounts[k]! += monthly[m]![k]!;
  const pts = (w: Float64Array): Points => ({ x: Float64Array.from(d.places.x), y: Float64Array.from(d.places.y), w });
  const all = pts(placeCounts);
  const n = placeCounts.reduce((a, b) => a + b, 0);
  // Grid over the study area's outline.
  const { grid, cellSize } = studyGrid(d, o.cellSize);
  const cellsInside = grid.inside.reduce((a, b) => a + b, 0);
  timings.grid = now() - t0;
  const counts = countInCells(grid, all);
  const t1 = now();
  const bandwidth = o.bandwidth ?? (n > 1 ? defaultBandwidth(all) : cellSize * 3);
  const kde = quarticKde(grid, all, bandwidth);
  timings.kde = now() - t1;
  const t2 = now();
  const z = giStarGrid(grid, counts);
  const p = pValues(z, o.adjust);
  const classes = hotColdClasses(z, p);
  timings.gistar = now() - t2;
  const hot = [3, 2, 1, -1, -2, -3].map((cls) => ({
    cls,
    cells: classes.reduce((a, c, k) => a + (c === cls && grid.inside[k] ? 1 : 0), 0),
  }));

  // Streets and places: every record under its own location label; a street is a named street across the area.
  const { streets, notStreets, streetRecords, notStreetRecords } = labelCounts(d, placeCounts);
  const streetLabels = d.labels.kind.filter((k) => k === 'street').length;
  const streetConcentration = concentration(
    streets.map((x) => x.n),
    streetLabels,
    200,
    notStreetRecords,
  );
  const insideCounts: number[] = [];
  for (let k = 0; k < counts.length; k++) if (grid.inside[k]) insideCounts.push(counts[k]!);
  const cellConcentration = concentration(insideCounts, cellsInside);
  const coldSpots = coldSpotCheckGrid(grid, counts, z);
  const sfhotspot = sfhotspotDefaults(all);
  const segments = d.network ? segmentCounts(d, placeCounts, o.segmentMeasure) : null;

  // Space-time classes over the selected months.
  const t3 = now();
  const months = d.months.slice(o.from, o.to + 1);
  let spaceTime: Analysis['spaceTime'] = null;
  const per = periodMonths(months);
  const periodOf = periodOfMonth(months.length, per.months);
  const nPeriods = periodOf.at(-1)! + 1;
  if (nPeriods >= 2) {
    const periodCounts = Array.from({ length: nPeriods }, () => new Float64Array(P));
    for (let m = o.from; m <= o.to; m++) {
      const pc = periodCounts[periodOf[m - o.from]!]!;
      const mm = monthly[m]!;
      for (let k = 0; k < P; k++) pc[k]! += mm[k]!;
    }
    const st = classifySpaceTime(
      grid,
      periodCounts.map((w) => countInCells(grid, pts(w))),
      { ...SPACE_TIME_DEFAULTS, adjust: o.adjust },
    );
    const tally: Record<string, number> = {};
    st.classes.forEach((c) => c && (tally[c] = (tally[c] ?? 0) + 1));
    const periods = Array.from({ length: nPeriods }, (_, i) => {
      const idx = [...periodOf].map((p, j) => (p === i ? j : -1)).filter((j) => j >= 0);
      return { from: months[idx[0]!]!, to: months[idx.at(-1)!]! };
    });
    spaceTime = {
      classes: st.classes,
      periods,
      periodMonths: per.months,
      rule: per.rule,
      recentPeriods: st.recentPeriods,
      counts: tally,
      lowestZ: st.lowestZ,
    };
  }
  timings.spaceTime = now() - t3;

  const paiResult = paiOn(d, o, grid, monthly);
  timings.total = now() - t0;
  return {
    options: o,
    n,
    months: [d.months[o.from]!, d.months[o.to]!],
    grid,
    cellSize,
    cellSizeDefault: o.cellSize === null,
    bandwidth,
    bandwidthDefault: o.bandwidth === null,
    cellsInside,
    counts,
    kde,
    z,
    classes,
    hot,
    placeCounts,
    streets,
    notStreets,
    streetRecords,
    notStreetRecords,
    streetConcentration,
    cellConcentration,
    coldSpots,
    sfhotspot,
    segments,
    spaceTime,
    pai: paiResult,
    timings,
  };
}

/**
 * The grid over the study area's outline: the given cell size, or sfhotspot's rule on
 * the outline's bounding box. A cell is in the study area when its centre is inside
 * the boundary, or when it holds one of the data set's places (an edge cell whose
 * centre is just outside), so that every record is counted in a cell.
 */
export function studyGrid(d: HotspotDataset, size: number | null): { grid: Grid; cellSize: number; bbox: BBox } {
  const ox: number[] = [];
  const oy: number[] = [];
  for (const r of d.outline) {
    for (const [x, y] of r) {
      ox.push(x);
      oy.push(y);
    }
  }
  const bbox: BBox = bboxOf(ox, oy);
  const cellSize = size ?? defaultCellSize(bbox);
  const cells = Math.ceil((bbox[2] - bbox[0]) / cellSize) * Math.ceil((bbox[3] - bbox[1]) / cellSize);
  if (cells > MAX_CELLS) {
    const smallest = Math.ceil(Math.sqrt(((bbox[2] - bbox[0]) * (bbox[3] - bbox[1])) / MAX_CELLS));
    throw new RangeError(
      `a ${cellSize} m grid over ${d.area.name} would have ${cells.toLocaleString('en-GB')} cells; the page computes grids of up to ${MAX_CELLS.toLocaleString('en-GB')} cells, so choose cells of at least ${smallest} m`,
    );
  }
  const grid = makeGrid(bbox, cellSize, (x, y) => outlineContains(d.outline, x, y));
  for (let k = 0; k < d.places.x.length; k++) {
    const i = Math.floor((d.places.x[k]! - grid.x0) / grid.size);
    const j = Math.floor((d.places.y[k]! - grid.y0) / grid.size);
    if (i >= 0 && j >= 0 && i < grid.nx && j < grid.ny) grid.inside[j * grid.nx + i] = 1;
  }
  return { grid, cellSize, bbox };
}

/** Place counts per selected month (types and months of the options); other months stay empty. */
function monthlyCounts(d: HotspotDataset, o: AnalysisOptions): Float64Array[] {
  const typeSet = new Uint8Array(d.types.length);
  for (const t of o.types) typeSet[t] = 1;
  const P = d.places.x.length;
  const monthly: Float64Array[] = d.months.map(() => new Float64Array(P));
  eachEvent(d, (m, t, p, n) => {
    if (typeSet[t] && m >= o.from && m <= o.to) monthly[m]![p]! += n;
  });
  return monthly;
}

/**
 * PAI: the last 12 months are the test period, the 12 before them the training
 * period (or the two halves of a shorter selection).
 */
function paiOn(d: HotspotDataset, o: AnalysisOptions, grid: Grid, monthly: Float64Array[]): Analysis['pai'] {
  const span = o.to - o.from + 1;
  if (span < 2) return null;
  const P = d.places.x.length;
  const len = span >= 24 ? 12 : Math.floor(span / 2);
  const test: [number, number] = [o.to - len + 1, o.to];
  const train: [number, number] = [test[0] - len, test[0] - 1];
  const sum = ([a, b]: [number, number]) => {
    const w = new Float64Array(P);
    for (let m = a; m <= b; m++) for (let k = 0; k < P; k++) w[k]! += monthly[m]![k]!;
    return countInCells(grid, { x: Float64Array.from(d.places.x), y: Float64Array.from(d.places.y), w });
  };
  return {
    ...pai(grid, sum(train), sum(test), o.paiShare),
    train: [d.months[train[0]]!, d.months[train[1]]!],
    test: [d.months[test[0]]!, d.months[test[1]]!],
  };
}

/** The PAI of the view on a grid of another cell size. */
export function paiAt(d: HotspotDataset, o: AnalysisOptions, cellSize: number): Analysis['pai'] {
  return paiOn(d, o, studyGrid(d, cellSize).grid, monthlyCounts(d, o));
}

/** Records by location label, streets and the rest apart, each with its parts. */
export function labelCounts(
  d: HotspotDataset,
  placeCounts: ArrayLike<number>,
): { streets: LabelCount[]; notStreets: LabelCount[]; streetRecords: number; notStreetRecords: number } {
  const byLabel = new Map<number, { n: number; points: Set<string>; parts: Map<number, number> }>();
  for (let k = 0; k < placeCounts.length; k++) {
    const n = placeCounts[k]!;
    if (!n) continue;
    const l = d.places.label[k]!;
    const e = byLabel.get(l) ?? { n: 0, points: new Set<string>(), parts: new Map<number, number>() };
    e.n += n;
    e.points.add(`${d.places.x[k]},${d.places.y[k]}`);
    const part = d.places.part[k]!;
    e.parts.set(part, (e.parts.get(part) ?? 0) + n);
    byLabel.set(l, e);
  }
  const all: LabelCount[] = [...byLabel].map(([label, e]) => ({
    label,
    name: d.labels.name[label]!,
    kind: d.labels.kind[label]!,
    n: e.n,
    points: e.points.size,
    parts: [...e.parts]
      .map(([part, n]) => ({ part, code: d.parts.code[part]!, name: d.parts.name[part]!, n }))
      .sort((a, b) => b.n - a.n || a.part - b.part),
  }));
  all.sort((a, b) => b.n - a.n || a.label - b.label);
  const streets = all.filter((x) => x.kind === 'street');
  const notStreets = all.filter((x) => x.kind !== 'street');
  return {
    streets,
    notStreets,
    streetRecords: streets.reduce((a, x) => a + x.n, 0),
    notStreetRecords: notStreets.reduce((a, x) => a + x.n, 0),
  };
}

/** sfhotspot's own defaults for these points: cell size from the points' bounding box, bandwidth from x alone. */
export function sfhotspotDefaults(pts: Points): SfhotspotDefaults {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < pts.x.length; i++) {
    for (let r = 0; r < pts.w[i]!; r++) {
      xs.push(pts.x[i]!);
      ys.push(pts.y[i]!);
    }
  }
  if (xs.length < 2) return { cellSize: NaN, bandwidth: NaN, bandwidthY: NaN };
  return { cellSize: defaultCellSize(bboxOf(xs, ys)), bandwidth: bandwidthNrd(xs), bandwidthY: bandwidthNrd(ys) };
}

/**
 * Records per street segment (Hot Blocking): each place's records go to its snapped
 * segment; unsnapped places are counted apart. The concentration is over every
 * segment of the network, those with no record included (Weisburd's law of crime
 * concentration at street segments): the share of segments holding 25% and 50%.
 */
export function segmentCounts(
  d: HotspotDataset,
  placeCounts: ArrayLike<number>,
  measure: 'count' | 'per100m',
): NonNullable<Analysis['segments']> {
  const net = d.network!;
  const S = net.segments.id.length;
  const n = new Float64Array(S);
  // Several places (label × part) can share a map point: the points are counted by position.
  const points = new Map<number, Set<string>>();
  let snapped = 0;
  let unsnapped = 0;
  for (let k = 0; k < placeCounts.length; k++) {
    const c = placeCounts[k]!;
    if (!c) continue;
    const s = net.snap.segment[k]!;
    if (s < 0) unsnapped += c;
    else {
      n[s]! += c;
      snapped += c;
      let at = points.get(s);
      if (!at) points.set(s, (at = new Set()));
      at.add(`${d.places.x[k]},${d.places.y[k]}`);
    }
  }
  const counts: SegmentCount[] = Array.from({ length: S }, (_, s) => ({
    segment: s,
    n: n[s]!,
    points: points.get(s)?.size ?? 0,
    per100m: net.segments.length[s]! >= MIN_RATE_LENGTH ? (n[s]! / net.segments.length[s]!) * 100 : null,
  }));
  const key = (c: SegmentCount) => (measure === 'count' ? c.n : (c.per100m ?? -1));
  const ranked = counts
    .filter((c) => c.n > 0 && key(c) >= 0)
    .sort((a, b) => key(b) - key(a) || b.n - a.n || a.segment - b.segment);
  const conc = concentration(Array.from(n), S);
  const shareHolding = (q: number) => {
    const sorted = Array.from(n).sort((a, b) => b - a);
    let acc = 0;
    for (let i = 0; i < sorted.length; i++) {
      acc += sorted[i]!;
      if (acc >= q * snapped) return (i + 1) / S;
    }
    return 1;
  };
  return {
    counts,
    ranked,
    snappedRecords: snapped,
    unsnappedRecords: unsnapped,
    concentration: conc,
    quarterIn: snapped ? shareHolding(0.25) : NaN,
    halfIn: snapped ? shareHolding(0.5) : NaN,
    measure,
  };
}

/** Grid stability for an analysis (Gi* on grids shifted by ¼ and ½ cell), and the PAI at half, the same and twice the cell size. */
export function stabilityOf(
  d: HotspotDataset,
  a: Analysis,
): { stability: StabilityResult; pai: { cellSize: number; result: PaiResult | null }[]; ms: number } {
  const t0 = now();
  const pts: Points = { x: Float64Array.from(d.places.x), y: Float64Array.from(d.places.y), w: a.placeCounts };
  const inside = (x: number, y: number) => outlineContains(d.outline, x, y);
  const stability = gridStability(a.grid, inside, pts, a.options.adjust);
  const pai = [0.5, 1, 2].map((f) => ({
    cellSize: a.cellSize * f,
    result: f === 1 ? (a.pai ? { ...a.pai } : null) : paiAt(d, a.options, a.cellSize * f),
  }));
  return { stability, pai, ms: now() - t0 };
}

/** An analysis, with its grid stability and the PAI at three cell sizes, and how long it took (for the benchmark). */
export interface HotspotResult {
  analysis: Analysis;
  stab: ReturnType<typeof stabilityOf>;
  ms: number;
}
