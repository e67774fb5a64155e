import { frameAt, mapHeight, type Outlines } from '../lib/outlines.ts';
import { C, finalize, PALETTE, SEQ, SEQ5, wrapWords, type ChartOptions } from './common.ts';
import { formatValue } from '../lib/format.ts';
import { formatRate } from '../lib/format.ts';

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
  /** Names by code, for outlines whose boundaries carry only a code. */
  names?: Record<string, string>;
  /** Palette from light to dark, one colour per class (defaults to five classes). */
  palette?: readonly string[];
  /** Code of an area to outline. */
  highlight?: string;
  /** Named groups instead of value classes: value i is group i, the legend names the groups (two lines at ", "). */
  categories?: string[];
  /** Labels in data-tip attributes, where the page shows them, instead of <title> elements (drawing in the page). */
  tips?: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export { quantileBreaks, classOf } from '../lib/breaks.ts';
import { classOf } from '../lib/breaks.ts';

/** A drawing's areas: the outlines' paths, with the names a label gives them. */
interface Projected {
  areas: { code: string; name: string; d: string }[];
  mapH: number;
  /** the transform from the outlines' frame to this width (none at the frame's own width) */
  transform: string | null;
  /** stroke widths are given in the frame's pixels: divided by the scale, they are as wide at every width */
  scale: number;
}
const projectedCache = new WeakMap<Outlines, Map<string, Projected>>();
/** The outlines at a width, with names (the boundaries' own, else the drawing's by code, else the code). */
function project(o: Outlines, names: Record<string, string> | undefined, width: number): Projected {
  const key = String(width);
  let byKey = projectedCache.get(o);
  if (!byKey) projectedCache.set(o, (byKey = new Map<string, Projected>()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const areas = o.codes.map((code, i) => ({ code, name: o.names?.[i] || names?.[code] || code, d: o.d[i]! }));
  const f = frameAt(o, width);
  const own = width === o.width;
  const places5 = (v: number) => Number(v.toFixed(5));
  const out: Projected = {
    areas,
    mapH: mapHeight(width),
    transform: own ? null : `translate(${places5(f.dx)} ${places5(f.dy)}) scale(${places5(f.scale)})`,
    scale: own ? 1 : places5(f.scale),
  };
  byKey.set(key, out);
  return out;
}

/** Which drawing an SVG shows (outlines and width), so that a redraw can keep its outlines. */
const drawn = new WeakMap<SVGSVGElement, { outlines: Outlines; key: string }>();

/** Fill, label and class of one area for this view. */
/**
 * Sets an attribute only when its value changes: a recolour then invalidates the style
 * of the areas whose class changed, not of all of them (measured in bench/atlas.ts).
 */
function setAttr(e: Element, name: string, value: string | null): void {
  if (e.getAttribute(name) === value) return;
  if (value === null) e.removeAttribute(name);
  else e.setAttribute(name, value);
}

function styleArea(
  p: SVGPathElement,
  area: { code: string; name: string },
  d: ChoroplethDatum | undefined,
  palette: readonly string[],
  opts: ChoroplethOptions,
): string {
  if (d) {
    setAttr(p, 'fill', palette[classOf(d.value, opts.breaks)]!);
    setAttr(p, 'class', null);
    return d.title;
  }
  setAttr(p, 'fill', C.nodata);
  setAttr(p, 'class', 'lca-nodata');
  return `${area.name}: ${opts.noDataLabel}`;
}

/** A stroke `px` wide at the drawing's width, in the outlines' frame. */
const strokeWidth = (px: number, proj: Projected) => String(Number((px / proj.scale).toFixed(3)));

function highlightPath(doc: Document, proj: Projected, code: string | undefined): SVGPathElement | null {
  const sel = code ? proj.areas.find((a) => a.code === code) : undefined;
  if (!sel) return null;
  const h = doc.createElementNS(SVG_NS, 'path');
  h.setAttribute('d', sel.d);
  h.setAttribute('fill', 'none');
  h.setAttribute('stroke', C.highlight);
  h.setAttribute('stroke-width', strokeWidth(3, proj));
  if (proj.transform) h.setAttribute('transform', proj.transform);
  h.setAttribute('class', 'lca-selected');
  h.setAttribute('pointer-events', 'none');
  return h;
}

/**
 * A choropleth of London areas drawn with d3-geo (Mercator fitted to the extent).
 * Each area is a focusable path with a <title>; the legend states the class ranges
 * and the no-data area, so colour is never the only carrier of the value.
 */
export function choroplethChart(outlines: Outlines, data: ChoroplethDatum[], opts: ChoroplethOptions): SVGSVGElement {
  return finish(drawing(outlines, data, opts));
}

/** Runs a generator's remaining steps at once, and gives its value. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A choropleth's drawing, `step` areas at a time (each `next()` makes one step's paths): the whole drawing at once by default. */
function* drawing(
  outlines: Outlines,
  data: ChoroplethDatum[],
  opts: ChoroplethOptions,
  step = Infinity,
): Generator<void, SVGSVGElement> {
  const doc = opts.document;
  const proj = project(outlines, opts.names, opts.width);
  const palette = opts.palette ?? SEQ5;
  const width = opts.width;
  const height = proj.mapH + legendHeight(data, opts);
  const byCode = new Map(data.map((d) => [d.code, d]));

  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-size', '13');

  const g = doc.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'lca-areas');
  if (proj.transform) g.setAttribute('transform', proj.transform);
  const n = proj.areas.length;
  const stroke = strokeWidth(n > 1000 ? 0.2 : n > 300 ? 0.5 : 1, proj);
  // One tab stop for the whole map (a roving tabindex, moved by the arrow keys in the browser): the selected area's, or the first.
  const stop = proj.areas.some((a) => a.code === opts.highlight) ? opts.highlight : proj.areas[0]?.code;
  for (const [i, a] of proj.areas.entries()) {
    const p = doc.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', a.d);
    p.setAttribute('data-code', a.code);
    p.setAttribute('stroke', 'var(--lca-bg)');
    p.setAttribute('stroke-width', stroke);
    const text = styleArea(p, a, byCode.get(a.code), palette, opts);
    p.setAttribute('tabindex', a.code === stop ? '0' : '-1');
    p.setAttribute('role', 'img');
    p.setAttribute('aria-label', text);
    if (opts.tips) p.setAttribute('data-tip', text);
    else {
      const title = doc.createElementNS(SVG_NS, 'title');
      title.textContent = text;
      p.appendChild(title);
    }
    g.appendChild(p);
    if ((i + 1) % step === 0) yield;
  }
  svg.appendChild(g);
  const h = highlightPath(doc, proj, opts.highlight);
  if (h) svg.appendChild(h);
  svg.appendChild(legend(doc, data, opts, palette, proj.mapH));
  drawn.set(svg, { outlines, key: String(width) });
  return finalize(svg, opts.ariaLabel);
}

/**
 * Redraws a choropleth this module drew, for new values on the same areas: fills,
 * labels, the highlight and the legend change; the outlines stay. Returns false when
 * the SVG shows other areas (the caller then draws a new one). Labels go where the
 * page keeps them (data-tip, once the page has moved the titles there).
 */
export function recolourChoropleth(
  svg: SVGSVGElement,
  outlines: Outlines,
  data: ChoroplethDatum[],
  opts: ChoroplethOptions,
): boolean {
  const was = drawn.get(svg);
  if (!was || was.outlines !== outlines || was.key !== String(opts.width)) return false;
  const doc = opts.document;
  const proj = project(outlines, opts.names, opts.width);
  const palette = opts.palette ?? SEQ5;
  const byCode = new Map(data.map((d) => [d.code, d]));
  const paths = svg.querySelectorAll<SVGPathElement>('g.lca-areas > path');
  // The tab stop as in a new drawing: the selected area's, or the first.
  const stop = proj.areas.some((a) => a.code === opts.highlight) ? opts.highlight : proj.areas[0]?.code;
  proj.areas.forEach((a, i) => {
    const p = paths[i]!;
    setAttr(p, 'tabindex', a.code === stop ? '0' : '-1');
    const text = styleArea(p, a, byCode.get(a.code), palette, opts);
    setAttr(p, 'aria-label', text);
    if (p.hasAttribute('data-tip')) setAttr(p, 'data-tip', text);
    else p.querySelector('title')!.textContent = text;
  });
  svg.querySelector('.lca-selected')?.remove();
  const h = highlightPath(doc, proj, opts.highlight);
  if (h) svg.querySelector('g.lca-legend')!.before(h);
  svg.querySelector('g.lca-legend')!.replaceWith(legend(doc, data, opts, palette, proj.mapH));
  // The legend may wrap into another number of rows.
  const height = proj.mapH + legendHeight(data, opts);
  setAttr(svg, 'height', String(height));
  setAttr(svg, 'viewBox', `0 0 ${opts.width} ${height}`);
  if (opts.ariaLabel) setAttr(svg, 'aria-label', opts.ariaLabel);
  return true;
}

/** The legend's font size: larger on narrow drawings, which are shown in narrow columns (at least 11 px at 320 px). */
const legendFont = (width: number) => (width < 520 ? 13 : 12);

/** The legend's entries (a range per class, then no value) and how they wrap into rows at this width. */
function legendLayout(
  data: ChoroplethDatum[],
  opts: ChoroplethOptions,
): { labels: string[]; cols: number; cellW: number; rows: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const d of data) {
    if (d.value < min) min = d.value;
    if (d.value > max) max = d.value;
  }
  const bounds = [Math.min(min, opts.breaks[0] ?? min), ...opts.breaks, Math.max(max, opts.breaks.at(-1) ?? max)];
  // No area with a value: the legend is the no-value swatch alone.
  const n = data.length ? opts.breaks.length + 1 : 0;
  const labels = opts.categories
    ? [...opts.categories, opts.noDataLabel]
    : [
        ...Array.from({ length: n }, (_, i) => `${opts.formatValue(bounds[i]!)}–${opts.formatValue(bounds[i + 1]!)}`),
        opts.noDataLabel,
      ];
  const font = legendFont(opts.width);
  const need = Math.max(...labels.flatMap((l) => lines(l, opts))) * font * 0.6 + 10;
  const cols = Math.max(1, Math.min(labels.length, Math.floor((opts.width - 8) / need)));
  return { labels, cols, cellW: (opts.width - 8) / cols, rows: Math.ceil(labels.length / cols) };
}

