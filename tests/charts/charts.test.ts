import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { Topology } from 'topojson-specification';
import { changeByGroupChart } from '../../src/charts/changeByGroup.ts';
import { monthlyTrendChart } from '../../src/charts/monthlyTrend.ts';
import { rankedBarsChart } from '../../src/charts/rankedBars.ts';
import {
  choroplethChart,
  classOf,
  outlineDrawing,
  quantileBreaks,
  recolourChoropleth,
} from '../../src/charts/choropleth.ts';
import { normalizeSvg } from './normalize.ts';
import { outlinesOf, relative } from '../../src/charts/outlines.ts';
import { frameAt } from '../../src/lib/outlines.ts';
import { geoMercator } from 'd3-geo';
import { feature } from 'topojson-client';
import { pairedDotsChart } from '../../src/charts/pairedDots.ts';
import { releaseShareChart } from '../../src/charts/releaseShare.ts';
import { rollingChart } from '../../src/charts/rolling.ts';
import { divergingBarsChart } from '../../src/charts/changeByGroup.ts';
import { hotspotMapChart, networkD } from '../../src/charts/hotspotMap.ts';
import { concentrationCurveChart } from '../../src/charts/concentrationCurve.ts';
import { locatorChart } from '../../src/charts/locator.ts';
import { scatterChart } from '../../src/charts/scatter.ts';
import { multiLineChart } from '../../src/charts/multiLine.ts';
import { stackedBarsChart } from '../../src/charts/stackedBars.ts';
import { heatmapChart } from '../../src/charts/heatmap.ts';
import { pointMapChart } from '../../src/charts/pointMap.ts';
import { comparatorChart, funnelChart, intervalsChart } from '../../src/charts/funnel.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document;

const groups = [
  { group: 'THEFT', previous: 316000, latest: 284604, change: -31396, pctChange: -9.935 },
  { group: 'VIOLENCE AGAINST THE PERSON', previous: 231000, latest: 245000, change: 14000, pctChange: 6.06 },
  { group: 'NFIB FRAUD', previous: 160, latest: 10, change: -150, pctChange: -93.75 },
];
const trend = Array.from({ length: 15 }, (_, i) => {
  const month = `2024-${String((i % 12) + 1).padStart(2, '0')}`.replace(/^2024-(\d\d)$/, (m, mm) =>
    i >= 12 ? `2025-${mm}` : m,
  );
  return { month, total: 70000 + i * 100, rolling: i >= 11 ? 70550 + (i - 11) * 100 : null };
});
/** Two squares, as a tiny TopoJSON in the real format (rings clockwise for d3, quantised, delta-encoded). */
const topo: Topology = {
  type: 'Topology',
  transform: { scale: [0.001, 0.001], translate: [-0.2, 51.4] },
  objects: {
    boroughs: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[-2, -1]], properties: { code: 'E09000001', name: 'City of London' } },
        { type: 'Polygon', arcs: [[-3, 0]], properties: { code: 'E09000033', name: 'Westminster' } },
      ],
    } as never,
  },
  arcs: [
    [
      [100, 0],
      [0, 100],
    ],
    [
      [100, 100],
      [-100, 0],
      [0, -100],
      [100, 0],
    ],
    [
      [100, 0],
      [100, 0],
      [0, 100],
      [-100, 0],
    ],
  ],
};

