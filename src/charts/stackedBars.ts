import * as Plot from '@observablehq/plot';
import { formatInt } from '../lib/format.ts';
import { basePlot, C, finalize, PALETTE, type ChartOptions } from './common.ts';
import { seriesKey } from './key.ts';

export interface StackedDatum {
  /** The bar (a year, an age group). */
  category: string;
  /** The part of the bar (a sex, a method). */
  series: string;
  value: number;
}

/**
 * Vertical bars in the given category order, each stacked from its series in the given
 * series order, named in a key above the plot; each bar's total is written above it
 * where it fits. Category labels are thinned to every nth where they would overlap
 * (`everyNth` sets a minimum).
 */
export function stackedBarsChart(
  data: StackedDatum[],
  opts: ChartOptions & {
    categories: string[];
    series: string[];
    yLabel: string;
    unit: string;
    everyNth?: number;
    colours?: string[];
  },
): SVGSVGElement {
  const narrow = opts.width < 520;
  // Bars are told apart by colour and stacking order: the key shows squares in each colour.
  const colours = opts.colours ?? PALETTE.series.slice(0, opts.series.length);
  const key = seriesKey(opts.series, narrow, (i) => colours[i]!, ['square']);
  const totals = opts.categories.map((c) => ({
    category: c,
    total: data.filter((d) => d.category === c).reduce((a, d) => a + d.value, 0),
  }));
  // Label every nth bar so that labels never overlap: about 0.62 em a character at the chart's font size (13 px narrow, 12 px wide; see finalize).
  const em = narrow ? 13 : 12;
  const labelPx = (n: number) => Math.ceil(n * em * 0.62) + 6;
  const longest = labelPx(Math.max(...opts.categories.map((c) => c.length)));
  // Room at the right for half the last bar's label, centred on a bar about 10 px wide.
  const margin = { left: 52, right: Math.max(12, Math.ceil(longest / 2) - 4) };
  const band = (opts.width - margin.left - margin.right) / Math.max(1, opts.categories.length);
  const nth = Math.max(opts.everyNth ?? 1, Math.ceil(longest / band));
  // Totals above the bars only where each fits over its own bar.
  const showTotals = labelPx(Math.max(...totals.map((t) => formatInt(t.total).length))) <= band;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: (narrow ? 260 : 320) + key.height,
    marginTop: key.height + 24,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginBottom: 40,
    x: {
      domain: opts.categories,
      label: null,
      tickSize: 0,
      tickFormat: (d: string) => (opts.categories.indexOf(d) % nth === 0 ? d : ''),
      padding: 0.15,
    },
    // Above the tallest bar, room for its total under the key.
    y: {
      label: opts.yLabel,
      grid: true,
      // The baseline is drawn (the rule at 0) and not labelled: the first bar's label can reach under it.
      tickFormat: (d: number) => (d === 0 ? '' : formatInt(d)),
      ...(showTotals ? { domain: [0, Math.max(...totals.map((t) => t.total)) * 1.1], nice: true } : {}),
    },
    color: { domain: opts.series, range: colours },
    marks: [
      Plot.barY(data, {
        x: 'category',
        y: 'value',
        fill: 'series',
        order: opts.series,
        title: (d: StackedDatum) =>
          `${d.category}, ${d.series}: ${formatInt(d.value)} ${opts.unit} (of ${formatInt(totals.find((t) => t.category === d.category)!.total)})`,
      }),
      Plot.ruleY([0], { stroke: C.fg }),
      ...(showTotals
        ? [
            Plot.text(totals, {
              x: 'category',
              y: 'total',
              text: (d: { total: number }) => formatInt(d.total),
              dy: -8,
              fill: C.fg,
            }),
          ]
        : []),
      ...key.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
