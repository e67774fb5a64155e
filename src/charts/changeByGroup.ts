import * as Plot from '@observablehq/plot';
import { formatInt, formatPct, sentenceCase } from '../lib/format.ts';
import type { GroupChange } from '../lib/crime.ts';
import { basePlot, C, finalize, rowLabels, xTicks, xTitle, type ChartOptions } from './common.ts';

export interface DivergingDatum {
  label: string;
  /** The bar's length: a % change or a change in a count, by the chart's `unit`. */
  value: number;
  /** Value text shown in the right-hand column ("\n" breaks it into two lines). */
  text: string;
  title: string;
}

const signedTick = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toLocaleString('en-GB')}`;

/**
 * Horizontal bars of a signed change, one row per label, in the given order.
 * Rises and falls differ in colour *and* in direction from zero, and every row
 * carries its signed value as text in a column clear of the bars. `unit` "pct"
 * keeps at least ±10% in view so that small changes look small.
 */
export function divergingBarsChart(
  data: DivergingDatum[],
  opts: ChartOptions & { xLabel?: string; unit?: 'pct' | 'count'; textWidth?: number },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const textWidth = opts.textWidth ?? 64;
  const rows = rowLabels(
    data.map((d) => d.label),
    opts.width,
    narrow ? 0.53 : 0.5,
  );
  data = data.map((d, i) => ({ ...d, label: rows.labels[i]! }));
  const floor = opts.unit === 'count' ? 0 : 10;
  const lo = Math.min(-floor, ...data.map((d) => d.value));
  const hi = Math.max(floor, ...data.map((d) => d.value));
  const twoLines = data.some((d) => d.text.includes('\n'));
  const frame = opts.width - rows.marginLeft - textWidth;
  const title = xTitle(opts.xLabel ?? 'Change on previous 12 months (%) →', {
    width: opts.width,
    marginLeft: rows.marginLeft,
    marginRight: textWidth,
  });
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * (twoLines ? 34 : data.length > 20 ? 20 : 28) + 30 + title.marginBottom,
    marginLeft: rows.marginLeft,
    marginRight: textWidth,
    marginBottom: title.marginBottom,
    x: {
      domain: [lo * 1.05, hi * 1.05],
      ...title.axis,
      grid: true,
      ticks: xTicks(frame, Math.max(...[lo, hi].map((v) => signedTick(Math.round(v)).length))),
      tickFormat: signedTick,
    },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(data, {
        y: 'label',
        x: 'value',
        fill: (d: DivergingDatum) => (d.value >= 0 ? C.rise : C.fall),
        title: 'title',
        insetTop: 2,
        insetBottom: 2,
      }),
      Plot.ruleX([0], { stroke: C.fg }),
      // Values in a column at the right edge, clear of the bars.
      Plot.text(data, {
        y: 'label',
        text: 'text',
        frameAnchor: 'right',
        textAnchor: 'end',
        dx: textWidth - 4,
        fill: C.fg,
        fontWeight: 600,
        lineHeight: 1.1,
      }),
      ...title.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/**
 * The change in crimes by offence group, latest 12 months on the previous 12, ordered
 * by the latest count: bars of the change in the number of crimes (so that a group's
 * size counts), each labelled with that change and its %. The caller leaves out the
 * groups too small for a percentage to mean anything (see MIN_GROUP_FOR_CHANGE).
 */
export function changeByGroupChart(groups: GroupChange[], opts: ChartOptions): SVGSVGElement {
  const narrow = opts.width < 520;
  const data = groups
    .filter((g) => g.pctChange !== null)
    .map((g) => {
      const label = sentenceCase(g.group);
      const pct = formatPct(g.pctChange!);
      return {
        label,
        value: g.change,
        text: `${signedTick(g.change)}${narrow ? '\n' : ' '}(${pct})`,
        title: `${label}: ${signedTick(g.change)} crimes, ${pct} (${formatInt(g.previous)} → ${formatInt(g.latest)})`,
      };
    });
  return divergingBarsChart(data, {
    ...opts,
    unit: 'count',
    xLabel: 'Change in crimes on the previous 12 months →',
    textWidth: narrow ? 70 : 128,
  });
}
