/**
 * Puts a recomputed figure into its section on the page: title, subtitle, chart
 * (every built width), description, table, sources, notes, and downloads of the
 * current view (CSV of its table, SVG of its chart) as in-browser files.
 */
import type { Figure } from '../figures/types.ts';
import { renderChart } from '../charts/index.ts';
import { toCsv } from '../lib/csv.ts';
import { prepareTitles } from './figures.ts';
import { blobLink } from './downloads.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export function applyFigure(section: HTMLElement, f: Figure): void {
  section.querySelector('.fig-title')!.textContent = f.title;
  section.querySelector('.fig-subtitle')!.textContent = f.subtitle;
  let wide: SVGSVGElement | null = null;
  for (const v of Array.from(section.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'))) {
    const svg = renderChart(f.chart, { width: Number(v.dataset.w), document, ariaLabel: f.title });
    prepareTitles(svg);
    v.replaceChildren(svg);
    wide = svg;
  }
  section.querySelector('.fig-description')!.textContent = f.description;
  const table = section.querySelector('.fig-table table');
  if (table) {
    const rows = f.tableLimit && f.table.rows.length > f.tableLimit ? f.table.rows.slice(0, f.tableLimit) : f.table.rows;
    const cut = rows.length < f.table.rows.length;
    table.querySelector('caption')!.textContent = f.table.caption + (cut ? ` · the first ${rows.length.toLocaleString('en-GB')} of ${f.table.rows.length.toLocaleString('en-GB')} rows; the CSV download has them all` : '');
    const head = el('tr');
    for (const c of f.table.columns) head.append(el('th', c.label, c.numeric ? { scope: 'col', class: 'num' } : { scope: 'col' }));
    table.querySelector('thead')!.replaceChildren(head);
    const tbody = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      f.table.columns.forEach((c, i) => {
        const v = r[c.key];
        const text = c.format ? c.format(v) : v === null || v === undefined ? '–' : String(v);
        tr.append(i === 0 ? el('th', text, { scope: 'row' }) : el('td', text, c.numeric ? { class: 'num' } : {}));
      });
      tbody.append(tr);
    }
    table.querySelector('tbody')!.replaceWith(tbody);
  }
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
  const cols = f.table.columns;
  const link = (kind: string) => {
    const a = section.querySelector<HTMLAnchorElement>(`a[data-kind="${kind}"]`) ?? section.querySelector<HTMLAnchorElement>(`a[href$=".${kind}"]`);
    a?.setAttribute('data-kind', kind);
    return a;
  };
  blobLink(link('csv'), toCsv(cols.map((c) => c.key), f.table.rows.map((r) => cols.map((c) => r[c.key]))), 'text/csv', `${f.id}.csv`);
  // The download draws every layer inline (the page's maps refer to a shared network drawing).
  if (wide) blobLink(link('svg'), new XMLSerializer().serializeToString(renderChart(f.chart, { width: 720, document, ariaLabel: f.title, inline: true })), 'image/svg+xml', `${f.id}.svg`);
}
