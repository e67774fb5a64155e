import { describe, expect, it } from 'vitest';
import {
  changeWords,
  funnelBand,
  funnelLimits,
  overdispersion,
  pasBoroughCode,
  twoProportionTest,
  wilson,
  Z95,
  Z998,
} from '../../src/lib/pas.ts';
import { chooseGroups, groupName, kMeans, nearestNeighbours, silhouette, standardise } from '../../src/lib/similar.ts';
import { parseWard } from '../../src/figures/neighbourhoods/state.ts';
import { wardFigure, wardRows } from '../../src/figures/neighbourhoods/figures.ts';

const lookup = new Map([
  ['Richmond upon Thames', 'E09000027'],
  ['Westminster', 'E09000033'],
  ['Barnet', 'E09000003'],
]);

describe('PAS borough names', () => {
  it("cleans the dashboard's quirks through the code lookup", () => {
    expect(pasBoroughCode('City of Westminster', lookup)).toBe('E09000033');
    expect(pasBoroughCode('Richmond Upon Thames', lookup)).toBe('E09000027');
    expect(pasBoroughCode('Richmond upon Thames', lookup)).toBe('E09000027');
    expect(pasBoroughCode('  Barnet ', lookup)).toBe('E09000003');
    expect(pasBoroughCode('City of London', lookup)).toBeNull();
    expect(pasBoroughCode('Westminster Abbey', lookup)).toBeNull();
  });
});

describe('Wilson intervals', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857–872,
  // Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('%i/%i gives %f to %f', (x, n, lo, hi) => {
    const [l, u] = wilson(x / n, n);
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });
});

describe('funnel limits', () => {
  it('are p0 ± z√(p0(1−p0)/n) without overdispersion', () => {
    const [l, u] = funnelLimits(0.5, 100, Z95);
    expect(l).toBeCloseTo(0.5 - 1.959964 * 0.05, 6);
    expect(u).toBeCloseTo(0.5 + 1.959964 * 0.05, 6);
    const [l3, u3] = funnelLimits(0.8, 400, Z998);
    expect(l3).toBeCloseTo(0.8 - 3.090232 * 0.02, 6);
    expect(u3).toBeCloseTo(0.8 + 3.090232 * 0.02, 6);
  });
  it("estimate Spiegelhalter's overdispersion as worked independently", () => {
    // Worked in Python (math only): z on the arcsine-square-root scale, winsorised at R's type-7 10th and 90th
    // percentiles, phi = mean z², tau² = (k·phi − (k−1)) / (Σw − Σw²/Σw), w = 4n; limits sin²(y0 ± z·√(1/4n + tau²)).
    const ps = [0.4, 0.45, 0.48, 0.5, 0.52, 0.55, 0.6, 0.7, 0.3, 0.5];
    const o = overdispersion(
      ps,
      ps.map(() => 100),
      0.5,
    );
    expect(o.phi).toBeCloseTo(2.0325898287806554, 10);
    expect(o.tau2).toBeCloseTo(0.0031460828577240425, 12);
    expect(o.winsorised).toBe(2);
    const [l, u] = funnelLimits(0.5, 100, Z95, o.tau2);
    expect(l).toBeCloseTo(0.3548477444672356, 10);
    expect(u).toBeCloseTo(0.6451522555327645, 10);
  });
  it('find no overdispersion when the values sit on the target', () => {
    const o = overdispersion([0.6, 0.6, 0.6, 0.6, 0.6], [400, 400, 400, 400, 400], 0.6);
    expect(o.phi).toBe(0);
    expect(o.tau2).toBe(0);
  });
  it('band a value by the limits it crosses', () => {
    expect(funnelBand(0.5, 0.5, 400)).toBe('within');
    expect(funnelBand(0.56, 0.5, 400)).toBe('above-95'); // limit 0.549
    expect(funnelBand(0.58, 0.5, 400)).toBe('above-99.8'); // limit 0.577
    expect(funnelBand(0.44, 0.5, 400)).toBe('below-95');
  });
});

describe('the change flag', () => {
  // R: prop.test(c(240, 280), c(400, 400), correct = FALSE) gives X-squared = 8.7912 (z = 2.965), p-value = 0.003027.
  it('is a two-proportion z-test with the pooled standard error', () => {
    const t = twoProportionTest(0.6, 0.7, 400, 400);
    expect(t.z).toBeCloseTo(2.96499727, 6);
    expect(t.z ** 2).toBeCloseTo(8.7912, 3);
    expect(t.p).toBeCloseTo(0.003026856, 6);
    expect(t.significant).toBe(true);
    expect(changeWords(t)).toBe('Up significantly (+10 points)');
    const u = twoProportionTest(0.67, 0.62, 400, 400);
    expect(u.p).toBeCloseTo(0.13948, 4);
    expect(changeWords(u)).toBe('No significant change (−5 points)');
    expect(changeWords(null)).toBe('No value a year earlier');
  });
});

