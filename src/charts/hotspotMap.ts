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
import { feature } from 'topojson-client';
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
  | { type: 'areas'; topology: Topology; objectName: string; classes: Record<string, number>; base?: { topology: Topology; objectName: string } };

export interface HotspotMapSpec {
  /** study-area outline rings in the layer's plane (metres for cells and points) */
  outline?: [number, number][][];
  layer: HotspotLayer;
  legend: LegendEntry[];
  legendTitle: string;
}

export function hotspotMapChart(spec: HotspotMapSpec, opts: ChartOptions): SVGSVGElement {
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
    const path = geoPath(projection).digits(1);
    if (base.length) {
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', path({ type: 'FeatureCollection', features: base } as never) ?? '');
      p.setAttribute('fill', C.nodata);
      p.setAttribute('stroke', 'var(--lca-bg)');
      p.setAttribute('stroke-width', '1');
      g.appendChild(p);
    }
    spec.legend.forEach((entry, cls) => {
      const members = areas.filter((f) => L.classes[f.properties?.code ?? String(f.id)] === cls);
      if (!members.length) return;
      const p = doc.createElementNS(NS, 'path');
      p.setAttribute('d', path({ type: 'FeatureCollection', features: members } as never) ?? '');
      p.setAttribute('fill', entry.colour);
      p.setAttribute('stroke', entry.colour);
      p.setAttribute('stroke-width', '0.3');
      p.setAttribute('data-class', String(cls));
      g.appendChild(p);
    });
  } else {
    const outline = spec.outline ?? [];
    const outlineGeo = { type: 'MultiPolygon', coordinates: outline.map((r) => [r]) } as never;
    // Height from the outline's aspect ratio (metres, so true shape).
    const xs = outline.flat().map((p) => p[0]);
    const ys = outline.flat().map((p) => p[1]);
    const aspect = (Math.max(...ys) - Math.min(...ys)) / (Math.max(...xs) - Math.min(...xs));
    mapH = Math.round(Math.min(Math.max((width - 8) * aspect + 8, width * 0.45), width * 1.1));
    projection = geoIdentity().reflectY(true).fitExtent([[4, 4], [width - 4, mapH - 4]], outlineGeo) as unknown as GeoProjection;
    const path = geoPath(projection).digits(1);
    outlineD = path(outlineGeo) ?? '';
    const bg = doc.createElementNS(NS, 'path');
    bg.setAttribute('d', outlineD);
    bg.setAttribute('fill', 'none');
    bg.setAttribute('fill-rule', 'evenodd');
    g.appendChild(bg);
    const r1 = (v: number) => Math.round(v * 10) / 10;
    if (spec.layer.type === 'cells') {
      const L = spec.layer;
      const [ax, ay] = projection([L.x0, L.y0])!;
      const [bx] = projection([L.x0 + L.size, L.y0])!;
      const s = bx - ax;
      const byClass = new Map<number, string[]>();
      L.cells.forEach((cls, k) => {
        if (cls < 0) return;
        const i = k % L.nx;
        const j = (k - i) / L.nx;
        // (x0, y0) is the lower-left corner; screen y grows downwards.
        const x = ax + i * s;
        const y = ay - (j + 1) * s;
        const list = byClass.get(cls) ?? [];
        list.push(`M${r1(x)} ${r1(y)}h${r1(s)}v${r1(s)}h${r1(-s)}z`);
        byClass.set(cls, list);
      });
      for (const [cls, parts] of [...byClass].sort((a, b) => a[0] - b[0])) {
        const p = doc.createElementNS(NS, 'path');
        p.setAttribute('d', parts.join(''));
        p.setAttribute('fill', spec.legend[cls]!.colour);
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
