import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, rowLabels, xTicks, xTitle, type ChartOptions } from './common.ts';

export interface RankedDatum {
  label: string;
  value: number;
  /** Text shown at the end of the bar. */
  text: string;
  /** Tooltip text. */
  title: string;
  highlight?: boolean;
}

/** Ranked horizontal bars, highest first, each with its value as text. */
export function rankedBarsChart(
  data: RankedDatum[],
  opts: ChartOptions & { xLabel: string; mark?: 'bar' | 'dot'; minHeight?: number },
): SVGSVGElement {
  const rows = rowLabels(
    data.map((d) => d.label),
    opts.width,
  );
  data = data.map((d, i) => ({ ...d, label: rows.labels[i]! }));
  const max = Math.max(...data.map((d) => d.value));
  const marginLeft = rows.marginLeft;
  // Room at the right for the longest value text after the bar's end.
  const marginRight = Math.max(48, Math.ceil(Math.max(...data.map((d) => d.text.length)) * 8) + 12);
  const title = xTitle(opts.xLabel, { width: opts.width, marginLeft, marginRight });
  const svg = Plot.plot({
    ...basePlot(opts),
    height: Math.max(data.length * 20 + 30 + title.marginBottom, opts.minHeight ?? 0),
    marginLeft,
    marginRight,
    marginBottom: title.marginBottom,
    x: {
      ...title.axis,
      grid: true,
      domain: [0, max * 1.05],
      ticks: xTicks(opts.width - marginLeft - marginRight, String(Math.round(max)).length + 1, 1),
    },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      ...(opts.mark === 'dot'
        ? [
            // A dot plot: a faint leader from zero, the value as a dot; the highlighted row is a larger diamond.
            Plot.ruleY(data, { y: 'label', x1: 0, x2: 'value', stroke: C.grid, strokeWidth: 1 }),
            Plot.dot(
              data.filter((d) => !d.highlight),
              { y: 'label', x: 'value', r: 4.5, fill: C.accent, title: 'title' },
            ),
            Plot.dot(
              data.filter((d) => d.highlight),
              {
                y: 'label',
                x: 'value',
                r: 7,
                symbol: 'diamond',
                fill: C.highlight,
                stroke: C.fg,
                strokeWidth: 1,
                title: 'title',
              },
            ),
          ]
        : [
            Plot.barX(data, {
              y: 'label',
              x: 'value',
              fill: (d: RankedDatum) => (d.highlight ? C.highlight : C.accent),
              title: 'title',
              insetTop: 2,
              insetBottom: 2,
            }),
          ]),
      Plot.text(data, {
        y: 'label',
        x: 'value',
        text: 'text',
        textAnchor: 'start',
        dx: opts.mark === 'dot' ? 9 : 4,
        fill: C.fg,
      }),
      Plot.ruleX([0], { stroke: C.fg }),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
