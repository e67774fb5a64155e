/**
 * Hotspot maps: grid cells or snap points on a projected plane (metres, north up),
 * or London areas (lon/lat), coloured by class, with the study-area outline and a
 * legend that names every class (colour is never the only carrier: each class is
 * written out with its count, and the figure's table lists the places).
 *
 * Cells of one class are drawn as one path, so a grid of thousands of cells stays
 * a few kilobytes of SVG.
 */
import { geoIdentity, geoMercator, geoPath, type GeoProjection } from 'd3';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { C, finalize, type ChartOptions } from './common.ts';

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
  | { type: 'areas'; topology: Topology; objectName: string; classes: Record<string, number>; base?: { topology: Topology; objectName: string } }
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
export const NETWORK_WIDTHS = [360, 720] as const;

/** The planar map's frame: height from the outline's aspect ratio (metres, so true shape), and its projection. */
export function planarFrame(outline: [number, number][][], width: number): { mapH: number; projection: GeoProjection; clipped: GeoProjection; outlineGeo: unknown } {
  const outlineGeo = { type: 'MultiPolygon', coordinates: outline.map((r) => [r]) } as never;
  const xs = outline.flat().map((p) => p[0]);
  const ys = outline.flat().map((p) => p[1]);
  const aspect = (Math.max(...ys) - Math.min(...ys)) / (Math.max(...xs) - Math.min(...xs));
  const mapH = Math.round(Math.min(Math.max((width - 8) * aspect + 8, width * 0.45), width * 1.1));
  const projection = geoIdentity().reflectY(true).fitExtent([[4, 4], [width - 4, mapH - 4]], outlineGeo) as unknown as GeoProjection;
  const clipped = geoIdentity().reflectY(true).fitExtent([[4, 4], [width - 4, mapH - 4]], outlineGeo).clipExtent([[0, 0], [width, mapH]]) as unknown as GeoProjection;
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

export function hotspotMapChart(spec: HotspotMapSpec, opts: ChartOptions & { inline?: boolean }): SVGSVGElement {
  const doc = opts.document;
  const width = opts.width;
  const narrow = width < 520;
  // Columns as wide as the longest label (about 0.6 em a character), as many as fit.
  const longest = Math.max(...spec.legend.map((e) => e.label.length));
  const perRow = Math.max(1, Math.min(spec.legend.length, Math.floor((width - 8) / (26 + longest * (narrow ? 6.2 : 6.8)))));
  const legendRows = Math.ceil(spec.legend.length / perRow);
  const legendH = 26 + legendRows * 22;
  let mapH: number;
  let projection: GeoProjection;
  let outlineD = '';
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('xmlns', NS);
  svg.setAttribute('font-size', '13');
  const g = doc.createElementNS(NS, 'g');

  if (spec.layer.type === 'areas') {
    const L = spec.layer;
    const fcOf = (t: Topology, o: string) => (feature(t, t.objects[o] as GeometryCollection) as unknown as { features: Feature<Geometry, { code?: string } | null>[] }).features;
    const base = L.base ? fcOf(L.base.topology, L.base.objectName) : [];
    const areas = fcOf(L.topology, L.objectName);
    mapH = Math.round(width * 0.78);
    projection = geoMercator().fitExtent([[4, 4], [width - 4, mapH - 4]], { type: 'FeatureCollection', features: base.length ? base : areas } as never);
    // Whole pixels: at these sizes a tenth of a pixel is invisible and doubles the file.
    const path = geoPath(projection).digits(0);
    if (base.length) {
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', path({ type: 'FeatureCollection', features: base } as never) ?? '');
      p.setAttribute('fill', C.nodata);
      p.setAttribute('stroke', 'var(--lca-bg)');
      p.setAttribute('stroke-width', '1');
      g.appendChild(p);
    }
    // Areas of one class are merged into one shape (their shared borders dropped), which keeps the SVG small.
    const geoms = (L.topology.objects[L.objectName] as GeometryCollection).geometries;
    spec.legend.forEach((entry, cls) => {
      const members = geoms.filter((gm) => L.classes[(gm.properties as { code?: string } | undefined)?.code ?? String(gm.id)] === cls);
      if (!members.length) return;
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', path(merge(L.topology, members as never) as never) ?? '');
      p.setAttribute('fill', entry.colour);
      p.setAttribute('stroke', entry.colour);
      p.setAttribute('stroke-width', '0.3');
      p.setAttribute('data-class', String(cls));
      g.appendChild(p);
    });
  } else {
    const outline = spec.outline ?? [];
    const frame = planarFrame(outline, width);
    const outlineGeo = frame.outlineGeo as never;
    mapH = frame.mapH;
    projection = frame.projection;
    const path = geoPath(projection).digits(1);
    outlineD = path(outlineGeo) ?? '';
    const bg = doc.createElementNS(NS, 'path');
    bg.setAttribute('d', outlineD);
    bg.setAttribute('fill', 'none');
    bg.setAttribute('fill-rule', 'evenodd');
    g.appendChild(bg);
    const r1 = (v: number) => Math.round(v * 10) / 10;
    // Base layers: one path each, clipped to the map, in whole pixels (they are for orientation, not measurement).
    const lineD = (lines: [number, number][][], digits: number) => linesD(frame.clipped, lines, digits);
    if (spec.base?.wards?.length) {
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', lineD(spec.base.wards.flat(), 0));
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', C.muted);
      p.setAttribute('stroke-width', '0.6');
      p.setAttribute('stroke-dasharray', '3,2');
      p.setAttribute('data-base', 'wards');
      g.appendChild(p);
    }
    const shared = spec.base?.networkHref && !opts.inline && (NETWORK_WIDTHS as readonly number[]).includes(width);
    if (spec.base?.network?.length && shared) {
      const u = doc.createElementNS(NS, 'use');
      u.setAttribute('href', `${spec.base.networkHref}-${width}.svg#net`);
      u.setAttribute('fill', 'none');
      u.setAttribute('stroke', C.grid);
      u.setAttribute('stroke-width', '1');
      u.setAttribute('stroke-linecap', 'round');
      u.setAttribute('data-base', 'network');
      g.appendChild(u);
    } else if (spec.base?.network?.length) {
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', lineD(spec.base.network.map(decodePath), 0));
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', C.grid);
      p.setAttribute('stroke-width', '1');
      p.setAttribute('stroke-linecap', 'round');
      p.setAttribute('data-base', 'network');
      g.appendChild(p);
    }
    if (spec.layer.type === 'cells') {
      const L = spec.layer;
      const [ax, ay] = projection([L.x0, L.y0])!;
      const [bx] = projection([L.x0 + L.size, L.y0])!;
      const s = bx - ax;
      // Runs of cells of one class along a row are drawn as one rectangle.
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
            const x = ax + i * s;
            const y = ay - (j + 1) * s;
            const list = byClass.get(cls) ?? [];
            list.push(`M${r1(x)} ${r1(y)}h${r1(s * run)}v${r1(s)}h${r1(-s * run)}z`);
            byClass.set(cls, list);
          }
          i += run;
        }
      }
      for (const [cls, parts] of [...byClass].sort((a, b) => a[0] - b[0])) {
        const p = doc.createElementNS(NS, 'path');
        p.setAttribute('d', parts.join(''));
        p.setAttribute('fill', spec.legend[cls]!.colour);
        p.setAttribute('data-class', String(cls));
        g.appendChild(p);
      }
    } else if (spec.layer.type === 'segments') {
      const L = spec.layer;
      const byClass = new Map<number, [number, number][][]>();
      L.classes.forEach((cls, i) => {
        if (cls < 0) return;
        byClass.set(cls, [...(byClass.get(cls) ?? []), decodePath(L.paths[i]!)]);
      });
      for (const [cls, lines] of [...byClass].sort((a, b) => a[0] - b[0])) {
        const p = doc.createElementNS(NS, 'path');
        p.setAttribute('d', lineD(lines, 0));
        p.setAttribute('fill', 'none');
        p.setAttribute('stroke', spec.legend[cls]!.colour);
        p.setAttribute('stroke-width', String(L.widths?.[cls] ?? 2));
        p.setAttribute('stroke-linecap', 'round');
        p.setAttribute('data-class', String(cls));
        g.appendChild(p);
      }
    } else if (spec.layer.type === 'points') {
      const max = Math.max(1, ...spec.layer.points.map((p) => p.n));
      for (const pt of [...spec.layer.points].sort((a, b) => b.n - a.n)) {
        const [x, y] = projection([pt.x, pt.y])!;
        const c = doc.createElementNS(NS, 'circle');
        c.setAttribute('cx', String(r1(x)));
        c.setAttribute('cy', String(r1(y)));
        c.setAttribute('r', String(r1(2 + 12 * Math.sqrt(pt.n / max))));
        c.setAttribute('fill', spec.legend[pt.cls]!.colour);
        c.setAttribute('fill-opacity', '0.75');
        if (pt.title) {
          const t = doc.createElementNS(NS, 'title');
          t.textContent = pt.title;
          c.appendChild(t);
        }
        g.appendChild(c);
      }
    }
    const ol = doc.createElementNS(NS, 'path');
    ol.setAttribute('d', outlineD);
    ol.setAttribute('fill', 'none');
    ol.setAttribute('stroke', C.fg);
    ol.setAttribute('stroke-width', '1.2');
    g.appendChild(ol);
  }
  if (spec.credit) {
    const t = doc.createElementNS(NS, 'text');
    t.setAttribute('x', String(width - 6));
    t.setAttribute('y', String(mapH - 6));
    t.setAttribute('text-anchor', 'end');
    t.setAttribute('font-size', '11');
    t.setAttribute('fill', 'currentColor');
    t.setAttribute('data-credit', '');
    t.textContent = spec.credit;
    g.appendChild(t);
  }
  svg.appendChild(g);

  // Legend: the title, then the classes in rows.
  const lg = doc.createElementNS(NS, 'g');
  lg.setAttribute('transform', `translate(4,${mapH + 8})`);
  const head = doc.createElementNS(NS, 'text');
  head.setAttribute('dy', '0.8em');
  head.setAttribute('fill', 'currentColor');
  head.setAttribute('font-weight', 'bold');
  head.textContent = spec.legendTitle;
  lg.appendChild(head);
  const colW = (width - 8) / perRow;
  spec.legend.forEach((e, i) => {
    const x = (i % perRow) * colW;
    const y = 24 + Math.floor(i / perRow) * 22;
    const r = doc.createElementNS(NS, 'rect');
    r.setAttribute('x', String(Math.round(x)));
    r.setAttribute('y', String(y));
    r.setAttribute('width', '16');
    r.setAttribute('height', '14');
    r.setAttribute('fill', e.colour);
    r.setAttribute('stroke', 'currentColor');
    r.setAttribute('stroke-width', '0.5');
    lg.appendChild(r);
    const t = doc.createElementNS(NS, 'text');
    t.setAttribute('x', String(Math.round(x + 22)));
    t.setAttribute('y', String(y + 11));
    t.setAttribute('fill', 'currentColor');
    t.setAttribute('font-size', narrow ? '11' : '12');
    t.textContent = e.label;
    lg.appendChild(t);
  });
  svg.appendChild(lg);
  const height = mapH + legendH + 8;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return finalize(svg, opts.ariaLabel);
}