describe('chart functions render stable SVG', () => {
  for (const width of [360, 720]) {
    it(`change by offence group at ${width}px`, async () => {
      const svg = changeByGroupChart(groups, { width, document: doc(), ariaLabel: 'Change' });
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.querySelectorAll('g[aria-label]:not([role="group"])')).toHaveLength(0);
      const text = svg.outerHTML;
      expect(text).toContain('−93.8%');
      expect(text).toContain('NFIB fraud');
      await expect(normalizeSvg(text)).toMatchFileSnapshot(`__snapshots__/change-by-group-${width}.svg`);
    });

    it(`monthly trend at ${width}px`, async () => {
      const svg = monthlyTrendChart(trend, { width, document: doc(), ariaLabel: 'Trend' });
      expect(svg.querySelectorAll('title')).toHaveLength(15);
      expect(svg.querySelector('title')!.textContent).toBe('Jan 2024: 70,000 crimes');
      await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot(`__snapshots__/monthly-trend-${width}.svg`);
    });
  }

  it('ranked bars', async () => {
    const svg = rankedBarsChart(
      [
        { label: 'Westminster', value: 395.2, text: '395.2', title: 'Westminster: 395.2' },
        { label: 'Camden', value: 190.9, text: '190.9', title: 'Camden: 190.9', highlight: true },
      ],
      { width: 560, document: doc(), xLabel: 'Crimes per 1,000 residents →', ariaLabel: 'Rates' },
    );
    expect(svg.outerHTML).toContain('395.2');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/ranked-bars.svg');
  });

  it('ranked dots with the highlighted row as a diamond', async () => {
    const svg = rankedBarsChart(
      [
        { label: 'West Yorkshire', value: 125.9, text: '125.9', title: 'West Yorkshire: 125.9' },
        { label: 'Metropolitan Police ◀', value: 102.3, text: '102.3', title: 'MPS: 102.3', highlight: true },
      ],
      { width: 560, document: doc(), xLabel: 'Crimes per 1,000 population →', mark: 'dot', ariaLabel: 'Forces' },
    );
    expect(svg.querySelectorAll('rect')).toHaveLength(0);
    expect(svg.querySelectorAll('g[aria-label="dot"]')).toHaveLength(2);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/ranked-dots.svg');
  });

  it('choropleth with a no-data area and a legend of class ranges', async () => {
    const svg = choroplethChart(
      outlinesOf(topo, 'boroughs'),
      [{ code: 'E09000033', value: 395.2, title: 'Westminster: 395.2' }],
      {
        width: 400,
        document: doc(),
        breaks: [100, 200, 300, 350],
        legendLabel: 'Crimes per 1,000 residents',
        formatValue: (v) => v.toFixed(1),
        noDataLabel: 'No MPS data',
        ariaLabel: 'Map',
      },
    );
    const paths = svg.querySelectorAll('path[data-code]');
    expect(paths).toHaveLength(2);
    expect(paths[0]!.getAttribute('fill')).toBe('var(--lca-nodata)');
    expect(paths[1]!.getAttribute('fill')).toBe('#045a8d');
    // One tab stop for the map: the first area holds it (no area selected), the others are reached by the arrow keys.
    expect(Array.from(paths).map((p: Element) => p.getAttribute('tabindex'))).toEqual(['0', '-1']);
    expect(paths[1]!.getAttribute('aria-label')).toBe('Westminster: 395.2');
    // The squares fill a sensible part of the frame (not the whole sphere).
    for (const p of paths) expect(p.getAttribute('d')!.length).toBeLessThan(200);
    expect(svg.textContent).toContain('No MPS data');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/choropleth.svg');
  });

  it('outlines projected once, at 720 px, are the projection fitted at any width through one transform', () => {
    const o = outlinesOf(topo, 'boroughs');
    expect(outlinesOf(topo, 'boroughs')).toBe(o); // made once
    expect(o.codes).toEqual(['E09000001', 'E09000033']);
    // At 400 px the transform takes the 720 px frame exactly where d3-geo fitted at 400 px puts a point.
    const fitted = (w: number) =>
      geoMercator()
        .precision(0)
        .fitExtent(
          [
            [4, 4],
            [w - 4, Math.round(w * 0.78) - 4],
          ],
          feature(topo, 'boroughs'),
        );
    const f = frameAt(o, 400);
    const lonLat: [number, number] = [-0.13, 51.51];
    const [x720, y720] = fitted(720)(lonLat)!;
    const [x400, y400] = fitted(400)(lonLat)!;
    expect(f.scale * x720 + f.dx).toBeCloseTo(x400, 6);
    expect(f.scale * y720 + f.dy).toBeCloseTo(y400, 6);
    const same = frameAt(o, 720);
    expect([same.scale, same.dx, same.dy].map((v) => Number(v.toFixed(9)))).toEqual([1, 0, 0]);
  });

  it('outlines are written with relative lines that land on exactly the points of the absolute path', () => {
    const absolute = 'M10.5,4L12,3.9L9.5,-4.2L0,0.1Z M100,7L100.3,7L99.9,6Z';
    const rel = relative(absolute);
    expect(rel).toBe('M10.5,4l1.5-.1l-2.5-8.1l-9.5,4.3zM100,7l.3,0l-.4-1z');
    // An independent reading of both: the points each path visits, in tenths.
    const points = (d: string) => {
      const out: [number, number][] = [];
      let at: [number, number] = [0, 0];
      for (const [, c, args] of d.matchAll(/([MLlZz])([^MLlZz]*)/g)) {
        if (c === 'Z' || c === 'z') continue;
        const [x, y] = (args!.match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).map((v) => Math.round(Number(v) * 10));
        at = c === 'l' ? [at[0] + x!, at[1] + y!] : [x!, y!];
        out.push(at);
      }
      return out;
    };
    expect(points(rel)).toEqual(points(absolute));
    // Every area of a real geography: the same points.
    const o = outlinesOf(topo, 'boroughs');
    expect(o.d.every((d) => /^[Mlz\d.,-]+$/.test(d))).toBe(true);
  });

  it('outlines drawn ahead, one area per step, then coloured: what a drawing made at once draws', () => {
    const opts = { width: 400, breaks: [100], legendLabel: 'Rate', formatValue: String, noDataLabel: 'No value' };
    const data = [{ code: 'E09000033', value: 395.2, title: 'Westminster: 395.2' }];
    const o = outlinesOf(topo, 'boroughs');
    const drawing = outlineDrawing(o, undefined, 400, doc(), 1);
    let r = drawing.next();
    let pauses = 0;
    for (; !r.done; r = drawing.next()) pauses++;
    expect(pauses).toBe(2); // one pause after each of the two areas
    const svg = r.value;
    expect(svg.querySelector('g.lca-areas')!.getAttribute('transform')).toMatch(
      /^translate\([\d.-]+ [\d.-]+\) scale\([\d.]+\)$/,
    );
    expect(recolourChoropleth(svg, o, data, { ...opts, document: doc(), tips: true })).toBe(true);
    expect(svg.outerHTML).toBe(choroplethChart(o, data, { ...opts, document: doc(), tips: true }).outerHTML);
    // Other outlines (even of the same areas) are not recoloured: the caller draws them anew.
    expect(recolourChoropleth(svg, structuredClone(o), data, { ...opts, document: doc(), tips: true })).toBe(false);
  });
});

