/**
 * Predictive Accuracy Index (Chainey, Tompson and Uhlig 2008): choose the busiest
 * cells of one period and score how much of the next period's crime they capture.
 * PAI = hit rate ÷ area share; 1 means no better than chance.
 */
import type { Grid } from './grid.ts';

export interface PaiResult {
  /** share of study-area cells selected (0–1) */
  areaShare: number;
  cells: number;
  /** share of the test period's crime in the selected cells (0–1) */
  hitRate: number;
  hits: number;
  testTotal: number;
  pai: number;
}

/**
 * `train`, `test`: values per cell (counts or densities) of the two periods;
 * the top `share` of study-area cells by `train` are selected (ties by cell order).
 */
export function pai(g: Grid, train: ArrayLike<number>, test: ArrayLike<number>, share = 0.05): PaiResult {
  const cells: number[] = [];
  for (let k = 0; k < g.inside.length; k++) if (g.inside[k]) cells.push(k);
  const n = Math.max(1, Math.round(share * cells.length));
  const ranked = cells.filter((k) => train[k]! > 0).sort((a, b) => train[b]! - train[a]! || a - b);
  const chosen = ranked.slice(0, n);
  let testTotal = 0;
  for (const k of cells) testTotal += test[k]!;
  let hits = 0;
  for (const k of chosen) hits += test[k]!;
  const areaShare = chosen.length / cells.length;
  const hitRate = testTotal > 0 ? hits / testTotal : 0;
  return { areaShare, cells: chosen.length, hitRate, hits, testTotal, pai: areaShare > 0 ? hitRate / areaShare : 0 };
}
