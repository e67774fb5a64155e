/**
 * Small statistics the hotspot methods need: the normal-reference bandwidth, normal tail probabilities, the
 * Benjamini–Hochberg adjustment and the Mann–Kendall trend test.
 */
import { quantileSorted } from '../stats.ts';

export { quantileSorted };

/** Sample standard deviation (n − 1). */
export function sd(v: ArrayLike<number>): number {
  const n = v.length;
  if (n < 2) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i]! - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/**
 * The normal-reference rule of thumb (as MASS::bandwidth.nrd):
 * h = 4 × 1.06 × min(sd, IQR / 1.34) × n^(−1/5).
 */
export function bandwidthNrd(v: ArrayLike<number>): number {
  const sorted = Float64Array.from(v).sort();
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  return 4 * 1.06 * Math.min(sd(v), iqr / 1.34) * Math.pow(v.length, -1 / 5);
}

/**
 * Complementary error function with fractional error below 1.2e-7 everywhere
 * (Chebyshev fit, Numerical Recipes' erfcc), so tail p-values keep their precision.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z-score. */
export function pTwoSided(z: number): number {
  return Number.isFinite(z) ? Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) : NaN;
}

/**
 * Benjamini–Hochberg false discovery rate adjustment (as R's p.adjust(method = "BH")):
 * p_adj(i) = min over k ≥ i of (n / k) × p_(k), capped at 1. NaN entries are left out and kept NaN.
 */
export function adjustBH(p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i]!)) idx.push(i);
  idx.sort((a, b) => p[a]! - p[b]! || a - b);
  const n = idx.length;
  let min = 1;
  for (let k = n; k >= 1; k--) {
    const i = idx[k - 1]!;
    min = Math.min(min, (n / k) * p[i]!);
    out[i] = min;
  }
  return out;
}

/**
 * Mann–Kendall trend test on a series: S, and a two-sided p-value from the normal
 * approximation with continuity correction (variance with the tie correction).
 */
export function mannKendall(v: ArrayLike<number>): { s: number; z: number; p: number } {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(v[j]! - v[i]!);
  const ties = new Map<number, number>();
  for (let i = 0; i < n; i++) ties.set(v[i]!, (ties.get(v[i]!) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
  return { s, z, p: pTwoSided(z) };
}
