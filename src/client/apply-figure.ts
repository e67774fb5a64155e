/**
 * Puts a recomputed figure into its section on the page: title, subtitle, chart
 * (every built width), description, table, sources, notes, and downloads of the
 * current view (CSV of its table, SVG of its chart) as in-browser files. The same
 * figure functions make the build-time page, so a view drawn here has the anatomy,
 * the columns and the downloads of the static one.
 */
import type { Figure } from '../figures/types.ts';
import type { ChartSpec } from '../charts/index.ts';
import { cellText, gapText, shownRows } from '../figures/table.ts';
import { figureCsv } from '../figures/csv.ts';
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

/** The figure each section shows now (for "show every row"). */
const current = new WeakMap<HTMLElement, Figure>();

/** Fills the section's table with the rows the page shows (or every row), and its "show every row" button. */
export function fillTable(section: HTMLElement, f: Figure, all = false): void {
  const table = section.querySelector('.fig-table table');
  if (!table) return;
  const { rows, note } = shownRows(f, all);
  table.querySelector('caption')!.textContent = f.table.caption + note;
  const head = el('tr');
  for (const c of f.table.columns) head.append(el('th', c.label, c.numeric ? { scope: 'col', class: 'num' } : { scope: 'col' }));
  table.querySelector('thead')!.replaceChildren(head);
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
        tr.append(i === 0 ? el('th', text, { scope: 'row' }) : el('td', text, c.numeric ? { class: 'num' } : {}));
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

export function applyFigure(section: HTMLElement, f: Figure, charts: ChartRenderer): void {
  current.set(section, f);
  section.querySelector('.fig-title')!.textContent = f.title;
  section.querySelector('.fig-subtitle')!.textContent = f.subtitle;
  let wide: SVGSVGElement | null = null;
  for (const v of Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'))) {
    const base = { width: Number(v.dataset.w), document, ariaLabel: f.title };
    const old = v.querySelector('svg');
    if (old && charts.update?.(old, f.chart, base)) {
      wide = old;
      continue;
    }
    const svg = charts.render(f.chart, base);
    prepareTitles(svg);
    v.replaceChildren(svg);
    wide = svg;
  }
  section.querySelector('.fig-description')!.textContent = f.description;
  fillTable(section, f);
  const meta = section.querySelector('.fig-meta');
  if (meta) {
    meta.replaceChildren(
      ...f.source.map((s) => {
        const p = el('p', undefined, { class: 'fig-source' });
        const a = el('a', s.name, { href: s.url, rel: 'external' });
        p.append('Source: ', a, `, ${s.publisher} (${s.dataDate}). ${s.attribution}`);
        return p;
      }),
    );
  }
  const notes = section.querySelector('.fig-notes');
  if (notes) notes.replaceChildren(...f.notes.map((n) => el('li', n)));
  const link = (kind: string) => {
    const a = section.querySelector<HTMLAnchorElement>(`a[data-kind="${kind}"]`) ?? section.querySelector<HTMLAnchorElement>(`a[href$=".${kind}"]`);
    a?.setAttribute('data-kind', kind);
    return a;
  };
  lazyBlobLink(link('csv'), () => figureCsv(f), 'text/csv', `${f.id}.csv`);
  // The download draws every layer inline (the page's maps refer to a shared network drawing).
  if (wide) {
    const drawnSvg = wide;
    const standalone = () => (f.chart.kind === 'hotspotMap' ? charts.render(f.chart, { width: 720, document, ariaLabel: f.title, inline: true }) : withTitles(drawnSvg));
    lazyBlobLink(link('svg'), () => new XMLSerializer().serializeToString(standalone()), 'image/svg+xml', `${f.id}.svg`);
  }
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
