import * as Plot from '@observablehq/plot';
import {
  basePlot,
  C,
  finalize,
  fitLabel,
  rowLabels,
  xTicks,
  fontPx,
  xTitle,
  Y_TITLE_ROOM,
  type ChartOptions,
} from './common.ts';

/** One area on a funnel plot or an interval chart: values in percent. */
export interface IntervalDatum {
  code: string;
  label: string;
  value: number;
  lo: number;
  hi: number;
  /** the chosen area, one of its most similar areas, or another */
  role: 'selected' | 'similar' | 'other';
  title: string;
}

/** A funnel limit curve: the limit's value (percent) at each sample size. */
export interface FunnelCurve {
  label: string;
  points: { n: number; lo: number; hi: number }[];
}

const roleFill = (r: IntervalDatum['role']) =>
  r === 'selected' ? C.highlight : r === 'similar' ? C.series2 : C.accent;
const roleSymbol = (r: IntervalDatum['role']) => (r === 'selected' ? 'diamond' : r === 'similar' ? 'square' : 'circle');

/**
 * A funnel plot: the target as a line, the 95 % and 99.8 % limits as curves over the
 * sample size, every area at its (assumed) sample size. Areas beyond a limit are named.
 * With one assumed sample size for every area, the areas stand in one column, and the
 * curves show how the limits would narrow with more interviews.
 */
/**
 * Labels at the chart's base size (13 px in a narrow drawing, 12 px in a wide one): shown in the
 * narrowest column of their band (figures/anatomy.ts, drawnWidths) they are still 11 px.
 */
const smallFont = fontPx;

