/**
 * A figure's section as HTML, at build time: the one anatomy (src/figures/anatomy.ts), with
 * the chart drawn at each built width. Figure.astro places it on pages and embed pages.
 */
import { renderSvg } from '../charts/render.ts';
import { compactHeight } from './embed.ts';
import { figureSection, figureUrls, toHtml } from './anatomy.ts';
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

export function figureHtml(f: Figure, o: FigureHtmlOptions): string {
  const widths = f.widths ?? [360, 720];
  const drawings = widths.map((w) => renderSvg(f.chart, w, f.title));
  const chartHeight = Number(/\sheight="([\d.]+)"/.exec(drawings.at(-1)!)?.[1] ?? 400);
  const embedHeight = compactHeight(chartHeight, widths.at(-1)!, f.title.length, f.subtitle.length);
  const urls = figureUrls(f, o.site, o.base);
  return toHtml(
    figureSection(
      f,
      { urls, level: o.level, embed: o.embed, widths, drawings, embedHeight },
      { query: '', path: o.path },
    ),
  );
}
