/**
 * The hotspot methods against values computed independently: by hand on tiny
 * grids (the arithmetic is in the comments), R's documented behaviour
 * (MASS::bandwidth.nrd, p.adjust "BH") and textbook tables.
 */
import { describe, expect, it } from 'vitest';
import { bandwidthNrd, adjustBH, pTwoSided, mannKendall, quantileSorted } from '../../src/lib/hotspots/stats.ts';
import {
  defaultCellSize,
  makeGrid,
  countInCells,
  cellOf,
  localProjection,
  type Points,
} from '../../src/lib/hotspots/grid.ts';
import { quarticKde, defaultBandwidth } from '../../src/lib/hotspots/kde.ts';
import { giStar, giStarGrid, hotColdClasses, pValues } from '../../src/lib/hotspots/gistar.ts';
import { concentration } from '../../src/lib/hotspots/concentration.ts';
import { pai } from '../../src/lib/hotspots/pai.ts';
import { classifySpaceTime, periodMonths } from '../../src/lib/hotspots/spacetime.ts';

const pts = (xy: [number, number, number?][]): Points => ({
  x: Float64Array.from(xy, (p) => p[0]),
  y: Float64Array.from(xy, (p) => p[1]),
  w: Float64Array.from(xy, (p) => p[2] ?? 1),
});

