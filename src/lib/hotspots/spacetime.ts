/**
 * Space-time classification of grid cells, after sfhotspot's hotspot_classify():
 * the data are cut into periods whose length follows the span of the data, Gi* is
 * computed for every cell in every period, and each cell is classed by how often,
 * and how recently, it was a significant hot (or cold) spot.
 *
 * Defaults as hotspot_classify_params(): hotspot_prop 0.1, persistent_prop 0.8,
 * recent_prop 0.2, critical_p 0.05. Differences, stated: p-values are adjusted
 * across the cells of each period (the page's FDR choice), not across periods;
 * "recent" is exactly the last floor(0.2 × periods) periods; and a persistent
 * hot spot whose z-scores rise significantly (Mann–Kendall, p < 0.05) and that is
 * hot in the final period is called intensifying (ArcGIS's definition; sfhotspot
 * has no such class).
 */
import { coldSpotCheckGrid, giStarGrid, pValues, type Adjust } from './gistar.ts';
import type { Grid } from './grid.ts';
import { mannKendall } from './stats.ts';

export const SPACE_TIME_CLASSES = [
  'intensifying hotspot',
  'persistent hotspot',
  'emerging hotspot',
  'former hotspot',
  'intermittent hotspot',
  'mixed hot/coldspot',
  'intermittent coldspot',
  'former coldspot',
  'emerging coldspot',
  'persistent coldspot',
  'no pattern',
] as const;
export type SpaceTimeClass = (typeof SPACE_TIME_CLASSES)[number];

export interface SpaceTimeParams {
  hotspotProp: number;
  persistentProp: number;
  recentProp: number;
  criticalP: number;
  adjust: Adjust;
}
export const SPACE_TIME_DEFAULTS: SpaceTimeParams = {
  hotspotProp: 0.1,
  persistentProp: 0.8,
  recentProp: 0.2,
  criticalP: 0.05,
  adjust: 'fdr',
};

const dayNumber = (m: string) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) / 86_400_000;

/**
 * Period length in months, by sfhotspot's rule on the span between the first and
 * last dates (here, the first days of the first and last months): up to 2 years →
 * 28-day periods (a month, the finest the monthly data allow); up to 10 years →
 * quarters; up to 20 years → years; longer → a tenth of the span.
 */
export function periodMonths(months: readonly string[]): { months: number; rule: string } {
  const span = dayNumber(months.at(-1)!) - dayNumber(months[0]!);
  if (span <= 366 * 2)
    return {
      months: 1,
      rule: `a span of ${span} days (up to 2 years): four-week periods, which monthly data can only give as months`,
    };
  if (span <= 3653) return { months: 3, rule: `a span of ${span} days (2 to 10 years): quarters` };
  if (span <= 3653 * 2) return { months: 12, rule: `a span of ${span} days (10 to 20 years): years` };
  return {
    months: Math.max(1, Math.floor(months.length / 10)),
    rule: `a span of ${span} days (over 20 years): a tenth of the span`,
  };
}

/** Month index → period index, consecutive blocks of `len` months from the first (a shorter final block is kept). */
export function periodOfMonth(nMonths: number, len: number): Int32Array {
  return Int32Array.from({ length: nMonths }, (_, i) => Math.floor(i / len));
}

export interface SpaceTimeResult {
  classes: (SpaceTimeClass | null)[];
  periods: number;
  recentPeriods: number;
  /** per period: number of significant hot cells */
  hotPerPeriod: number[];
  /** per period: the lowest Gi* z any cell could reach (above −1.645, no cold spot is possible in that period) */
  lowestZ: number[];
}

export function classifySpaceTime(
  g: Grid,
  periodCounts: readonly ArrayLike<number>[],
  params: SpaceTimeParams = SPACE_TIME_DEFAULTS,
): SpaceTimeResult {
  const T = periodCounts.length;
  const recent = Math.max(1, Math.floor(params.recentProp * T));
  if (T - recent < 1) throw new Error(`space-time classification needs at least 2 periods, got ${T}`);
  const zs = periodCounts.map((c) => giStarGrid(g, c));
  const ps = zs.map((z) => pValues(z, params.adjust));
  const hotPerPeriod = zs.map((z, t) => {
    let n = 0;
    for (let k = 0; k < z.length; k++) if (z[k]! > 0 && ps[t]![k]! < params.criticalP) n++;
    return n;
  });
  const classes = new Array<SpaceTimeClass | null>(g.inside.length).fill(null);
  for (let k = 0; k < g.inside.length; k++) {
    if (!g.inside[k]) continue;
    const hot: boolean[] = [];
    const cold: boolean[] = [];
    const zk: number[] = [];
    for (let t = 0; t < T; t++) {
      const z = zs[t]![k]!;
      const sig = ps[t]![k]! < params.criticalP;
      hot.push(sig && z > 0);
      cold.push(sig && z < 0);
      zk.push(Number.isFinite(z) ? z : 0);
    }
    const cat = (flags: boolean[], word: 'hotspot' | 'coldspot'): SpaceTimeClass | null => {
      const prop = flags.filter(Boolean).length / T;
      const recentProp = flags.slice(T - recent).filter(Boolean).length / recent;
      const olderProp = flags.slice(0, T - recent).filter(Boolean).length / (T - recent);
      if (word === 'hotspot' && prop >= 0.9 && flags[T - 1]) {
        const mk = mannKendall(zk);
        if (mk.s > 0 && mk.p < 0.05) return 'intensifying hotspot';
      }
      if (prop >= params.persistentProp) return `persistent ${word}`;
      if (olderProp < params.hotspotProp && recentProp >= params.recentProp) return `emerging ${word}`;
      if (olderProp >= params.hotspotProp && recentProp < params.hotspotProp) return `former ${word}`;
      if (prop >= params.hotspotProp) return `intermittent ${word}`;
      return null;
    };
    const h = cat(hot, 'hotspot');
    const c = cat(cold, 'coldspot');
    classes[k] = h && c ? 'mixed hot/coldspot' : (h ?? c ?? 'no pattern');
  }
  const lowestZ = periodCounts.map((c, t) => coldSpotCheckGrid(g, c, zs[t]!).lowestZ);
  return { classes, periods: T, recentPeriods: recent, hotPerPeriod, lowestZ };
}