describe('most similar areas', () => {
  const input = {
    codes: ['A', 'B', 'C', 'D', 'E', 'F'],
    variables: ['x', 'x2', 'y'],
    // x2 is 2x + 1 (r = 1): the reduction drops it; y is nearly uncorrelated with x (r = −0.03).
    values: [
      [0, 1, 0],
      [1, 3, 0],
      [0, 1, 1],
      [10, 21, 0],
      [11, 23, 0],
      [10, 21, 1],
    ],
  };
  it('drops a variable strongly correlated with an earlier one and standardises the rest', () => {
    const s = standardise(input);
    expect(s.variables).toEqual(['x', 'y']);
    expect(s.dropped.map((d) => [d.id, d.with])).toEqual([['x2', 'x']]);
    expect(s.dropped[0]!.r).toBeCloseTo(1, 9);
    const col = s.z.map((r) => r[0]!);
    expect(col.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.sqrt(col.reduce((a, b) => a + b * b, 0) / col.length)).toBeCloseTo(1, 12);
  });
  it('finds the nearest by Euclidean distance on the z-scores, ties by code', () => {
    const nn = nearestNeighbours(standardise(input), 2);
    // On z-scores one unit of y (SD 0.47) is further than ten of x (SD 5.2): A's nearest are B, then D, not C.
    expect(nn.get('A')!.map((n) => n.code)).toEqual(['B', 'D']);
    expect(nn.get('A')![0]!.distance).toBeCloseTo(1 / Math.sqrt(322 / 6 - (32 / 6) ** 2), 9);
    // A square of four areas: P is as near to Q as to R, so both, Q first by code.
    const square = nearestNeighbours(
      standardise({
        codes: ['P', 'R', 'Q', 'T'],
        variables: ['x', 'y'],
        values: [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ],
      }),
      2,
    );
    expect(square.get('P')!.map((n) => n.code)).toEqual(['Q', 'R']);
  });
  it('groups deterministically, with k by silhouette', () => {
    // Three tight blobs far apart: k = 3 has the best silhouette; groups numbered by size, then by first area.
    const blobs = [
      [0, 0],
      [1, 0],
      [0, 1],
      [10, 0],
      [11, 0],
      [10, 1],
      [0, 10],
      [1, 10],
      [0, 11],
    ];
    const z = standardise({ codes: blobs.map((_, i) => String(i)), variables: ['x', 'y'], values: blobs }).z;
    const a = chooseGroups(z, 2, 5);
    const b = chooseGroups(z, 2, 5);
    expect(a).toEqual(b);
    expect(a.k).toBe(3);
    expect(a.tried.map((t) => t.k)).toEqual([2, 3, 4, 5]);
    expect(a.groups).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(a.silhouette).toBeCloseTo(silhouette(z, a.groups), 12);
    expect(kMeans(z, 3, 20, 7)).toEqual(kMeans(z, 3, 20, 7));
  });
  it('names a group from its two most distinctive variables', () => {
    expect(groupName([1.5, -0.2, -2], ['a', 'b', 'c'], { a: 'social renting', c: 'degree-level qualifications' })).toBe(
      'Lower degree-level qualifications, higher social renting',
    );
  });
});

describe('the ward crime comparator', () => {
  const w = {
    period: 'March 2025 to February 2026',
    groups: [
      { id: 'a', label: 'All offences' },
      { id: 'r', label: 'Robbery' },
    ],
    wards: ['W1', 'W2', 'W3', 'W4'].map((code, i) => ({
      code,
      name: `Ward ${i + 1}`,
      borough: i < 2 ? 'B1' : 'B2',
      boroughName: i < 2 ? 'One' : 'Two',
    })),
    rates: { W1: [100, 4], W2: [50, 0], W3: [80, null], W4: [120, 2] } as Record<string, (number | null)[]>,
    boroughRates: { B1: [75, 2], B2: [100, 1] } as Record<string, (number | null)[]>,
    neighbours: { W1: ['W2', 'W3', 'W4'], W2: ['W1', 'W3', 'W4'], W3: ['W1', 'W2', 'W4'], W4: ['W1', 'W2', 'W3'] },
    variables: [{ id: 'x', label: 'x' }],
    dropped: [],
    notes: [],
    sources: [],
  };
  it("gives each group the ward, its similar wards' median and range (missing rates left out) and its borough", () => {
    expect(wardRows(w, 'W1')).toEqual([
      { group: 'All offences', rate: 100, median: 80, lo: 50, hi: 120, n: 3, borough: 75 },
      { group: 'Robbery', rate: 4, median: 1, lo: 0, hi: 2, n: 2, borough: 2 },
    ]);
    const f = wardFigure(w, 'W1');
    expect(f.chart.kind === 'comparator' && f.chart.rows.map((r) => [r.label, r.value, r.lo, r.hi, r.borough])).toEqual(
      [
        ['All offences', 125, 62.5, 150, 93.8],
        ['Robbery', 400, 0, 200, 200],
      ],
    );
    expect(f.description).toContain('Above every similar ward: Robbery.');
    // A median of 0 cannot be an index: not drawn, named in the notes, kept in the table.
    const g = wardFigure({ ...w, rates: { ...w.rates, W1: [100, 0], W4: [120, 0] } }, 'W2');
    expect(g.chart.kind === 'comparator' && g.chart.rows.map((r) => r.label)).toEqual(['All offences']);
    expect(g.notes.at(-1)).toContain('Robbery');
    expect(g.table.rows).toHaveLength(2);
  });
  it('falls back to the default ward for a code it does not know, and says so', () => {
    expect(parseWard(new URLSearchParams('ward=E05999999'), w, 'B2')).toEqual({
      ward: 'W3',
      problems: ['ward "E05999999" is not one of the 4 Met wards (2022 boundaries)'],
    });
    expect(parseWard(new URLSearchParams('ward=W2'), w, 'B2')).toEqual({ ward: 'W2', problems: [] });
  });
});
