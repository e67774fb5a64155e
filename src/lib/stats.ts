/** Summary statistics used across the products: median, quantiles (R's type 7) and correlation, from d3-array and simple-statistics. */
import { median as d3median, quantileSorted as d3quantileSorted } from 'd3-array';
import { sampleCorrelation } from 'simple-statistics';

/** The median of finite values (the middle value, or the mean of the two middle values); NaN for none. */
export function median(xs: readonly number[]): number {
  return d3median(xs) ?? NaN;
}

/** R's default quantile (type 7: linear interpolation between order statistics) of values sorted ascending; NaN for none. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  return d3quantileSorted(sorted as number[], p) ?? NaN;
}

/** Pearson's correlation of paired values (a pair with a null is dropped); NaN for fewer than 3 pairs. */
export function pearson(xs: readonly (number | null)[], ys: readonly (number | null)[]): { r: number; n: number } {
  const x: number[] = [];
  const y: number[] = [];
  xs.forEach((v, i) => {
    const w = ys[i];
    if (v !== null && v !== undefined && w !== null && w !== undefined) {
      x.push(v);
      y.push(w);
    }
  });
  return { r: x.length < 3 ? NaN : sampleCorrelation(x, y), n: x.length };
}
