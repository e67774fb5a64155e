import * as Plot from '@observablehq/plot';
import { formatPct, sentenceCase } from '../lib/format.ts';
import type { GroupChange } from '../lib/crime.ts';
import { basePlot, C, finalize, fitLabel, type ChartOptions } from './common.ts';

/**
 * Horizontal bars of the % change by offence group, latest 12 months on the previous
 * 12, ordered by the latest count. Rises and falls differ in colour *and* in
 * direction, and every bar carries its signed value as text.
 */

export interface DivergingDatum {
  label: string;
  pct: number;
  /** Value text shown in the right-hand column. */
  text: string;
  title: string;
}

/**
 * Horizontal bars of a signed % change, one row per label, in the given order.
 * Rises and falls differ in colour *and* in direction from zero, and every row
 * carries its signed value as text in a column clear of the bars.
 */
export function divergingBarsChart(data: DivergingDatum[], opts: ChartOptions & { xLabel?: string }): SVGSVGElement {
  const narrow = opts.width < 520;
  data = data.map((d) => ({ ...d, label: fitLabel(d.label, narrow) }));
  const lo = Math.min(-10, ...data.map((d) => d.pct));
  const hi = Math.max(10, ...data.map((d) => d.pct));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * (data.length > 20 ? 20 : 28) + 50,
    marginLeft: narrow ? 180 : 250,
    marginRight: 64,
    x: { domain: [lo * 1.05, hi * 1.05], label: opts.xLabel ?? 'Change on previous 12 months (%) →', grid: true, ticks: narrow ? 4 : 9, tickFormat: (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d)}`, labelAnchor: 'center' },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(data, { y: 'label', x: 'pct', fill: (d: DivergingDatum) => (d.pct >= 0 ? C.rise : C.fall), title: 'title', insetTop: 2, insetBottom: 2 }),
      Plot.ruleX([0], { stroke: C.fg }),
      // Values in a column at the right edge, clear of the bars.
      Plot.text(data, { y: 'label', text: 'text', frameAnchor: 'right', textAnchor: 'end', dx: 60, fill: C.fg, fontWeight: 600 }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/** % change by offence group, latest 12 months on the previous 12, ordered by the latest count. */
export function changeByGroupChart(groups: GroupChange[], opts: ChartOptions): SVGSVGElement {
  const data = groups
    .filter((g) => g.pctChange !== null)
    .map((g) => {
      const full = sentenceCase(g.group);
      const label = full;
      return {
        label,
        pct: g.pctChange!,
        text: formatPct(g.pctChange!),
        title: `${label}: ${formatPct(g.pctChange!)} (${g.previous.toLocaleString('en-GB')} → ${g.latest.toLocaleString('en-GB')})`,
      };
    });
  return divergingBarsChart(data, opts);
}
