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
  const columns = JSON.stringify(f.table.columns.map((c) => [c.label, cellClass(c)]));
  const head = table.querySelector('thead');
  // The columns on show (the page's own table has no signature yet: its headers say).
  const ths = Array.from(head?.querySelectorAll('th') ?? []);
  const sameColumns =
    head?.dataset.sig === columns ||
    (!head?.dataset.sig && ths.length === f.table.columns.length && f.table.columns.every((c, i) => ths[i]!.textContent === c.label && ths[i]!.className === (cellClass(c) ?? '')));
  // The page's own header row, when it has these columns, is kept (and signed).
  if (sameColumns && head) head.dataset.sig = columns;
  replaceIfChanged(head, columns, () => {
    const tr = el('tr');
    for (const c of f.table.columns) tr.append(el('th', c.label, cellClass(c) ? { scope: 'col', class: cellClass(c)! } : { scope: 'col' }));
    return [tr];
  });
  // Rows of the same shape as those on show are rewritten in place (their text and class):
  // a view change then lays out new text, not new elements (measured in bench/atlas.ts).
  const tbody = table.querySelector('tbody')!;
  if (!sameColumns) tbody.replaceChildren();
  const old = Array.from(tbody.rows);
  const classes = f.table.columns.map((c) => cellClass(c) ?? '');
  const keep = f.tableExcerpt;
  rows.forEach((s, k) => {
    const gap = 'gap' in s;
    const texts = gap ? [gapText(s.gap)] : f.table.columns.map((c) => cellText(c, s.row[c.key]));
    const rowClass = gap ? 'table-gap' : keep && keep.keep !== null && s.row[keep.key] === keep.keep ? 'is-selected' : '';
    const tr = old[k];
    if (tr && tr.cells.length === texts.length && (tr.className === 'table-gap') === gap) {
      setClass(tr, rowClass);
      texts.forEach((t, i) => {
        const cell = tr.cells[i]!;
        setText(cell, t);
        if (!gap && i > 0) setClass(cell, classes[i]!);
      });
      return;
    }
    const fresh = el('tr');
    if (rowClass) fresh.className = rowClass;
    if (gap) fresh.append(el('td', texts[0], { colspan: String(f.table.columns.length) }));
    else texts.forEach((t, i) => fresh.append(i === 0 ? el('th', t, { scope: 'row' }) : el('td', t, classes[i] ? { class: classes[i] } : {})));
    if (tr) tr.replaceWith(fresh);
    else tbody.append(fresh);
  });
  for (const tr of Array.from(tbody.rows).slice(rows.length)) tr.remove();
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
/** A class as a new element has it: none is no class attribute. */
function setClass(e: Element, c: string): void {
  if (e.className === c) return;
  if (c) e.className = c;
  else e.removeAttribute('class');
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

/**
 * Wires a figure's section when its page starts: its "show all N rows" button (the full
 * table of the figure the section shows), and the watch on its chart column.
 */
export function wireSection(section: HTMLElement): void {
  watchColumn(section);
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
 * fits). Known once the column's observer below has seen it laid out: it asks the style
 * after each layout that changes the column's width, when the answer is already computed.
 * Asked during a redraw instead (a section hidden since the page started, until then),
 * it costs a style and layout pass of the page being redrawn.
 */
const hiddenCache = new WeakMap<HTMLElement, { hidden: Set<HTMLElement>; resizes: number }>();
/**
 * Changes of the viewport's size, counted (reading its width would lay the page out): a
 * column can change width with it while its section is hidden, when the observer below
 * cannot see it.
 */
let resizes = 0;
addEventListener('resize', () => resizes++);
const askHidden = (variants: HTMLElement[]) => new Set(variants.length > 1 ? variants.filter((v) => getComputedStyle(v).display === 'none') : []);
function hiddenVariants(section: HTMLElement, variants: HTMLElement[]): Set<HTMLElement> {
  const known = hiddenCache.get(section);
  if (known && known.resizes === resizes && variants.every((v) => v.isConnected)) return known.hidden;
  const hidden = askHidden(variants);
  hiddenCache.set(section, { hidden, resizes });
  return hidden;
}

const watched = new WeakSet<HTMLElement>();
const redraws = new WeakMap<HTMLElement, { still: () => boolean; draw: (v: HTMLElement) => SVGSVGElement }>();

/** Draws a section's stale drawings (another width) that its column shows, or all of them. */
function drawStale(section: HTMLElement, all: boolean): void {
  const r = redraws.get(section);
  if (!r?.still()) return;
  const variants = Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'));
  const hidden = all ? new Set<HTMLElement>() : hiddenVariants(section, variants);
  for (const v of variants) if (v.dataset.stale && !hidden.has(v)) r.draw(v);
}

/**
 * Watches a section's chart column, from when the page wires it: which drawings the
 * column shows is then known before the first redraw (for a section on show), and a
 * stale drawing (another width) is drawn when a change of the column's width shows it.
 */
function watchColumn(section: HTMLElement): void {
  const chart = section.querySelector<HTMLElement>('.fig-chart');
  if (!chart || watched.has(section)) return;
  watched.add(section);
  let width = 0;
  new ResizeObserver((entries) => {
    // A section hidden (the atlas's comparison, turned off) has no width, and one shown again
    // has the width it had: what its column shows is still known. A change of the viewport's
    // size made while it was hidden is counted above.
    const w = entries.at(-1)?.contentRect.width ?? 0;
    if (w === 0 || w === width) return;
    width = w;
    hiddenCache.set(section, { hidden: askHidden(Array.from(chart.querySelectorAll<HTMLElement>('.fig-variant'))), resizes });
    drawStale(section, false);
  }).observe(chart);
  // A printed page may show the other width: draw every drawing before printing.
  addEventListener('beforeprint', () => drawStale(section, true));
}

/** Draws a figure's stale drawing (another width) when a change of column width shows it. */
function drawWhenShown(section: HTMLElement, still: () => boolean, draw: (v: HTMLElement) => SVGSVGElement): void {
  redraws.set(section, { still, draw });
  watchColumn(section);
}
