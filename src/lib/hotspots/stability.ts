/**
 * How much does a hot-spot map depend on where the grid happens to fall? The same
 * points are counted on the grid shifted by a quarter and a half cell in x and in y
 * (nine grids, the unshifted one included), Gi* is recomputed on each with the same
 * rules, and the hot area is compared on a raster of quarter-cell pixels, which every
 * shifted grid covers exactly (each pixel lies wholly in one cell of each grid).
 *
 * No common hot-spot tool reports this. What it cannot tell: whether a hot spot is
 * real (stable hot spots can still come from where data.police.uk put its snap
 * points), or how the map depends on the cell size (see the PAI at three sizes).
 */
import { giStarGrid, hotColdClasses, pValues, type Adjust } from './gistar.ts';
import { countInCells, type Grid, type Points } from './grid.ts';

/** Offsets as fractions of a cell, in x and in y. */
export const SHIFTS = [0, 0.25, 0.5] as const;

export interface ShiftResult {
  dx: number;
  dy: number;
  /** hot cells at the chosen confidence */
  hotCells: number;
}

export interface StabilityResult {
  /** the confidence a cell must reach to count as hot: 2 = 95% */
  minClass: number;
  shifts: ShiftResult[];
  /** quarter-cell pixels: how many of the nine grids call each pixel hot */
  raster: { x0: number; y0: number; size: number; nx: number; ny: number; hotIn: Uint8Array };
  /** square metres: hot on the unshifted grid, hot on every grid, hot on any */
  baseHotArea: number;
  stableArea: number;
  anyHotArea: number;
  /** stableArea ÷ baseHotArea (NaN with no hot area) */
  stableShare: number;
}

/**
 * `base` is the analysis grid; `inside(x, y)` the study area's test for a cell
 * centre; `pts` the data set's places with this view's counts. A shifted grid gets
 * one extra row and column so it still covers the area; its cells are in the study
 * area by the same rule as the base grid's (centre inside, or holding a place).
 */
export function gridStability(
  base: Grid,
  inside: (x: number, y: number) => boolean,
  pts: Points,
  adjust: Adjust,
  minClass = 2,
): StabilityResult {
  const s = base.size;
  const px = s / 4;
  // The raster spans the base grid plus one cell on the low sides (where shifted grids start).
  const rx0 = base.x0 - s;
  const ry0 = base.y0 - s;
  const rnx = (base.nx + 1) * 4;
  const rny = (base.ny + 1) * 4;
  const hotIn = new Uint8Array(rnx * rny);
  const shifts: ShiftResult[] = [];
  let baseHot = 0;
  for (const fy of SHIFTS) {
    for (const fx of SHIFTS) {
      const g = shiftedGrid(base, fx, fy, inside, pts);
      const counts = countInCells(g, pts);
      const z = giStarGrid(g, counts);
      const cls = hotColdClasses(z, pValues(z, adjust));
      let hot = 0;
      for (let k = 0; k < cls.length; k++) if (g.inside[k] && cls[k]! >= minClass) hot++;
      shifts.push({ dx: fx, dy: fy, hotCells: hot });
      // Mark the pixels of every hot cell: cell (i, j) covers pixels from its corner, 4 × 4 of them.
      for (let k = 0; k < cls.length; k++) {
        if (!g.inside[k] || cls[k]! < minClass) continue;
        const i = k % g.nx;
        const j = (k - i) / g.nx;
        const pi0 = Math.round((g.x0 + i * s - rx0) / px);
        const pj0 = Math.round((g.y0 + j * s - ry0) / px);
        for (let dj = 0; dj < 4; dj++) {
          const pj = pj0 + dj;
          if (pj < 0 || pj >= rny) continue;
          for (let di = 0; di < 4; di++) {
            const pi = pi0 + di;
            if (pi >= 0 && pi < rnx) hotIn[pj * rnx + pi]!++;
          }
        }
      }
      if (!fx && !fy) baseHot = hot;
    }
  }
  const pxArea = px * px;
  let stable = 0;
  let any = 0;
  for (let k = 0; k < hotIn.length; k++) {
    if (hotIn[k] === SHIFTS.length ** 2) stable++;
    if (hotIn[k]) any++;
  }
  const baseHotArea = baseHot * s * s;
  return {
    minClass,
    shifts,
    raster: { x0: rx0, y0: ry0, size: px, nx: rnx, ny: rny, hotIn },
    baseHotArea,
    stableArea: stable * pxArea,
    anyHotArea: any * pxArea,
    stableShare: baseHotArea > 0 ? (stable * pxArea) / baseHotArea : NaN,
  };
}

/** The base grid moved by (fx, fy) cells towards the origin, one cell larger each way; (0, 0) gives the base grid itself. */
export function shiftedGrid(
  base: Grid,
  fx: number,
  fy: number,
  inside: (x: number, y: number) => boolean,
  pts: Points,
): Grid {
  if (!fx && !fy) return base;
  const s = base.size;
  const nx = base.nx + 1;
  const ny = base.ny + 1;
  const x0 = base.x0 - fx * s;
  const y0 = base.y0 - fy * s;
  const mask = new Uint8Array(nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) mask[j * nx + i] = inside(x0 + (i + 0.5) * s, y0 + (j + 0.5) * s) ? 1 : 0;
  for (let k = 0; k < pts.x.length; k++) {
    const i = Math.floor((pts.x[k]! - x0) / s);
    const j = Math.floor((pts.y[k]! - y0) / s);
    if (i >= 0 && j >= 0 && i < nx && j < ny) mask[j * nx + i] = 1;
  }
  return { x0, y0, size: s, nx, ny, inside: mask };
}
