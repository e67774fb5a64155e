import * as Plot from '@observablehq/plot';
import { basePlot, C, finalize, X_TITLE_ROOM, Y_TITLE_ROOM, type ChartOptions } from './common.ts';

export interface CurvePoint {
  places: number;
  crime: number;
}

/**
 * The concentration curve: cumulative share of crime (y) against the cumulative
 * share of places, busiest first (x), for places with crime and for all places,
 * with the line of equal shares. Each line is labelled at its knee, not by colour alone.
 */
export function concentrationCurveChart(
  data: { withCrime: CurvePoint[]; all: CurvePoint[]; placeWord: string },
  opts: ChartOptions,
): SVGSVGElement {
  const narrow = opts.width < 520;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const labelAt = (pts: CurvePoint[], x: number) =>
    pts.reduce((a, b) => (Math.abs(b.places - x) < Math.abs(a.places - x) ? b : a));
  const a = labelAt(data.all, 0.08);
  const w = labelAt(data.withCrime, 0.3);
  const svg = Plot.plot({
    ...basePlot(opts),
    height: narrow ? 300 : 360,
    marginLeft: 48,
    // Room for the last tick label ("100%", centred on the plot's right edge) and the y axis's title.
    marginRight: 24,
    marginTop: Y_TITLE_ROOM,
    marginBottom: X_TITLE_ROOM,
    x: {
      domain: [0, 1],
      label: `Share of ${data.placeWord}, busiest first →`,
      labelAnchor: 'center',
      tickFormat: pct,
      ticks: 5,
    },
    // The origin's 0% is the x axis's: the y axis leaves it unlabelled, so the two do not print over each other.
    y: {
      domain: [0, 1],
      label: '↑ Share of crime',
      tickFormat: (v: number) => (v === 0 ? '' : pct(v)),
      grid: true,
      ticks: 5,
    },
    marks: [
      Plot.line(
        [
          { places: 0, crime: 0 },
          { places: 1, crime: 1 },
        ],
        { x: 'places', y: 'crime', stroke: C.muted, strokeDasharray: '4,3' },
      ),
      Plot.line(data.withCrime, { x: 'places', y: 'crime', stroke: C.series2, strokeWidth: 2 }),
      Plot.line(data.all, { x: 'places', y: 'crime', stroke: C.accent, strokeWidth: 3 }),
      Plot.text([a], {
        x: 'places',
        y: 'crime',
        text: () => `all ${data.placeWord}`,
        dx: 8,
        textAnchor: 'start',
        fill: C.accent,
        fontWeight: 'bold',
      }),
      Plot.text([w], {
        x: 'places',
        y: 'crime',
        text: () => `${data.placeWord} with crime`,
        dx: 6,
        dy: 12,
        textAnchor: 'start',
        fill: C.series2,
      }),
      Plot.text([{ places: 0.62, crime: 0.56 }], {
        x: 'places',
        y: 'crime',
        text: () => 'equal shares',
        rotate: narrow ? 0 : -33,
        fill: C.muted,
      }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
