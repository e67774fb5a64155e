/** Summary statistics used across the products, from d3-array and simple-statistics. */
import { median as d3median } from 'd3-array';
import { sampleCorrelation } from 'simple-statistics';

/** The median of finite values (the middle value, or the mean of the two middle values); NaN for none. */
export function median(xs: readonly number[]): number {
  return d3median(xs) ?? NaN;
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
