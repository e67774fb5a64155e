/**
 * Hotspot maps: grid cells or snap points on a projected plane (metres, north up),
 * or London areas (lon/lat), coloured by class, with the study-area outline and a
 * legend that names every class (colour is never the only carrier: each class is
 * written out with its count, and the figure's table lists the places).
 *
 * Cells of one class are drawn as one path, so a grid of thousands of cells stays
 * a few kilobytes of SVG.
 */
import { geoIdentity, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { C, finalize, wrapWords, type ChartOptions } from './common.ts';

const NS = 'http://www.w3.org/2000/svg';

export interface LegendEntry {
  label: string;
  colour: string;
}

export type HotspotLayer =
  /** cells[k] = class index into the legend, or −1 for no fill */
  | { type: 'cells'; x0: number; y0: number; size: number; nx: number; cells: number[] }
  /** points sized by count; cls indexes the legend */
  | { type: 'points'; points: { x: number; y: number; n: number; cls: number; title: string }[] }
  /** areas of a topology (lon/lat); codes without a class are drawn as base only */
  | {
      type: 'areas';
      topology: Topology;
      objectName: string;
      classes: Record<string, number>;
      base?: { topology: Topology; objectName: string };
    }
  /** street segments as lines (paths as in HotspotNetwork: first point then differences, metres); classes[i] indexes the legend, −1 not drawn */
  | { type: 'segments'; paths: number[][]; classes: number[]; widths?: number[] };

/** Faint layers under the data, so a reader can find their street: a street network, or ward outlines. */
export interface BaseLayers {
  /** street segments, encoded as HotspotNetwork paths (metres) */
  network?: number[][];
  /**
   * Where the network is drawn once for every map of the data set: `${networkHref}-${width}.svg`
   * holds it as the element #net for the widths in NETWORK_WIDTHS. The page's maps use it instead
   * of drawing the same thousands of lines in each SVG; exports draw it inline.
   */
  networkHref?: string;
  /** ward outlines (rings in metres) */
  wards?: [number, number][][][];
}

export interface HotspotMapSpec {
  /** study-area outline rings in the layer's plane (metres for cells and points) */
  outline?: [number, number][][];
  layer: HotspotLayer;
  /** faint orientation layers drawn under the data (planar maps only) */
  base?: BaseLayers;
  legend: LegendEntry[];
  legendTitle: string;
  /** a credit printed in the map itself, e.g. "© OpenStreetMap contributors" (required wherever OSM data are drawn) */
  credit?: string;
}

/** Decodes a path stored as its first point then differences. */
export function decodePath(p: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < p.length; i += 2) {
    x += p[i]!;
    y += p[i + 1]!;
    out.push([x, y]);
  }
  return out;
}

/** Widths at which a shared network drawing is published (the figure widths of the hotspots page). */
export const NETWORK_WIDTHS = [300, 480, 720] as const;

/** The planar map's frame: height from the outline's aspect ratio (metres, so true shape), and its projection. */
export function planarFrame(
  outline: [number, number][][],
  width: number,
): { mapH: number; projection: GeoProjection; clipped: GeoProjection; outlineGeo: unknown } {
  const outlineGeo = { type: 'MultiPolygon', coordinates: outline.map((r) => [r]) } as never;
  const xs = outline.flat().map((p) => p[0]);
  const ys = outline.flat().map((p) => p[1]);
  const aspect = (Math.max(...ys) - Math.min(...ys)) / (Math.max(...xs) - Math.min(...xs));
  const mapH = Math.round(Math.min(Math.max((width - 8) * aspect + 8, width * 0.45), width * 1.1));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [4, 4],
        [width - 4, mapH - 4],
      ],
      outlineGeo,
    ) as unknown as GeoProjection;
  const clipped = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [4, 4],
        [width - 4, mapH - 4],
      ],
      outlineGeo,
    )
    .clipExtent([
      [0, 0],
      [width, mapH],
    ]) as unknown as GeoProjection;
  return { mapH, projection, clipped, outlineGeo };
}

