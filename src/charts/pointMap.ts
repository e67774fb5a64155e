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
    /** counted cells drawn on a canvas in the drawing (a page's map of many cells; never a download) */
    canvas?: boolean;
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
      opts.cells && opts.canvas
        ? canvasCells(points, narrow ? 9 : 13, maxN, opts.unit)
        : opts.cells
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

type Projection = {
  stream: (sink: { point: (x: number, y: number) => void }) => { point: (x: number, y: number) => void };
};

/*
 * Performance code (bench/explorer.ts, issue 27: a filter change redrawn in 100 ms): the
 * counted cells of a map painted on a canvas inside the drawing, instead of one SVG circle
 * each (34,718 for the Met's boroughs, whose making, style and layout took most of a change).
 * The same circles as the SVG's (area by count, largest first, the projection Plot fitted),
 * and the same tooltip, found under the pointer; the figure's table holds the cells for
 * keyboards and screen readers, and its SVG download has real circles.
 */
function canvasCells(points: MapPoint[], rMax: number, maxN: number, unit: string): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const doc = context.document;
    const { width, height } = dimensions;
    const fo = doc.createElementNS('http://www.w3.org/2000/svg', 'foreignObject');
    fo.setAttribute('width', String(width));
    fo.setAttribute('height', String(height));
    const canvas = doc.createElement('canvas');
    // The screen's pixels (at most two a CSS pixel): more would only slow the painting.
    const scale = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.setAttribute('style', 'display:block;width:100%;height:100%');
    fo.append(canvas);
    const n = points.length;
    // A cell the projection clips (outside the frame) is not given a position: it stays NaN, and is not drawn.
    const X = new Float64Array(n).fill(NaN);
    const Y = new Float64Array(n).fill(NaN);
    const R = new Float64Array(n);
    let i = 0;
    const stream = (context.projection as unknown as Projection).stream({
      point: (x, y) => void ((X[i] = x), (Y[i] = y)),
    });
    for (i = 0; i < n; i++) {
      const p = points[i]!;
      stream.point(p.lon, p.lat);
      R[i] = rMax * Math.sqrt((p.n ?? 1) / maxN);
    }
    const g = canvas.getContext?.('2d');
    if (g) {
      g.scale(scale, scale);
      g.fillStyle = PALETTE.pair[1]!;
      g.globalAlpha = 0.8;
      // One path, filled once (a fill a circle cost about twice as much): where circles overlap, the colour is
      // not deeper, as it is in the SVG's, whose circles are each translucent.
      g.beginPath();
      for (let k = 0; k < n; k++) {
        if (!(R[k]! > 0) || !Number.isFinite(X[k]! + Y[k]!)) continue;
        g.moveTo(X[k]! + R[k]!, Y[k]!);
        g.arc(X[k]!, Y[k]!, R[k]!, 0, 2 * Math.PI);
      }
      g.fill();
    }
    // The tooltip of the cell under the pointer (the topmost, drawn last), for the figure's tooltips (data-tip).
    canvas.addEventListener('pointermove', (e) => {
      const box = canvas.getBoundingClientRect();
      const x = ((e.clientX - box.left) * width) / box.width;
      const y = ((e.clientY - box.top) * height) / box.height;
      for (let k = n - 1; k >= 0; k--)
        if ((X[k]! - x) ** 2 + (Y[k]! - y) ** 2 <= (R[k]! + 1) ** 2) {
          canvas.dataset.tip = `${points[k]!.n} ${unit} in this cell`;
          return;
        }
      delete canvas.dataset.tip;
    });
    return fo;
  };
}
