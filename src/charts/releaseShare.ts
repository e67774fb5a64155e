import * as Plot from '@observablehq/plot';
import { monthDate } from '../lib/format.ts';
import { basePlot, C, finalize, type ChartOptions } from './common.ts';

export interface ShareDatum {
  period: string;
  share: number;
  /** England and Wales total excludes a force (not comparable). */
  partial: boolean;
  selected: boolean;
  /** Releases in a consecutive quarterly run share a segment id; the line breaks between runs. */
  segment: number;
  title: string;
  text: string;
}

/**
 * A share over releases: dots joined within runs of consecutive releases; releases
 * whose England and Wales total is partial are hollow and marked "*"; the selected
 * release is ringed and labelled.
 */
export function releaseShareChart(data: ShareDatum[], opts: ChartOptions & { yLabel: string }): SVGSVGElement {
  const pts = data.map((d) => ({ ...d, date: monthDate(d.period) }));
  const lo = Math.min(...data.map((d) => d.share));
  const hi = Math.max(...data.map((d) => d.share));
  const pad = (hi - lo) * 0.25 || 0.5;
  const narrow = opts.width < 520;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: narrow ? 260 : 300,
    marginLeft: 52,
    marginRight: 30,
    marginTop: 30,
    x: { type: 'utc', label: null, ticks: narrow ? 4 : 8 },
    y: {
      domain: [Math.max(0, lo - pad), hi + pad],
      label: opts.yLabel,
      grid: true,
      tickFormat: (d: number) => d.toFixed(1),
    },
    marks: [
      Plot.line(pts, { x: 'date', y: 'share', z: 'segment', stroke: C.accent, strokeWidth: 2 }),
      Plot.dot(
        pts.filter((d) => !d.partial),
        { x: 'date', y: 'share', r: 5, fill: C.accent, title: 'title' },
      ),
      Plot.dot(
        pts.filter((d) => d.partial),
        { x: 'date', y: 'share', r: 5, stroke: C.accent, strokeWidth: 2, fill: 'var(--lca-bg)', title: 'title' },
      ),
      Plot.dot(
        pts.filter((d) => d.selected),
        { x: 'date', y: 'share', r: 10, stroke: C.highlight, strokeWidth: 2.5, fill: 'none' },
      ),
      Plot.text(
        pts.filter((d) => !d.selected),
        { x: 'date', y: 'share', text: (d: ShareDatum) => `${d.text}${d.partial ? '*' : ''}`, dy: -16, fill: C.fg },
      ),
      Plot.text(
        pts.filter((d) => d.selected),
        {
          x: 'date',
          y: 'share',
          text: (d: ShareDatum) => `${d.text}${d.partial ? '*' : ''}`,
          dy: -18,
          fill: C.fg,
          fontWeight: 'bold',
        },
      ),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