/** Lines as one path, clipped to the map, at `digits` decimals. */
function linesD(clipped: GeoProjection, lines: [number, number][][], digits: number): string {
  return geoPath(clipped).digits(digits)({ type: 'MultiLineString', coordinates: lines } as never) ?? '';
}

/** The street network's path for a map of this outline and width (whole pixels: it is for orientation). */
export function networkD(outline: [number, number][][], network: number[][], width: number): string {
  return linesD(planarFrame(outline, width).clipped, network.map(decodePath), 0);
}

/** An SVG element with attributes. */
function el(doc: Document, tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = doc.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** London areas of a topology (lon/lat): a base in grey, then each class merged into one shape. Returns the map's height. */
function drawAreas(
  g: Element,
  doc: Document,
  L: Extract<HotspotLayer, { type: 'areas' }>,
  legend: LegendEntry[],
  width: number,
): number {
  const fcOf = (t: Topology, o: string) =>
    (
      feature(t, t.objects[o] as GeometryCollection) as unknown as {
        features: Feature<Geometry, { code?: string } | null>[];
      }
    ).features;
  const base = L.base ? fcOf(L.base.topology, L.base.objectName) : [];
  const areas = fcOf(L.topology, L.objectName);
  const mapH = Math.round(width * 0.78);
  const projection = geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, mapH - 4],
    ],
    { type: 'FeatureCollection', features: base.length ? base : areas } as never,
  );
  // Whole pixels: at these sizes a tenth of a pixel is invisible and doubles the file.
  const path = geoPath(projection).digits(0);
  if (base.length)
    g.appendChild(
      el(doc, 'path', {
        d: path({ type: 'FeatureCollection', features: base } as never) ?? '',
        fill: C.nodata,
        stroke: 'var(--lca-bg)',
        'stroke-width': 1,
      }),
    );
  // Areas of one class are merged into one shape (their shared borders dropped), which keeps the SVG small.
  const geoms = (L.topology.objects[L.objectName] as GeometryCollection).geometries;
  const codeOf = (p: unknown, id: unknown) =>
    p && typeof p === 'object' && 'code' in p && typeof p.code === 'string' ? p.code : String(id);
  legend.forEach((entry, cls) => {
    const members = geoms.filter((gm) => L.classes[codeOf(gm.properties, gm.id)] === cls);
    if (members.length)
      g.appendChild(
        el(doc, 'path', {
          d: path(merge(L.topology, members as never) as never) ?? '',
          fill: entry.colour,
          stroke: entry.colour,
          'stroke-width': 0.3,
          'data-class': cls,
        }),
      );
  });
  return mapH;
}

/** The faint orientation layers: ward outlines, and the street network (by reference to the shared drawing when it exists). */
function drawBase(
  g: Element,
  doc: Document,
  spec: HotspotMapSpec,
  frame: ReturnType<typeof planarFrame>,
  width: number,
  inline: boolean,
): void {
  if (spec.base?.wards?.length)
    g.appendChild(
      el(doc, 'path', {
        d: linesD(frame.clipped, spec.base.wards.flat(), 0),
        fill: 'none',
        stroke: C.muted,
        'stroke-width': 0.6,
        'stroke-dasharray': '3,2',
        'data-base': 'wards',
      }),
    );
  if (!spec.base?.network?.length) return;
  const style = { fill: 'none', stroke: C.grid, 'stroke-width': 1, 'stroke-linecap': 'round', 'data-base': 'network' };
  const shared = spec.base.networkHref && !inline && (NETWORK_WIDTHS as readonly number[]).includes(width);
  if (shared) g.appendChild(el(doc, 'use', { href: `${spec.base.networkHref}-${width}.svg#net`, ...style }));
  else g.appendChild(el(doc, 'path', { d: linesD(frame.clipped, spec.base.network.map(decodePath), 0), ...style }));
}

