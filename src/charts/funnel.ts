import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, fitLabel, type ChartOptions } from './common.ts';

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

const roleFill = (r: IntervalDatum['role']) => (r === 'selected' ? C.highlight : r === 'similar' ? C.series2 : C.accent);
const roleSymbol = (r: IntervalDatum['role']) => (r === 'selected' ? 'diamond' : r === 'similar' ? 'square' : 'circle');

/**
 * A funnel plot: the target as a line, the 95 % and 99.8 % limits as curves over the
 * sample size, every area at its (assumed) sample size. Areas beyond a limit are named.
 * With one assumed sample size for every area, the areas stand in one column, and the
 * curves show how the limits would narrow with more interviews.
 */
export function funnelChart(
  data: (IntervalDatum & { n: number; beyond: boolean })[],
  opts: ChartOptions & { target: number; targetLabel: string; curves: FunnelCurve[]; xLabel: string; yLabel: string },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const lines = opts.curves.flatMap((c, i) => [
    Plot.line(c.points, { x: 'n', y: 'lo', stroke: C.fg, strokeWidth: 1.2, strokeDasharray: i === 0 ? '5,3' : 'none' }),
    Plot.line(c.points, { x: 'n', y: 'hi', stroke: C.fg, strokeWidth: 1.2, strokeDasharray: i === 0 ? '5,3' : 'none' }),
    Plot.text([c.points.at(-1)!], { x: 'n', y: 'hi', text: () => c.label, textAnchor: 'end', dy: -6, fill: C.muted, fontSize: 11 }),
  ]);
  // Areas at the same point share one label ("Harrow, Kensington & Chelsea"), so names never print over each other.
  const byPoint = new Map<string, (IntervalDatum & { n: number })[]>();
  for (const d of data.filter((x) => x.beyond || x.role === 'selected')) {
    const k = `${d.n}|${d.value}`;
    byPoint.set(k, [...(byPoint.get(k) ?? []), d]);
  }
  const named = [...byPoint.values()].map((ds) => ({ ...ds[0]!, label: ds.map((d) => fitLabel(d.label, true)).join(', ') }));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: narrow ? 340 : 420,
    marginLeft: 56,
    marginRight: narrow ? 16 : 150,
    grid: true,
    x: { label: `${opts.xLabel} →`, domain: [0, Math.max(...opts.curves.flatMap((c) => c.points.map((p) => p.n)))] },
    y: { label: `↑ ${opts.yLabel}`, nice: true },
    marks: [
      ...lines,
      Plot.ruleY([opts.target], { stroke: C.fg, strokeWidth: 1.5 }),
      Plot.text([opts.target], { x: 0, y: (d: number) => d, text: () => opts.targetLabel, textAnchor: 'start', dx: 4, dy: -7, fill: C.fg, fontSize: 11 }),
      Plot.dot(data, { x: 'n', y: 'value', r: (d: IntervalDatum) => (d.role === 'other' ? 4 : 6), symbol: (d: IntervalDatum) => roleSymbol(d.role), fill: (d: IntervalDatum) => roleFill(d.role), stroke: C.fg, strokeWidth: 0.5, title: 'title' }),
      Plot.text(named, { x: 'n', y: 'value', text: 'label', textAnchor: 'start', dx: 10, fill: C.fg, fontSize: 11 }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/**
 * Every area ranked by its value, each with its interval as a bar (the HMICFRS "ski
 * slope"), the London value as a line; the chosen area a diamond, its most similar
 * areas squares, so the marks differ in shape as well as colour.
 */
export function intervalsChart(data: IntervalDatum[], opts: ChartOptions & { target: number; targetLabel: string; xLabel: string }): SVGSVGElement {
  const narrow = opts.width < 520;
  const rows = data.map((d) => ({ ...d, label: fitLabel(d.label, narrow) }));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: rows.length * 18 + 60,
    marginLeft: narrow ? 150 : 180,
    marginRight: 20,
    marginTop: 30,
    x: { label: `${opts.xLabel} →`, grid: true, nice: true },
    y: { domain: rows.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.ruleX([opts.target], { stroke: C.fg, strokeWidth: 1.5 }),
      Plot.text([opts.target], { x: (d: number) => d, frameAnchor: 'top', text: () => opts.targetLabel, dy: -18, fill: C.fg, fontSize: 11 }),
      Plot.ruleY(rows, { y: 'label', x1: 'lo', x2: 'hi', stroke: (d: IntervalDatum) => roleFill(d.role), strokeWidth: 3, strokeOpacity: 0.6 }),
      Plot.dot(rows, { y: 'label', x: 'value', r: (d: IntervalDatum) => (d.role === 'other' ? 4 : 6), symbol: (d: IntervalDatum) => roleSymbol(d.role), fill: (d: IntervalDatum) => roleFill(d.role), stroke: C.fg, strokeWidth: 0.5, title: 'title' }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
