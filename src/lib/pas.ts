/**
 * The Public Attitude Survey (PAS) comparator's statistics, as pure functions: borough
 * names as MOPAC publishes them cleaned to codes, Wilson intervals for proportions,
 * funnel-plot limits (binomial, and overdispersion-adjusted after Spiegelhalter 2005),
 * and the two-proportion test behind the "significantly changed?" flag.
 *
 * Every survey figure here rests on one assumption, stated wherever it is used: the
 * dashboard publishes proportions without base sizes, so each borough's value is taken
 * to come from PAS_ASSUMED_N interviews (MOPAC interviews about 12,800 Londoners a year,
 * about 400 in each borough in a rolling year).
 */
import { quantileSorted } from './stats.ts';
import { monthLong } from './format.ts';

/** Interviews assumed behind each borough's rolling-year value (the file has no base sizes). */
export const PAS_ASSUMED_N = 400;

/** The eight dashboard measures, in the dashboard's order, with the question behind each. */
export const PAS_MEASURES = [
  { id: 'good-job', label: '"Good Job" local', short: 'Police do a good job locally', from: '2014-12' },
  { id: 'trust', label: 'Trust MPS', short: 'Trust the Metropolitan Police', from: '2016-03' },
  {
    id: 'listen',
    label: 'Listen to concerns',
    short: 'Police listen to the concerns of local people',
    from: '2014-12',
  },
  { id: 'fair', label: 'Treat everyone fairly', short: 'Police treat everyone fairly', from: '2014-12' },
  {
    id: 'relied',
    label: 'Relied on to be there',
    short: 'Police can be relied on to be there when needed',
    from: '2014-12',
  },
  {
    id: 'understand',
    label: 'Understand issues',
    short: 'Police understand the issues that affect this community',
    from: '2014-12',
  },
  {
    id: 'informed',
    label: 'Informed local',
    short: 'Feel well informed about local police activities',
    from: '2014-12',
  },
  { id: 'contact', label: 'Contact ward officer', short: 'Know how to contact their ward officer', from: '2014-12' },
] as const;
export type PasMeasureId = (typeof PAS_MEASURES)[number]['id'];
export const measureByLabel = (label: string) => PAS_MEASURES.find((m) => m.label === label);
export const measureById = (id: string) => PAS_MEASURES.find((m) => m.id === id);

/** Names the PAS dashboard writes differently from the borough-code lookup (data/reference/mps_areas.csv). */
const PAS_NAME_ALIASES: Record<string, string> = { 'city of westminster': 'Westminster' };

/**
 * A borough name as the PAS dashboard writes it, to the lookup's code: case and spacing
 * do not matter ("Richmond Upon Thames" and "Richmond upon Thames" are one borough),
 * and "City of Westminster" is Westminster. Null when the name is not a borough.
 */
export function pasBoroughCode(name: string, codeByName: ReadonlyMap<string, string>): string | null {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
  const lower = new Map([...codeByName].map(([n, c]) => [n.toLowerCase(), c]));
  return lower.get(PAS_NAME_ALIASES[key]?.toLowerCase() ?? key) ?? null;
}

/** Quarter end (YYYY-MM) in words: "December 2023". */
export const quarterText = (q: string): string => monthLong(q);
/** The quarter a year before (YYYY-MM). */
export const yearBefore = (q: string): string => `${Number(q.slice(0, 4)) - 1}${q.slice(4)}`;

/** Standard normal quantiles used here: 95 % (two-sided) and 99.8 % (two-sided). */
export const Z95 = 1.959963984540054;
export const Z998 = 3.090232306167813;

