import * as Plot from '@observablehq/plot';
import { formatInt, monthDate, monthShort } from '../lib/format.ts';
import { basePlot, finalize, PALETTE, SERIES_SYMBOLS, type ChartOptions } from './common.ts';
import { seriesKey } from './key.ts';

export interface LineSeries {
  label: string;
  /** One value per month of the chart's `months` (null: no value, a gap in the line). */
  values: (number | null)[];
  /** An interval around the values (e.g. a 95 % interval), drawn as a faint band in the series' colour. */
  band?: { lo: (number | null)[]; hi: (number | null)[] };
}

/**
 * Several monthly series on one time axis (up to five): each a line in its own colour
 * with its own marker shape at its last value, named in a key above the plot, so a
 * series is never told by colour alone. `unit` names the values in the tooltips;
 * `hoverFirstOnly` keeps the hover targets of long series to the first (a smaller page).
 */
export function multiLineChart(
  months: string[],
  series: LineSeries[],
  opts: ChartOptions & { yLabel: string; unit: string; hoverFirstOnly?: boolean },
): SVGSVGElement {
  // Periods are months (YYYY-MM) or weeks named by their Monday (YYYY-MM-DD).
  const weekly = /^\d{4}-\d{2}-\d{2}$/.test(months[0] ?? '');
  const dateOf = (m: string) => (weekly ? new Date(`${m}T00:00:00Z`) : monthDate(m));
  const periodText = (m: string) =>
    weekly
      ? `week from ${new Date(`${m}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`
      : monthShort(m);
  if (series.length > PALETTE.series.length)
    throw new Error(`multiLine: ${series.length} series, at most ${PALETTE.series.length}`);
  const narrow = opts.width < 520;
  const dates = months.map(dateOf);
  const pts = series.flatMap((s, i) =>
    s.values.map((v, j) => ({ i, label: s.label, month: months[j]!, date: dates[j]!, value: v })),
  );
  const key = seriesKey(
    series.map((s) => s.label),
    narrow,
    (i) => PALETTE.series[i]!,
  );
  const last = series
    .map((s, i) => {
      const j = s.values.findLastIndex((v) => v !== null);
      return { i, date: dates[j]!, value: s.values[j]! };
    })
    .filter((d) => d.value !== undefined && d.value !== null);
  const svg = Plot.plot({
    ...basePlot(opts),
    height: (narrow ? 280 : 340) + key.height,
    marginTop: key.height + 12,
    // Room for two-line tick labels (month over year), and for the longest y tick label.
    marginBottom: 40,
    marginLeft: Math.max(48, Math.ceil(formatInt(Math.max(0, ...pts.map((p) => p.value ?? 0))).length * 8.1) + 14),
    marginRight: 20,
    x: { type: 'utc', label: null, ticks: narrow ? 4 : 8, domain: [dates[0]!, dates.at(-1)!] },
    y: { label: opts.yLabel, grid: true, zero: true, tickFormat: (d: number) => formatInt(d) },
    marks: [
      ...series.flatMap((s, i) =>
        s.band
          ? [
              Plot.areaY(
                months
                  .map((m, j) => ({ date: dates[j]!, lo: s.band!.lo[j] ?? null, hi: s.band!.hi[j] ?? null }))
                  .filter((d) => d.lo !== null && d.hi !== null),
                { x: 'date', y1: 'lo', y2: 'hi', fill: PALETTE.series[i]!, fillOpacity: 0.18 },
              ),
            ]
          : [],
      ),
      ...series.map((_, i) =>
        Plot.lineY(
          pts.filter((p) => p.i === i),
          { x: 'date', y: 'value', stroke: PALETTE.series[i]!, strokeWidth: 2.5 },
        ),
      ),
      ...last.map((d) =>
        Plot.dot([d], {
          x: 'date',
          y: 'value',
          symbol: SERIES_SYMBOLS[d.i]!,
          r: 5,
          fill: PALETTE.series[d.i]!,
          stroke: PALETTE.series[d.i]!,
          title: () =>
            `${series[d.i]!.label}, ${periodText(months[months.length - 1]!)}: ${formatInt(d.value)} ${opts.unit}`,
        }),
      ),
      // A hover target at every value, or on long series only on the first series (the others' values are in the table and on their end markers).
      Plot.dot(
        pts.filter((p) => p.value !== null && (!opts.hoverFirstOnly || p.i === 0)),
        {
          x: 'date',
          y: 'value',
          r: 5,
          fill: 'transparent',
          stroke: 'none',
          title: (p: (typeof pts)[number]) => `${p.label}, ${periodText(p.month)}: ${formatInt(p.value!)} ${opts.unit}`,
        },
      ),
      ...key.marks,
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
