import * as Plot from '@observablehq/plot';
import { formatInt, monthDate, monthShort } from '../lib/format.ts';
import { basePlot, C, finalize, type ChartOptions } from './common.ts';

export interface RollingDatum {
  month: string;
  rolling: number;
  /** % change on the 12 months to the same month a year earlier. */
  pct: number | null;
}

/**
 * Two panels on one time axis: the rolling 12-month total (line) and its % change
 * on the year before (bars above and below zero, rises and falls in two colours
 * and on two sides of the zero line).
 */
export function rollingChart(data: RollingDatum[], opts: ChartOptions): SVGSVGElement {
  const doc = opts.document;
  const pts = data.map((d) => ({ ...d, date: monthDate(d.month) }));
  const narrow = opts.width < 520;
  const common = {
    ...basePlot(opts),
    marginLeft: 64,
    marginRight: 20,
    x: { type: 'utc' as const, label: null, ticks: narrow ? 4 : 8, domain: [pts[0]!.date, pts.at(-1)!.date] },
  };
  const top = Plot.plot({
    ...common,
    height: narrow ? 220 : 260,
    marginBottom: 24,
    y: {
      label: '↑ Crimes in the 12 months to each month',
      grid: true,
      zero: true,
      tickFormat: (d: number) => formatInt(d),
    },
    marks: [
      Plot.lineY(pts, { x: 'date', y: 'rolling', stroke: C.accent, strokeWidth: 2.5 }),
      Plot.dot(pts, {
        x: 'date',
        y: 'rolling',
        r: 5,
        fill: 'transparent',
        title: (d: RollingDatum) => `12 months to ${monthShort(d.month)}: ${formatInt(d.rolling)} crimes`,
      }),
    ],
  });
  const withPct = pts.filter((d) => d.pct !== null) as ((typeof pts)[number] & { pct: number })[];
  const bottom = Plot.plot({
    ...common,
    height: narrow ? 170 : 190,
    marginTop: 24,
    y: {
      label: '↑ Change on a year earlier (%)',
      grid: true,
      tickFormat: (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d)}`,
    },
    marks: [
      Plot.rectY(withPct, {
        x: 'date',
        interval: 'month',
        y: 'pct',
        fill: (d: { pct: number }) => (d.pct >= 0 ? C.rise : C.fall),
        title: (d: RollingDatum) =>
          `12 months to ${monthShort(d.month)}: ${d.pct! >= 0 ? '+' : '−'}${Math.abs(d.pct!).toFixed(1)}% on a year earlier`,
      }),
      Plot.ruleY([0], { stroke: C.fg }),
    ],
  });
  const NS = 'http://www.w3.org/2000/svg';
  const outer = doc.createElementNS(NS, 'svg');
  const h1 = Number(top.getAttribute('height'));
  const h2 = Number(bottom.getAttribute('height'));
  outer.setAttribute('xmlns', NS);
  outer.setAttribute('width', String(opts.width));
  outer.setAttribute('height', String(h1 + h2));
  outer.setAttribute('viewBox', `0 0 ${opts.width} ${h1 + h2}`);
  outer.setAttribute('font-size', '13');
  for (const [el, y] of [
    [top, 0],
    [bottom, h1],
  ] as const) {
    el.setAttribute('x', '0');
    el.setAttribute('y', String(y));
    el.removeAttribute('viewBox');
    for (const g of Array.from(el.querySelectorAll('g[aria-label]'))) g.setAttribute('role', 'group');
    el.removeAttribute('aria-label');
    el.setAttribute('role', 'presentation');
    outer.appendChild(el);
  }
  return finalize(outer, opts.ariaLabel);
}
