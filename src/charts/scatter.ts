import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, fontPx, xTicks, xTitle, Y_TITLE_ROOM, yTitle, type ChartOptions } from './common.ts';
import { formatValue } from '../lib/format.ts';

export interface ScatterDatum {
  code: string;
  name: string;
  x: number;
  y: number;
}

/**
 * Above this many areas (boroughs have labelled dots; wards, MSOAs and LSOAs do not) the
 * dots are one path without a label each: the figure's table and CSV have every value.
 */
const MANY = 300;

/**
 * All the dots as one SVG path, in Plot's scales: a Plot function mark. Written here
 * for speed: Plot's dot mark makes an element (and a label) per dot, which took about
 * two seconds for London's 4,994 LSOAs, and 150–250 ms for its 704 wards, at the
 * benchmark's 4× CPU slowdown (bench/atlas-results.md).
 */
function dotsAsOnePath(data: ScatterDatum[], r: number): Plot.RenderFunction {
  return (_index, scales, _values, _dimensions, context) => {
    const x = scales.x as (v: number) => number;
    const y = scales.y as (v: number) => number;
    const k = (v: number) => Math.round(v * 10) / 10;
    let d = '';
    for (const p of data) d += `M${k(x(p.x) - r)},${k(y(p.y))}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    const path = context.document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', C.accent);
    path.setAttribute('fill-opacity', '0.55');
    path.setAttribute('aria-hidden', 'true');
    return path;
  };
}

/**
 * Two indicators for the same areas: one dot per area, a least-squares line, the
 * selected area ringed and named, and the areas furthest from the line named.
 */
export function scatterChart(
  data: ScatterDatum[],
  opts: ChartOptions & {
    xLabel: string;
    yLabel: string;
    selected?: string | null;
    outliers?: number;
    formatX?: (v: number) => string;
    formatY?: (v: number) => string;
  },
): SVGSVGElement {
  const n = data.length;
  const mx = data.reduce((a, d) => a + d.x, 0) / n;
  const my = data.reduce((a, d) => a + d.y, 0) / n;
  const sxx = data.reduce((a, d) => a + (d.x - mx) ** 2, 0);
  const slope = sxx ? data.reduce((a, d) => a + (d.x - mx) * (d.y - my), 0) / sxx : 0;
  const resid = data.map((d) => ({ d, r: Math.abs(d.y - (my + slope * (d.x - mx))) }));
  const out = resid
    .sort((a, b) => b.r - a.r)
    .slice(0, opts.outliers ?? 3)
    .map((x) => x.d);
  const sel = data.filter((d) => d.code === opts.selected);
  const narrow = opts.width < 520;
  const fx = opts.formatX ?? String;
  const fy = opts.formatY ?? String;
  const many = n > MANY;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const d of data) {
    if (d.x < x0) x0 = d.x;
    if (d.x > x1) x1 = d.x;
    if (d.y < y0) y0 = d.y;
    if (d.y > y1) y1 = d.y;
  }
  const [marginLeft, marginRight] = [60, 20];
  const title = xTitle(`${opts.xLabel} →`, { width: opts.width, marginLeft, marginRight });
  const yt = yTitle(`↑ ${opts.yLabel}`, { width: opts.width, marginLeft });
  // Names at the base size, so that shown in the narrowest column of their band they are still 11 px.
  const nameSize = fontPx(opts.width);
  // A name near the left or right of the plot runs inwards from its point, clear of the axis and the edge.
  const anchored = (ds: ScatterDatum[], o: Plot.TextOptions) => {
    const at = (d: ScatterDatum) => (x1 > x0 ? (d.x - x0) / (x1 - x0) : 0.5);
    return (
      [
        ['start', (d: ScatterDatum) => at(d) < 0.3],
        ['middle', (d: ScatterDatum) => at(d) >= 0.3 && at(d) <= 0.7],
        ['end', (d: ScatterDatum) => at(d) > 0.7],
      ] as const
    ).map(([textAnchor, where]) => Plot.text(ds.filter(where), { ...o, textAnchor }));
  };
  const svg = Plot.plot({
    ...basePlot(opts),
    height: (narrow ? 300 : 420) + title.marginBottom + yt.marginTop - Y_TITLE_ROOM,
    marginLeft,
    marginRight,
    marginTop: yt.marginTop,
    marginBottom: title.marginBottom,
    grid: true,
    x: {
      ...title.axis,
      nice: true,
      ticks: xTicks(opts.width - marginLeft - marginRight, fx(x1).length),
      ...(n ? { domain: [x0, x1] } : {}),
    },
    y: { ...yt.axis, nice: true, ...(n ? { domain: [y0, y1] } : {}) },
    marks: [
      many
        ? dotsAsOnePath(data, 1.5)
        : Plot.dot(data, {
            x: 'x',
            y: 'y',
            r: 3,
            fill: C.accent,
            fillOpacity: 0.55,
            title: (d: ScatterDatum) => `${d.name} (${d.code}): ${fx(d.x)}, ${fy(d.y)}`,
          }),
      Plot.linearRegressionY(data, { x: 'x', y: 'y', stroke: C.fg, strokeWidth: 1.5, ci: 0 }),
      Plot.dot(out, { x: 'x', y: 'y', r: 4, stroke: C.fg, fill: 'none' }),
      // Outlier names above and below in turn, so that neighbours do not print over each other.
      ...anchored(
        out.filter((_, i) => i % 2 === 0),
        { x: 'x', y: 'y', text: 'name', dy: -11, fill: C.fg, fontSize: nameSize },
      ),
      ...anchored(
        out.filter((_, i) => i % 2 === 1),
        { x: 'x', y: 'y', text: 'name', dy: 14, fill: C.fg, fontSize: nameSize },
      ),
      Plot.dot(sel, { x: 'x', y: 'y', r: 8, stroke: C.highlight, strokeWidth: 3, fill: 'none' }),
      ...anchored(sel, { x: 'x', y: 'y', text: 'name', dy: 16, fill: C.highlight, fontWeight: 'bold' }),
      ...title.marks,
      ...yt.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/** A scatter as a serialisable description (a figure's chart). */
export interface ScatterSpec {
  kind: 'scatter';
  data: ScatterDatum[];
  xLabel: string;
  yLabel: string;
  selected?: string | null;
  /** units of x and y (atlas units: "%", "£", "rate"…), for the dots' labels */
  xUnit?: string;
  yUnit?: string;
}
export const scatterFromSpec = (
  spec: ScatterSpec,
  base: { width: number; document: Document; ariaLabel?: string },
): SVGSVGElement =>
  scatterChart(spec.data, {
    ...base,
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    selected: spec.selected,
    formatX: spec.xUnit ? (v) => formatValue(spec.xUnit!, v) : undefined,
    formatY: spec.yUnit ? (v) => formatValue(spec.yUnit!, v) : undefined,
  });