export function funnelChart(
  data: (IntervalDatum & { n: number; beyond: boolean })[],
  opts: ChartOptions & { target: number; targetLabel: string; curves: FunnelCurve[]; xLabel: string; yLabel: string },
): SVGSVGElement {
  const narrow = opts.width < 520;
  // The limits' names at the right end, clear of the target line: the inner (95 %) one below its lower curve, the outer (99.8 %) one above its upper curve.
  const lines = opts.curves.flatMap((c, i) => [
    Plot.line(c.points, { x: 'n', y: 'lo', stroke: C.fg, strokeWidth: 1.2, strokeDasharray: i === 0 ? '5,3' : 'none' }),
    Plot.line(c.points, { x: 'n', y: 'hi', stroke: C.fg, strokeWidth: 1.2, strokeDasharray: i === 0 ? '5,3' : 'none' }),
    Plot.text([c.points.at(-1)!], {
      x: 'n',
      y: i === 0 ? 'lo' : 'hi',
      text: () => c.label,
      textAnchor: 'end',
      dy: i === 0 ? 11 : -7,
      fill: C.muted,
      fontSize: smallFont(opts.width),
    }),
  ]);
  // Names of the areas beyond the outer limits and of the chosen area (on narrow drawings the chosen area's only: the
  // table and the description name the others). Names of areas within a point of each other share one label.
  const toName = data.filter((x) => x.role === 'selected' || (!narrow && x.beyond)).sort((a, b) => b.value - a.value);
  const groups: (IntervalDatum & { n: number })[][] = [];
  for (const d of toName) {
    const last = groups.at(-1);
    if (last && Math.abs(last[0]!.value - d.value) <= 1 && last[0]!.n === d.n) last.push(d);
    else groups.push([d]);
  }
  const named = groups.map((ds) => ({
    ...ds[0]!,
    value: ds.reduce((a, d) => a + d.value, 0) / ds.length,
    label: ds.map((d) => fitLabel(d.label, true)).join(', '),
  }));
  const maxN = Math.max(...opts.curves.flatMap((c) => c.points.map((p) => p.n)));
  const [marginLeft, marginRight] = [56, narrow ? 24 : 40];
  const title = xTitle(`${opts.xLabel} →`, { width: opts.width, marginLeft, marginRight });
  const svg = Plot.plot({
    ...basePlot(opts),
    height: (narrow ? 320 : 400) + title.marginBottom,
    marginLeft,
    marginRight,
    marginTop: Y_TITLE_ROOM,
    marginBottom: title.marginBottom,
    grid: true,
    x: {
      ...title.axis,
      domain: [0, maxN],
      ticks: xTicks(opts.width - marginLeft - marginRight, maxN.toLocaleString('en-GB').length),
    },
    y: { label: `↑ ${opts.yLabel}`, nice: true },
    marks: [
      ...lines,
      Plot.ruleY([opts.target], { stroke: C.fg, strokeWidth: 1.5 }),
      Plot.text([opts.target], {
        x: 0,
        y: (d: number) => d,
        text: () => opts.targetLabel,
        textAnchor: 'start',
        dx: 4,
        // On the other side of the line from the chosen area, whose name can sit at the left too.
        dy: (data.find((d) => d.role === 'selected')?.value ?? -Infinity) >= opts.target ? 12 : -7,
        fill: C.fg,
        fontSize: smallFont(opts.width),
      }),
      Plot.dot(data, {
        x: 'n',
        y: 'value',
        r: (d: IntervalDatum) => (d.role === 'other' ? 4 : 6),
        symbol: (d: IntervalDatum) => roleSymbol(d.role),
        fill: (d: IntervalDatum) => roleFill(d.role),
        stroke: C.fg,
        strokeWidth: 0.5,
        title: 'title',
      }),
      Plot.text(named, {
        x: 'n',
        y: 'value',
        text: 'label',
        textAnchor: 'start',
        dx: 10,
        fill: C.fg,
        fontSize: smallFont(opts.width),
        stroke: 'var(--lca-bg)',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/**
 * Every area ranked by its value, each with its interval as a bar (the HMICFRS "ski
 * slope"), the London value as a line; the chosen area a diamond, its most similar
 * areas squares, so the marks differ in shape as well as colour.
 */
export function intervalsChart(
  data: IntervalDatum[],
  opts: ChartOptions & { target: number; targetLabel: string; xLabel: string },
): SVGSVGElement {
  const fitted = rowLabels(
    data.map((d) => d.label),
    opts.width,
  );
  const rows = data.map((d, i) => ({ ...d, label: fitted.labels[i]! }));
  const [marginLeft, marginRight] = [fitted.marginLeft, 20];
  const title = xTitle(`${opts.xLabel} →`, { width: opts.width, marginLeft, marginRight });
  const hi = Math.max(...rows.map((d) => d.hi));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: rows.length * 18 + 30 + title.marginBottom,
    marginLeft,
    marginRight,
    marginTop: 30,
    marginBottom: title.marginBottom,
    x: {
      ...title.axis,
      grid: true,
      nice: true,
      ticks: xTicks(opts.width - marginLeft - marginRight, String(Math.round(hi)).length + 1),
    },
    y: { domain: rows.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.ruleX([opts.target], { stroke: C.fg, strokeWidth: 1.5 }),
      Plot.text([opts.target], {
        x: (d: number) => d,
        frameAnchor: 'top',
        text: () => opts.targetLabel,
        dy: -18,
        fill: C.fg,
        fontSize: smallFont(opts.width),
      }),
      Plot.ruleY(rows, {
        y: 'label',
        x1: 'lo',
        x2: 'hi',
        stroke: (d: IntervalDatum) => roleFill(d.role),
        strokeWidth: 3,
        strokeOpacity: 0.6,
      }),
      Plot.dot(rows, {
        y: 'label',
        x: 'value',
        r: (d: IntervalDatum) => (d.role === 'other' ? 4 : 6),
        symbol: (d: IntervalDatum) => roleSymbol(d.role),
        fill: (d: IntervalDatum) => roleFill(d.role),
        stroke: C.fg,
        strokeWidth: 0.5,
        title: 'title',
      }),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/** One offence group in the ward comparator: values as % of the similar areas' median (100 = the median). */
export interface ComparatorRow {
  label: string;
  /** the chosen area, or null (no rate) */
  value: number | null;
  /** lowest and highest of the similar areas */
  lo: number;
  hi: number;
  /** the area's borough, or null */
  borough: number | null;
  title: string;
}

/**
 * The ward comparator: for each offence group a bar from the lowest to the highest of the
 * most similar areas, their median at 100, the chosen area as a diamond and its borough as
 * a square, so the marks differ in shape as well as colour. A key above names the marks.
 */
export function comparatorChart(
  rows: ComparatorRow[],
  opts: ChartOptions & { xLabel: string; areaLabel: string; boroughLabel: string },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const fitted = rowLabels(
    rows.map((d) => d.label),
    opts.width,
  );
  const data = rows.map((d, i) => ({ ...d, label: fitted.labels[i]! }));
  const marginLeft = fitted.marginLeft;
  const marginRight = 24;
  const title = xTitle(`${opts.xLabel} →`, { width: opts.width, marginLeft, marginRight });
  const xMax = Math.max(200, ...data.flatMap((d) => [d.hi, d.value ?? 0, d.borough ?? 0]));
  // The key and its note start at the drawing's left edge on narrow drawings, at the plot's on wide ones.
  const left = narrow ? 6 - marginLeft : 6;
  const key = [
    { x: 0, symbol: 'diamond', fill: C.highlight, text: opts.areaLabel },
    { x: 1, symbol: 'square', fill: C.series2, text: opts.boroughLabel },
  ];
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * 26 + 60 + title.marginBottom,
    marginLeft,
    marginRight,
    marginTop: 54,
    marginBottom: title.marginBottom,
    x: {
      ...title.axis,
      grid: true,
      nice: true,
      ticks: xTicks(opts.width - marginLeft - marginRight, String(Math.round(xMax)).length),
      domain: [0, xMax],
    },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.ruleY(data, { y: 'label', x1: 'lo', x2: 'hi', stroke: C.muted, strokeWidth: 8, strokeOpacity: 0.35 }),
      Plot.ruleX([100], { stroke: C.fg, strokeWidth: 1.5 }),
      Plot.dot(
        data.filter((d) => d.borough !== null),
        { y: 'label', x: 'borough', r: 5, symbol: 'square', fill: C.series2, stroke: C.fg, strokeWidth: 0.5 },
      ),
      Plot.dot(
        data.filter((d) => d.value !== null),
        {
          y: 'label',
          x: 'value',
          r: 7,
          symbol: 'diamond',
          fill: C.highlight,
          stroke: C.fg,
          strokeWidth: 0.5,
          title: 'title',
        },
      ),
      // The key, above the plot, in the plot's frame: one line per mark on narrow drawings.
      ...key.flatMap((k) => {
        const dx = k.x * (narrow ? 0 : 240) + left;
        const dy = (narrow ? k.x * 18 : 0) - 44;
        return [
          Plot.dot([k], {
            frameAnchor: 'top-left',
            dx,
            dy,
            symbol: k.symbol,
            fill: k.fill,
            r: 6,
            stroke: C.fg,
            strokeWidth: 0.5,
          }),
          Plot.text([k], {
            frameAnchor: 'top-left',
            dx: dx + 10,
            dy,
            text: () => k.text,
            textAnchor: 'start',
            fill: C.fg,
          }),
        ];
      }),
      Plot.text(
        [narrow ? 'similar areas: median 100, grey: range' : 'median of the most similar = 100; grey bar: their range'],
        {
          frameAnchor: 'top-left',
          dx: left,
          dy: narrow ? -8 : -26,
          fill: C.muted,
          fontSize: smallFont(opts.width),
          textAnchor: 'start',
        },
      ),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
