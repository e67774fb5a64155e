import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, SEQ5, type ChartOptions } from './common.ts';

export interface HeatCell {
  row: string;
  col: string;
  value: number;
  title: string;
}

/**
 * A grid of counts (rows × columns, e.g. day of week × hour) in five sequential classes
 * (quantiles of the non-zero cells), each class named in the legend; cells with none
 * stay blank. The table carries every value.
 */
export function heatmapChart(data: HeatCell[], opts: ChartOptions & { rows: string[]; cols: string[]; xLabel: string; breaks: number[]; legendLabel: string }): SVGSVGElement {
  const narrow = opts.width < 520;
  const classOf = (v: number) => (v <= 0 ? -1 : opts.breaks.filter((b) => v > b).length);
  const colour = (v: number) => (v <= 0 ? 'transparent' : SEQ5[Math.min(classOf(v), SEQ5.length - 1)]!);
  const labels = ['1', ...opts.breaks.map((b) => String(Math.floor(b) + 1))].map((lo, i, a) => (i < a.length - 1 ? `${lo}–${Math.floor(opts.breaks[i]!)}` : `${lo}+`));
  const legend = labels.map((l, i) => ({ l, i }));
  const legendY = narrow ? 18 : 20;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: opts.rows.length * (narrow ? 26 : 30) + 90,
    marginLeft: narrow ? 40 : 90,
    marginRight: 8,
    marginTop: legendY + 34,
    marginBottom: 40,
    x: { domain: opts.cols, label: opts.xLabel, tickFormat: (d: string) => (narrow && Number(d) % 3 !== 0 ? '' : d), tickSize: 0, padding: 0.05, labelAnchor: 'center' },
    y: { domain: opts.rows, label: null, tickSize: 0, tickFormat: (d: string) => (narrow ? d.slice(0, 3) : d), padding: 0.05 },
    marks: [
      Plot.cell(data, { x: 'col', y: 'row', fill: (d: HeatCell) => colour(d.value), stroke: C.grid, strokeWidth: 0.5, title: 'title' }),
      // The legend: a swatch and its range per class, above the grid.
      Plot.text([opts.legendLabel], { frameAnchor: 'top-left', dy: -legendY - 26, textAnchor: 'start', fill: C.fg, fontWeight: 600 }),
      ...legend.map(({ i }) => Plot.dot([0], { frameAnchor: 'top-left', dx: i * (narrow ? 60 : 80) + 6, dy: -legendY, symbol: 'square', r: 6, fill: SEQ5[i]!, stroke: C.fg, strokeWidth: 0.5 })),
      ...legend.map(({ l, i }) => Plot.text([l], { frameAnchor: 'top-left', dx: i * (narrow ? 60 : 80) + 16, dy: -legendY, textAnchor: 'start', fill: C.fg })),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