describe('national charts render stable SVG', () => {
  it('paired dots with a shape key and a missing value', async () => {
    const svg = pairedDotsChart(
      [
        { label: 'Total recorded crime', a: 8.4, b: 3.9, title: 'Total: MPS +8.4%, E&W +3.9%' },
        { label: '· Homicide', a: null, b: 2.3, title: 'Homicide: MPS –, E&W +2.3%' },
      ],
      {
        width: 720,
        document: doc(),
        xLabel: 'Change (%) →',
        aLabel: 'Metropolitan Police',
        bLabel: 'England and Wales',
        ariaLabel: 'Paired',
      },
    );
    expect(svg.querySelectorAll('g[aria-label="dot"]')).toHaveLength(4); // two series + two key symbols
    expect(svg.textContent).toContain('Metropolitan Police');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/paired-dots.svg');
  });

  it('release share with a partial release and a break before a later release', async () => {
    const pt = (period: string, share: number, partial: boolean, segment: number, selected = false) => ({
      period,
      share,
      partial,
      segment,
      selected,
      title: period,
      text: share.toFixed(1),
    });
    const svg = releaseShareChart(
      [
        pt('2019-06', 16.6, false, 0),
        pt('2019-09', 18.1, true, 0),
        pt('2019-12', 18.2, true, 0, true),
        pt('2025-06', 17.8, false, 1),
      ],
      {
        width: 720,
        document: doc(),
        yLabel: '↑ Share (%)',
        ariaLabel: 'Share',
      },
    );
    expect(svg.textContent).toContain('18.2*');
    expect(svg.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/release-share.svg');
  });

  it('rolling totals over change on a year earlier, as two panels in one SVG', async () => {
    const data = Array.from({ length: 14 }, (_, i) => ({
      month: `2011-${String((i % 12) + 1).padStart(2, '0')}`.replace(/^2011-(\d\d)$/, (m, mm) =>
        i >= 12 ? `2012-${mm}` : m,
      ),
      rolling: 800000 + i * 1000,
      pct: i >= 12 ? 1.5 - i * 0.2 : null,
    }));
    const svg = rollingChart(data, { width: 720, document: doc(), ariaLabel: 'Rolling' });
    expect(svg.querySelectorAll(':scope > svg')).toHaveLength(2);
    expect(svg.querySelectorAll('rect title')).toHaveLength(2);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/rolling.svg');
  });

  it('diverging bars with values in a column', async () => {
    const svg = divergingBarsChart(
      [
        { label: 'Westminster', value: -10.8, text: '−10.8%', title: 'Westminster' },
        { label: 'Kingston upon Thames', value: 5.4, text: '+5.4%', title: 'Kingston' },
      ],
      { width: 560, document: doc(), xLabel: 'Change (%) →', ariaLabel: 'Boroughs' },
    );
    expect(svg.querySelectorAll('rect')[0]!.getAttribute('fill')).toBe('var(--lca-fall)');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/diverging-bars.svg');
  });
});

describe('hotspot maps, the concentration curve, the locator and the scatter render stable SVG', () => {
  // A 400 × 300 m study area; two streets as encoded paths (first point, then differences).
  const outline: [number, number][][] = [
    [
      [0, 0],
      [400, 0],
      [400, 300],
      [0, 300],
      [0, 0],
    ],
  ];
  const network = [
    [0, 150, 400, 0],
    [200, 0, 0, 300],
  ];
  const legend = [
    { label: 'Hot', colour: '#b2182b' },
    { label: 'Warm', colour: '#ef8a62' },
  ];

  it('grid cells over a street network, drawn inline, with the OSM credit; runs of a class merged', async () => {
    const svg = hotspotMapChart(
      {
        outline,
        base: { network },
        layer: { type: 'cells', x0: 0, y0: 0, size: 100, nx: 4, cells: [0, 0, 1, -1, -1, 1, 1, -1, -1, -1, -1, 0] },
        legend,
        legendTitle: 'Class',
        credit: '© OpenStreetMap contributors',
      },
      { width: 360, document: doc(), ariaLabel: 'Cells' },
    );
    expect(svg.querySelector('[data-base=network]')!.tagName.toLowerCase()).toBe('path');
    expect(svg.querySelector('[data-credit]')!.textContent).toBe('© OpenStreetMap contributors');
    // Row 0 has a run of two class-0 cells: one rectangle of two cells' width.
    expect(svg.querySelector('path[data-class="0"]')!.getAttribute('d')!.match(/M/g)).toHaveLength(2);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/hotspot-cells.svg');
  });

  it('refers to the shared network drawing at the page widths, and draws it inline for a download', () => {
    const spec = {
      outline,
      base: { network, networkHref: '/x/figures/base/city' },
      layer: { type: 'cells' as const, x0: 0, y0: 0, size: 100, nx: 4, cells: [] },
      legend,
      legendTitle: 'Class',
    };
    const onPage = hotspotMapChart(spec, { width: 720, document: doc() });
    expect(onPage.querySelector('use[data-base=network]')!.getAttribute('href')).toBe(
      '/x/figures/base/city-720.svg#net',
    );
    const alone = hotspotMapChart(spec, { width: 720, document: doc(), inline: true });
    expect(alone.querySelector('use')).toBeNull();
    // The inline path is the shared file's path.
    expect(alone.querySelector('path[data-base=network]')!.getAttribute('d')).toBe(networkD(outline, network, 720));
  });

  it('street segments coloured by class over wards', async () => {
    const svg = hotspotMapChart(
      {
        outline,
        base: {
          wards: [
            [
              [
                [0, 0],
                [200, 0],
                [200, 300],
                [0, 300],
                [0, 0],
              ],
            ],
          ],
        },
        layer: { type: 'segments', paths: network, classes: [0, -1], widths: [4, 2] },
        legend,
        legendTitle: 'Segments',
      },
      { width: 360, document: doc(), ariaLabel: 'Segments' },
    );
    expect(svg.querySelectorAll('path[data-class]')).toHaveLength(1);
    expect(svg.querySelector('[data-base=wards]')).not.toBeNull();
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/hotspot-segments.svg');
  });

  it('points sized by count with their tooltips', async () => {
    const svg = hotspotMapChart(
      {
        outline,
        layer: {
          type: 'points',
          points: [
            { x: 100, y: 100, n: 9, cls: 0, title: 'A: 9' },
            { x: 300, y: 200, n: 1, cls: 1, title: '' },
          ],
        },
        legend,
        legendTitle: 'Streets',
      },
      { width: 360, document: doc(), ariaLabel: 'Points' },
    );
    expect(svg.querySelectorAll('circle')).toHaveLength(2);
    expect(svg.querySelectorAll('circle title')).toHaveLength(1);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/hotspot-points.svg');
  });

  it('areas of a topology, merged by class, over a base', async () => {
    const svg = hotspotMapChart(
      {
        layer: {
          type: 'areas',
          topology: topo,
          objectName: 'boroughs',
          classes: { E09000001: 0, E09000033: 0 },
          base: { topology: topo, objectName: 'boroughs' },
        },
        legend,
        legendTitle: 'Areas',
      },
      { width: 360, document: doc(), ariaLabel: 'Areas' },
    );
    // Both squares are one class: one merged shape.
    expect(svg.querySelectorAll('path[data-class="0"]')).toHaveLength(1);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/hotspot-areas.svg');
  });

  it('the concentration curve', async () => {
    const svg = concentrationCurveChart(
      {
        withCrime: [
          { places: 0, crime: 0 },
          { places: 0.5, crime: 0.8 },
          { places: 1, crime: 1 },
        ],
        all: [
          { places: 0, crime: 0 },
          { places: 0.1, crime: 0.8 },
          { places: 0.2, crime: 1 },
          { places: 1, crime: 1 },
        ],
        placeWord: 'streets',
      },
      { width: 360, document: doc(), ariaLabel: 'Curve' },
    );
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/concentration.svg');
  });

  it('the locator', async () => {
    const svg = locatorChart(topo, topo, {
      width: 360,
      document: doc(),
      baseObject: 'boroughs',
      targetObject: 'boroughs',
      code: 'E09000001',
      neighbours: ['E09000033'],
      label: 'City of London',
      ariaLabel: 'Where',
    });
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/locator.svg');
  });

  it('the scatter', async () => {
    const data = Array.from({ length: 12 }, (_, i) => ({
      code: `E0900000${i}`,
      name: `Area ${i}`,
      x: i,
      y: 2 * i + (i % 3),
    }));
    const svg = scatterChart(data, {
      width: 360,
      document: doc(),
      xLabel: 'X',
      yLabel: 'Y',
      selected: 'E09000003',
      ariaLabel: 'Scatter',
    });
    // The selected area is ringed in the highlight colour and named in bold (Area 3 is no outlier, so named once).
    expect(svg.querySelectorAll('g[stroke="var(--lca-highlight)"] circle')).toHaveLength(1);
    expect(Array.from(svg.querySelectorAll('g[font-weight=bold] text'), (t) => t.textContent)).toEqual(['Area 3']);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/scatter.svg');
  });
});

describe('class breaks', () => {
  it('splits values into quantile classes', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5], 4)).toEqual([2, 3, 4]);
    expect(classOf(1, [2, 3, 4])).toBe(0);
    expect(classOf(2, [2, 3, 4])).toBe(0);
    expect(classOf(2.5, [2, 3, 4])).toBe(1);
    expect(classOf(9, [2, 3, 4])).toBe(3);
  });
});

