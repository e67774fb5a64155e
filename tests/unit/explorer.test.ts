import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderChart } from '../../src/charts/index.ts';
import { loadBoroughTopo } from '../../src/data/geo.ts';
import {
  allOf,
  buildRecords,
  crossCount,
  defaultFilter,
  explorerInput,
  masksOf,
  selectedRows,
  type ExplorerDatasetInput,
  type ExplorerFilter,
  type Records,
} from '../../src/lib/explorer.ts';
import { explorerParams, parseExplorerParams, resolveFilter } from '../../src/figures/explorer/state.ts';
import { CELL_LAT, CELL_LON, explorerFigures, MAP_POINTS, mapFigure } from '../../src/figures/explorer/figures.ts';
import { readFileSync } from 'node:fs';
import { scriptJson } from '../../src/lib/script-json.ts';

/** A small data set in the published shape: 3 months, 3 types, 4 places in 2 wards, groups with counts. */
function fixture(id: string, code: string, seed: number): ExplorerDatasetInput {
  const months = ['2017-01', '2017-02', '2017-03'];
  const types = ['Anti-social behaviour', 'Burglary', 'Robbery'];
  const groups: { m: number; t: number; p: number; o: number; n: number }[] = [];
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let m = 0; m < 3; m++)
    for (let t = 0; t < 3; t++)
      for (let p = 0; p < 4; p++)
        if (rnd() < 0.7) groups.push({ m, t, p, o: Math.floor(rnd() * 2), n: 1 + Math.floor(rnd() * 4) });
  const offsets = new Array<number>(10).fill(0);
  for (const g of groups) offsets[g.m * 3 + g.t + 1]!++;
  for (let i = 1; i < offsets.length; i++) offsets[i]! += offsets[i - 1]!;
  return {
    id,
    area: { code, name: `Borough ${code}` },
    months,
    types,
    isCrime: [false, true, true],
    places: { x: [0, 1, 2, 3], y: [0, 1, 2, 3], label: [0, 1, 1, 2], part: [0, 0, 1, 1] },
    lonLat: { lon: [-0.1, -0.101, -0.102, -0.103], lat: [51.5, 51.501, 51.502, 51.503] },
    labels: ['On or near High Street', 'On or near Mill Lane', 'On or near Parking Area'],
    labelKind: ['street', 'street', 'place'],
    parts: { kind: 'ward', code: [`${code}-W1`, `${code}-W2`], name: ['North', 'South'] },
    outcomes: ['Under investigation', 'Unable to prosecute suspect'],
    groups: {
      offsets,
      placeDelta: groups.map((g, i) =>
        i && groups[i - 1]!.m === g.m && groups[i - 1]!.t === g.t ? g.p - groups[i - 1]!.p : g.p,
      ),
      o: groups.map((g) => g.o),
      n: groups.map((g) => g.n),
    },
  };
}

/** The linked counts worked out the slow way: each view filters on every dimension but its own. */
function naive(r: Records, f: ExplorerFilter) {
  const ok = (i: number, skip: string) => {
    const p = r.placeOf[i]!;
    const on = (list: number[], v: number) => !list.length || list.includes(v);
    return (
      (skip === 'm' || (r.month[i]! >= f.from && r.month[i]! <= f.to)) &&
      (skip === 't' || on(f.types, r.type[i]!)) &&
      (skip === 'o' || on(f.outcomes, r.outcome[i]!)) &&
      (skip === 'a' || (on(f.boroughs, r.place.borough[p]!) && on(f.parts, r.place.part[p]!))) &&
      (skip === 's' || on(f.labels, r.place.label[p]!))
    );
  };
  const count = (len: number, skip: string, key: (i: number) => number) => {
    const out = new Array<number>(len).fill(0);
    for (let i = 0; i < r.n; i++) if (ok(i, skip)) out[key(i)]!++;
    return out;
  };
  return {
    total: [...Array(r.n).keys()].filter((i) => ok(i, '')).length,
    byMonth: count(r.months.length, 'm', (i) => r.month[i]!),
    byType: count(r.types.length, 't', (i) => r.type[i]!),
    byOutcome: count(r.outcomes.length, 'o', (i) => r.outcome[i]!),
    byPart: count(r.parts.length, 'a', (i) => r.place.part[r.placeOf[i]!]!),
    byLabel: count(r.labels.length, 's', (i) => r.place.label[r.placeOf[i]!]!),
  };
}

