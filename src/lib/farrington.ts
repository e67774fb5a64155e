/**
 * Unusual monthly counts, in the manner of the improved Farrington method (Noufaily et al.
 * 2013) as R's surveillance package implements it (`farringtonFlexible`, version 1.20.3): for
 * the month tested, a quasi-Poisson GLM (log link) of the counts of the same months of the
 * previous `b` years (each with `w` months either side) and of the months between them, split
 * into `noPeriods` seasonal levels; a linear trend kept only when it is significant, at least
 * three years back are used and it does not extrapolate beyond the counts seen; past
 * exceedances down-weighted by their Anscombe residuals; and the threshold from the 2/3-power
 * transformed prediction interval (the "delta" method). Checked against R on real series
 * (scripts/r/farrington-reference.R, tests/unit/farrington.test.ts).
 *
 * Where it departs from the package, on purpose: it also gives the interval's lower limit, and
 * calls a count below it an unusual fall (the package alarms on rises only); the tail
 * probability of a fall is the lower one of the same normal approximation. A baseline of zeros
 * only is not modelled: the expected count and both limits are 0, so any count that passes the
 * minimum-count rule is a rise (the package fits it, to an expected count near 0, and alarms
 * too). A model whose down-weighted fit fails is fitted again without a trend (the package
 * tries that only when the first fit fails).
 *
 * Written by hand: no JavaScript library fits a weighted quasi-Poisson GLM with the quantities
 * this needs (hat values, the summary dispersion, the trend's t test); the distribution
 * functions are @stdlib's.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface FarringtonOptions {
  /** years back */
  b: number;
  /** months either side of each past same month */
  w: number;
  /** seasonal levels: the windows and the current month's level, and noPeriods − 1 between them */
  noPeriods: number;
  /** one-sided: a rise beyond the upper limit, a fall below the lower, each at this level */
  alpha: number;
  weightsThreshold: number;
  pThresholdTrend: number;
  /** the minimum-count rule: at least [0] crimes in the latest [1] months, or no flag */
  limit54: [number, number];
  /** months before the one tested left out of the baseline (the package's pastWeeksNotIncluded; default w) */
  pastExcluded?: number;
  /** months in a year */
  freq?: number;
  /**
   * The dispersion for the prediction's standard error and the trend test: the package's
   * ("package", the default: see fitFarrington) or the weighted model's own ("glm", as a GLM
   * would give it), for the backtest's comparison.
   */
  scale?: 'package' | 'glm';
}

/** The site's parameters (stated on the methods page). */
export const FARRINGTON: FarringtonOptions = {
  b: 5,
  w: 1,
  noPeriods: 4,
  alpha: 0.01,
  weightsThreshold: 2.58,
  pThresholdTrend: 0.05,
  limit54: [5, 4],
};

export interface FarringtonResult {
  observed: number;
  /** the model's expected count for the month */
  expected: number;
  /** the prediction interval's limits: beyond them, a month is unusual */
  lower: number;
  upper: number;
  /** overdispersion (at least 1) */
  phi: number;
  /** whether the model kept a linear trend */
  trend: boolean;
  /** P(a count at least this high), and at most this low, under the model (normal approximation on the 2/3-power scale) */
  pRise: number;
  pFall: number;
  /** enough crimes in the latest months for the month to be flagged at all */
  enough: boolean;
  flag: 'rise' | 'fall' | null;
}

/** Months a month's test needs before it: b years and w months. */
export const historyNeeded = (o: FarringtonOptions) => (o.freq ?? 12) * o.b + o.w;

/**
 * The test of month `k` (an index of `counts`, oldest first; null: not published). Null when the
 * month is unpublished, the series is too short for it, or the model cannot be fitted.
 */
