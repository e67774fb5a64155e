/**
 * Most similar areas, as the Home Office most-similar groups and CIPFA nearest
 * neighbours find them: indicators standardised (z-scores), strongly correlated ones
 * reduced, Euclidean distance, the k closest areas. And k-means groups for maps, with a
 * fixed seed, many restarts and k chosen by the mean silhouette. Pure and deterministic:
 * the same inputs give the same neighbours and groups.
 *
 * Written here rather than taken from a library: the steps are few and each must be
 * stated exactly on the methods page (the standardisation, the reduction rule, the seed,
 * the restarts and the tie-breaks), which a general-purpose package does not promise.
 */

export interface SimilarInput {
  codes: string[];
  /** variable ids, in priority order (the reduction keeps the earlier of a correlated pair) */
  variables: string[];
  /** values[i][j]: area i, variable j (areas with a missing value are left out before this) */
  values: number[][];
}

export interface Standardised {
  codes: string[];
  variables: string[];
  /** variables dropped by the reduction, each with the kept variable it follows and their correlation */
  dropped: { id: string; with: string; r: number }[];
  means: number[];
  sds: number[];
  z: number[][];
}

import { seeded } from './random.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Population standard deviation (divisor n). */
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};
export function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Drops each variable whose correlation (|r|) with a variable kept before it is at least
 * `maxR`, then turns every kept variable into z-scores (mean 0, population SD 1), so each
 * counts equally in the distance. A variable with no spread is dropped too.
 */
export function standardise(input: SimilarInput, maxR = 0.85): Standardised {
  const cols = input.variables.map((_, j) => input.values.map((row) => row[j]!));
  const kept: number[] = [];
  const dropped: Standardised['dropped'] = [];
  input.variables.forEach((id, j) => {
    if (sd(cols[j]!) === 0) return void dropped.push({ id, with: '(no spread)', r: 0 });
    for (const k of kept) {
      const r = correlation(cols[j]!, cols[k]!);
      if (Math.abs(r) >= maxR) return void dropped.push({ id, with: input.variables[k]!, r });
    }
    kept.push(j);
  });
  const means = kept.map((j) => mean(cols[j]!));
  const sds = kept.map((j) => sd(cols[j]!));
  return {
    codes: input.codes,
    variables: kept.map((j) => input.variables[j]!),
    dropped,
    means,
    sds,
    z: input.values.map((row) => kept.map((j, k) => (row[j]! - means[k]!) / sds[k]!)),
  };
}

const dist2 = (a: number[], b: number[]) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
};

/** Each area's k nearest others by Euclidean distance on the z-scores; ties (within 1e-9, rounding) by code. */
export function nearestNeighbours(s: Standardised, k: number): Map<string, { code: string; distance: number }[]> {
  const out = new Map<string, { code: string; distance: number }[]>();
  s.codes.forEach((code, i) => {
    const d = s.codes
      .map((c, j) => ({ code: c, distance: Math.sqrt(dist2(s.z[i]!, s.z[j]!)) }))
      .filter((x) => x.code !== code)
      .sort((a, b) => (Math.abs(a.distance - b.distance) > 1e-9 ? a.distance - b.distance : a.code < b.code ? -1 : 1));
    out.set(code, d.slice(0, k));
  });
  return out;
}

export interface KMeansResult {
  k: number;
  /** group of each area, numbered by size (0 the largest; ties by the group's first area in input order) */
  groups: number[];
  centres: number[][];
  /** within-group sum of squares */
  inertia: number;
}

/** One k-means run (Lloyd's algorithm) from a k-means++ start. */
function lloyd(z: number[][], k: number, rand: () => number): KMeansResult {
  const n = z.length;
  const centres: number[][] = [z[Math.floor(rand() * n)]!.slice()];
  while (centres.length < k) {
    const d = z.map((p) => Math.min(...centres.map((c) => dist2(p, c))));
    const total = d.reduce((a, b) => a + b, 0);
    let r = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(z[pick]!.slice());
  }
  let groups = new Array<number>(n).fill(-1);
  for (let iter = 0; iter < 300; iter++) {
    const next = z.map((p) => {
      let best = 0;
      let bd = Infinity;
      centres.forEach((c, g) => {
        const dd = dist2(p, c);
        if (dd < bd) [best, bd] = [g, dd];
      });
      return best;
    });
    const same = next.every((g, i) => g === groups[i]);
    groups = next;
    centres.forEach((c, g) => {
      const members = z.filter((_, i) => groups[i] === g);
      if (members.length) c.forEach((_, j) => (c[j] = mean(members.map((m) => m[j]!))));
    });
    if (same) break;
  }
  const inertia = z.reduce((a, p, i) => a + dist2(p, centres[groups[i]!]!), 0);
  return { k, groups, centres, inertia };
}