/** Grid cells by class; runs of one class along a row are drawn as one rectangle. */
function drawCells(
  g: Element,
  doc: Document,
  L: Extract<HotspotLayer, { type: 'cells' }>,
  legend: LegendEntry[],
  projection: GeoProjection,
): void {
  const [ax, ay] = projection([L.x0, L.y0])!;
  const [bx] = projection([L.x0 + L.size, L.y0])!;
  const s = bx - ax;
  const byClass = new Map<number, string[]>();
  const rows = Math.ceil(L.cells.length / L.nx);
  for (let j = 0; j < rows; j++) {
    let i = 0;
    while (i < L.nx) {
      const cls = L.cells[j * L.nx + i] ?? -1;
      let run = 1;
      while (i + run < L.nx && (L.cells[j * L.nx + i + run] ?? -1) === cls) run++;
      if (cls >= 0) {
        // (x0, y0) is the lower-left corner; screen y grows downwards.
        const list = byClass.get(cls) ?? [];
        list.push(`M${r1(ax + i * s)} ${r1(ay - (j + 1) * s)}h${r1(s * run)}v${r1(s)}h${r1(-s * run)}z`);
        byClass.set(cls, list);
      }
      i += run;
    }
  }
  for (const [cls, parts] of [...byClass].sort((a, b) => a[0] - b[0]))
    g.appendChild(el(doc, 'path', { d: parts.join(''), fill: legend[cls]!.colour, 'data-class': cls }));
}

/** Street segments as lines, one path per class. */
function drawSegments(
  g: Element,
  doc: Document,
  L: Extract<HotspotLayer, { type: 'segments' }>,
  legend: LegendEntry[],
  frame: ReturnType<typeof planarFrame>,
): void {
  const byClass = new Map<number, [number, number][][]>();
  L.classes.forEach((cls, i) => {
    if (cls >= 0) byClass.set(cls, [...(byClass.get(cls) ?? []), decodePath(L.paths[i]!)]);
  });
  for (const [cls, lines] of [...byClass].sort((a, b) => a[0] - b[0])) {
    g.appendChild(
      el(doc, 'path', {
        d: linesD(frame.clipped, lines, 0),
        fill: 'none',
        stroke: legend[cls]!.colour,
        'stroke-width': L.widths?.[cls] ?? 2,
        'stroke-linecap': 'round',
        'data-class': cls,
      }),
    );
  }
}

/** Points sized by count, largest first underneath; tooltips where given. */
function drawPoints(
  g: Element,
  doc: Document,
  L: Extract<HotspotLayer, { type: 'points' }>,
  legend: LegendEntry[],
  projection: GeoProjection,
): void {
  const max = Math.max(1, ...L.points.map((p) => p.n));
  for (const pt of [...L.points].sort((a, b) => b.n - a.n)) {
    const [x, y] = projection([pt.x, pt.y])!;
    const c = el(doc, 'circle', {
      cx: r1(x),
      cy: r1(y),
      r: r1(2 + 12 * Math.sqrt(pt.n / max)),
      fill: legend[pt.cls]!.colour,
      'fill-opacity': 0.75,
    });
    if (pt.title) {
      const t = el(doc, 'title', {});
      t.textContent = pt.title;
      c.appendChild(t);
    }
    g.appendChild(c);
  }
}

