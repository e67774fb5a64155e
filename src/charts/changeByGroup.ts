import * as Plot from '@observablehq/plot';
import { formatPct, sentenceCase } from '../lib/format.ts';
import type { GroupChange } from '../lib/crime.ts';
import { basePlot, C, finalize, type ChartOptions } from './common.ts';

/**
 * Horizontal bars of the % change by offence group, latest 12 months on the previous
 * 12, ordered by the latest count. Rises and falls differ in colour *and* in
 * direction, and every bar carries its signed value as text.
 */
const SHORT: Record<string, string> = {
  'Miscellaneous crimes against society': 'Misc. crimes against society',
  'Arson and criminal damage': 'Arson and criminal damage',
};

export function changeByGroupChart(groups: GroupChange[], opts: ChartOptions): SVGSVGElement {
  const narrow = opts.width < 520;
  const data = groups
    .filter((g) => g.pctChange !== null)
    .map((g) => {
      const full = sentenceCase(g.group);
      return { label: narrow ? (SHORT[full] ?? full) : full, pct: g.pctChange!, latest: g.latest, previous: g.previous, text: formatPct(g.pctChange!) };
    });
  const lo = Math.min(-10, ...data.map((d) => d.pct));
  const hi = Math.max(10, ...data.map((d) => d.pct));
  const svg = Plot.plot({
    ...basePlot(opts),
    height: data.length * 28 + 50,
    marginLeft: narrow ? 175 : 250,
    marginRight: 64,
    x: { domain: [lo * 1.05, hi * 1.05], label: 'Change on previous 12 months (%) →', grid: true, ticks: narrow ? 5 : 9, tickFormat: (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d)}`, labelAnchor: 'center' },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    marks: [
      Plot.barX(data, {
        y: 'label',
        x: 'pct',
        fill: (d: { pct: number }) => (d.pct >= 0 ? C.rise : C.fall),
        title: (d: { label: string; text: string; latest: number; previous: number }) =>
          `${d.label}: ${d.text} (${d.previous.toLocaleString('en-GB')} → ${d.latest.toLocaleString('en-GB')})`,
        insetTop: 3,
        insetBottom: 3,
      }),
      Plot.ruleX([0], { stroke: C.fg }),
      // Values in a column at the right edge, clear of the bars.
      Plot.text(data, { y: 'label', text: 'text', frameAnchor: 'right', textAnchor: 'end', dx: 60, fill: C.fg, fontWeight: 600 }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
