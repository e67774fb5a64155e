import { geoMercator, geoPath } from 'd3';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { C, finalize, SEQ5, type ChartOptions } from './common.ts';

export interface ChoroplethDatum {
  code: string;
  value: number;
  /** Tooltip and accessible label for the area. */
  title: string;
}

export interface ChoroplethOptions extends ChartOptions {
  /** Upper bounds of classes 1..n-1; class i holds values ≤ breaks[i]. */
  breaks: number[];
  /** Legend heading, with units. */
  legendLabel: string;
  formatValue: (v: number) => string;
  /** Text for areas without a value. */
  noDataLabel: string;
  objectName?: string;
  /** Names by code, for topologies whose features carry only an id. */
  names?: Record<string, string>;
  /** Palette from light to dark, one colour per class (defaults to five classes). */
  palette?: readonly string[];
  /** Code of an area to outline. */
  highlight?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export { quantileBreaks, classOf } from '../lib/breaks.ts';
import { classOf } from '../lib/breaks.ts';

/**
 * A choropleth of London areas drawn with d3-geo (Mercator fitted to the extent).
 * Each area is a focusable path with a <title>; the legend states the class ranges
 * and the no-data area, so colour is never the only carrier of the value.
 */
export function choroplethChart(topo: Topology, data: ChoroplethDatum[], opts: ChoroplethOptions): SVGSVGElement {
  const doc = opts.document;
  const obj = topo.objects[opts.objectName ?? 'boroughs'] as GeometryCollection<{ code: string; name: string }>;
  const raw = feature(topo, obj) as unknown as { features: Feature<Geometry, { code: string; name: string } | null>[] };
  const fc = {
    features: raw.features.map((f) => {
      const code = f.properties?.code ?? String(f.id);
      return { ...f, properties: { code, name: f.properties?.name ?? opts.names?.[code] ?? code } };
    }),
  };
  const palette = opts.palette ?? SEQ5;
  const width = opts.width;
  const legendH = 34; // the legend is one row of swatches below the map
  const mapH = Math.round(width * 0.78);
  const height = mapH + 70 + legendH;
  const projection = geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, mapH - 4],
    ],
    { type: 'FeatureCollection', features: fc.features } as never,
  );
  const path = geoPath(projection).digits(1);
  const byCode = new Map(data.map((d) => [d.code, d]));

  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-size', '13');

  const g = doc.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'lca-areas');
  for (const f of fc.features) {
    const d = byCode.get(f.properties.code);
    const p = doc.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', path(f) ?? '');
    p.setAttribute('data-code', f.properties.code);
    p.setAttribute('stroke', 'var(--lca-bg)');
    p.setAttribute('stroke-width', fc.features.length > 1000 ? '0.2' : fc.features.length > 300 ? '0.5' : '1');
    const title = doc.createElementNS(SVG_NS, 'title');
    if (d) {
      p.setAttribute('fill', palette[classOf(d.value, opts.breaks)]!);
      title.textContent = d.title;
    } else {
      p.setAttribute('fill', C.nodata);
      title.textContent = `${f.properties.name}: ${opts.noDataLabel}`;
      p.setAttribute('class', 'lca-nodata');
    }
    p.setAttribute('tabindex', '0');
    p.setAttribute('role', 'img');
    p.setAttribute('aria-label', title.textContent ?? '');
    p.appendChild(title);
    g.appendChild(p);
  }
  svg.appendChild(g);
  if (opts.highlight) {
    const sel = fc.features.find((f) => f.properties.code === opts.highlight);
    if (sel) {
      const h = doc.createElementNS(SVG_NS, 'path');
      h.setAttribute('d', path(sel) ?? '');
      h.setAttribute('fill', 'none');
      h.setAttribute('stroke', C.highlight);
      h.setAttribute('stroke-width', '3');
      h.setAttribute('class', 'lca-selected');
      h.setAttribute('pointer-events', 'none');
      svg.appendChild(h);
    }
  }

  // Legend: one swatch per class with its range, plus the no-data swatch.
  const lg = doc.createElementNS(SVG_NS, 'g');
  lg.setAttribute('class', 'lca-legend');
  lg.setAttribute('transform', `translate(4,${mapH + 12})`);
  const heading = doc.createElementNS(SVG_NS, 'text');
  heading.setAttribute('y', '0');
  heading.setAttribute('dy', '0.8em');
  heading.setAttribute('fill', 'currentColor');
  heading.setAttribute('font-weight', 'bold');
  heading.textContent = opts.legendLabel;
  lg.appendChild(heading);
  const min = Math.min(...data.map((d) => d.value));
  const max = Math.max(...data.map((d) => d.value));
  const bounds = [Math.min(min, opts.breaks[0] ?? min), ...opts.breaks, Math.max(max, opts.breaks.at(-1) ?? max)];
  const n = opts.breaks.length + 1;
  const cols = n + 1;
  const cellW = (width - 8) / cols;
  for (let i = 0; i <= n; i++) {
    const x = i * cellW;
    const rect = doc.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(round(x)));
    rect.setAttribute('y', '22');
    rect.setAttribute('width', String(round(Math.min(cellW - 6, 60))));
    rect.setAttribute('height', '14');
    rect.setAttribute('stroke', 'currentColor');
    rect.setAttribute('stroke-width', '0.5');
    rect.setAttribute('fill', i < n ? palette[i]! : C.nodata);
    lg.appendChild(rect);
    const t = doc.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(round(x)));
    t.setAttribute('y', '52');
    t.setAttribute('fill', 'currentColor');
    t.setAttribute('font-size', width < 520 ? '10' : '12');
    t.textContent = i < n ? `${opts.formatValue(bounds[i]!)}–${opts.formatValue(bounds[i + 1]!)}` : opts.noDataLabel;
    lg.appendChild(t);
  }
  svg.appendChild(lg);
  return finalize(svg, opts.ariaLabel);
}

const round = (v: number) => Math.round(v * 10) / 10;