/** The legend: its title, then the classes in as many columns as fit (about 0.6 em a character). */
function drawLegend(doc: Document, spec: HotspotMapSpec, width: number, top: number): { g: Element; height: number } {
  const narrow = width < 520;
  const longest = Math.max(...spec.legend.map((e) => e.label.length));
  const perRow = Math.max(
    1,
    Math.min(spec.legend.length, Math.floor((width - 8) / (26 + longest * (narrow ? 6.2 : 6.8)))),
  );
  const lg = el(doc, 'g', { transform: `translate(4,${top})` });
  // The title wraps to the width (bold, about 0.62 em a character at 13 px).
  const titleLines = wrapWords(spec.legendTitle, Math.floor((width - 8) / (13 * 0.62)));
  const head = el(doc, 'text', { dy: '0.8em', fill: 'currentColor', 'font-weight': 'bold' });
  titleLines.forEach((line, i) => {
    const t = el(doc, 'tspan', { x: 0, dy: i === 0 ? '0.8em' : '1.25em' });
    t.textContent = line;
    head.appendChild(t);
  });
  head.removeAttribute('dy');
  lg.appendChild(head);
  const titleH = (titleLines.length - 1) * 16;
  const colW = (width - 8) / perRow;
  // In one column, a label longer than the width breaks into lines (about 0.57 em a character).
  const per = Math.floor((colW - 22) / ((narrow ? 13 : 12) * 0.57));
  const linesOf = (label: string) => (perRow === 1 ? wrapWords(label, per) : [label]);
  let y = titleH + 24;
  spec.legend.forEach((e, i) => {
    const x = (i % perRow) * colW;
    if (i && i % perRow === 0)
      y += 22 + (Math.max(...spec.legend.slice(i - perRow, i).map((p) => linesOf(p.label).length)) - 1) * 15;
    lg.appendChild(
      el(doc, 'rect', {
        x: Math.round(x),
        y,
        width: 16,
        height: 14,
        fill: e.colour,
        stroke: 'currentColor',
        'stroke-width': 0.5,
      }),
    );
    const t = el(doc, 'text', {
      x: Math.round(x + 22),
      y: y + 11,
      fill: 'currentColor',
      'font-size': narrow ? 13 : 12,
    });
    const lines = linesOf(e.label);
    if (lines.length === 1) t.textContent = e.label;
    else
      lines.forEach((line, j) => {
        const span = el(doc, 'tspan', { x: Math.round(x + 22), dy: j ? 15 : 0 });
        span.textContent = line;
        t.appendChild(span);
      });
    lg.appendChild(t);
  });
  const lastRow = spec.legend.slice(Math.floor((spec.legend.length - 1) / perRow) * perRow);
  const lastLines = Math.max(1, ...lastRow.map((e) => linesOf(e.label).length));
  return { g: lg, height: y + 22 + (lastLines - 1) * 15 + 2 };
}

export function hotspotMapChart(spec: HotspotMapSpec, opts: ChartOptions & { inline?: boolean }): SVGSVGElement {
  const doc = opts.document;
  const width = opts.width;
  const svg = el(doc, 'svg', { xmlns: NS, 'font-size': 13 }) as SVGSVGElement;
  const g = el(doc, 'g', {});
  let mapH: number;
  if (spec.layer.type === 'areas') mapH = drawAreas(g, doc, spec.layer, spec.legend, width);
  else {
    const frame = planarFrame(spec.outline ?? [], width);
    mapH = frame.mapH;
    const outlineD = geoPath(frame.projection).digits(1)(frame.outlineGeo as never) ?? '';
    drawBase(g, doc, spec, frame, width, opts.inline ?? false);
    const L = spec.layer;
    if (L.type === 'cells') drawCells(g, doc, L, spec.legend, frame.projection);
    else if (L.type === 'segments') drawSegments(g, doc, L, spec.legend, frame);
    else drawPoints(g, doc, L, spec.legend, frame.projection);
    g.appendChild(el(doc, 'path', { d: outlineD, fill: 'none', stroke: C.fg, 'stroke-width': 1.2 }));
  }
  if (spec.credit) {
    const t = el(doc, 'text', {
      x: width - 6,
      y: mapH - 6,
      'text-anchor': 'end',
      // At the base size, so that shown in the narrowest column of its band it is still 11 px.
      'font-size': width < 520 ? 13 : 12,
      fill: 'currentColor',
      'data-credit': '',
    });
    t.textContent = spec.credit;
    g.appendChild(t);
  }
  svg.appendChild(g);
  const legend = drawLegend(doc, spec, width, mapH + 8);
  svg.appendChild(legend.g);
  const height = mapH + legend.height + 8;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return finalize(svg, opts.ariaLabel);
}
