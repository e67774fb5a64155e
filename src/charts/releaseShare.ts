import * as Plot from '@observablehq/plot';
import { monthDate } from '../lib/format.ts';
import { basePlot, C, finalize, fontPx, Y_TITLE_ROOM, type ChartOptions } from './common.ts';

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

/** The x scale's inset, in pixels, at each end. */
const INSET = 22;

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
  const layout = { width: opts.width, height: narrow ? 260 : 300, left: 52, right: 30, top: Y_TITLE_ROOM, bottom: 40 };
  const labelled = unclashed(pts, [Math.max(0, lo - pad), hi + pad], layout);
  const svg = Plot.plot({
    ...basePlot(opts),
    height: layout.height,
    marginLeft: layout.left,
    marginRight: layout.right,
    marginTop: layout.top,
    marginBottom: layout.bottom,
    // Inset so that the first and last points' labels clear the y axis's tick labels and the edge.
    x: { type: 'utc', label: null, ticks: narrow ? 4 : 8, inset: INSET },
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
        pts.filter((d) => !d.selected && labelled.has(d)),
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

/**
 * The points whose value labels (centred 16 px above them) can be drawn without running into
 * another label or off the chart: the selected release first, then the latest, the first, the
 * highest and the lowest, then the rest from the latest back. The others' values are in the
 * table and the tooltips.
 */
function unclashed<T extends ShareDatum & { date: Date }>(
  pts: T[],
  [y0, y1]: [number, number],
  l: { width: number; height: number; left: number; right: number; top: number; bottom: number },
): Set<T> {
  const t = pts.map((d) => +d.date);
  const [t0, t1] = [Math.min(...t), Math.max(...t)];
  const px = fontPx(l.width) * 0.62;
  const box = (d: T) => {
    const x = l.left + INSET + ((+d.date - t0) / (t1 - t0 || 1)) * (l.width - l.left - l.right - 2 * INSET);
    const y = l.height - l.bottom - ((d.share - y0) / (y1 - y0)) * (l.height - l.top - l.bottom) - 16;
    // Bold (the selected release's) is wider: room for it on every label, and a gap.
    const half = ((d.text.length + (d.partial ? 1 : 0)) * px * 1.1) / 2 + 4;
    return { l: x - half, r: x + half, t: y - 10, b: y + 10, x };
  };
  const byValue = [...pts].sort((a, b) => a.share - b.share);
  const order = [
    ...new Set([
      ...pts.filter((d) => d.selected),
      pts.at(-1)!,
      pts[0]!,
      byValue.at(-1)!,
      byValue[0]!,
      ...[...pts].reverse(),
    ]),
  ];
  const placed: ReturnType<typeof box>[] = [];
  const keep = new Set<T>();
  for (const d of order) {
    const b = box(d);
    // The selected release's label is drawn whatever its room: the others keep off it.
    const hits = placed.some((p) => b.l < p.r && p.l < b.r && b.t < p.b && p.t < b.b);
    if (!d.selected && (hits || b.l < l.left || b.r > l.width)) continue;
    placed.push(b);
    keep.add(d);
  }
  return keep;
}
