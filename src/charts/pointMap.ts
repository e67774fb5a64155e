import * as Plot from '@observablehq/plot';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { basePlot, C, finalize, PALETTE, type ChartOptions } from './common.ts';

export interface MapPoint {
  lon: number;
  lat: number;
  /** a cell's count (cells mode) */
  n?: number;
}

/**
 * Points on the borough outlines: every point as a dot where there are few, hexagonal
 * cells sized by their count where there are many (more than `binAbove`), so that a
 * dense map shows where incidents concentrate rather than a blot. Projected with Plot's
 * Mercator fitted to the boroughs. `cells`: the points are already counted in cells
 * (their `n`), drawn as circles sized by count (the disclosure-controlled map).
 */
export function pointMapChart(
  points: MapPoint[],
  opts: ChartOptions & {
    base: Topology;
    baseObject: string;
    binAbove: number;
    unit: string;
    cells?: boolean;
    focus?: string[];
  },
): SVGSVGElement {
  const narrow = opts.width < 520;
  const all = feature(
    opts.base,
    opts.base.objects[opts.baseObject] as GeometryCollection,
  ) as unknown as FeatureCollection;
  // `focus`: the areas (by their code property) the map is fitted to and outlines; the others are left out.
  const outlines: FeatureCollection = opts.focus
    ? { ...all, features: all.features.filter((f) => opts.focus!.includes(String(f.properties?.code))) }
    : all;
  const binned = !opts.cells && points.length > opts.binAbove;
  const maxN = points.reduce((m, p) => Math.max(m, p.n ?? 1), 1);
  const svg = Plot.plot({
    ...basePlot(opts),
    height: Math.round(opts.width * 0.78),
    projection: { type: 'mercator', domain: outlines, inset: 6 },
    r: binned
      ? { range: [1, narrow ? 7 : 10] }
      : opts.cells
        ? { domain: [0, maxN], range: [0, narrow ? 9 : 13] }
        : undefined,
    marks: [
      Plot.geo(outlines, { fill: 'none', stroke: C.muted, strokeWidth: 0.7 }),
      opts.cells
        ? Plot.dot(points, {
            x: 'lon',
            y: 'lat',
            r: 'n',
            fill: PALETTE.pair[1],
            fillOpacity: 0.8,
            title: (d: MapPoint) => `${d.n} ${opts.unit} in this cell`,
          })
        : binned
          ? Plot.dot(
              points,
              Plot.hexbin(
                { r: 'count', title: (d: MapPoint[]) => `${d.length} ${opts.unit} in this cell` },
                { x: 'lon', y: 'lat', fill: PALETTE.pair[1], fillOpacity: 0.8, binWidth: narrow ? 14 : 20 },
              ),
            )
          : Plot.dot(points, {
              x: 'lon',
              y: 'lat',
              r: narrow ? 2 : 2.5,
              fill: PALETTE.pair[1],
              fillOpacity: 0.75,
              title: (d: MapPoint) => `${d.lat.toFixed(4)}, ${d.lon.toFixed(4)}`,
            }),
    ],
  });
  return finalize(svg, opts.ariaLabel);
}
