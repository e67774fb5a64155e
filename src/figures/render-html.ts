/**
 * A figure's section as HTML, at build time: the one anatomy (src/figures/anatomy.ts). The chart's
 * drawings are published as files (src/pages/figures/chart/[name].svg.ts), one per drawn width: the
 * page holds for each a placeholder of its size, which the browser fills with the drawing its column
 * shows when the figure comes near the viewport (src/client/figures.ts), and an image of it for a
 * reader without JavaScript.
 */
import { renderSvg } from '../charts/render.ts';
import { compactHeight } from './embed.ts';
import { xmlSafe } from './export.ts';
import { THEMES } from '../charts/theme.ts';
import { chartFile, drawnWidths, figureSection, figureUrls, toHtml } from './anatomy.ts';
import type { Figure } from './types.ts';

export interface FigureHtmlOptions {
  level: 1 | 2 | 3;
  embed: boolean;
  /** the site's origin (astro.config.mjs `site`) and base path */
  site: string | URL;
  base: string;
  /** the path of the page the figure is placed on */
  path: string;
}

const drawingsMade = new WeakMap<Figure['chart'], Map<string, string>>();
/** A figure's chart drawn at `width`, as its published file holds it: made once a build (its page reads its size, its chart file is it). */
export function chartDrawing(f: Figure, width: number): string {
  let byKey = drawingsMade.get(f.chart);
  if (!byKey) drawingsMade.set(f.chart, (byKey = new Map<string, string>()));
  const key = `${width}|${f.title}`;
  let drawing = byKey.get(key);
  if (drawing === undefined) byKey.set(key, (drawing = makeDrawing(f, width)));
  return drawing;
}

function makeDrawing(f: Figure, width: number): string {
  // A file shown as an image is XML: well-formed, in the SVG namespace (Plot's root element does not write it).
  const xml = xmlSafe(renderSvg(f.chart, width, f.title));
  const svg = /^<svg[^>]*\sxmlns="/.test(xml) ? xml : xml.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  // Shown as an image (without JavaScript), it has the light theme's colours; placed in a page (where it is not
  // the document's root), the page's theme.
  return svg.replace(/^<svg\b(?:[^>"]|"[^"]*")*>/, (open) => `${open}<style>${LIGHT_ROOT}</style>`);
}

const LIGHT_ROOT = `svg:root{color:${THEMES.light['--lca-fg']};${Object.entries(THEMES.light)
  .map(([k, v]) => `${k}:${v}`)
  .join(';')}}`;

const sizeOf = (svg: string) => {
  const w = Number(/^<svg[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const h = Number(/^<svg[^>]*?\sheight="([\d.]+)"/.exec(svg)?.[1]);
  return { w, h, label: /^<svg[^>]*?\saria-label="([^"]*)"/.exec(svg)?.[1] ?? '' };
};

/**
 * What a slot holds in the page: a box of the drawing's proportions (filled by the browser), and for a
 * reader without JavaScript the drawing as an image (its text in default colours on white).
 */
function placeholder(src: string, svg: string): string {
  const { w, h, label } = sizeOf(svg);
  return (
    `<div class="fig-hold" style="aspect-ratio:${w}/${h}"></div>` +
    `<noscript><img src="${src}" alt="${label}" width="${w}" height="${h}" loading="lazy"></noscript>`
  );
}

export function figureHtml(f: Figure, o: FigureHtmlOptions): string {
  const widths = drawnWidths(f.widths);
  const urls = figureUrls(f, o.site, o.base);
  const drawings = widths.map((w) => chartDrawing(f, w));
  const chartHeight = sizeOf(drawings.at(-1)!).h || 400;
  const embedHeight = compactHeight(chartHeight, widths.at(-1)!, f.title.length, f.subtitle.length);
  const holds = drawings.map((svg, i) => placeholder(chartFile(urls.files, f.id, widths[i]!), svg));
  return toHtml(
    figureSection(
      f,
      { urls, level: o.level, embed: o.embed, widths, drawings: holds, embedHeight },
      { query: '', path: o.path },
    ),
  );
}