/** A legend label's lines, as lengths: group names break after their comma, class ranges stay on one line. */
const lines = (label: string, opts: ChoroplethOptions) =>
  opts.categories ? label.split(', ').map((l, i, all) => l.length + (i < all.length - 1 ? 1 : 0)) : [label.length];
/** A legend row's height: swatch and one line of text, or two for group names. */
const rowHeight = (opts: ChoroplethOptions) => (opts.categories ? 56 : 40);

/** The legend's heading in lines that fit the drawing (about 0.6 em a character, bold). */
function headingLines(opts: ChoroplethOptions): string[] {
  return wrapWords(opts.legendLabel, Math.floor((opts.width - 8) / (legendFont(opts.width) * 0.62)));
}
/** The height the heading's lines after the first take. */
const headingExtra = (opts: ChoroplethOptions) => (headingLines(opts).length - 1) * 16;

/** Height below the map: the legend's heading and its rows. */
function legendHeight(data: ChoroplethDatum[], opts: ChoroplethOptions): number {
  return 12 + 22 + headingExtra(opts) + legendLayout(data, opts).rows * rowHeight(opts) + 8;
}

/** Legend: one swatch per class with its range, plus the no-data swatch, in as many rows as the width needs. */
function legend(
  doc: Document,
  data: ChoroplethDatum[],
  opts: ChoroplethOptions,
  palette: readonly string[],
  mapH: number,
): SVGGElement {
  const lg = doc.createElementNS(SVG_NS, 'g');
  lg.setAttribute('class', 'lca-legend');
  lg.setAttribute('transform', `translate(4,${mapH + 12})`);
  const font = legendFont(opts.width);
  const heading = doc.createElementNS(SVG_NS, 'text');
  heading.setAttribute('y', '0');
  heading.setAttribute('dy', '0.8em');
  heading.setAttribute('fill', 'currentColor');
  heading.setAttribute('font-weight', 'bold');
  heading.setAttribute('font-size', String(font));
  const lines = headingLines(opts);
  if (lines.length === 1) heading.textContent = opts.legendLabel;
  else
    lines.forEach((line, j) => {
      const span = doc.createElementNS(SVG_NS, 'tspan');
      span.setAttribute('x', '0');
      if (j) span.setAttribute('dy', '16');
      span.textContent = line;
      heading.appendChild(span);
    });
  lg.appendChild(heading);
  const below = headingExtra(opts);
  const { labels, cols, cellW } = legendLayout(data, opts);
  labels.forEach((label, i) => {
    const x = (i % cols) * cellW;
    const y = 22 + below + Math.floor(i / cols) * rowHeight(opts);
    const rect = doc.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(round(x)));
    rect.setAttribute('y', String(y));
    rect.setAttribute('width', String(round(Math.min(cellW - 6, 60))));
    rect.setAttribute('height', '14');
    rect.setAttribute('stroke', 'currentColor');
    rect.setAttribute('stroke-width', '0.5');
    rect.setAttribute('fill', i < labels.length - 1 ? palette[i]! : C.nodata);
    lg.appendChild(rect);
    const t = doc.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(round(x)));
    t.setAttribute('y', String(y + 30));
    t.setAttribute('fill', 'currentColor');
    t.setAttribute('font-size', String(font));
    const parts = opts.categories ? label.split(', ') : [label];
    if (parts.length === 1) t.textContent = label;
    else
      parts.forEach((part, j) => {
        const span = doc.createElementNS(SVG_NS, 'tspan');
        span.setAttribute('x', String(round(x)));
        if (j) span.setAttribute('dy', '1.2em');
        span.textContent = j < parts.length - 1 ? `${part},` : part;
        t.appendChild(span);
      });
    lg.appendChild(t);
  });
  return lg;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** A choropleth as a serialisable description (a figure's chart). */
export interface ChoroplethSpec {
  kind: 'choropleth';
  data: ChoroplethDatum[];
  outlines: Outlines;
  breaks: number[];
  legendLabel: string;
  noDataLabel: string;
  names?: Record<string, string>;
  classes?: number;
  highlight?: string | null;
  unit?: string;
  /** named groups (value i is group i) instead of value classes */
  categories?: string[];
}
type Base = { width: number; document: Document; ariaLabel?: string; tips?: boolean };
const specOptions = (spec: ChoroplethSpec, base: Base): ChoroplethOptions => ({
  ...base,
  breaks: spec.breaks,
  legendLabel: spec.legendLabel,
  noDataLabel: spec.noDataLabel,
  names: spec.names,
  palette: spec.categories ? PALETTE.series.slice(0, spec.categories.length) : SEQ[spec.classes ?? 5],
  categories: spec.categories,
  highlight: spec.highlight ?? undefined,
  formatValue: spec.unit ? (v: number) => formatValue(spec.unit!, v) : formatRate,
});
export const choroplethFromSpec = (spec: ChoroplethSpec, base: Base): SVGSVGElement =>
  choroplethChart(spec.outlines, spec.data, specOptions(spec, base));
export const recolourFromSpec = (svg: SVGSVGElement, spec: ChoroplethSpec, base: Base): boolean =>
  recolourChoropleth(svg, spec.outlines, spec.data, specOptions(spec, base));
/**
 * A drawing of a geography's areas with no values yet (every area "no value"), made ahead
 * of need, `step` areas at a time (each `next()` makes one step);
 * recolourChoropleth gives it a view's values, labels, highlight and legend.
 */
export function outlineDrawing(
  outlines: Outlines,
  names: Record<string, string> | undefined,
  width: number,
  document: Document,
  step = Infinity,
): Generator<void, SVGSVGElement> {
  return drawing(
    outlines,
    [],
    {
      width,
      document,
      names,
      breaks: [],
      legendLabel: '',
      noDataLabel: 'No value',
      formatValue: formatRate,
      tips: true,
    },
    step,
  );
}
