/**
 * A street-level data set (data/derived/hotspots_<id>.json) and one analysis of
 * it: the user's crime types, months, cell size, bandwidth and p-value adjustment
 * in; grid counts, KDE, Gi*, hot streets, concentration, space-time classes and
 * PAI out. Pure and synchronous: run at build time for the default view and in a
 * Web Worker for every other.
 */
import { polygonContains } from 'd3';
import { concentration, type Concentration } from './concentration.ts';
import { giStarGrid, hotColdClasses, pValues, type Adjust } from './gistar.ts';
import { bboxOf, countInCells, defaultCellSize, makeGrid, type BBox, type Grid, type Points } from './grid.ts';
import { defaultBandwidth, quarticKde } from './kde.ts';
import { pai, type PaiResult } from './pai.ts';
import { classifySpaceTime, periodMonths, periodOfMonth, SPACE_TIME_DEFAULTS, type SpaceTimeClass } from './spacetime.ts';

export interface HotspotDataset {
  id: string;
  title: string;
  force: string;
  source: string;
  placeKind: string;
  area: { code: string; name: string };
  centre: [number, number];
  months: string[];
  types: string[];
  isCrime: boolean[];
  outline: [number, number][][];
  places: { x: number[]; y: number[]; street: number[] };
  streets: { name: string[]; lsoa: string[] };
  events: { offsets: number[]; placeDelta: number[]; n: number[] };
  used: number;
  excluded: Record<string, Record<string, number>>;
  coverage: { monthsBelow80PercentOfMedian: { month: string; records: number; shareOfMedian: number }[]; medianMonthlyRecords: number } | null;
}

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
}

export function defaultOptions(d: HotspotDataset): AnalysisOptions {
  return {
    types: d.types.map((_, i) => i).filter((i) => d.isCrime[i]),
    from: 0,
    to: d.months.length - 1,
    cellSize: null,
    bandwidth: null,
    adjust: 'fdr',
    paiShare: 0.05,
  };
}

/** Calls fn(month, type, place, n) for every stored count. */
export function eachEvent(d: HotspotDataset, fn: (month: number, type: number, place: number, n: number) => void): void {
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

export interface StreetCount {
  street: number;
  name: string;
  lsoa: string;
  n: number;
  /** places (snap points) of the street with at least one crime */
  places: number;
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
  streets: StreetCount[];
  streetConcentration: Concentration;
  cellConcentration: Concentration;
  spaceTime: { classes: (SpaceTimeClass | null)[]; periods: { from: string; to: string }[]; periodMonths: number; rule: string; recentPeriods: number; counts: Record<string, number> } | null;
  pai: (PaiResult & { train: [string, string]; test: [string, string] }) | null;
  timings: Record<string, number>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function analyse(d: HotspotDataset, o: AnalysisOptions): Analysis {
  const t0 = now();
  const timings: Record<string, number> = {};
  const typeSet = new Uint8Array(d.types.length);
  for (const t of o.types) typeSet[t] = 1;
  const P = d.places.x.length;
  const placeCounts = new Float64Array(P);
  const monthly: Float64Array[] = d.months.map(() => new Float64Array(P));
  eachEvent(d, (m, t, p, n) => {
    if (!typeSet[t] || m < o.from || m > o.to) return;
    placeCounts[p]! += n;
    monthly[m]![p]! += n;
  });
  const pts = (w: Float64Array): Points => ({ x: Float64Array.from(d.places.x), y: Float64Array.from(d.places.y), w });
  const all = pts(placeCounts);
  const n = placeCounts.reduce((a, b) => a + b, 0);
  // Grid over the study area's outline.
  const ox: number[] = [];
  const oy: number[] = [];
  for (const r of d.outline) for (const [x, y] of r) ox.push(x), oy.push(y);
  const bbox: BBox = bboxOf(ox, oy);
  const cellSize = o.cellSize ?? defaultCellSize(bbox);
  const grid = makeGrid(bbox, cellSize, (x, y) => outlineContains(d.outline, x, y));
  // Edge cells whose centre is just outside the boundary but that hold a map point of the area are in too,
  // so that every record is counted in a cell.
  for (let k = 0; k < P; k++) {
    const i = Math.floor((d.places.x[k]! - grid.x0) / grid.size);
    const j = Math.floor((d.places.y[k]! - grid.y0) / grid.size);
    if (i >= 0 && j >= 0 && i < grid.nx && j < grid.ny) grid.inside[j * grid.nx + i] = 1;
  }
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
  const hot = [3, 2, 1, -1, -2, -3].map((cls) => ({ cls, cells: classes.reduce((a, c, k) => a + (c === cls && grid.inside[k] ? 1 : 0), 0) }));

  // Hot streets: places grouped by their street.
  const byStreet = new Map<number, StreetCount>();
  for (let k = 0; k < P; k++) {
    if (!placeCounts[k]) continue;
    const s = d.places.street[k]!;
    const e = byStreet.get(s) ?? { street: s, name: d.streets.name[s]!, lsoa: d.streets.lsoa[s]!, n: 0, places: 0 };
    e.n += placeCounts[k]!;
    e.places++;
    byStreet.set(s, e);
  }
  const streets = [...byStreet.values()].sort((a, b) => b.n - a.n || a.street - b.street);
  const streetConcentration = concentration(streets.map((s) => s.n), d.streets.name.length);
  const insideCounts: number[] = [];
  for (let k = 0; k < counts.length; k++) if (grid.inside[k]) insideCounts.push(counts[k]!);
  const cellConcentration = concentration(insideCounts, cellsInside);

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
    const st = classifySpaceTime(grid, periodCounts.map((w) => countInCells(grid, pts(w))), { ...SPACE_TIME_DEFAULTS, adjust: o.adjust });
    const tally: Record<string, number> = {};
    st.classes.forEach((c) => c && (tally[c] = (tally[c] ?? 0) + 1));
    const periods = Array.from({ length: nPeriods }, (_, i) => {
      const idx = [...periodOf].map((p, j) => (p === i ? j : -1)).filter((j) => j >= 0);
      return { from: months[idx[0]!]!, to: months[idx.at(-1)!]! };
    });
    spaceTime = { classes: st.classes, periods, periodMonths: per.months, rule: per.rule, recentPeriods: st.recentPeriods, counts: tally };
  }
  timings.spaceTime = now() - t3;

  // PAI: the last 12 months are the test period, the 12 before them the training period
  // (or the two halves of a shorter selection).
  let paiResult: Analysis['pai'] = null;
  const span = o.to - o.from + 1;
  if (span >= 2) {
    const len = span >= 24 ? 12 : Math.floor(span / 2);
    const test: [number, number] = [o.to - len + 1, o.to];
    const train: [number, number] = [test[0] - len, test[0] - 1];
    const sum = ([a, b]: [number, number]) => {
      const w = new Float64Array(P);
      for (let m = a; m <= b; m++) for (let k = 0; k < P; k++) w[k]! += monthly[m]![k]!;
      return countInCells(grid, pts(w));
    };
    paiResult = { ...pai(grid, sum(train), sum(test), o.paiShare), train: [d.months[train[0]]!, d.months[train[1]]!], test: [d.months[test[0]]!, d.months[test[1]]!] };
  }
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
    streetConcentration,
    cellConcentration,
    spaceTime,
    pai: paiResult,
    timings,
  };
}