describe('cell size and bandwidth', () => {
  it("cell size is the shorter side ÷ 50, rounded down to 100 m, unrounded when that gives 0 (sfhotspot's rule)", () => {
    expect(defaultCellSize([0, 0, 12_345, 7_777])).toBe(100); // 7,777 / 50 = 155.5 → 100
    expect(defaultCellSize([0, 0, 30_000, 26_000])).toBe(500); // 520 → 500
    expect(defaultCellSize([0, 0, 4_000, 9_000])).toBe(80); // 80 → 0 → keep 80
  });

  it('bandwidth follows MASS::bandwidth.nrd', () => {
    // 1..10: sd 3.02765, IQR (type 7) 7.75 − 3.25 = 4.5, /1.34 = 3.358; 4 × 1.06 × 3.02765 × 10^(−1/5) = 8.09975
    expect(bandwidthNrd([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(8.099749284, 8);
    // Skewed: the IQR term is the smaller (IQR 34 − 4 = 30 → 22.39 < sd 45.3)
    expect(bandwidthNrd([2, 3, 3, 5, 8, 13, 21, 34, 55, 89, 144])).toBeCloseTo(79.33001646, 6);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('the default bandwidth averages x and y, counting each event once', () => {
    const p = pts([
      [1, 10, 1],
      [2, 20, 1],
      [3, 30, 2],
      [4, 40, 1],
      [5, 50, 1],
    ]);
    const xs = [1, 2, 3, 3, 4, 5];
    expect(defaultBandwidth(p)).toBeCloseTo((bandwidthNrd(xs) + bandwidthNrd(xs.map((x) => x * 10))) / 2, 10);
  });
});

describe('grid and kernel density', () => {
  it('counts points in cells, leaving out cells and points outside the study area', () => {
    const g = makeGrid([0, 0, 300, 300], 100, (x) => x < 200);
    expect([g.nx, g.ny]).toEqual([3, 3]);
    expect(Array.from(g.inside)).toEqual([1, 1, 0, 1, 1, 0, 1, 1, 0]);
    const c = countInCells(
      g,
      pts([
        [50, 50],
        [60, 40, 2],
        [150, 250],
        [250, 250],
      ]),
    );
    expect(Array.from(c)).toEqual([3, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(cellOf(g, 250, 250)).toBe(-1);
  });

  it('quartic KDE: one event at a cell centre, h = 150 m, 100 m cells (by hand)', () => {
    // K(d) = 3/(π h²) (1 − d²/h²)², per m² → ×10⁶ per km².
    // d = 0: 42.4413; d = 100: 42.4413 × (1 − 1/2.25)² = 13.0992; d = 141.42: 42.4413 × (1 − 2/2.25)² = 0.52397
    const g = makeGrid([0, 0, 300, 300], 100);
    const d = quarticKde(g, pts([[150, 150]]), 150);
    expect(d[4]).toBeCloseTo(42.44131816, 6);
    expect(d[1]).toBeCloseTo(13.09917227, 6);
    expect(d[0]).toBeCloseTo(0.52396689, 6);
    // The kernel integrates to 1: on a fine grid the sum × cell area ≈ 1 event.
    const fine = makeGrid([-200, -200, 200, 200], 5);
    const s = quarticKde(fine, pts([[0, 0]]), 150).reduce((a, v) => a + v, 0) * (25 / 1e6);
    expect(s).toBeCloseTo(1, 3);
  });

  it('projects lon/lat to metres with true distances near the centre', () => {
    const p = localProjection(-0.09, 51.515);
    const [x, y] = p.forward(-0.09, 51.525);
    expect(x).toBeCloseTo(0, 6);
    expect(y).toBeCloseTo(1111.95, 1); // 0.01° of latitude on a sphere of 6,371,008.8 m
    const back = p.inverse(x, y);
    expect(back[1]).toBeCloseTo(51.525, 9);
  });
});

describe('Getis-Ord Gi*', () => {
  // 4 × 4 grid (rows from the south): mean 29/16, population sd from Σx² = 143.
  const counts = [1, 2, 0, 0, 4, 9, 3, 1, 0, 1, 0, 2, 0, 0, 5, 1];
  const g = makeGrid([0, 0, 400, 400], 100);
  it('equals the formula worked by hand for interior and corner cells', () => {
    const z = giStarGrid(g, counts);
    // cell 5 (9 neighbours incl. itself, local sum 20): (20 − 9 × 1.8125) / (S √((16×9 − 81)/15)) = 0.75682
    expect(z[5]).toBeCloseTo(0.7568208722, 9);
    // corner cell 0 (4 incl. itself, local sum 16): 2.05740
    expect(z[0]).toBeCloseTo(2.0574002154, 9);
    expect(z[15]).toBeCloseTo(0.1763485899, 9);
    expect(z[10]).toBeCloseTo(1.1672999894, 9);
  });

  it('takes any neighbour lists (areas), the area itself always included', () => {
    // A path of 3 areas: values 1, 2, 9. Area 2 with neighbour 1: local 11, W 2; mean 4, S = √(86/3 − 16) = 3.5590
    const z = giStar([1, 2, 9], [[1], [0, 2], [1]]);
    expect(z[2]).toBeCloseTo((11 - 8) / (Math.sqrt(86 / 3 - 16) * Math.sqrt((3 * 2 - 4) / 2)), 12);
    expect(Number.isNaN(z[1]!)).toBe(true); // the whole study area: no contrast, undefined
  });

  it('adjusts p-values by Benjamini–Hochberg exactly as R p.adjust(method = "BH")', () => {
    // McDonald, Handbook of Biological Statistics (Garcia-Arenzana et al. 2014), 25 p-values
    const p = [
      0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34, 0.341,
      0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986,
    ];
    const adj = Array.from(adjustBH(p)).map((v) => Math.round(v * 1e6) / 1e6);
    expect(adj).toEqual([
      0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.264286, 0.491071, 0.491071, 0.491071, 0.491071, 0.491071, 0.491071,
      0.491071, 0.532813, 0.532813, 0.564706, 0.781579, 0.781579, 0.87, 0.907143, 0.986, 0.986, 0.986, 0.986,
    ]);
    expect(Array.from(adjustBH([0.01, 0.02, 0.03, 0.04, 0.05]))).toEqual(
      [0.05, 0.05, 0.05, 0.05, 0.05].map((v): unknown => expect.closeTo(v, 12)),
    );
  });

  it('gives two-sided normal p-values and hot/cold classes at 99/95/90%', () => {
    expect(pTwoSided(1.959963984540054)).toBeCloseTo(0.05, 7);
    expect(pTwoSided(2.5758293035489)).toBeCloseTo(0.01, 7);
    expect(pTwoSided(-1.6448536269514722)).toBeCloseTo(0.1, 7);
    expect(pTwoSided(5) / 5.733031437583892e-7).toBeCloseTo(1, 5);
    const z = [3, -2.2, 1.7, 0.5, NaN];
    expect(Array.from(hotColdClasses(z, pValues(z, 'none')))).toEqual([3, -2, 1, 0, 0]);
  });

  it('Mann–Kendall on a steady rise: S = 45, z = 44/√125', () => {
    const mk = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(mk.s).toBe(45);
    expect(mk.z).toBeCloseTo(3.93547964, 7);
    expect(mk.p).toBeCloseTo(8.30307e-5, 9);
  });
});

describe('concentration and PAI', () => {
  it('measures the share of crime in the top places against places with crime and all places', () => {
    const c = concentration([10, 5, 3, 1, 1, 0, 0], 10);
    expect([c.total, c.placesWithCrime, c.allPlaces]).toEqual([20, 5, 10]);
    expect(c.topWithCrime.map((t) => [t.places, t.crime])).toEqual([
      [1, 0.5],
      [1, 0.5],
      [1, 0.5],
    ]);
    expect(c.halfOfCrimeIn).toBe(0.2); // the busiest place holds exactly half
    expect([c.outside, c.halfOfAllIn]).toEqual([0, 0.2]);
    // 10 records elsewhere (places, not streets): half of all 30 is 15, which the top two hold.
    expect(concentration([10, 5, 3, 1, 1, 0, 0], 10, 200, 10).halfOfAllIn).toBe(0.4);
    // The places together hold less than half of all: no share of them does.
    expect(concentration([10, 5, 3, 1, 1], 10, 200, 21).halfOfAllIn).toBeNull();
    expect(c.curveWithCrime.map((p) => [p.places, p.crime])).toEqual([
      [0, 0],
      [0.2, 0.5],
      [0.4, 0.75],
      [0.6, 0.9],
      [0.8, 0.95],
      [1, 1],
    ]);
    expect(c.curveAll.at(-2)).toEqual({ places: 0.5, crime: 1 });
    expect(c.curveAll.at(-1)).toEqual({ places: 1, crime: 1 });
    const big = concentration(
      Array.from({ length: 1000 }, (_, i) => 1000 - i),
      2000,
    );
    // top 1% of 1,000 places with crime = 10 places: (1000 + … + 991) / 500,500 = 9,955 / 500,500
    expect(big.topWithCrime[0]!.crime).toBeCloseTo(9955 / 500500, 12);
    expect(big.topAll[0]!.places).toBe(20);
  });

  it('PAI = hit rate ÷ area share', () => {
    const g = makeGrid([0, 0, 200, 200], 100);
    const r = pai(g, [5, 1, 0, 0], [3, 1, 2, 0], 0.25);
    expect(r).toMatchObject({ cells: 1, hits: 3, testTotal: 6, hitRate: 0.5, areaShare: 0.25, pai: 2 });
  });
});

describe('space-time classes', () => {
  it('picks the period length from the span of the data', () => {
    const months = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(periodMonths(months(2022, 36)).months).toBe(3);
    expect(periodMonths(months(2016, 24)).months).toBe(1);
    expect(periodMonths(months(2000, 150)).months).toBe(12);
  });

  it('classes persistent, emerging, former and no-pattern cells on a synthetic 11 × 11 grid', () => {
    const g = makeGrid([0, 0, 1100, 1100], 100);
    const T = 10;
    const at = (i: number, j: number) => j * 11 + i;
    // A 3 × 3 block of busy cells around each centre.
    const block = (c: Float64Array, ci: number, cj: number) => {
      for (let j = cj - 1; j <= cj + 1; j++) for (let i = ci - 1; i <= ci + 1; i++) c[at(i, j)] = 30;
    };
    const periods = Array.from({ length: T }, (_, t) => {
      const c = new Float64Array(121).fill(1);
      block(c, 2, 2); // every period
      if (t >= 8) block(c, 8, 8); // the last two periods only
      if (t < 5) block(c, 2, 8); // the first half only
      return c;
    });
    const r = classifySpaceTime(g, periods);
    expect(r.periods).toBe(10);
    expect(r.recentPeriods).toBe(2);
    expect(r.classes[at(2, 2)]).toBe('persistent hotspot');
    expect(r.classes[at(8, 8)]).toBe('emerging hotspot');
    expect(r.classes[at(2, 8)]).toBe('former hotspot');
    expect(r.classes[at(5, 5)]).toBe('no pattern');
    // Hot throughout and rising against a steady block elsewhere (its z goes 2.95 → 8.99): intensifying.
    const rising = Array.from({ length: T }, (_, t) => {
      const c = new Float64Array(121).fill(1);
      for (let j = 7; j <= 9; j++) for (let i = 7; i <= 9; i++) c[at(i, j)] = 40;
      for (let j = 1; j <= 3; j++) for (let i = 1; i <= 3; i++) c[at(i, j)] = 15 + 5 * t;
      return c;
    });
    expect(classifySpaceTime(g, rising).classes[at(2, 2)]).toBe('intensifying hotspot');
  });
});

describe('the hotspots page address', () => {
  const crimes = ['burglary', 'robbery'];
  const types = [...crimes, 'anti-social-behaviour'];
  const cat = {
    datasets: [
      { id: 'city', months: ['2022-04', '2025-03'] as [string, string], types, crimes },
      { id: 'met-E09000033', months: ['2016-01', '2018-06'] as [string, string], types, crimes },
    ],
    typeSlugs: types,
  };
  it('reads a full view and writes back only what differs from the default', async () => {
    const { parseHsState, hsStateToParams } = await import('../../src/figures/hotspots/state.ts');
    const q =
      'data=met-E09000033&types=robbery,anti-social-behaviour&from=2017-01&to=2018-05&method=gistar&cell=150&bw=400&adjust=none&block=per100m';
    const { state, problems } = parseHsState(new URLSearchParams(q), cat);
    expect(problems).toEqual([]);
    expect(state).toEqual({
      data: 'met-E09000033',
      types: ['robbery', 'anti-social-behaviour'],
      from: '2017-01',
      to: '2018-05',
      method: 'gistar',
      cell: 150,
      bw: 400,
      adjust: 'none',
      block: 'per100m',
    });
    expect(hsStateToParams(state).toString()).toBe(q.replace(/,/g, '%2C'));
    // The data set's crimes and its whole period are its default: named or not, the address leaves them out.
    const whole = parseHsState(
      new URLSearchParams('data=met-E09000033&types=robbery,burglary&from=2016-01&to=2018-06'),
      cat,
    ).state;
    expect(hsStateToParams(whole).toString()).toBe('data=met-E09000033');
    expect(hsStateToParams(parseHsState(new URLSearchParams(''), cat).state).toString()).toBe('');
  });
  it("names unknown and repeated settings; an embed's theme is not one", async () => {
    const { parseHsState } = await import('../../src/figures/hotspots/state.ts');
    const { state, problems } = parseHsState(
      new URLSearchParams('method=count&method=gistar&zoom=3&theme=dark&full=1'),
      cat,
    );
    expect(state.method).toBe('count');
    expect(problems).toEqual(['"method" given more than once: the first is used', 'unknown setting "zoom" ignored']);
  });
  it('falls back to the default for anything it does not understand, and names it', async () => {
    const { parseHsState } = await import('../../src/figures/hotspots/state.ts');
    const { state, problems } = parseHsState(
      new URLSearchParams(
        'data=met-E09999999&types=arson,robbery&from=2010-01&method=hexbin&cell=-5&bw=abc&adjust=bonferroni&block=area',
      ),
      cat,
    );
    expect(state).toEqual({
      data: 'city',
      types: ['robbery'],
      from: null,
      to: null,
      method: 'kde',
      cell: null,
      bw: null,
      adjust: 'fdr',
      block: 'count',
    });
    expect(problems).toEqual([
      'data set "met-E09999999" is not one of the 2 published',
      'crime type "arson" not known',
      'from month "2010-01" is outside 2022-04 to 2025-03',
      'method "hexbin" is not kde, count or gistar',
      'cell size "-5" is not a number of metres from 10 to 2000',
      'bandwidth "abc" is not a number of metres from 20 to 5000',
      'adjustment "bonferroni" is not fdr or none',
      'street-segment measure "area" is not count or per100m',
    ]);
  });
});

describe('queen contiguity from a topology', () => {
  it('joins areas that share an edge or only a corner', async () => {
    const { queenNeighbours } = await import('../../src/lib/hotspots/contiguity.ts');
    const { topology } = await import('topojson-server');
    // Four unit squares in a 2 × 2 block: every pair touches (the diagonals at the centre point only).
    const sq = (x: number, y: number, id: string) => ({
      type: 'Feature' as const,
      id,
      properties: null,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [x, y],
            [x, y + 1],
            [x + 1, y + 1],
            [x + 1, y],
            [x, y],
          ],
        ],
      },
    });
    const topo = topology({
      a: {
        type: 'FeatureCollection',
        features: [sq(0, 0, 'A'), sq(1, 0, 'B'), sq(0, 1, 'C'), sq(1, 1, 'D'), sq(3, 3, 'E')],
      } as never,
    });
    const { ids, neighbours } = queenNeighbours(topo, 'a');
    const named = Object.fromEntries(ids.map((id, i) => [id, neighbours[i]!.map((j) => ids[j])]));
    expect(named).toEqual({ A: ['B', 'C', 'D'], B: ['A', 'C', 'D'], C: ['A', 'B', 'D'], D: ['A', 'B', 'C'], E: [] });
  });
});

describe('kernel density by cell moments equals the direct sum', () => {
  /** The textbook sum, point by point and cell by cell: the reference the fast version must equal. */
  function direct(g: ReturnType<typeof makeGrid>, p: Points, h: number): Float64Array {
    const out = new Float64Array(g.nx * g.ny);
    const c = (3 / (Math.PI * h * h)) * 1e6;
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const cx = g.x0 + (i + 0.5) * g.size;
        const cy = g.y0 + (j + 0.5) * g.size;
        let s = 0;
        for (let k = 0; k < p.x.length; k++) {
          const d2 = (cx - p.x[k]!) ** 2 + (cy - p.y[k]!) ** 2;
          if (d2 < h * h) s += p.w[k]! * (1 - d2 / (h * h)) ** 2;
        }
        out[j * g.nx + i] = g.inside[j * g.nx + i] ? c * s : NaN;
      }
    return out;
  }
  it('on random points, weights, points outside the grid, and bandwidths below and above the cell size', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const g = makeGrid([0, 0, 1000, 800], 50, (x, y) => x + y < 1500);
    const p: Points = { x: new Float64Array(3000), y: new Float64Array(3000), w: new Float64Array(3000) };
    for (let k = 0; k < 3000; k++) {
      p.x[k] = rand() * 1200 - 100; // some outside the grid
      p.y[k] = rand() * 1000 - 100;
      p.w[k] = k % 7 === 0 ? 0 : 1 + (k % 3);
    }
    for (const h of [30, 80, 160, 400]) {
      const fast = quarticKde(g, p, h);
      const ref = direct(g, p, h);
      for (let k = 0; k < fast.length; k++) {
        if (Number.isNaN(ref[k]!)) expect(fast[k]).toBeNaN();
        else expect(Math.abs(fast[k]! - ref[k]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref[k]!));
      }
    }
  });
});