export function farringtonAt(
  counts: readonly (number | null)[],
  k: number,
  o: FarringtonOptions = FARRINGTON,
): FarringtonResult | null {
  const y0 = counts[k];
  if (y0 === null || y0 === undefined || k < historyNeeded(o)) return null;
  const [minCount, months] = o.limit54;
  // The minimum-count rule: a month with one of the latest months unpublished is not flagged (the package's sum is NA).
  const window = counts.slice(k - months + 1, k + 1);
  const enough = window.every((v) => v !== null) && window.reduce<number>((a, v) => a + (v ?? 0), 0) >= minCount;
  const base = baseline(counts, k, o);
  if (base.y.every((v) => v === 0)) {
    const flag = enough && y0 > 0 ? 'rise' : null;
    return {
      observed: y0,
      expected: 0,
      lower: 0,
      upper: 0,
      phi: 1,
      trend: false,
      pRise: y0 > 0 ? 0 : 1,
      pFall: 1,
      enough,
      flag,
    };
  }
  // A model with a trend that does not converge is fitted without one, as the package does.
  let fit = fitFarrington(base, true, o) ?? fitFarrington(base, false, o);
  if (!fit) return null;
  if (fit.trendP !== null) {
    const atLeastThreeYears = o.b >= 3;
    const noExtrapolation = fit.mu0 <= Math.max(...base.y);
    if (!(atLeastThreeYears && fit.trendP < o.pThresholdTrend && noExtrapolation)) fit = fitFarrington(base, false, o);
    else fit.keptTrend = true;
  }
  if (!fit) return null;
  const { mu0, se0, phi } = fit;
  // The 2/3-power transformed interval (surveillance's algo.farrington.threshold.farrington).
  const tau = phi + (se0 * se0) / mu0;
  const se = Math.sqrt((4 / 9) * Math.cbrt(mu0) * tau);
  const z = normalQuantile(1 - o.alpha, 0, 1);
  const centre = Math.pow(mu0, 2 / 3);
  const upper = Math.pow(centre + z * se, 3 / 2);
  const low = centre - z * se;
  const lower = low > 0 ? Math.pow(low, 3 / 2) : 0;
  const pRise = 1 - normalCdf(Math.pow(y0, 2 / 3), centre, se);
  const pFall = normalCdf(Math.pow(y0, 2 / 3), centre, se);
  const flag = !enough ? null : y0 > upper && y0 !== 0 ? 'rise' : y0 < lower ? 'fall' : null;
  return { observed: y0, expected: mu0, lower, upper, phi, trend: fit.keptTrend, pRise, pFall, enough, flag };
}

interface Baseline {
  y: number[];
  time: number[];
  /** seasonal level of each month (the current month's level is noPeriods) */
  level: number[];
  k: number;
}

/** The baseline months of month k: the past windows and the blocks between them (surveillance's `blocks`). */
function baseline(counts: readonly (number | null)[], k: number, o: FarringtonOptions): Baseline {
  const freq = o.freq ?? 12;
  const p = o.noPeriods;
  const level = new Array<number>(counts.length).fill(0);
  const set = (from: number, to: number, v: number) => {
    for (let i = from; i <= to; i++) level[i] = v;
  };
  // The current window's level too, as the package sets it (left out below unless pastExcluded < w).
  set(k - o.w, k, p);
  for (let i = 1; i <= o.b; i++) {
    const ref = k - freq * i;
    set(ref - o.w, ref + o.w, p);
    if (p === 1) continue;
    const period = freq - 2 * o.w - 1;
    const length = Math.floor(period / (p - 1));
    if (length < 1) throw new Error(`farrington: ${p} seasonal levels do not fit ${period} months between windows`);
    const rest = period % (p - 1);
    let start = ref + o.w + 1;
    for (let j = 1; j < p; j++) {
      const n = length + (j <= rest ? 1 : 0);
      set(start, start + n - 1, j);
      start += n;
    }
  }
  const excluded = o.pastExcluded ?? o.w;
  const out: Baseline = { y: [], time: [], level: [], k };
  for (let i = 0; i < k - excluded; i++) {
    const v = counts[i];
    if (level[i] === 0 || v === null || v === undefined) continue;
    out.y.push(v);
    out.time.push(i);
    out.level.push(level[i]!);
  }
  return out;
}

interface Fit {
  mu0: number;
  /** standard error of the expected count (delta method, with the package's dispersion for it) */
  se0: number;
  phi: number;
  /** the trend's two-sided p value, when the model has one */
  trendP: number | null;
  keptTrend: boolean;
}

