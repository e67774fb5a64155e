import { geoMercator, geoPath, type GeoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { C, finalize, type ChartOptions } from './common.ts';

const NS = 'http://www.w3.org/2000/svg';

type Located = Feature<Geometry, { code?: string } | null> & { code: string };

/*
 * Performance code (the build draws 737 locators at three widths, issue 27: build ≤ 90 s):
 * an outline's features, the projection fitted to London at a width with London's outlines
 * drawn, and each area's outline at a width, made once and shared by every locator.
 */
const features = new WeakMap<Topology, Map<string, Located[]>>();
function featuresOf(t: Topology, o: string): Located[] {
  let byObject = features.get(t);
  if (!byObject) features.set(t, (byObject = new Map<string, Located[]>()));
  let fs = byObject.get(o);
  if (!fs) {
    const fc = feature(t, t.objects[o] as GeometryCollection) as unknown as {
      features: Feature<Geometry, { code?: string } | null>[];
    };
    fs = fc.features.map((f) => ({ ...f, code: f.properties?.code ?? String(f.id) }));
    byObject.set(o, fs);
  }
  return fs;
}
type Fit = { path: GeoPath; baseD: string[]; drawn: Map<Located, string> };
const fits = new WeakMap<Located[], Map<string, Fit>>();
function fitted(baseF: Located[], width: number, height: number): Fit {
  let byWidth = fits.get(baseF);
  if (!byWidth) fits.set(baseF, (byWidth = new Map<string, Fit>()));
  let fit = byWidth.get(`${width}x${height}`);
  if (!fit) {
    const projection = geoMercator().fitExtent(
      [
        [4, 4],
        [width - 4, height - 4],
      ],
      { type: 'FeatureCollection', features: baseF } as never,
    );
    const path = geoPath(projection).digits(1);
    fit = { path, baseD: baseF.map((f) => path(f) ?? ''), drawn: new Map() };
    byWidth.set(`${width}x${height}`, fit);
  }
  return fit;
}
/** An area's outline in a fitted projection. */
function pathOf(f: Located, fit: Fit): string {
  let d = fit.drawn.get(f);
  if (d === undefined) fit.drawn.set(f, (d = fit.path(f) ?? ''));
  return d;
}

/**
 * Where an area is: London's boroughs as the base, the area filled and outlined in
 * the highlight colour, its neighbours hatched-free but outlined, with the area's
 * name as a label. Projection fitted to London.
 */
export function locatorChart(
  base: Topology,
  target: Topology,
  opts: ChartOptions & {
    baseObject: string;
    targetObject: string;
    code: string;
    neighbours: string[];
    label: string;
    neighbourFill?: boolean;
  },
): SVGSVGElement {
  const doc = opts.document;
  const baseF = featuresOf(base, opts.baseObject);
  const targetF = featuresOf(target, opts.targetObject);
  const width = opts.width;
  const height = Math.round(width * 0.78);
  const fit = fitted(baseF, width, height);
  const { path, baseD } = fit;
  const svg = doc.createElementNS(NS, 'svg');
  svg.setAttribute('xmlns', NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const g = doc.createElementNS(NS, 'g');
  for (const d of baseD) {
    const p = doc.createElementNS(NS, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', C.nodata);
    p.setAttribute('stroke', 'var(--lca-bg)');
    p.setAttribute('stroke-width', '1');
    g.appendChild(p);
  }
  svg.appendChild(g);
  const near = new Set(opts.neighbours);
  for (const f of targetF) {
    if (f.code !== opts.code && !near.has(f.code)) continue;
    const p = doc.createElementNS(NS, 'path');
    p.setAttribute('d', pathOf(f, fit));
    p.setAttribute('data-code', f.code);
    if (f.code === opts.code) {
      p.setAttribute('fill', C.highlight);
      p.setAttribute('stroke', C.fg);
      p.setAttribute('stroke-width', '1.5');
    } else if (opts.neighbourFill) {
      // Similar areas scattered across London: filled, so that a small one is still seen.
      p.setAttribute('fill', C.accent);
      p.setAttribute('fill-opacity', '0.7');
      p.setAttribute('stroke', C.fg);
      p.setAttribute('stroke-width', '0.8');
    } else {
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', C.muted);
      p.setAttribute('stroke-width', '0.8');
    }
    svg.appendChild(p);
  }
  const sel = targetF.find((f) => f.code === opts.code);
  if (sel) {
    const [x, y] = path.centroid(sel);
    const t = doc.createElementNS(NS, 'text');
    // About 0.7 em a character at 13 px bold; a name wider than the map goes on two lines, broken at the space nearest its middle.
    const charPx = 13 * 0.7;
    const words = opts.label.split(' ');
    let lines = [opts.label];
    if (opts.label.length * charPx > width - 12 && words.length > 1) {
      const cut = words.reduce(
        (best, _, i) =>
          Math.abs(words.slice(0, i).join(' ').length - opts.label.length / 2) <
          Math.abs(words.slice(0, best).join(' ').length - opts.label.length / 2)
            ? i
            : best,
        1,
      );
      lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    }
    const half = (Math.max(...lines.map((l) => l.length)) * charPx) / 2 + 6;
    const tx = String(Math.round(Math.min(Math.max(x, half), width - half)));
    const ty = y < 30 ? y + 24 : y - 12 - (lines.length - 1) * 15;
    t.setAttribute('x', tx);
    t.setAttribute('y', String(Math.round(ty)));
    t.setAttribute('text-anchor', 'middle');
    t.setAttribute('font-size', '13');
    t.setAttribute('font-weight', 'bold');
    t.setAttribute('fill', 'currentColor');
    t.setAttribute('stroke', 'var(--lca-bg)');
    t.setAttribute('stroke-width', '3');
    t.setAttribute('paint-order', 'stroke');
    if (lines.length === 1) t.textContent = opts.label;
    else
      lines.forEach((line, i) => {
        const span = doc.createElementNS(NS, 'tspan');
        span.setAttribute('x', tx);
        if (i > 0) span.setAttribute('dy', '15');
        span.textContent = line;
        t.appendChild(span);
      });
    svg.appendChild(t);
  }
  return finalize(svg, opts.ariaLabel);
}
