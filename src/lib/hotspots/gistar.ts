/**
 * Getis–Ord Gi* (the cell or area itself included among its neighbours, binary
 * weights), two-sided p-values, optional Benjamini–Hochberg FDR adjustment, and
 * the hot/cold classes at 99, 95 and 90% confidence.
 *
 * Gi*_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n W_i − W_i²) / (n − 1))),
 * with W_i = Σ_j w_ij (binary weights, so Σ w_ij² = W_i), x̄ and S the mean and
 * (population) standard deviation of all n values (Getis and Ord 1992; Ord and Getis 1995).
 */
import type { Grid } from './grid.ts';
import { adjustBH, pTwoSided } from './stats.ts';

/** Gi* z-scores for values with neighbour lists (each list excludes the area itself; it is added here). */
export function giStar(values: ArrayLike<number>, neighbours: readonly (readonly number[])[]): Float64Array {
  const n = values.length;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i]!;
    sum2 += values[i]! ** 2;
  }
  const mean = sum / n;
  const s = Math.sqrt(sum2 / n - mean * mean);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let local = values[i]!;
    for (const j of neighbours[i]!) local += values[j]!;
    const W = neighbours[i]!.length + 1;
    const denom = s * Math.sqrt((n * W - W * W) / (n - 1));
    z[i] = denom > 0 ? (local - mean * W) / denom : NaN;
  }
  return z;
}

/**
 * Can these data show a cold spot at all? The lowest Gi* z-score any area could
 * reach, given the mean and spread of all the values (fixed by the data), is that of
 * an area whose own value and every neighbour's sit at the smallest value in the data
 * (0 on a count grid): z = W (v_min − x̄) / (S √((n W − W²) / (n − 1))), lowest for the
 * largest neighbourhood W. A cold spot at 90% confidence needs z ≤ −1.645 before any
 * adjustment for multiple comparisons (the FDR only makes the bar higher), so when
 * the lowest attainable z is above that, no area can be a cold spot, whatever the map.
 */
export interface ColdSpotCheck {
  /** the lowest z any area could reach with these values and neighbourhoods */
  lowestZ: number;
  /** the lowest z any area has */
  observedLowestZ: number;
  /** the smallest value in the data, taken by the hypothetical all-low neighbourhood */
  floor: number;
  /** the largest neighbourhood size (the area itself included) */
  maxW: number;
  /** can any area reach z ≤ −1.645 (90% two-sided), −1.960 (95%), −2.576 (99%)? */
  detectable: { 90: boolean; 95: boolean; 99: boolean };
}

export const Z_CRITICAL = { 90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004 } as const;

export function coldSpotCheck(
  values: ArrayLike<number>,
  neighbourCounts: ArrayLike<number>,
  z: ArrayLike<number>,
): ColdSpotCheck {
  const n = values.length;
  let sum = 0;
  let sum2 = 0;
  let floor = Infinity;
  for (let i = 0; i < n; i++) {
    sum += values[i]!;
    sum2 += values[i]! ** 2;
    floor = Math.min(floor, values[i]!);
  }
  const mean = sum / n;
  const s = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
  let lowestZ = Infinity;
  let maxW = 0;
  for (let i = 0; i < n; i++) {
    const W = neighbourCounts[i]! + 1;
    maxW = Math.max(maxW, W);
    const denom = s * Math.sqrt((n * W - W * W) / (n - 1));
    if (denom > 0) lowestZ = Math.min(lowestZ, (W * (floor - mean)) / denom);
  }
  let observed = Infinity;
  for (let i = 0; i < z.length; i++) if (Number.isFinite(z[i]!)) observed = Math.min(observed, z[i]!);
  if (!Number.isFinite(lowestZ)) lowestZ = NaN;
  return {
    lowestZ,
    observedLowestZ: Number.isFinite(observed) ? observed : NaN,
    floor: Number.isFinite(floor) ? floor : NaN,
    maxW,
    detectable: { 90: lowestZ <= -Z_CRITICAL[90], 95: lowestZ <= -Z_CRITICAL[95], 99: lowestZ <= -Z_CRITICAL[99] },
  };
}

/** Queen (8-cell) neighbours of each inside cell among inside cells, as index lists, and the cells' positions. */
export function gridNeighbours(g: Grid): { idx: number[]; nb: number[][] } {
  const idx: number[] = [];
  const pos = new Int32Array(g.nx * g.ny).fill(-1);
  for (let k = 0; k < g.inside.length; k++) if (g.inside[k]) pos[k] = idx.push(k) - 1;
  const nb: number[][] = [];
  for (const k of idx) {
    const i = k % g.nx;
    const j = (k - i) / g.nx;
    const list: number[] = [];
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        if (!di && !dj) continue;
        const ii = i + di;
        const jj = j + dj;
        if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
        const b = pos[jj * g.nx + ii]!;
        if (b >= 0) list.push(b);
      }
    }
    nb.push(list);
  }
  return { idx, nb };
}

/** The cold-spot check of a grid's Gi*: counts per cell, neighbours as giStarGrid uses them. */
export function coldSpotCheckGrid(g: Grid, counts: ArrayLike<number>, z: ArrayLike<number>): ColdSpotCheck {
  const { idx, nb } = gridNeighbours(g);
  return coldSpotCheck(
    idx.map((k) => counts[k]!),
    nb.map((l) => l.length),
    idx.map((k) => z[k]!),
  );
}

/** Gi* on a grid: each cell with its 8 neighbours and itself, among cells inside the study area. NaN outside. */
export function giStarGrid(g: Grid, counts: ArrayLike<number>): Float64Array {
  const { idx, nb } = gridNeighbours(g);
  const zIn = giStar(
    Float64Array.from(idx, (k) => counts[k]!),
    nb,
  );
  const out = new Float64Array(g.nx * g.ny).fill(NaN);
  idx.forEach((k, a) => (out[k] = zIn[a]!));
  return out;
}

export type Adjust = 'fdr' | 'none';

/** p-values for z-scores (NaN stays NaN), adjusted by FDR or not. */
export function pValues(z: ArrayLike<number>, adjust: Adjust): Float64Array {
  const p = Float64Array.from(z, (v) => pTwoSided(v));
  return adjust === 'fdr' ? adjustBH(p) : p;
}

/** 3, 2, 1: hot at 99, 95, 90% confidence; −3, −2, −1 cold; 0 not significant; NaN-z cells 0. */
export function hotColdClasses(z: ArrayLike<number>, p: ArrayLike<number>): Int8Array {
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const level = p[i]! < 0.01 ? 3 : p[i]! < 0.05 ? 2 : p[i]! < 0.1 ? 1 : 0;
    out[i] = z[i]! > 0 ? level : z[i]! < 0 ? -level : 0;
  }
  return out;
}

export const CLASS_LABEL: Record<number, string> = {
  3: 'Hot spot, 99% confidence',
  2: 'Hot spot, 95% confidence',
  1: 'Hot spot, 90% confidence',
  0: 'Not significant',
  [-1]: 'Cold spot, 90% confidence',
  [-2]: 'Cold spot, 95% confidence',
  [-3]: 'Cold spot, 99% confidence',
};
