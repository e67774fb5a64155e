/**
 * Puts a recomputed figure into its section on the page: title, subtitle, chart
 * (every built width), description, table, sources, notes, and downloads of the
 * current view (CSV of its table, SVG of its chart) as in-browser files. The same
 * figure functions make the build-time page, so a view drawn here has the anatomy,
 * the columns and the downloads of the static one.
 */
import type { Figure } from '../figures/types.ts';
import type { ChartSpec } from '../charts/index.ts';
import { cellClass, cellText, gapText, shownRows } from '../figures/table.ts';
import { downloadName, figureCsv, figureCsvMetadata } from '../figures/csv.ts';
import { exportSvg } from '../figures/export.ts';
import { embedSnippet, samePageFragment, shortSource } from '../figures/embed.ts';
import { prepareTitles } from './figures.ts';
import { lazyBlobLink } from './downloads.ts';
import { el } from './dom.ts';

type Base = { width: number; document: Document; ariaLabel?: string; inline?: boolean };
export interface ChartRenderer {
  /** draws a chart (the caller's own set of chart kinds, so a page loads only the chart code it needs) */
  render: (spec: ChartSpec, base: Base) => SVGSVGElement;
  /** redraws an SVG in place for a new view of the same chart, or returns false */
  update?: (svg: SVGSVGElement, spec: ChartSpec, base: Base) => boolean;
}

/** The figure each section shows now (for "show every row" and the embed code). */
const current = new WeakMap<HTMLElement, Figure>();
export const shownFigure = (section: HTMLElement): Figure | undefined => current.get(section);

/** Fills the section's table with the rows the page shows (or every row), and its "show every row" button. */
export function fillTable(section: HTMLElement, f: Figure, all = false): void {
  const table = section.querySelector('.fig-table table');
  if (!table) return;
  const { rows, note } = shownRows(f, all);
  setText(table.querySelector('caption'), f.table.caption + note);
  replaceIfChanged(table.querySelector('thead'), JSON.stringify(f.table.columns.map((c) => [c.label, cellClass(c)])), () => {
    const head = el('tr');
    for (const c of f.table.columns) head.append(el('th', c.label, cellClass(c) ? { scope: 'col', class: cellClass(c)! } : { scope: 'col' }));
    return [head];
  });
  const tbody = el('tbody');
  const keep = f.tableExcerpt;
  for (const s of rows) {
    const tr = el('tr');
    if ('gap' in s) {
      tr.className = 'table-gap';
      tr.append(el('td', gapText(s.gap), { colspan: String(f.table.columns.length) }));
    } else {
      f.table.columns.forEach((c, i) => {
        const text = cellText(c, s.row[c.key]);
        tr.append(i === 0 ? el('th', text, { scope: 'row' }) : el('td', text, cellClass(c) ? { class: cellClass(c)! } : {}));
      });
      if (keep && keep.keep !== null && s.row[keep.key] === keep.keep) tr.className = 'is-selected';
    }
    tbody.append(tr);
  }
  table.querySelector('tbody')!.replaceWith(tbody);
  const more = section.querySelector<HTMLButtonElement>('[data-action="all-rows"]');
  if (more) {
    more.hidden = all || !note;
    more.textContent = `Show all ${f.table.rows.length.toLocaleString('en-GB')} rows`;
  }
}

/**
 * Text and children are replaced only when they change: new text must be shaped and laid
 * out again, and a view change often keeps a figure's sources and notes (measured in
 * bench/atlas.ts).
 */
function setText(e: Element | null, text: string): void {
  if (e && e.textContent !== text) e.textContent = text;
}
function replaceIfChanged(e: Element | null, signature: string, make: () => Node[]): void {
  if (!e || (e as HTMLElement).dataset.sig === signature) return;
  e.replaceChildren(...make());
  (e as HTMLElement).dataset.sig = signature;
}

export function applyFigure(section: HTMLElement, f: Figure, charts: ChartRenderer): void {
  current.set(section, f);
  setText(section.querySelector('.fig-title'), f.title);
  setText(section.querySelector('.fig-subtitle'), f.subtitle);
  const draw = (v: HTMLElement): SVGSVGElement => {
    delete v.dataset.stale;
    const base = { width: Number(v.dataset.w), document, ariaLabel: f.title };
    const old = v.querySelector('svg');
    if (old && charts.update?.(old, f.chart, base)) return old;
    const svg = charts.render(f.chart, base);
    prepareTitles(svg);
    v.replaceChildren(svg);
    return svg;
  };
  // Only the drawing on show is made now; another width is drawn when the column changes to show it.
  const variants = Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'));
  const hidden = hiddenVariants(section, variants);
  for (const v of variants) {
    if (hidden.has(v)) {
      v.dataset.stale = 'true';
      v.replaceChildren();
      continue;
    }
    draw(v);
  }
  drawWhenShown(section, () => current.get(section) === f, draw);
  setText(section.querySelector('.fig-description'), f.description);
  fillTable(section, f);
  replaceIfChanged(section.querySelector('.fig-meta'), JSON.stringify(f.source), () =>
    f.source.map((s) => {
      const p = el('p', undefined, { class: 'fig-source' });
      const inPage = samePageFragment(s.url, section.dataset.pageUrl, location.pathname);
      const a = el('a', s.name, inPage ? { href: inPage } : { href: s.url, rel: 'external' });
      p.append('Source: ', a, `, ${s.publisher} (${s.dataDate}). ${s.attribution}`);
      return p;
    }),
  );
  setText(section.querySelector('.fig-source-short .fig-source-text'), shortSource(f.source));
  replaceIfChanged(section.querySelector('.fig-notes'), JSON.stringify(f.notes), () => f.notes.map((n) => el('li', n)));
  wireDownloads(section, f, charts);
}

