import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, SEQ5, type ChartOptions } from './common.ts';

export interface HeatCell {
  row: string;
  col: string;
  /** null: suppressed (drawn grey, named in the legend) */
  value: number | null;
  title: string;
}

/**
 * A grid of counts (rows × columns, e.g. day of week × hour) in five sequential classes
 * (quantiles of the non-zero cells), each class named in the legend; cells with none
 * stay blank. The table carries every value.
 */
export function heatmapChart(
  data: HeatCell[],
  opts: ChartOptions & { rows: string[]; cols: string[]; xLabel: string; breaks: number[]; legendLabel: string },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const classOf = (v: number) => (v <= 0 ? -1 : opts.breaks.filter((b) => v > b).length);
  const colour = (v: number | null) =>
    v === null ? C.nodata : v <= 0 ? 'transparent' : SEQ5[Math.min(classOf(v), SEQ5.length - 1)]!;
  const anySuppressed = data.some((d) => d.value === null);
  const lowest = Math.min(...data.map((d) => d.value ?? 0).filter((v) => v > 0));
  const labels = [
    String(Number.isFinite(lowest) ? lowest : 1),
    ...opts.breaks.map((b) => String(Math.floor(b) + 1)),
  ].map((lo, i, a) => (i < a.length - 1 ? `${lo}–${Math.floor(opts.breaks[i]!)}` : `${lo}+`));
  const legend = [
    ...labels.map((l, i) => ({ l, i, fill: SEQ5[i]! })),
    ...(anySuppressed ? [{ l: '– suppressed', i: labels.length, fill: C.nodata as string }] : []),
  ];
  const marginLeft = narrow ? 40 : 90;
  // As many legend entries to a row as fit.
  const step = narrow ? 72 : 90;
  const perRow = Math.max(2, Math.min(narrow ? 4 : 6, Math.floor((opts.width - marginLeft - 8) / step)));
  const legendRows = Math.ceil(legend.length / perRow);
  // Legend rows upwards from the grid; the legend's title above them.
  const rowY = (i: number) => -(legendRows - Math.floor(i / perRow)) * 18 + 2;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: opts.rows.length * (narrow ? 26 : 30) + 90,
    marginLeft,
    marginRight: 8,
    marginTop: legendRows * 18 + 42,
    marginBottom: 40,
    x: {
      domain: opts.cols,
      label: opts.xLabel,
      tickFormat: (d: string) => (narrow && Number(d) % 3 !== 0 ? '' : d),
      tickSize: 0,
      padding: 0.05,
      labelAnchor: 'center',
    },
    y: {
      domain: opts.rows,
      label: null,
      tickSize: 0,
      tickFormat: (d: string) => (narrow ? d.slice(0, 3) : d),
      padding: 0.05,
    },
    marks: [
      Plot.cell(data, {
        x: 'col',
        y: 'row',
        fill: (d: HeatCell) => colour(d.value),
        stroke: C.grid,
        strokeWidth: 0.5,
        title: 'title',
      }),
      // A suppressed cell also carries a dash, so it is not told from the lightest class by its grey alone.
      Plot.text(
        data.filter((d) => d.value === null),
        { x: 'col', y: 'row', text: () => '–', fill: C.fg },
      ),
      // The legend: a swatch and its range per class, above the grid.
      Plot.text([opts.legendLabel], {
        frameAnchor: 'top-left',
        dy: -legendRows * 18 - 20,
        textAnchor: 'start',
        fill: C.fg,
        fontWeight: 600,
      }),
      ...legend.map(({ i, fill }) =>
        Plot.dot([0], {
          frameAnchor: 'top-left',
          dx: (i % perRow) * step + 6,
          dy: rowY(i),
          symbol: 'square',
          r: 6,
          fill,
          stroke: C.fg,
          strokeWidth: 0.5,
        }),
      ),
      ...legend.map(({ l, i }) =>
        Plot.text([l], {
          frameAnchor: 'top-left',
          dx: (i % perRow) * step + 16,
          dy: rowY(i),
          textAnchor: 'start',
          fill: C.fg,
        }),
      ),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