/** Renumbers groups by size, largest first (ties: the group of the area earlier in the input), so numbering does not depend on the start. */
function renumber(r: KMeansResult): KMeansResult {
  const sizes = r.centres.map((_, g) => ({ g, n: r.groups.filter((x) => x === g).length, first: r.groups.indexOf(g) }));
  const order = sizes.filter((s) => s.n > 0).sort((a, b) => b.n - a.n || a.first - b.first);
  const map = new Map(order.map((s, i) => [s.g, i]));
  return {
    ...r,
    k: order.length,
    groups: r.groups.map((g) => map.get(g)!),
    centres: order.map((s) => r.centres[s.g]!),
  };
}

/** The best of `restarts` k-means runs (lowest inertia), from a fixed seed (the same for every k). */
export function kMeans(z: number[][], k: number, restarts = 50, seed = 2024): KMeansResult {
  const rand = seeded(seed);
  let best: KMeansResult | null = null;
  for (let i = 0; i < restarts; i++) {
    const r = lloyd(z, k, rand);
    if (!best || r.inertia < best.inertia - 1e-9) best = r;
  }
  return renumber(best!);
}

/** Mean silhouette width: for each area, (b − a) / max(a, b), a the mean distance within its group, b to the nearest other group. */
export function silhouette(z: number[][], groups: number[]): number {
  const k = Math.max(...groups) + 1;
  const s = z.map((p, i) => {
    const byGroup = Array.from({ length: k }, () => ({ sum: 0, n: 0 }));
    z.forEach((q, j) => {
      if (i === j) return;
      const g = byGroup[groups[j]!]!;
      g.sum += Math.sqrt(dist2(p, q));
      g.n++;
    });
    const own = byGroup[groups[i]!]!;
    if (own.n === 0) return 0; // a group of one scores 0, as in Rousseeuw (1987)
    const a = own.sum / own.n;
    const b = Math.min(...byGroup.map((g, gi) => (gi === groups[i] || g.n === 0 ? Infinity : g.sum / g.n)));
    return (b - a) / Math.max(a, b);
  });
  return mean(s);
}

export interface Grouping extends KMeansResult {
  silhouette: number;
  /** mean silhouette for every k tried */
  tried: { k: number; silhouette: number }[];
}

/** k-means for each k in [kMin, kMax]; the k with the highest mean silhouette (ties: the smaller k). */
export function chooseGroups(z: number[][], kMin = 3, kMax = 8, restarts = 50, seed = 2024): Grouping {
  const tried = [];
  let best: Grouping | null = null;
  for (let k = kMin; k <= Math.min(kMax, z.length - 1); k++) {
    const r = kMeans(z, k, restarts, seed);
    const sil = silhouette(z, r.groups);
    tried.push({ k, silhouette: sil });
    if (!best || sil > best.silhouette + 1e-12) best = { ...r, silhouette: sil, tried: [] };
  }
  return { ...best!, tried };
}

/**
 * A group's name by rule, not by hand: its two variables furthest from the areas' average
 * (largest |centre z-score|, z-scores centred on the unweighted mean of the areas), each "higher" or "lower", e.g. "Higher social renting, lower
 * degree-level qualifications". `labels` gives each variable's short name.
 */
export function groupName(centre: number[], variables: string[], labels: Record<string, string>): string {
  const top = centre
    .map((v, j) => ({ v, id: variables[j]! }))
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || (a.id < b.id ? -1 : 1))
    .slice(0, 2);
  const words = top.map(
    (t, i) => `${i === 0 ? (t.v > 0 ? 'Higher' : 'Lower') : t.v > 0 ? 'higher' : 'lower'} ${labels[t.id] ?? t.id}`,
  );
  return words.join(', ');
}
