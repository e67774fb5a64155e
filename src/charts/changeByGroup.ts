import * as Plot from '@observablehq/plot';
import { formatInt, formatPct, sentenceCase } from '../lib/format.ts';
import type { GroupChange } from '../lib/crime.ts';
import { basePlot, C, finalize, fitLabel, type ChartOptions } from './common.ts';

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
  data = uniqueLabels(
    data.map((d) => ({ ...d, label: fitLabel(d.label, narrow) })),
    data,
  );
  const floor = opts.unit === 'count' ? 0 : 10;
  const lo = Math.min(-floor, ...data.map((d) => d.value));
  const hi = Math.max(floor, ...data.map((d) => d.value));
  const twoLines = data.some((d) => d.text.includes('\n'));
  const textWidth = opts.textWidth ?? 64;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * (twoLines ? 34 : data.length > 20 ? 20 : 28) + 50,
    // Room for the longest row label at the chart's font size (13 px narrow, 12 px wide; see finalize).
    marginLeft: Math.min(
      narrow ? 190 : Math.round(opts.width * 0.5),
      Math.ceil(Math.max(...data.map((d) => d.label.length)) * (narrow ? 13 : 12) * 0.62) + 14,
    ),
    marginRight: textWidth,
    marginBottom: 42,
    x: {
      domain: [lo * 1.05, hi * 1.05],
      label: narrow
        ? opts.unit === 'count'
          ? 'Change in crimes →'
          : 'Change (%) →'
        : (opts.xLabel ?? 'Change on previous 12 months (%) →'),
      grid: true,
      ticks: narrow ? 3 : opts.unit === 'count' ? 5 : 8,
      tickFormat: signedTick,
      labelAnchor: 'center',
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
    ],
  });
  return finalize(svg, opts.ariaLabel);
}

/**
 * Row labels must stay distinct (the y scale is a band per label): where shortening made
 * two the same, those keep both ends of the full label instead ("Violence…: Lewisham").
 */
function uniqueLabels(shortened: DivergingDatum[], full: DivergingDatum[]): DivergingDatum[] {
  const seen = new Map<string, number>();
  for (const d of shortened) seen.set(d.label, (seen.get(d.label) ?? 0) + 1);
  return shortened.map((d, i) => {
    if (seen.get(d.label)! < 2) return d;
    const f = full[i]!.label;
    const n = d.label.length;
    return { ...d, label: f.length <= n ? f : `${f.slice(0, 8).trimEnd()}…${f.slice(f.length - (n - 9))}` };
  });
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
