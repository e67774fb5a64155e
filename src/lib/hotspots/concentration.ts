/**
 * The law of crime concentration, measured: how much of the crime falls in the
 * busiest places. Places are streets or grid cells; the share is computed against
 * the places with at least one crime and against all places.
 */

export interface ConcentrationPoint {
  /** cumulative share of places (0–1), busiest first */
  places: number;
  /** cumulative share of crime (0–1) */
  crime: number;
}

export interface TopShare {
  /** the top fraction of places: 0.01, 0.05, 0.1 */
  top: number;
  /** how many places that is */
  places: number;
  /** share of all crime in them (0–1) */
  crime: number;
}

export interface Concentration {
  total: number;
  placesWithCrime: number;
  allPlaces: number;
  /** curve against places with crime, and against all places; each starts at (0, 0) */
  curveWithCrime: ConcentrationPoint[];
  curveAll: ConcentrationPoint[];
  topWithCrime: TopShare[];
  topAll: TopShare[];
  /** smallest share of places with crime that holds half of all crime */
  halfOfCrimeIn: number;
  /** crime counted apart from these places (for streets: records at places and stations), 0 if none */
  outside: number;
  /**
   * smallest share of places with crime that holds half of all crime, that counted apart
   * included (null if the places together hold less than half)
   */
  halfOfAllIn: number | null;
}

export const TOP_SHARES = [0.01, 0.05, 0.1] as const;

/**
 * `counts`: crime at each place (zeros allowed); `allPlaces`: the number of places
 * in the study area including those with no crime (≥ counts with crime); `outside`:
 * crime counted apart from these places, which `halfOfAllIn` adds to the total.
 * Curves are thinned to at most `maxPoints` points (the first and last kept).
 */
export function concentration(
  counts: ArrayLike<number>,
  allPlaces: number,
  maxPoints = 200,
  outside = 0,
): Concentration {
  const sorted = Array.from(counts)
    .filter((c) => c > 0)
    .sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  const k = sorted.length;
  if (allPlaces < k) throw new Error(`allPlaces (${allPlaces}) is smaller than the places with crime (${k})`);
  const cum = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) cum[i + 1] = cum[i]! + sorted[i]!;
  const share = (n: number) => (total > 0 ? cum[Math.min(n, k)]! / total : 0);
  const curve = (denominator: number): ConcentrationPoint[] => {
    const step = Math.max(1, Math.ceil(k / maxPoints));
    const pts: ConcentrationPoint[] = [];
    for (let i = 0; i <= k; i += step) pts.push({ places: i / denominator, crime: share(i) });
    if (pts.at(-1)!.places !== k / denominator) pts.push({ places: k / denominator, crime: share(k) });
    if (denominator > k) pts.push({ places: 1, crime: 1 });
    return pts;
  };
  const top = (denominator: number): TopShare[] =>
    TOP_SHARES.map((t) => {
      const n = Math.max(1, Math.ceil(t * denominator));
      return { top: t, places: n, crime: share(n) };
    });
  let half = 0;
  while (half < k && cum[half]! < total / 2) half++;
  let halfAll = 0;
  const all = total + outside;
  while (halfAll < k && cum[halfAll]! < all / 2) halfAll++;
  return {
    total,
    placesWithCrime: k,
    allPlaces,
    curveWithCrime: curve(k || 1),
    curveAll: curve(allPlaces || 1),
    topWithCrime: top(k),
    topAll: top(allPlaces),
    halfOfCrimeIn: k ? half / k : 0,
    outside,
    halfOfAllIn: k && cum[halfAll]! >= all / 2 ? halfAll / k : null,
  };
}
