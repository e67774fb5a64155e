/**
 * Hot Blocking and the checks added to the hotspot methods, against values worked
 * by hand: snapping points to segments, the lowest Gi* z a grid can reach, the
 * grid-stability raster, street and place labels, and segment counts.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointSegmentDistance, snapToSegments } from '../../src/lib/hotspots/snap.ts';
import { coldSpotCheck, coldSpotCheckGrid, giStar, giStarGrid, Z_CRITICAL } from '../../src/lib/hotspots/gistar.ts';
import { makeGrid, type Points } from '../../src/lib/hotspots/grid.ts';
import { gridStability, shiftedGrid } from '../../src/lib/hotspots/stability.ts';
import { labelCounts, segmentCounts, sfhotspotDefaults, type HotspotDataset } from '../../src/lib/hotspots/dataset.ts';
import { bandwidthNrd } from '../../src/lib/hotspots/stats.ts';
import { labelKind, readPlaceLabels } from '../../scripts/lib/police-uk.ts';

describe('snapping points to street segments', () => {
  // Three segments (metres): A along y = 0 from x = 0 to 100; B from (100, 0) up to (100, 100);
  // C a bent line (0, 50) → (40, 90) → (40, 200).
  const A = [0, 0, 100, 0];
  const B = [100, 0, 100, 100];
  const C = [0, 50, 40, 90, 40, 200];

  it('measures point-to-segment distance to the nearest point of the segment (by hand)', () => {
    expect(pointSegmentDistance(50, 30, 0, 0, 100, 0)).toBe(30); // perpendicular foot inside
    expect(pointSegmentDistance(130, 40, 0, 0, 100, 0)).toBe(50); // beyond the end: to (100, 0), a 3-4-5 triangle × 10
    expect(pointSegmentDistance(-6, -8, 0, 0, 100, 0)).toBe(10); // before the start
  });

  it('snaps each point to its nearest segment, keeps the distance, and leaves far points unsnapped', () => {
    const xs = [50, 97, 60, 20, 300, 100];
    const ys = [4, 50, 150, 60, 300, 0];
    const r = snapToSegments([A, B, C], xs, ys, 25);
    // (50, 4): A at 4; B at √(50² + 4²) = 50.16; C: nearest is the diagonal, far → A.
    // (97, 50): B at 3. (60, 150): C's vertical part x = 40 at 20 → C, 20 m.
    // (20, 60): C's diagonal (0,50)→(40,90): distance = |(20 − 0) − (60 − 50)| / √2 = 10/√2 = 7.071 → C.
    // (300, 300): nothing within 25 m → unsnapped. (100, 0): A and B meet there, both at 0 → the first listed, A.
    expect(Array.from(r.segment)).toEqual([0, 1, 2, 2, -1, 0]);
    expect(r.distance[0]).toBeCloseTo(4, 10);
    expect(r.distance[1]).toBeCloseTo(3, 10);
    expect(r.distance[2]).toBeCloseTo(20, 10);
    expect(r.distance[3]).toBeCloseTo(10 / Math.SQRT2, 10);
    // (300, 300): nothing within the first search (2 × 25 m); the widened search finds C's end (40, 200), √(260² + 100²).
    expect(r.distance[4]).toBeCloseTo(Math.hypot(260, 100), 10);
    expect(r.distance[5]).toBe(0);
    expect(r.ties).toBe(1); // the junction point
  });

  it("a far point's distance is to its nearest segment, not to the first the search met", () => {
    // D's bounding box is within the first search (2 × 10 m) of (0, 0), but the line is 210/√2 = 148.5 m away;
    // E, a short segment at (30, 30), is outside the first search and 42.4 m away: the nearest.
    const D = [-200, 10, 10, 220];
    const E = [30, 30, 31, 30];
    const r = snapToSegments([D, E], [0], [0], 10);
    expect(r.segment[0]).toBe(-1);
    expect(r.distance[0]).toBeCloseTo(Math.hypot(30, 30), 10);
  });

  it('the threshold decides: the same point snaps at 21 m and not at 19 m', () => {
    expect(snapToSegments([C], [60], [150], 21).segment[0]).toBe(0);
    const r = snapToSegments([C], [60], [150], 19);
    expect(r.segment[0]).toBe(-1);
    expect(r.distance[0]).toBeCloseTo(20, 10); // still reported, for the snap-distance distribution
  });
});

describe('can Gi* show a cold spot?', () => {
  it('gives the lowest z of an all-zero neighbourhood on a hand-worked 3 × 3 grid', () => {
    // Nine cells, counts 0 … 8 (row by row). n = 9, mean 4, population sd √(60/9) = 2.58199.
    // The centre cell has W = 9 (all cells): its z is 0/0 territory (n W − W² = 0), so it does not count.
    // Corner cells have W = 4: z_min = 4 × (0 − 4) / (2.58199 × √((36 − 16) / 8)) = −16 / (2.58199 × 1.58114) = −3.9192.
    // Edge cells have W = 6: −24 / (2.58199 × √((54 − 36) / 8)) = −24 / (2.58199 × 1.5) = −6.1968.
    const g = makeGrid([0, 0, 3, 3], 1);
    const counts = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const z = giStarGrid(g, counts);
    const c = coldSpotCheckGrid(g, counts, z);
    expect(c.lowestZ).toBeCloseTo(-24 / (Math.sqrt(60 / 9) * 1.5), 10);
    expect(c.lowestZ).toBeCloseTo(-6.19677, 4);
    expect(c.maxW).toBe(9);
    expect(c.floor).toBe(0);
    expect(c.detectable).toEqual({ 90: true, 95: true, 99: true });
  });

  it('finds cold spots impossible on a sparse grid: one busy cell among empty ones', () => {
    // 10 × 10 grid, one cell with 100 crimes, the rest 0: mean 1, sd √(100²/100 − 1) = √99 = 9.9499.
    // An interior all-zero neighbourhood (W = 9): z = 9 × (0 − 1) / (9.9499 × √((900 − 81) / 99)) = −9 / (9.9499 × 2.87623) = −0.31449.
    const g = makeGrid([0, 0, 10, 10], 1);
    const counts = new Array(100).fill(0);
    counts[55] = 100;
    const z = giStarGrid(g, counts);
    const c = coldSpotCheckGrid(g, counts, z);
    expect(c.lowestZ).toBeCloseTo(-9 / (Math.sqrt(99) * Math.sqrt(819 / 99)), 10);
    expect(c.lowestZ).toBeCloseTo(-0.31449, 4);
    expect(c.detectable[90]).toBe(false);
    expect(c.lowestZ).toBeGreaterThan(-Z_CRITICAL[90]);
    // And indeed no cell's z is that low.
    expect(Math.min(...Array.from(z).filter(Number.isFinite))).toBeGreaterThanOrEqual(c.lowestZ - 1e-12);
  });

  it('works on any neighbour lists (areas), the floor being the smallest value', () => {
    const values = [5, 1, 9, 3];
    const nb = [[1], [0, 2], [1, 3], [2]];
    const z = giStar(values, nb);
    const c = coldSpotCheck(
      values,
      nb.map((l) => l.length),
      z,
    );
    // mean 4.5, sd √((25 + 1 + 81 + 9)/4 − 20.25) = √8.75; W = 3: 3 × (1 − 4.5) / (√8.75 × √((12 − 9)/3)) = −10.5/2.95804 = −3.54965
    expect(c.lowestZ).toBeCloseTo(-10.5 / Math.sqrt(8.75), 10);
    expect(c.floor).toBe(1);
  });
});

describe('grid stability', () => {
  const grid = () => makeGrid([0, 0, 1000, 1000], 100);
  const inside = () => true;
  // A tight cluster of 40 crimes around (455, 455) and a scatter of single crimes.
  const pts: Points = { x: new Float64Array(60), y: new Float64Array(60), w: new Float64Array(60).fill(1) };
  for (let i = 0; i < 40; i++) [pts.x[i], pts.y[i]] = [440 + (i % 5) * 8, 440 + Math.floor(i / 5) * 4];
  for (let i = 40; i < 60; i++) [pts.x[i], pts.y[i]] = [((i * 137) % 1000) + 0.5, ((i * 311) % 1000) + 0.5];

  it('a shift of (0, 0) is the grid itself; others move the origin and add a row and a column', () => {
    const g = grid();
    expect(shiftedGrid(g, 0, 0, inside, pts)).toBe(g);
    const s = shiftedGrid(g, 0.25, 0.5, inside, pts);
    expect([s.x0, s.y0, s.nx, s.ny, s.size]).toEqual([g.x0 - 25, g.y0 - 50, g.nx + 1, g.ny + 1, 100]);
  });

  it('marks 16 quarter-cell pixels per hot cell and measures the stable share', () => {
    const r = gridStability(grid(), inside, pts, 'none');
    expect(r.shifts).toHaveLength(9);
    const base = r.shifts.find((s) => s.dx === 0 && s.dy === 0)!;
    expect(r.baseHotArea).toBe(base.hotCells * 100 * 100);
    // Pixels hot on the base grid = 16 × its hot cells; stable pixels are a subset.
    let stable = 0;
    for (const v of r.raster.hotIn) if (v === 9) stable++;
    expect(r.stableArea).toBe(stable * 25 * 25);
    expect(r.stableShare).toBeGreaterThan(0);
    expect(r.stableShare).toBeLessThanOrEqual(1);
    expect(r.anyHotArea).toBeGreaterThanOrEqual(r.baseHotArea);
    expect(Math.max(...r.raster.hotIn)).toBeLessThanOrEqual(9);
  });
});

describe('streets, places and segments of a data set', () => {
  // Two map points; point 0 carries two labels (a street and a place type), point 1 a street in two LSOAs.
  const d = {
    places: { x: [0, 0, 50, 50], y: [0, 0, 0, 0], label: [0, 1, 0, 2], part: [0, 0, 1, 0] },
    labels: {
      name: ['On or near High Street', 'On or near Supermarket', 'On or near '],
      kind: ['street', 'place', 'blank'],
    },
    parts: { kind: 'LSOA', code: ['E01000001', 'E01000002'], name: ['A 001A', 'A 001B'] },
    network: {
      segments: {
        id: ['s0', 's1'],
        name: [0, 0],
        names: ['High Street'],
        highway: [0, 0],
        highways: ['primary'],
        length: [120, 30],
        path: [[], []],
      },
      snap: { segment: [0, 0, 1, -1], distance: [1, 1, 2, 80] },
    },
  } as unknown as HotspotDataset;

  it('counts every record under its own label; a street is its name across parts', () => {
    const r = labelCounts(d, [3, 2, 4, 1]);
    expect(r.streets).toHaveLength(1);
    expect(r.streets[0]).toMatchObject({ name: 'On or near High Street', n: 7, points: 2 });
    expect(r.streets[0]!.parts.map((p) => [p.code, p.n])).toEqual([
      ['E01000002', 4],
      ['E01000001', 3],
    ]);
    expect(r.notStreets.map((x) => [x.kind, x.n])).toEqual([
      ['place', 2],
      ['blank', 1],
    ]);
    expect(r.streetRecords + r.notStreetRecords).toBe(10);
  });

  it('counts records per segment, unsnapped apart, with rates only for long segments', () => {
    const s = segmentCounts(d, [3, 2, 4, 1], 'count');
    expect(s.counts.map((c) => c.n)).toEqual([5, 4]);
    // Segment 0's records are at two places that share one map point: one point, not two.
    expect(s.counts.map((c) => c.points)).toEqual([1, 1]);
    expect(segmentCounts(d, [0, 0, 4, 1], 'count').counts.map((c) => c.points)).toEqual([0, 1]);
    expect(s.snappedRecords).toBe(9);
    expect(s.unsnappedRecords).toBe(1);
    expect(s.counts[0]!.per100m).toBeCloseTo((5 / 120) * 100, 10);
    expect(s.counts[1]!.per100m).toBeNull(); // 30 m < 50 m
    // Half of the 9 snapped records (4.5) needs the busier segment only: 1 of 2 segments.
    expect(s.halfIn).toBe(0.5);
    expect(s.quarterIn).toBe(0.5);
    const r = segmentCounts(d, [3, 2, 4, 1], 'per100m');
    expect(r.ranked.map((c) => c.segment)).toEqual([0]); // the short segment is not rated
  });

  it("gives sfhotspot's own defaults: x-only bandwidth, cell size from the points' box", () => {
    const p: Points = {
      x: Float64Array.from([0, 1000, 2000, 3000]),
      y: Float64Array.from([0, 500, 900, 1200]),
      w: Float64Array.from([1, 2, 1, 1]),
    };
    const sf = sfhotspotDefaults(p);
    expect(sf.bandwidth).toBeCloseTo(bandwidthNrd([0, 1000, 1000, 2000, 3000]), 10);
    expect(sf.bandwidthY).toBeCloseTo(bandwidthNrd([0, 500, 500, 900, 1200]), 10);
    expect(sf.cellSize).toBe(24); // shorter side 1,200 m ÷ 50 = 24, which rounds down to 0 hundreds: unrounded
  });
});

describe('location labels', () => {
  const labels = readPlaceLabels('data/reference/police_uk_place_labels.csv');
  it('tells streets from place types, stations and blanks', () => {
    expect(labelKind('On or near Bishopsgate', labels)).toBe('street');
    expect(labelKind('On or near A201', labels)).toBe('street');
    expect(labelKind('On or near Shopping Area', labels)).toBe('place');
    expect(labelKind('On or near Sports/recreation Area', labels)).toBe('place'); // the API's capitalisation
    expect(labelKind('On or near Further/Higher Educational Building', labels)).toBe('place');
    expect(labelKind('On or near London Liverpool Street', labels)).toBe('station');
    expect(labelKind('Euston (station)', labels)).toBe('station');
    expect(labelKind('On or near ', labels)).toBe('blank');
    expect(labelKind('No Location', labels)).toBe('blank');
    expect(labelKind('', labels)).toBe('blank');
  });
});

describe('the published snap-distance distribution counts every place', () => {
  const withNetwork = readdirSync('data/derived')
    .filter((f) => /^hotspots_.*\.json$/.test(f) && f !== 'hotspots_index.json')
    .map((f) => JSON.parse(readFileSync(join('data/derived', f), 'utf8')) as HotspotDataset)
    .filter((d) => d.network);

  it('has the data sets with a street network to check (the City and Westminster)', () => {
    expect(withNetwork.map((d) => d.id).sort()).toEqual(['city', 'met-E09000033']);
  });

  it.each(withNetwork.map((d) => [d.id, d] as const))('%s: histogram, quantiles and distances', (_id, d) => {
    const net = d.network!;
    const dist = net.snap.distance;
    // Every place has its distance to the nearest segment, snapped or not.
    expect(dist).toHaveLength(d.places.x.length);
    expect(dist.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(net.stats.histogram.reduce((a, h) => a + h.places, 0)).toBe(net.stats.places);
    expect(net.stats.places).toBe(d.places.x.length);
    expect(net.stats.distanceQuantiles.max).toBe(Math.max(...(dist as number[])));
    // Unsnapped exactly where the nearest segment is beyond the threshold (distances are published to 0.1 m).
    dist.forEach((v, k) =>
      expect(net.snap.segment[k]! < 0 ? v! >= net.threshold - 0.05 : v! <= net.threshold + 0.05, `place ${k}`).toBe(
        true,
      ),
    );
  });
});
