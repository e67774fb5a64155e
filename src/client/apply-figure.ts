/**
 * Puts a view computed in the browser into its figure's section: the parts through the
 * one anatomy (src/figures/anatomy.ts, as the build made them), the chart drawn at the
 * width on show (another width when the column comes to show it), and downloads of the
 * view itself (CSV of its table, the CSV with its notes as a ZIP, CSVW, SVG of its chart),
 * made when the reader reaches for them.
 */
import type { Figure } from '../figures/types.ts';
import type { ChartSpec } from '../charts/index.ts';
import { figureSection, patch, sectionOptions, tableNode } from '../figures/anatomy.ts';
import { downloadName, figureCsv, figureCsvMetadata } from '../figures/csv.ts';
import { exportSvg } from '../figures/export.ts';
import { prepareTitles } from './figures.ts';
import { asyncBlobLink, disableLink, lazyBlobLink } from './downloads.ts';

type Base = { width: number; document: Document; ariaLabel?: string; inline?: boolean };
export interface ChartRenderer {
  /** draws a chart (the caller's own set of chart kinds, so a page loads only the chart code it needs) */
  render: (spec: ChartSpec, base: Base) => SVGSVGElement;
  /** redraws an SVG in place for a new view of the same chart, or returns false */
  update?: (svg: SVGSVGElement, spec: ChartSpec, base: Base) => boolean;
}

/** The figure each section shows now (for "show every row"). */
const current = new WeakMap<HTMLElement, Figure>();
const variantsOf = (section: HTMLElement) =>
  Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'));

/** Puts figure `f` into `section`; `query` is the view's address (the embed code and links follow it). */
export function applyFigure(section: HTMLElement, f: Figure, charts: ChartRenderer, query: string): void {
  current.set(section, f);
  const view = figureSection(f, sectionOptions(section), { query, path: location.pathname });
  // The view's state is the controller's (busy until every figure is in).
  delete view.attrs['data-state'];
  patch(section, view);
  const draw = (v: HTMLElement): void => {
    delete v.dataset.stale;
    const base = { width: Number(v.dataset.w), document, ariaLabel: f.title };
    const old = v.querySelector('svg');
    if (old && charts.update?.(old, f.chart, base)) return;
    const svg = charts.render(f.chart, base);
    prepareTitles(svg);
    v.replaceChildren(svg);
  };
  // Only the drawing on show is made now; another width is drawn when the column changes to show it.
  const hidden = hiddenVariants(section);
  for (const v of variantsOf(section)) {
    if (!hidden.has(v)) draw(v);
    else {
      v.dataset.stale = 'true';
      v.replaceChildren();
    }
  }
  redraws.set(section, { still: () => current.get(section) === f, draw });
  watchColumn(section);
  wireDownloads(section, f, charts, query);
}

/**
 * The downloads of a figure (CSV, CSVW, SVG and the PNG drawn from it), made in the
 * browser when the reader reaches for them. A page may point them at another figure
 * than the one on screen (the ISTV page exports its disclosure-controlled view).
 */
export function wireDownloads(section: HTMLElement, f: Figure, charts: ChartRenderer, query: string): void {
  const link = (kind: string) => section.querySelector<HTMLAnchorElement>(`a[data-kind="${kind}"]`);
  const name = downloadName(f);
  // The view's address: the figure's page with this view's state (the address bar may not hold it yet).
  const url = new URL(section.dataset.pageUrl ?? location.href);
  url.search = query;
  lazyBlobLink(link('csv'), () => figureCsv(f), 'text/csv', `${name}.csv`);
  asyncBlobLink(
    link('zip'),
    async () => {
      const { figureZip } = await import('../figures/zip.ts');
      return new Blob([figureZip(f, url.href).slice().buffer], { type: 'application/zip' });
    },
    `${name}.zip`,
  );
  lazyBlobLink(
    link('csvw'),
    () => figureCsvMetadata(f, url.href),
    'application/csvm+json',
    `${name}.csv-metadata.json`,
  );
  // The SVG (and the PNG drawn from it) is a drawing at the widest built width with every layer inline.
  const width = Math.max(...variantsOf(section).map((v) => Number(v.dataset.w)));
  const info = { title: f.title, subtitle: f.subtitle, source: f.source, url: url.href };
  const standalone = () => withTitles(charts.render(f.chart, { width, document, ariaLabel: f.title, inline: true }));
  lazyBlobLink(
    link('svg'),
    () => exportSvg(new XMLSerializer().serializeToString(standalone()), info).svg,
    'image/svg+xml',
    `${name}.svg`,
  );
}

