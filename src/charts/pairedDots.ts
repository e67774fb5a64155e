import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, fontPx, rowLabels, xTicks, xTitle, type ChartOptions } from './common.ts';

export interface PairedDatum {
  label: string;
  a: number | null;
  b: number | null;
  title: string;
}

/**
 * Two values per row on a shared x scale: series A as filled circles, series B as
 * hollow squares, joined by a thin line. The series are told apart by shape as well
 * as colour, and named in a key above the plot.
 */
export function pairedDotsChart(
  data: PairedDatum[],
  opts: ChartOptions & { xLabel: string; aLabel: string; bLabel: string; zeroLine?: boolean; signed?: boolean },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const rows = rowLabels(
    data.map((d) => d.label),
    opts.width,
    narrow ? 0.53 : 0.5,
  );
  data = data.map((d, i) => ({ ...d, label: rows.labels[i]! }));
  const vals = data.flatMap((d) => [d.a, d.b]).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  const pad = (hi - lo) * 0.06 || 1;
  const tick = (d: number) =>
    `${opts.signed === false ? '' : d > 0 ? '+' : ''}${d < 0 ? '−' : ''}${Math.abs(d).toLocaleString('en-GB')}`;
  // The key sits in the top margin from the chart's left edge, not the plot's; the second entry goes
  // after the first one's label, or under it when the two would not fit on one line.
  const keyWidth = (label: string) => 16 + Math.ceil(label.length * fontPx(opts.width) * 0.62);
  const keyB = Math.max(180, keyWidth(opts.aLabel) + 24);
  const oneLine = keyB + keyWidth(opts.bLabel) <= opts.width;
  const marginLeft = rows.marginLeft;
  const marginRight = 16;
  const title = xTitle(opts.xLabel, { width: opts.width, marginLeft, marginRight });
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * 24 + 44 + title.marginBottom,
    marginTop: 44,
    marginLeft,
    marginRight,
    marginBottom: title.marginBottom,
    x: {
      domain: [lo - pad, hi + pad],
      ...title.axis,
      grid: true,
      ticks: xTicks(
        opts.width - marginLeft - marginRight,
        Math.max(...[lo, hi].map((v) => tick(Math.round(v)).length)),
      ),
      tickFormat: tick,
    },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      ...(opts.zeroLine === false ? [] : [Plot.ruleX([0], { stroke: C.fg })]),
      Plot.link(
        data.filter((d) => d.a !== null && d.b !== null),
        { y1: 'label', y2: 'label', x1: 'a', x2: 'b', stroke: C.muted, strokeWidth: 1.5 },
      ),
      Plot.dot(
        data.filter((d) => d.b !== null),
        {
          y: 'label',
          x: 'b',
          symbol: 'square',
          r: 4.5,
          stroke: C.series2,
          strokeWidth: 2,
          fill: 'var(--lca-bg)',
          title: 'title',
        },
      ),
      Plot.dot(
        data.filter((d) => d.a !== null),
        { y: 'label', x: 'a', symbol: 'circle', r: 5, fill: C.accent, title: 'title' },
      ),
      // Key, drawn in the top margin from the chart's left edge: a shape and its name for each series.
      Plot.dot([0], { frameAnchor: 'top-left', dx: 8 - marginLeft, dy: -30, symbol: 'circle', r: 5, fill: C.accent }),
      Plot.text([opts.aLabel], {
        frameAnchor: 'top-left',
        dx: 18 - marginLeft,
        dy: -30,
        textAnchor: 'start',
        fill: C.fg,
      }),
      Plot.dot([0], {
        frameAnchor: 'top-left',
        dx: (oneLine ? keyB : 8) - marginLeft,
        dy: oneLine ? -30 : -13,
        symbol: 'square',
        r: 4.5,
        stroke: C.series2,
        strokeWidth: 2,
        fill: 'var(--lca-bg)',
      }),
      Plot.text([opts.bLabel], {
        frameAnchor: 'top-left',
        dx: (oneLine ? keyB + 10 : 18) - marginLeft,
        dy: oneLine ? -30 : -13,
        textAnchor: 'start',
        fill: C.fg,
      }),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
