import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, fitLabel, type ChartOptions } from './common.ts';

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
  const narrow = opts.width < 520;
  data = data.map((d) => ({ ...d, label: fitLabel(d.label, narrow) }));
  const max = Math.max(...data.map((d) => d.value));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: Math.max(data.length * 20 + 50, opts.minHeight ?? 0),
    // Room for the longest label (about 6.6 px a character at 13 px), within half the width.
    marginLeft: Math.round(
      Math.min(
        Math.max(Math.max(...data.map((d) => d.label.length)) * (narrow ? 13 : 12) * 0.62 + 12, narrow ? 140 : 170),
        opts.width * 0.5,
      ),
    ),
    marginRight: 48,
    x: { label: opts.xLabel, grid: true, domain: [0, max * 1.05], labelAnchor: 'center' },
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
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