describe('incident explorer engine', () => {
  const a = fixture('met-A', 'E09000100', 7);
  const b = fixture('met-B', 'E09000200', 11);
  const r = buildRecords([a, b]);

  it('expands the counts into one row per record, with each record in its month, type, outcome and place', () => {
    const sum = (d: ExplorerDatasetInput) => d.groups.n.reduce((x, y) => x + y, 0);
    expect(r.n).toBe(sum(a) + sum(b));
    expect(r.parts).toHaveLength(4);
    expect(r.labels).toEqual(['On or near High Street', 'On or near Mill Lane', 'On or near Parking Area']);
    // Rows of the second data set point at its own places.
    const second = [...r.placeOf].filter((p) => r.place.borough[p] === 1).length;
    expect(second).toBe(sum(b));
  });

  it('counts every view as a naive filter does, for many filters', () => {
    const filters: ExplorerFilter[] = [
      allOf(r),
      defaultFilter(r),
      { ...allOf(r), from: 1, to: 1 },
      { ...allOf(r), types: [1], outcomes: [0] },
      { ...allOf(r), parts: [1, 2], labels: [1] },
      { ...allOf(r), boroughs: [1], types: [2], from: 0, to: 1 },
      { ...allOf(r), labels: [-1] },
    ];
    for (const f of filters) {
      const c = crossCount(r, masksOf(r, f));
      const want = naive(r, f);
      expect(c.total, JSON.stringify(f)).toBe(want.total);
      expect([...c.byMonth]).toEqual(want.byMonth);
      expect([...c.byType]).toEqual(want.byType);
      expect([...c.byOutcome]).toEqual(want.byOutcome);
      expect([...c.byPart]).toEqual(want.byPart);
      expect([...c.byLabel]).toEqual(want.byLabel);
      expect([...c.byPlace].reduce((x, y) => x + y, 0)).toBe(want.total);
      expect(selectedRows(r, masksOf(r, f)).length).toBe(want.total);
    }
  });

  it('refuses data sets of other months, and says which', () => {
    expect(() => buildRecords([a, { ...b, months: ['2017-02', '2017-03', '2017-04'] }])).toThrow(
      /met-B covers other months than met-A/,
    );
  });
});

describe('explorer view in the address', () => {
  const r = buildRecords([fixture('city', 'E09000001', 3)]);
  it('falls back and says so for unknown records, keys, months, types and areas', () => {
    const { state, problems } = parseExplorerParams(
      new URLSearchParams('data=nowhere&from=2017-13&colour=red&type=Arson'),
      ['city'],
      'city',
    );
    expect(state.data).toBe('city');
    expect(problems.join('; ')).toMatch(/no records called "nowhere".*"from" "2017-13" is not a month/);
    expect(problems.join('; ')).toMatch(/unknown setting "colour"/);
    const res = resolveFilter(r, { ...state, area: 'E05999999' });
    expect(res.problems.join('; ')).toMatch(/no crime type "Arson".*no ward or borough "E05999999"/);
    // Every type named was unknown: the default crime types, not an empty view.
    expect(res.filter.types).toEqual(defaultFilter(r).types);
  });
  it('round-trips a view through the address', () => {
    const s = {
      data: 'city',
      from: '2017-02',
      to: '2017-03',
      types: ['Burglary'],
      outcomes: ['Under investigation'],
      area: 'E09000001-W2',
      street: 'mill',
    };
    const back = parseExplorerParams(explorerParams(s, 'city'), ['city'], 'city');
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(s);
    const f = resolveFilter(r, back.state).filter;
    expect(f).toMatchObject({
      from: 1,
      to: 2,
      types: [1],
      outcomes: [r.outcomes.indexOf('Under investigation')],
      parts: [1],
      labels: [1],
    });
  });
  it('swaps a period given back to front', () => {
    const res = resolveFilter(r, {
      data: 'city',
      from: '2017-03',
      to: '2017-01',
      types: null,
      outcomes: [],
      area: null,
      street: '',
    });
    expect(res.filter).toMatchObject({ from: 0, to: 2 });
    expect(res.problems[0]).toMatch(/swapped/);
  });
});