/**
 * The downloads of a figure (CSV, CSVW, SVG and the PNG drawn from it), made in the
 * browser when the reader reaches for them. A page may point them at another figure
 * than the one on screen (the ISTV page exports its disclosure-controlled view).
 */
export function wireDownloads(section: HTMLElement, f: Figure, charts: ChartRenderer): void {
  const variants = Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'));
  const link = (kind: string) => section.querySelector<HTMLAnchorElement>(`a[data-kind="${kind}"]`);
  const name = downloadName(f);
  // The view's address: the figure's page with this view's state (less an embed's own options).
  const url = new URL(section.dataset.pageUrl ?? location.href);
  const view = new URLSearchParams(location.search);
  view.delete('theme');
  view.delete('full');
  url.search = view.toString();
  lazyBlobLink(link('csv'), () => figureCsv(f), 'text/csv', `${name}.csv`);
  lazyBlobLink(link('csvw'), () => figureCsvMetadata(f, url.href), 'application/csvm+json', `${name}.csv-metadata.json`);
  // The SVG download (and the PNG drawn from it) is a drawing at the widest built width, made when the
  // reader reaches for it, with every layer inline (the page's maps refer to a shared network drawing).
  const width = Math.max(...variants.map((v) => Number(v.dataset.w)));
  const standalone = () => withTitles(charts.render(f.chart, { width, document, ariaLabel: f.title, inline: true }));
  const info = { title: f.title, subtitle: f.subtitle, source: f.source, url: url.href };
  lazyBlobLink(link('svg'), () => exportSvg(new XMLSerializer().serializeToString(standalone()), info).svg, 'image/svg+xml', `${name}.svg`);
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

/** "Show all N rows" buttons: the full table of the figure the section shows. */
export function wireAllRows(section: HTMLElement): void {
  section.querySelector<HTMLButtonElement>('[data-action="all-rows"]')?.addEventListener('click', () => {
    const f = current.get(section);
    if (f) fillTable(section, f, true);
  });
}

/**
 * Points the section's embed code, its embed preview and (on an embed page) its link to
 * the full figure at the view in `query` ("" for the default view), and names the
 * iframe after the view's title.
 */
export function setEmbedView(section: HTMLElement, f: Figure, query: string): void {
  const q = query ? `?${query}` : '';
  const d = section.dataset;
  const code = section.querySelector<HTMLTextAreaElement>('.embed-code');
  if (code && d.embedUrl && d.scriptUrl) code.value = embedSnippet({ embedUrl: d.embedUrl + q, scriptUrl: d.scriptUrl, title: f.title, height: Number(d.embedHeight) || 640 });
  const preview = section.querySelector<HTMLAnchorElement>(`.embed-panel a[href*="embed/${f.id}/"]`);
  if (preview) preview.href = preview.href.split('?')[0]! + q;
  const open = section.querySelector<HTMLAnchorElement>('a[data-kind="open"]');
  if (open && d.pageUrl) {
    const u = new URL(d.pageUrl);
    u.search = q;
    open.href = u.href;
  }
}

/**
 * The drawings a section's column hides (one per built width; CSS shows the one that
 * fits). Asked once and again only after the column's width changes: asking the style
 * of a page being redrawn costs a style pass each time.
 */
const hiddenCache = new WeakMap<HTMLElement, { hidden: Set<HTMLElement>; resizes: number }>();
/**
 * Changes of the viewport's size, counted (reading its width would lay the page out): a
 * column can change width with it while its section is hidden, when the observer below
 * cannot see it.
 */
let resizes = 0;
addEventListener('resize', () => resizes++);
function hiddenVariants(section: HTMLElement, variants: HTMLElement[]): Set<HTMLElement> {
  const known = hiddenCache.get(section);
  if (known && known.resizes === resizes && variants.every((v) => v.isConnected)) return known.hidden;
  const hidden = new Set(variants.length > 1 ? variants.filter((v) => getComputedStyle(v).display === 'none') : []);
  hiddenCache.set(section, { hidden, resizes });
  return hidden;
}

const watched = new WeakSet<HTMLElement>();
const redraws = new WeakMap<HTMLElement, { still: () => boolean; draw: (v: HTMLElement) => SVGSVGElement }>();

/** Draws a figure's stale drawing (another width) when a change of column width shows it. */
function drawWhenShown(section: HTMLElement, still: () => boolean, draw: (v: HTMLElement) => SVGSVGElement): void {
  redraws.set(section, { still, draw });
  const chart = section.querySelector<HTMLElement>('.fig-chart');
  if (!chart || watched.has(section)) return;
  watched.add(section);
  const drawStale = (all: boolean) => {
    const r = redraws.get(section);
    if (!r?.still()) return;
    for (const v of Array.from(chart.querySelectorAll<HTMLElement>('.fig-variant[data-stale]'))) if (all || getComputedStyle(v).display !== 'none') r.draw(v);
  };
  let width = 0;
  new ResizeObserver((entries) => {
    // A section hidden (the atlas's comparison, turned off) has no width, and one shown again
    // has the width it had: what its column shows is still known (asking again costs a style
    // pass of the page). A change of the viewport's size made while it was hidden is counted above.
    const w = entries.at(-1)?.contentRect.width ?? 0;
    if (w === 0 || w === width) return;
    width = w;
    hiddenCache.delete(section);
    drawStale(false);
  }).observe(chart);
  // A printed page may show the other width: draw every drawing before printing.
  addEventListener('beforeprint', () => drawStale(true));
}
