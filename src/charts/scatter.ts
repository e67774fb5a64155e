import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, type ChartOptions } from './common.ts';

export interface ScatterDatum {
  code: string;
  name: string;
  x: number;
  y: number;
}

/**
 * Two indicators for the same areas: one dot per area, a least-squares line, the
 * selected area ringed and named, and the areas furthest from the line named.
 */
export function scatterChart(
  data: ScatterDatum[],
  opts: ChartOptions & { xLabel: string; yLabel: string; selected?: string | null; outliers?: number },
): SVGSVGElement {
  const n = data.length;
  const mx = data.reduce((a, d) => a + d.x, 0) / n;
  const my = data.reduce((a, d) => a + d.y, 0) / n;
  const sxx = data.reduce((a, d) => a + (d.x - mx) ** 2, 0);
  const slope = sxx ? data.reduce((a, d) => a + (d.x - mx) * (d.y - my), 0) / sxx : 0;
  const resid = data.map((d) => ({ d, r: Math.abs(d.y - (my + slope * (d.x - mx))) }));
  const out = resid.sort((a, b) => b.r - a.r).slice(0, opts.outliers ?? 3).map((x) => x.d);
  const sel = data.filter((d) => d.code === opts.selected);
  const narrow = opts.width < 520;
  const svg = Plot.plot({
    ...basePlot(opts),
    height: narrow ? 320 : 440,
    marginLeft: 60,
    marginRight: 20,
    grid: true,
    x: { label: `${opts.xLabel} →`, nice: true },
    y: { label: `↑ ${opts.yLabel}`, nice: true },
    marks: [
      Plot.dot(data, { x: 'x', y: 'y', r: n > 2000 ? 1.5 : 3, fill: C.accent, fillOpacity: 0.55, title: (d: ScatterDatum) => `${d.name} (${d.code}): ${d.x}, ${d.y}` }),
      Plot.linearRegressionY(data, { x: 'x', y: 'y', stroke: C.fg, strokeWidth: 1.5, ci: 0 }),
      Plot.dot(out, { x: 'x', y: 'y', r: 4, stroke: C.fg, fill: 'none' }),
      // Outlier names above and below in turn, so that neighbours do not print over each other.
      Plot.text(out.filter((_, i) => i % 2 === 0), { x: 'x', y: 'y', text: 'name', dy: -11, fill: C.fg, fontSize: 11 }),
      Plot.text(out.filter((_, i) => i % 2 === 1), { x: 'x', y: 'y', text: 'name', dy: 14, fill: C.fg, fontSize: 11 }),
      Plot.dot(sel, { x: 'x', y: 'y', r: 8, stroke: C.highlight, strokeWidth: 3, fill: 'none' }),
      Plot.text(sel, { x: 'x', y: 'y', text: 'name', dy: 16, fill: C.highlight, fontWeight: 'bold' }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