/** Downloads of nothing: a view whose figure may not leave the page (the links are hidden too). */
export function unwireDownloads(section: HTMLElement): void {
  for (const a of Array.from(
    section.querySelectorAll<HTMLAnchorElement>(
      'a[data-kind="csv"], a[data-kind="zip"], a[data-kind="csvw"], a[data-kind="svg"]',
    ),
  ))
    disableLink(a);
}

/** A copy of a drawn SVG with its labels back in <title> elements (the page keeps them in data-tip), for a download. */
function withTitles(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const e of Array.from(copy.querySelectorAll('[data-tip]'))) {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = e.getAttribute('data-tip');
    e.removeAttribute('data-tip');
    e.prepend(t);
  }
  return copy;
}

/** Wires a section when its page starts: its "show all N rows" button and the watch on its chart column. */
export function wireSection(section: HTMLElement): void {
  watchColumn(section);
  section.querySelector('[data-action="all-rows"]')?.addEventListener('click', () => {
    const f = current.get(section);
    const table = section.querySelector('.fig-table table');
    if (!f || !table) return;
    patch(table, tableNode(f, true));
    section.querySelector('[data-action="all-rows"]')?.setAttribute('hidden', '');
  });
}

/*
 * Performance code (bench/atlas.ts): which drawings a section's column hides (one per
 * built width; CSS shows the one that fits) is asked of the style once per column width,
 * by the observer below after a layout that changed it, when the answer is already
 * computed; asked during a redraw instead it would cost a style and layout pass.
 */
const hiddenCache = new WeakMap<HTMLElement, { hidden: Set<HTMLElement>; resizes: number }>();
/** Changes of the viewport's size, counted: a hidden section's column can change width with it, unseen by its observer. */
let resizes = 0;
addEventListener('resize', () => resizes++);
const askHidden = (variants: HTMLElement[]) =>
  new Set(variants.length > 1 ? variants.filter((v) => getComputedStyle(v).display === 'none') : []);
function hiddenVariants(section: HTMLElement): Set<HTMLElement> {
  const variants = variantsOf(section);
  const known = hiddenCache.get(section);
  if (known && known.resizes === resizes && variants.every((v) => v.isConnected)) return known.hidden;
  const hidden = askHidden(variants);
  hiddenCache.set(section, { hidden, resizes });
  return hidden;
}

const watched = new WeakSet<HTMLElement>();
const redraws = new WeakMap<HTMLElement, { still: () => boolean; draw: (v: HTMLElement) => void }>();

/** Draws a section's stale drawings (another width) that its column shows, or all of them. */
function drawStale(section: HTMLElement, all: boolean): void {
  const r = redraws.get(section);
  if (!r?.still()) return;
  const hidden = all ? new Set<HTMLElement>() : hiddenVariants(section);
  for (const v of variantsOf(section)) if (v.dataset.stale && !hidden.has(v)) r.draw(v);
}

/** Watches a section's chart column: a change of its width that shows a stale drawing draws it. */
function watchColumn(section: HTMLElement): void {
  const chart = section.querySelector<HTMLElement>('.fig-chart');
  if (!chart || watched.has(section)) return;
  watched.add(section);
  let width = 0;
  new ResizeObserver((entries) => {
    // A hidden section has no width, and one shown again the width it had: what its column shows is still known.
    const w = entries.at(-1)?.contentRect.width ?? 0;
    if (w === 0 || w === width) return;
    width = w;
    hiddenCache.set(section, { hidden: askHidden(variantsOf(section)), resizes });
    drawStale(section, false);
  }).observe(chart);
  // A printed page may show the other width: draw every drawing before printing.
  addEventListener('beforeprint', () => drawStale(section, true));
}
