import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, fitLabel, type ChartOptions } from './common.ts';

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
  data = data.map((d) => ({ ...d, label: fitLabel(d.label, narrow) }));
  const vals = data.flatMap((d) => [d.a, d.b]).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  const pad = (hi - lo) * 0.06 || 1;
  // The second key entry starts after the first one's label (about 0.62 em a character at 12 px), at least at 180 px.
  const keyB = Math.max(180, 16 + Math.ceil(opts.aLabel.length * 12 * 0.62) + 24);
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * 24 + 70,
    marginTop: 44,
    marginLeft: Math.min(
      narrow ? 190 : 340,
      Math.ceil(Math.max(...data.map((d) => d.label.length)) * (narrow ? 13 : 12) * 0.62) + 14,
    ),
    marginRight: 16,
    x: {
      domain: [lo - pad, hi + pad],
      label: opts.xLabel,
      grid: true,
      ticks: narrow ? 4 : 10,
      labelAnchor: 'center',
      tickFormat: (d: number) => `${opts.signed === false ? '' : d > 0 ? '+' : ''}${d < 0 ? '−' : ''}${Math.abs(d)}`,
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
      // Key, drawn in the top margin: a shape and its name for each series.
      Plot.dot([0], { frameAnchor: 'top-left', dx: 6, dy: -30, symbol: 'circle', r: 5, fill: C.accent }),
      Plot.text([opts.aLabel], { frameAnchor: 'top-left', dx: 16, dy: -30, textAnchor: 'start', fill: C.fg }),
      Plot.dot([0], {
        frameAnchor: 'top-left',
        dx: narrow ? 6 : keyB,
        dy: narrow ? -14 : -30,
        symbol: 'square',
        r: 4.5,
        stroke: C.series2,
        strokeWidth: 2,
        fill: 'var(--lca-bg)',
      }),
      Plot.text([opts.bLabel], {
        frameAnchor: 'top-left',
        dx: narrow ? 16 : keyB + 10,
        dy: narrow ? -14 : -30,
        textAnchor: 'start',
        fill: C.fg,
      }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