/** Wilson score interval for a proportion p observed in n trials, at normal quantile z. */
export function wilson(p: number, n: number, z = Z95): [number, number] {
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Binomial funnel limits (normal approximation) around a target p0 for a sample of n: p0 ± z √(p0(1−p0)/n). */
export function funnelLimits(p0: number, n: number, z: number, tau2 = 0): [number, number] {
  if (tau2 === 0) {
    const se = Math.sqrt((p0 * (1 - p0)) / n);
    return [Math.max(0, p0 - z * se), Math.min(1, p0 + z * se)];
  }
  // Overdispersed limits on the arcsine-square-root scale (Spiegelhalter 2005): y = asin(√p), var = 1/(4n) + τ².
  const y0 = Math.asin(Math.sqrt(p0));
  const s = Math.sqrt(1 / (4 * n) + tau2);
  const back = (y: number) => Math.sin(Math.min(Math.PI / 2, Math.max(0, y))) ** 2;
  return [back(y0 - z * s), back(y0 + z * s)];
}

export interface Overdispersion {
  /** φ: the mean of the squared winsorised z-scores (1 when the spread is what sampling explains). */
  phi: number;
  /** τ²: the between-area variance on the arcsine scale added to every area's sampling variance (0 when kφ ≤ k − 1: no overdispersion). */
  tau2: number;
  /** areas whose z-score was pulled in to the 10th or 90th percentile before φ was estimated */
  winsorised: number;
}

/**
 * Spiegelhalter's (2005) additive random-effects overdispersion for proportions: z-scores
 * on the arcsine-square-root scale, z_i = (y_i − y0)·2√n_i; winsorised at the 10 % and 90 %
 * points; φ = Σz²/k; τ² = max(0, (kφ − (k − 1)) / (Σw − Σw²/Σw)) with w_i = 4n_i.
 */
export function overdispersion(ps: readonly number[], ns: readonly number[], p0: number, winsor = 0.1): Overdispersion {
  const k = ps.length;
  const y0 = Math.asin(Math.sqrt(p0));
  const z = ps.map((p, i) => (Math.asin(Math.sqrt(p)) - y0) * 2 * Math.sqrt(ns[i]!));
  const sorted = [...z].sort((a, b) => a - b);
  // Type-7 quantile (R's default), as Spiegelhalter's worked examples use.
  const at = (q: number) => quantileSorted(sorted, q);
  const lo = at(winsor);
  const hi = at(1 - winsor);
  let winsorised = 0;
  const zw = z.map((v) => {
    if (v < lo) return (winsorised++, lo);
    if (v > hi) return (winsorised++, hi);
    return v;
  });
  const phi = zw.reduce((a, v) => a + v * v, 0) / k;
  const w = ns.map((n) => 4 * n);
  const sw = w.reduce((a, v) => a + v, 0);
  const sw2 = w.reduce((a, v) => a + v * v, 0);
  const tau2 = Math.max(0, (k * phi - (k - 1)) / (sw - sw2 / sw));
  return { phi, tau2, winsorised };
}

/** Where a value sits against funnel limits: inside, or beyond the 95 % or the 99.8 % limit, above or below. */
export type FunnelBand = 'within' | 'above-95' | 'above-99.8' | 'below-95' | 'below-99.8';
export function funnelBand(p: number, p0: number, n: number, tau2 = 0): FunnelBand {
  const [l95, u95] = funnelLimits(p0, n, Z95, tau2);
  const [l998, u998] = funnelLimits(p0, n, Z998, tau2);
  if (p > u998) return 'above-99.8';
  if (p < l998) return 'below-99.8';
  if (p > u95) return 'above-95';
  if (p < l95) return 'below-95';
  return 'within';
}

/** Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

export interface ChangeTest {
  diff: number;
  z: number;
  /** two-sided p-value */
  p: number;
  /** at the 5 % level */
  significant: boolean;
  direction: 'up' | 'down' | 'none';
}

/** Two-proportion z-test (pooled standard error) of p2 against p1, each from n interviews. */
export function twoProportionTest(p1: number, p2: number, n1: number, n2: number): ChangeTest {
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se === 0 ? 0 : (p2 - p1) / se;
  const p = 2 * (1 - normalCdf(Math.abs(z)));
  const significant = p < 0.05;
  return { diff: p2 - p1, z, p, significant, direction: significant ? (p2 > p1 ? 'up' : 'down') : 'none' };
}

/** The change flag in words, for tables and descriptions. */
export function changeWords(t: ChangeTest | null): string {
  if (!t) return 'No value a year earlier';
  const pts = `${t.diff > 0 ? '+' : t.diff < 0 ? '−' : '±'}${Math.abs(Math.round(t.diff * 100))} points`;
  return t.significant
    ? `${t.direction === 'up' ? 'Up' : 'Down'} significantly (${pts})`
    : `No significant change (${pts})`;
}

/** The survey's measures by borough and quarter, as the data layer reads them. */
export interface PasTable {
  /** quarter ends, YYYY-MM, oldest first */
  quarters: string[];
  boroughs: { code: string; name: string }[];
  /** the code of the MPS-wide series ("London" on the page) */
  london: string;
  /** values[measure][area][quarter index]: a proportion, or null (no value) */
  values: Record<string, Record<string, (number | null)[]>>;
}