describe('violence charts render stable SVG', () => {
  it('several monthly series, each with its own colour and marker, named in a key', async () => {
    const months = ['2025-01', '2025-02', '2025-03', '2025-04'];
    const series = [
      { label: 'Knife crime', values: [100, 110, null, 120] },
      { label: 'Knife crime with injury', values: [30, 32, 31, 29] },
    ];
    const svg = multiLineChart(months, series, {
      width: 720,
      document: doc(),
      yLabel: '↑ In the 12 months to each month',
      unit: 'offences',
      ariaLabel: 'Lines',
    });
    // Two lines, one end marker each, the hover dots, and two key markers.
    expect(svg.querySelectorAll('g[aria-label="line"]')).toHaveLength(2);
    expect(svg.textContent).toContain('Knife crime with injury');
    expect([...svg.querySelectorAll('title')].map((t) => t.textContent)).toContain(
      'Knife crime, Apr 2025: 120 offences',
    );
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/multi-line.svg');
    expect(() =>
      multiLineChart(
        months,
        Array.from({ length: 6 }, () => series[0]!),
        { width: 720, document: doc(), yLabel: 'y', unit: 'u' },
      ),
    ).toThrow(/at most 5/);
  });

  it('stacked bars in the given order, with totals and a key; narrow drawings thin the labels', async () => {
    const data = [
      { category: '2021', series: 'Male', value: 120 },
      { category: '2021', series: 'Female', value: 10 },
      { category: '2022', series: 'Male', value: 100 },
      { category: '2022', series: 'Female', value: 12 },
    ];
    const wide = stackedBarsChart(data, {
      width: 720,
      document: doc(),
      categories: ['2021', '2022'],
      series: ['Male', 'Female'],
      yLabel: '↑ People',
      unit: 'people',
      ariaLabel: 'Bars',
    });
    expect(wide.textContent).toContain('130');
    expect([...wide.querySelectorAll('title')].map((t) => t.textContent)).toContain('2022, Female: 12 people (of 112)');
    await expect(normalizeSvg(wide.outerHTML)).toMatchFileSnapshot('__snapshots__/stacked-bars.svg');
    const narrow = stackedBarsChart(data, {
      width: 360,
      document: doc(),
      categories: ['2021', '2022'],
      series: ['Male', 'Female'],
      yLabel: '↑ People',
      unit: 'people',
      everyNth: 2,
    });
    expect([...narrow.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual([
      '2021',
      '',
    ]);
  });
});

describe('ISTV charts render stable SVG', () => {
  it('a day × hour heat map with classes named in a legend, empty cells blank', async () => {
    const rows = ['Monday', 'Tuesday'];
    const cols = ['0', '1', '2'];
    const data = rows.flatMap((r, i) =>
      cols.map((c, j) => ({ row: r, col: c, value: i * 3 + j, title: `${r} ${c}: ${i * 3 + j}` })),
    );
    const svg = heatmapChart(data, {
      width: 720,
      document: doc(),
      rows,
      cols,
      xLabel: 'Hour →',
      breaks: [1, 2, 3, 4],
      legendLabel: 'Attendances',
      ariaLabel: 'Heat',
    });
    const fills = [...svg.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.getAttribute('fill'));
    expect(fills[0]).toBe('transparent');
    expect(new Set(fills).size).toBe(6);
    expect(svg.textContent).toContain('5+');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/heatmap.svg');
    // A suppressed cell (null) is drawn grey and named in the legend.
    const sup = heatmapChart(
      [...data.slice(1), { row: 'Monday', col: '0', value: null, title: 'Monday 0: suppressed' }],
      { width: 360, document: doc(), rows, cols, xLabel: 'Hour →', breaks: [1, 2, 3, 4], legendLabel: 'Attendances' },
    );
    expect(sup.textContent).toContain('suppressed');
    expect([...sup.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.getAttribute('fill'))).toContain(
      'var(--lca-nodata)',
    );
  });

  it('points on the boundaries as dots, or in hexagonal cells when many', async () => {
    const few = Array.from({ length: 5 }, (_, i) => ({ lon: -0.17 + i * 0.005, lat: 51.41 + i * 0.004 }));
    const svg = pointMapChart(few, {
      width: 640,
      document: doc(),
      base: topo,
      baseObject: 'boroughs',
      binAbove: 10,
      unit: 'assaults',
      ariaLabel: 'Map',
    });
    expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(5);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/point-map.svg');
    const many = Array.from({ length: 50 }, (_, i) => ({ lon: -0.17 + (i % 5) * 0.001, lat: 51.41 + (i % 3) * 0.001 }));
    const binned = pointMapChart(many, {
      width: 640,
      document: doc(),
      base: topo,
      baseObject: 'boroughs',
      binAbove: 10,
      unit: 'assaults',
    });
    const titles = [...binned.querySelectorAll('g[aria-label="dot"] title')].map((t) =>
      Number(/^(\d+)/.exec(t.textContent)![1]),
    );
    expect(titles.reduce((a, b) => a + b, 0)).toBe(50);
    expect(titles.length).toBeLessThan(50);
  });

  it('a funnel plot: limit curves over the sample size, areas at theirs, areas beyond the outer limit named once per point', async () => {
    const curve = (z: number) =>
      [100, 200, 400, 800].map((n) => ({ n, lo: 50 - z * Math.sqrt(2500 / n), hi: 50 + z * Math.sqrt(2500 / n) }));
    const data = [
      {
        code: 'A',
        label: 'Alpha',
        value: 50,
        lo: 45,
        hi: 55,
        role: 'selected' as const,
        title: 'Alpha: 50%',
        n: 400,
        beyond: false,
      },
      {
        code: 'B',
        label: 'Beta',
        value: 60,
        lo: 55,
        hi: 65,
        role: 'similar' as const,
        title: 'Beta: 60%',
        n: 400,
        beyond: true,
      },
      {
        code: 'C',
        label: 'Gamma',
        value: 60,
        lo: 55,
        hi: 65,
        role: 'other' as const,
        title: 'Gamma: 60%',
        n: 400,
        beyond: true,
      },
      {
        code: 'D',
        label: 'Delta',
        value: 48,
        lo: 43,
        hi: 53,
        role: 'other' as const,
        title: 'Delta: 48%',
        n: 400,
        beyond: false,
      },
    ];
    const svg = funnelChart(data, {
      width: 720,
      document: doc(),
      target: 50,
      targetLabel: 'London 50%',
      curves: [
        { label: '95% limits', points: curve(1.96) },
        { label: '99.8% limits', points: curve(3.09) },
      ],
      xLabel: 'Interviews',
      yLabel: 'Share (%)',
      ariaLabel: 'Funnel',
    });
    const labels = [...svg.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    expect(labels).toContain('Beta, Gamma');
    expect(labels).toContain('Alpha');
    expect(labels).not.toContain('Delta');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/funnel.svg');
  });

  it('ranked values with intervals, the chosen area a diamond and similar areas squares', async () => {
    const data = [
      { code: 'B', label: 'Beta', value: 60, lo: 55, hi: 65, role: 'similar' as const, title: 'Beta: 60%' },
      { code: 'A', label: 'Alpha', value: 50, lo: 45, hi: 55, role: 'selected' as const, title: 'Alpha: 50%' },
      { code: 'D', label: 'Delta', value: 48, lo: 43, hi: 53, role: 'other' as const, title: 'Delta: 48%' },
    ];
    const svg = intervalsChart(data, {
      width: 360,
      document: doc(),
      target: 52,
      targetLabel: 'London 52%',
      xLabel: 'Share (%)',
      ariaLabel: 'Intervals',
    });
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/intervals.svg');
  });

  it("the ward comparator: similar areas' range as a bar, the area a diamond, its borough a square, a key above", async () => {
    const rows = [
      { label: 'All offences', value: 125, lo: 62.5, hi: 150, borough: 93.8, title: 'All offences' },
      { label: 'Miscellaneous crimes against society', value: null, lo: 20, hi: 300, borough: null, title: 'Misc' },
    ];
    for (const width of [360, 720]) {
      const svg = comparatorChart(rows, {
        width,
        document: doc(),
        xLabel: '% of the median',
        areaLabel: 'Abbey',
        boroughLabel: 'Barking and Dagenham',
        ariaLabel: 'Comparator',
      });
      expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(
        expect.arrayContaining(['Abbey', 'Barking and Dagenham']),
      );
      await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot(`__snapshots__/comparator-${width}.svg`);
    }
  });

  it('a choropleth of named groups: the legend names each group, on two lines after its comma', async () => {
    const svg = choroplethChart(
      outlinesOf(topo, 'boroughs'),
      [{ code: 'E09000033', value: 1, title: 'Westminster: Denser, younger' }],
      {
        width: 360,
        document: doc(),
        breaks: [0.5],
        categories: ['Older, fewer flats', 'Denser, younger'],
        palette: ['#1b9e77', '#d95f02'],
        legendLabel: 'Group',
        noDataLabel: 'Not surveyed',
        formatValue: String,
        ariaLabel: 'Groups',
      },
    );
    const legend = [...svg.querySelectorAll('g.lca-legend text')].map((t) => t.textContent);
    expect(legend).toEqual(['Group', 'Older,fewer flats', 'Denser,younger', 'Not surveyed']);
    expect(svg.querySelector('path[data-code="E09000033"]')!.getAttribute('fill')).toBe('#d95f02');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('__snapshots__/choropleth-groups.svg');
  });

  it('a band around a series, in its colour, where both bounds are known', () => {
    const months = ['2023-03', '2023-06', '2023-09', '2023-12'];
    const svg = multiLineChart(
      months,
      [
        { label: 'Barnet', values: [60, 61, null, 63], band: { lo: [55, 56, null, 58], hi: [65, 66, null, 68] } },
        { label: 'London', values: [58, 59, 60, 61] },
      ],
      { width: 360, document: doc(), yLabel: '%', unit: '%' },
    );
    const areas = [...svg.querySelectorAll('g[aria-label="area"] path')];
    expect(areas).toHaveLength(1);
    expect(areas[0]!.closest('g')!.getAttribute('fill') ?? areas[0]!.getAttribute('fill')).toBe('#1b9e77');
  });
});
