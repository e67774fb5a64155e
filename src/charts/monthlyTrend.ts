import * as Plot from '@observablehq/plot';
import { formatInt, monthDate, monthShort } from '../lib/format.ts';
import { basePlot, C, finalize, Y_TITLE_ROOM, type ChartOptions } from './common.ts';

export interface TrendPoint {
  month: string;
  total: number;
  rolling: number | null;
}

/**
 * Monthly count as a thin line and the trailing 12-month average as a thick line,
 * each labelled at its end (no colour-only legend).
 */
export function monthlyTrendChart(data: TrendPoint[], opts: ChartOptions): SVGSVGElement {
  const pts = data.map((d) => ({ ...d, date: monthDate(d.month) }));
  const rolled = pts.filter((d) => d.rolling !== null) as ((typeof pts)[number] & { rolling: number })[];
  const last = pts.at(-1)!;
  const lastR = rolled.at(-1)!;
  const narrow = opts.width < 520;
  const monthAbove = last.total > lastR.rolling;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: narrow ? 300 : 360,
    marginTop: Y_TITLE_ROOM,
    // Room for two-line tick labels (month over year).
    marginBottom: 40,
    marginLeft: 56,
    marginRight: narrow ? 20 : 140,
    x: { type: 'utc', label: null, ticks: narrow ? 4 : 8 },
    y: { label: '↑ Crimes recorded per month', grid: true, zero: true, tickFormat: (d: number) => formatInt(d) },
    marks: [
      Plot.lineY(pts, { x: 'date', y: 'total', stroke: C.muted, strokeWidth: 1 }),
      Plot.lineY(rolled, { x: 'date', y: 'rolling', stroke: C.accent, strokeWidth: 3 }),
      Plot.dot(pts, {
        x: 'date',
        y: 'total',
        r: 6,
        fill: 'transparent',
        stroke: 'none',
        title: (d: TrendPoint) =>
          `${monthShort(d.month)}: ${formatInt(d.total)} crimes${d.rolling !== null ? `; 12-month average ${formatInt(d.rolling)}` : ''}`,
      }),
      ...(narrow
        ? []
        : [
            // The label of the higher line goes above its end, the other's below, so the two never cross.
            Plot.text([last], {
              x: 'date',
              y: 'total',
              text: () => 'Each month',
              textAnchor: 'start',
              dx: 6,
              dy: monthAbove ? -8 : 10,
              fill: C.muted,
            }),
            Plot.text([lastR], {
              x: 'date',
              y: 'rolling',
              text: () => '12-month average',
              textAnchor: 'start',
              dx: 6,
              dy: monthAbove ? 10 : -8,
              fill: C.accent,
              fontWeight: 'bold',
            }),
          ]),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
