/**
 * Class breaks for choropleths, computed at build time. Each function returns the
 * n − 1 inner breaks for n classes; a value v falls in class i when
 * breaks[i − 1] < v ≤ breaks[i].
 */
import { ckmeans } from 'simple-statistics';
import { quantileSorted } from './stats.ts';

export type BreakMethod = 'ckmeans' | 'quantile' | 'equal';
export const BREAK_METHODS: BreakMethod[] = ['ckmeans', 'quantile', 'equal'];
export const CLASS_COUNTS = [5, 6, 7] as const;

/** Natural breaks by Ckmeans.1d.dp (optimal 1-D k-means, the successor of Jenks): each break is a cluster's maximum. */
export function ckmeansBreaks(values: number[], n: number): number[] {
  const uniq = new Set(values).size;
  const k = Math.min(n, uniq);
  if (k < 2) return [];
  const clusters = ckmeans(values, k);
  return clusters.slice(0, -1).map((c) => c[c.length - 1]!);
}

/** Quantiles (type 7, as R and d3): equal numbers of areas per class. */
export function quantileBreaks(values: number[], n: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  return Array.from({ length: n - 1 }, (_, i) => quantileSorted(s, (i + 1) / n));
}

/** Equal intervals between the minimum and the maximum. */
export function equalBreaks(values: number[], n: number): number[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return Array.from({ length: n - 1 }, (_, i) => min + ((max - min) * (i + 1)) / n);
}

export function breaksFor(method: BreakMethod, values: number[], n: number): number[] {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return [];
  return method === 'ckmeans' ? ckmeansBreaks(v, n) : method === 'quantile' ? quantileBreaks(v, n) : equalBreaks(v, n);
}

/** Class index of a value for the given inner breaks. */
export function classOf(v: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && v > breaks[i]!) i++;
  return i;
}