describe('explorer figures', () => {
  const r = buildRecords([fixture('city', 'E09000001', 5)]);
  const f = { ...defaultFilter(r), types: [1] };
  const c = crossCount(r, masksOf(r, f));
  const figs = explorerFigures(r, f, c, {
    place: 'Test',
    force: 'Test Police',
    sources: [],
    outcomeSource: 'test',
    boroughs: { type: 'Topology', objects: {}, arcs: [] },
  });
  const byId = new Map(figs.map((x) => [x.id, x]));
  it('marks only the chosen crime type, and counts the others as if it were not chosen', () => {
    const t = byId.get('explorer-types')!;
    if (t.chart.kind !== 'rankedBars') throw new Error('rankedBars expected');
    expect(t.chart.data.filter((d) => d.highlight).map((d) => d.label)).toEqual(['Burglary']);
    for (const d of t.chart.data) expect(d.value).toBe(c.byType[r.types.indexOf(d.label)]);
  });
  it('lists only streets as streets, and counts what it leaves out', () => {
    const s = byId.get('explorer-streets')!;
    if (s.chart.kind !== 'rankedBars') throw new Error('rankedBars expected');
    expect(s.chart.data.map((d) => d.label)).not.toContain('On or near Parking Area');
    expect(s.table.rows.map((d) => d.label)).not.toContain('On or near Parking Area');
    expect(s.notes.join(' ')).toContain(`${c.byLabel[2]!.toLocaleString('en-GB')} records whose label is a place type`);
  });
  it('titles the months with the total that passes every filter', () => {
    expect(byId.get('explorer-months')!.title).toContain(`${c.total.toLocaleString('en-GB')} record`);
    expect(byId.get('explorer-months')!.subtitle).toContain('burglary');
  });
  it('maps the records that pass every filter, in cells', () => {
    const m = byId.get('explorer-map')!;
    if (m.chart.kind !== 'pointMap') throw new Error('pointMap expected');
    expect(m.chart.points.reduce((a, p) => a + (p.n ?? 0), 0)).toBe(c.total);
  });
  it('draws the map on a page with its cells on a canvas, and as one circle a cell otherwise', () => {
    const m = byId.get('explorer-map')!;
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    if (m.chart.kind !== 'pointMap') throw new Error('pointMap expected');
    // On the borough outlines (the test's context has none).
    const chart = { ...m.chart, base: loadBoroughTopo(), focus: undefined };
    const draw = (canvas: boolean) => renderChart(chart, { width: 720, document, canvas });
    const onPage = draw(true);
    expect(onPage.querySelectorAll('foreignObject > canvas')).toHaveLength(1);
    expect(onPage.querySelectorAll('circle')).toHaveLength(0);
    const alone = draw(false);
    expect(alone.querySelectorAll('canvas')).toHaveLength(0);
    expect(alone.querySelectorAll('circle')).toHaveLength(m.chart.points.length);
  });
});

describe('JSON in a page', () => {
  it('cannot end its script element, and parses back to the same value', () => {
    const v = { name: '</script><img src=x onerror=alert(1)>', sep: 'a\u2028b', amp: 'R&D' };
    const s = scriptJson(v);
    expect(s).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(s)).toEqual(v);
  });
});

describe('explorer map', () => {
  // A borough's real records (the derived files the page loads): thousands of snap points, so the map counts cells.
  const json = (f: string) => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8')) as never;
  const r = buildRecords([explorerInput(json('hotspots_met_E09000033.json'), json('explorer_met_E09000033.json'))]);
  const ctx = { place: 'Westminster', force: 'Test', sources: [], outcomeSource: 'test', boroughs: loadBoroughTopo() };
  /** The map's points counted the plain way: by the text of each snap point's coordinates, then of its cell. */
  function plainPoints(c: ReturnType<typeof crossCount>) {
    const at = new Map<string, { lon: number; lat: number; n: number }>();
    c.byPlace.forEach((k, p) => {
      if (!k) return;
      const key = `${r.place.lon[p]},${r.place.lat[p]}`;
      const pt = at.get(key) ?? { lon: r.place.lon[p]!, lat: r.place.lat[p]!, n: 0 };
      pt.n += k;
      at.set(key, pt);
    });
    if (at.size <= MAP_POINTS) return [...at.values()];
    const cells = new Map<string, { lon: number; lat: number; n: number }>();
    for (const pt of at.values()) {
      const [gx, gy] = [Math.floor(pt.lon / CELL_LON), Math.floor(pt.lat / CELL_LAT)];
      const cell = cells.get(`${gx},${gy}`) ?? {
        lon: Math.round((gx + 0.5) * CELL_LON * 1e5) / 1e5,
        lat: Math.round((gy + 0.5) * CELL_LAT * 1e5) / 1e5,
        n: 0,
      };
      cell.n += pt.n;
      cells.set(`${gx},${gy}`, cell);
    }
    return [...cells.values()];
  }
  const byCount = (a: { lon: number; lat: number; n: number }, b: typeof a) =>
    b.n - a.n || a.lon - b.lon || a.lat - b.lat;
  it.each([
    ['every crime', {}],
    ['one type', { types: [r.types.indexOf('Burglary')] }],
    ['one type in one ward', { types: [r.types.indexOf('Robbery')], parts: [0] }],
    ['one month', { from: 3, to: 3 }],
  ])('counts the same points as a plain count: %s', (_name, change) => {
    const f = { ...defaultFilter(r), ...change };
    const c = crossCount(r, masksOf(r, f));
    const m = mapFigure(r, f, c, ctx);
    if (m.chart.kind !== 'pointMap') throw new Error('pointMap expected');
    expect(m.chart.points).toEqual(plainPoints(c).sort(byCount));
    expect(m.chart.points.reduce((a, p) => a + p.n!, 0)).toBe(c.total);
  });
  it('counts cells where the points are many, and points where they are few', () => {
    const all = crossCount(r, masksOf(r, defaultFilter(r)));
    expect(mapFigure(r, defaultFilter(r), all, ctx).subtitle).toContain('cells of about 100 m');
    const f = { ...defaultFilter(r), types: [r.types.indexOf('Robbery')], parts: [0], from: 3, to: 3 };
    const few = mapFigure(r, f, crossCount(r, masksOf(r, f)), ctx);
    expect(few.subtitle).toContain('Records at each snap point');
  });
});