/** The model fitted (and refitted with weights from the first fit's Anscombe residuals), and its prediction for month k. */
function fitFarrington(base: Baseline, trend: boolean, o: FarringtonOptions): Fit | null {
  // Columns: intercept, trend, one dummy per seasonal level other than the current month's (the reference level).
  const levels = [...new Set(base.level)].filter((l) => l !== o.noPeriods).sort((a, b) => a - b);
  const row = (time: number, level: number) => [
    1,
    ...(trend ? [time] : []),
    ...levels.map((l) => (level === l ? 1 : 0)),
  ];
  const X = base.y.map((_, i) => row(base.time[i]!, base.level[i]!));
  const first = glmPoisson(
    X,
    base.y,
    base.y.map(() => 1),
  );
  if (!first) return null;
  const phi1 = Math.max(first.dispersion, 1);
  // Anscombe residuals of the first fit, and the weights that take past exceedances down (algo.farrington.assign.weights).
  const s = base.y.map(
    (y, i) =>
      (1.5 * (Math.pow(y, 2 / 3) * Math.pow(first.mu[i]!, -1 / 6) - Math.sqrt(first.mu[i]!))) /
      Math.sqrt(phi1 * (1 - first.hat[i]!)),
  );
  const over = (v: number) => v > o.weightsThreshold;
  const gamma = s.length / s.reduce((a, v) => a + (over(v) ? v ** -2 : 1), 0);
  const omega = s.map((v) => (over(v) ? gamma * v ** -2 : gamma));
  const fit = glmPoisson(X, base.y, omega);
  if (!fit) return null;
  const x0 = row(base.k, o.noPeriods);
  const eta0 = dot(x0, fit.beta);
  const mu0 = Math.exp(eta0);
  // As the package computes them: it stores the down-weighting weights in the model's working
  // weights before predicting, so the prediction's standard error and the trend's t test use
  // Σ ω (y − μ)² / μ² over the residual degrees of freedom as the dispersion (the model's φ,
  // taken before, is the usual one). Kept, so that the site flags what the reference flags.
  const scale =
    o.scale === 'glm'
      ? fit.dispersion
      : base.y.reduce((a, y, i) => a + omega[i]! * ((y - fit.mu[i]!) / fit.mu[i]!) ** 2, 0) / fit.df;
  const varEta = scale * quad(fit.inverse, x0);
  let trendP: number | null = null;
  if (trend) {
    const t = fit.beta[1]! / Math.sqrt(scale * fit.inverse[1]![1]!);
    trendP = 2 * tCdf(-Math.abs(t), fit.df);
  }
  return { mu0, se0: mu0 * Math.sqrt(varEta), phi: Math.max(fit.dispersion, 1), trendP, keptTrend: false };
}

interface GlmFit {
  beta: number[];
  mu: number[];
  /** (X'WX)⁻¹ at the last iteration's working weights */
  inverse: number[][];
  hat: number[];
  /** the quasi-Poisson dispersion as summary.glm gives it (Pearson χ² over the residual degrees of freedom) */
  dispersion: number;
  df: number;
}

/**
 * A Poisson GLM with log link and prior weights, by iteratively reweighted least squares as
 * R's glm.fit does it (start at y + 0.1, stop when the deviance changes by less than 1e-8 of
 * itself): the covariance, hat values and dispersion from the last iteration's weights, as
 * R reports them. Null when it does not converge in 25 iterations.
 */
export function glmPoisson(X: number[][], y: number[], prior: number[]): GlmFit | null {
  const n = y.length;
  const p = X[0]?.length ?? 0;
  if (n <= p) return null;
  let mu = y.map((v) => v + 0.1);
  let eta = mu.map(Math.log);
  const deviance = (m: number[]) =>
    2 * y.reduce((a, v, i) => a + prior[i]! * ((v > 0 ? v * Math.log(v / m[i]!) : 0) - (v - m[i]!)), 0);
  let dev = deviance(mu);
  for (let iter = 1; iter <= 25; iter++) {
    const w = mu.map((m, i) => prior[i]! * m);
    const z = eta.map((e, i) => e + (y[i]! - mu[i]!) / mu[i]!);
    const xtwx = Array.from({ length: p }, (_, a) =>
      Array.from({ length: p }, (_, b) => X.reduce((s, r, i) => s + w[i]! * r[a]! * r[b]!, 0)),
    );
    const xtwz = Array.from({ length: p }, (_, a) => X.reduce((s, r, i) => s + w[i]! * r[a]! * z[i]!, 0));
    const inverse = invert(xtwx);
    if (!inverse) return null;
    const beta = inverse.map((r) => dot(r, xtwz));
    eta = X.map((r) => dot(r, beta));
    mu = eta.map(Math.exp);
    const next = deviance(mu);
    const done = Math.abs(next - dev) / (Math.abs(next) + 0.1) < 1e-8;
    dev = next;
    if (done) {
      const hat = X.map((r, i) => w[i]! * quad(inverse, r));
      const df = n - p;
      // Working weights of the last iteration times the squared working residuals at the final fit.
      const pearson = y.reduce((a, v, i) => a + w[i]! * ((v - mu[i]!) / mu[i]!) ** 2, 0);
      return { beta, mu, inverse, hat, dispersion: pearson / df, df };
    }
  }
  return null;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const quad = (m: number[][], x: number[]) =>
  dot(
    x,
    m.map((r) => dot(r, x)),
  );

/** The inverse of a small symmetric positive-definite matrix (Gauss–Jordan with partial pivoting); null when singular. */
function invert(m: number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-12) return null;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const d = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((r) => r.slice(n));
}
