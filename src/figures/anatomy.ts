/**
 * The figure anatomy, written once: title, subtitle, chart, description, table, sources,
 * notes, downloads and embed code. `figureSection` says what a figure's section is, as a
 * tree of plain objects; the build writes it as HTML (`toHtml`, through Figure.astro) and
 * the browser brings a section on the page to a new view of it (`patch`), so what a view
 * shows cannot differ between the two. The tree is plain objects, not a DOM, because the
 * build makes some 5,000 sections: a DOM implementation there cost 12 s a build (measured
 * with linkedom), the tree and its HTML a fraction of one.
 */
import type { Figure } from './types.ts';
import { cellClass, cellText, gapText, shownRows } from './table.ts';
import { downloadName } from './csv.ts';
import { embedSnippet, samePageFragment, shortSource } from './embed.ts';
import { withBase } from '../lib/paths.ts';

/** An element: its attributes (undefined: the attribute is absent), its children, and, for a chart's slot, its drawing. */
export interface VElement {
  tag: string;
  attrs: Record<string, string | undefined>;
  children: VNode[];
  /** a chart's slot: the drawing's markup at build time; in the browser its children are the chart code's */
  drawing?: { html?: string };
}
export type VNode = VElement | string;

type Child = VNode | null | undefined | false | Child[];
function h(tag: string, attrs: VElement['attrs'] = {}, ...children: Child[]): VElement {
  const out: VNode[] = [];
  // Text as the parsed HTML has it: no empty text, and text next to text is one.
  const add = (c: Child) => {
    if (Array.isArray(c)) c.forEach(add);
    else if (typeof c === 'string' && typeof out.at(-1) === 'string')
      out[out.length - 1] = `${out.at(-1) as string}${c}`;
    else if (c) out.push(c);
  };
  children.forEach(add);
  return { tag, attrs, children: out };
}

/** The addresses of a figure: its page, its embed page and script, and its published files. */
export interface FigureUrls {
  /** absolute: the figure's page with its #id */
  page: string;
  /** absolute: the figure's embed page */
  embed: string;
  /** absolute: the embed resizing script */
  script: string;
  /** under the base: the folder of the figures' published files (CSV, CSVW, SVG, and under chart/ the chart's drawings) */
  files: string;
}

export function figureUrls(f: Pick<Figure, 'id' | 'page'>, site: string | URL, base: string): FigureUrls {
  return {
    page: new URL(withBase(base, f.page) + `#${f.id}`, site).href,
    embed: new URL(withBase(base, `embed/${f.id}/`), site).href,
    script: new URL(withBase(base, 'embed.js'), site).href,
    files: withBase(base, 'figures/'),
  };
}

export interface SectionOptions {
  urls: FigureUrls;
  /** heading level of the title: 2 on pages, 3 under a page's section headings, 1 on embed pages */
  level: 1 | 2 | 3;
  /** an embed page's compact figure: chart, one source line, the rest behind one click */
  embed: boolean;
  /** the widths the chart is drawn at (drawnWidths), and at build time each drawing's placeholder */
  widths: number[];
  drawings?: string[];
  /** the iframe's fallback height (px) in the embed code */
  embedHeight: number;
}

/** Where the view shown lives: the address's query ("" for the default view) and the page's path (for links within it). */
export interface ViewPlace {
  query: string;
  path: string;
}

const attrIf = (on: boolean) => (on ? '' : undefined);

/** A figure's table: caption, column headers, the first column as row headers; long tables cut as src/figures/table.ts says. */
export function tableNode(f: Figure, all = false): VElement {
  const { rows, note } = shownRows(f, all);
  const classes = f.table.columns.map((c) => cellClass(c));
  const keep = f.tableExcerpt;
  const body = rows.map((s) => {
    if ('gap' in s)
      return h('tr', { class: 'table-gap' }, h('td', { colspan: String(f.table.columns.length) }, gapText(s.gap)));
    const selected = keep && keep.keep !== null && s.row[keep.key] === keep.keep;
    const cells = f.table.columns.map((c, i) =>
      i === 0
        ? h('th', { scope: 'row' }, cellText(c, s.row[c.key]))
        : h('td', { class: classes[i] }, cellText(c, s.row[c.key])),
    );
    return h('tr', { class: selected ? 'is-selected' : undefined }, cells);
  });
  const head = h(
    'tr',
    {},
    f.table.columns.map((c, i) => h('th', { scope: 'col', class: classes[i] }, c.label)),
  );
  return h('table', {}, h('caption', {}, f.table.caption + note), h('thead', {}, head), h('tbody', {}, body));
}

/** The table in its scroll box, named by its caption or by a heading; a long excerpted table has its "show all" button. */
function tablePart(f: Figure, labelledBy: string | null, button: boolean): VNode[] {
  const label = labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': `Data table: ${f.table.caption}` };
  const wrap = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', ...label }, tableNode(f));
  if (!button || !f.tableExcerpt) return [wrap];
  const more = h(
    'button',
    { type: 'button', class: 'js-only all-rows', 'data-action': 'all-rows', hidden: attrIf(!shownRows(f).note) },
    `Show all ${f.table.rows.length.toLocaleString('en-GB')} rows`,
  );
  return [wrap, more];
}

/*
 * The column bands a chart is drawn for, so that no chart is redrawn in the browser for its width:
 * small (columns under 420 px: phones), medium (420–659 px: tablets, half columns) and large (660 px
 * and over). Drawn at 300, 480 and (at most) 720 px, a chart is shown at 0.96–1.4, 0.88–1.37 and
 * 0.92–1.16 of its size in the columns of its band (the narrowest column is 288 px, at a 320 px
 * screen), so its 12–13 px text stays between 11 and 18 px (13 px text under 520 px, 12 px above). CSS (styles/base.css) shows the band's slot.
 */
const SMALL = 300;
const MEDIUM = 480;

/** The widths a figure's chart is drawn at: 300 px, 480 px and its widest declared width (720 unless it says). */
export function drawnWidths(declared: number[] = [360, 720]): number[] {
  const wide = Math.max(...declared);
  if (wide <= SMALL) return [wide];
  return wide > MEDIUM ? [SMALL, MEDIUM, wide] : [SMALL, wide];
}

/** The bands each drawn width serves: the class names of its slot. */
export function bandClasses(widths: number[]): string[] {
  if (widths.length === 1) return ['band-s band-m band-l'];
  if (widths.length === 2) return ['band-s', 'band-m band-l'];
  return ['band-s', 'band-m', 'band-l'];
}

/** A chart drawing's file (the build publishes one per drawn width; the page fetches the one its column shows). */
export const chartFile = (files: string, id: string, width: number) => `${files}chart/${id}-${width}.svg`;

/** A figure's chart: a slot per drawn width (at build time holding the drawing's placeholder), and for a map a link past it. */
function chartPart(f: Figure, o: SectionOptions, skipTo: string): VNode[] {
  const isMap = f.chart.kind === 'choropleth' || f.chart.kind === 'hotspotMap';
  const bands = bandClasses(o.widths);
  const slots = o.widths.map((w, i): VElement => ({
    ...h('div', {
      class: `fig-variant ${bands[i]}`,
      'data-w': String(w),
      // Only the build's view has a published drawing; a view drawn in the browser has none.
      'data-src': o.drawings ? chartFile(o.urls.files, f.id, w) : undefined,
    }),
    drawing: { html: o.drawings?.[i] },
  }));
  const chart = h('div', { class: 'fig-chart' }, slots);
  if (!isMap) return [chart];
  // On an embed page the link's target is inside the closed details: it stays in the frame and opens them.
  const embedLink = o.embed ? { target: '_self', 'data-open-details': '' } : {};
  return [h('a', { class: 'skip-map', href: `#${skipTo}`, ...embedLink }, 'Skip the map'), chart];
}

/** Sources (with licence and data date), notes and downloads: the same on pages and embeds. */
function metaPart(f: Figure, o: SectionOptions, place: ViewPlace): VNode[] {
  const sources = f.source.map((s) => {
    const inPage = samePageFragment(s.url, o.urls.page, place.path);
    // A source within the page shown links within it; every attribute a view may drop is named, to be removed.
    const link = h('a', { href: inPage ?? s.url, rel: inPage ? undefined : 'external' }, s.name);
    return h('p', { class: 'fig-source' }, 'Source: ', link, `, ${s.publisher} (${s.dataDate}). ${s.attribution}`);
  });
  const name = downloadName(f);
  // The build's views are published (figures/<name>.csv, the SVG under the figure's id); a view made in the browser makes its own files.
  const file = (kind: string, text: string, download: string, published: string) =>
    h('li', {}, h('a', { href: o.urls.files + published, download, 'data-kind': kind }, text));
  const png = (text: string, attrs: VElement['attrs']) =>
    h('li', { class: 'js-only' }, h('button', { type: 'button', 'data-action': 'png', ...attrs }, text));
  return [
    h('div', { class: 'fig-meta' }, sources),
    h(
      'ul',
      { class: 'fig-notes', 'aria-label': 'Notes and caveats', hidden: attrIf(!f.notes.length) },
      f.notes.map((n) => h('li', {}, n)),
    ),
    h(
      'ul',
      { class: 'fig-actions', 'aria-label': 'Downloads' },
      h('li', {}, 'Download:'),
      file('csv', 'Data (CSV)', `${name}.csv`, `${name}.csv`),
      file('zip', 'Data with its notes (ZIP: CSV, description, README)', `${name}.zip`, `${name}.zip`),
      file('csvw', 'Data description (CSVW)', `${name}.csv-metadata.json`, `${name}.csv-metadata.json`),
      file('svg', 'Chart (SVG)', `${name}.svg`, `${f.id}.svg`),
      png('Chart (PNG, 2×)', { 'data-scale': '2' }),
      png('Chart (PNG, print, 2,400 px)', { 'data-print': '2400' }),
    ),
  ];
}

/** The embed code for the view in `place` (the iframe named after the view's title), and the link to preview it. */
function embedPart(f: Figure, o: SectionOptions, place: ViewPlace): VElement {
  const q = place.query ? `?${place.query}` : '';
  const id = `${f.id}-embed`;
  const snippet = embedSnippet({
    embedUrl: o.urls.embed + q,
    scriptUrl: o.urls.script,
    title: f.title,
    height: o.embedHeight,
  });
  const copy = h('button', { type: 'button', class: 'js-only', 'data-action': 'copy' }, 'Copy embed code');
  const preview = h('a', { href: new URL(o.urls.embed).pathname + q, 'data-kind': 'preview' }, 'Preview the embed');
  return h(
    'details',
    { class: 'fig-embed' },
    h('summary', {}, 'Embed this chart'),
    h(
      'div',
      { class: 'embed-panel' },
      h('p', {}, 'Paste this into your page. The chart resizes to fit, and its height follows its content.'),
      h('label', { for: id, class: 'visually-hidden' }, `Embed code for ${f.title}`),
      h('textarea', { id, class: 'embed-code', readonly: '' }, snippet),
      h('p', {}, copy, ' ', preview),
    ),
  );
}

/** A figure's whole section, for the view in `place`. */
export function figureSection(f: Figure, o: SectionOptions, place: ViewPlace): VElement {
  const h1 = `h${o.level}`;
  const h2 = `h${o.level + 1}`;
  const attrs = {
    class: f.tableBeside ? 'lca-figure has-aside' : 'lca-figure',
    id: f.id,
    'data-rows': String(f.table.rows.length),
    'aria-labelledby': `${f.id}-title`,
    'data-figure': f.id,
    'data-chart': f.chart.kind,
    'data-state': 'ready',
    'data-widths': o.widths.join(','),
    'data-files': o.urls.files,
    'data-page-url': o.urls.page,
    'data-embed-url': o.urls.embed,
    'data-script-url': o.urls.script,
    'data-embed-height': String(o.embedHeight),
  };
  const title = h(h1, { class: 'fig-title', id: `${f.id}-title` }, f.title);
  const subtitle = h('p', { class: 'fig-subtitle' }, f.subtitle);
  const description = h('p', { class: 'fig-description', id: `${f.id}-desc` }, f.description);
  if (o.embed) {
    const open = new URL(o.urls.page);
    open.search = place.query;
    const short = h(
      'p',
      { class: 'fig-source-short' },
      h('span', { class: 'fig-source-text' }, shortSource(f.source)),
      ' ',
      h('a', { href: open.href, 'data-kind': 'open', target: '_blank' }, 'Full figure on London Crime Analysis'),
    );
    const more = h(
      'details',
      { class: 'fig-more', id: `${f.id}-more` },
      h('summary', {}, 'Description, data, sources and downloads'),
      description,
      h('div', { class: 'fig-table' }, tablePart(f, null, true)),
      metaPart(f, o, place),
    );
    return h('section', attrs, title, subtitle, chartPart(f, o, `${f.id}-more`), short, more);
  }
  if (f.tableBeside) {
    const aside = h(
      'div',
      { class: 'fig-table beside' },
      h(h2, { class: 'fig-table-title', id: `${f.id}-table-title` }, 'Ranked table'),
      tablePart(f, `${f.id}-table-title`, true),
    );
    return h(
      'section',
      attrs,
      title,
      subtitle,
      h('div', { class: 'fig-body beside' }, chartPart(f, o, `${f.id}-desc`), aside),
      description,
      metaPart(f, o, place),
      embedPart(f, o, place),
    );
  }
  const table = h('details', { class: 'fig-table' }, h('summary', {}, 'Data table'), tablePart(f, null, false));
  return h(
    'section',
    attrs,
    title,
    subtitle,
    chartPart(f, o, `${f.id}-desc`),
    description,
    table,
    metaPart(f, o, place),
    embedPart(f, o, place),
  );
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link']);

/** The tree as HTML (the build's). */
export function toHtml(v: VNode): string {
  if (typeof v === 'string') return escapeText(v);
  const attrs = Object.entries(v.attrs)
    .filter((a): a is [string, string] => a[1] !== undefined)
    .map(([k, x]) => (x === '' && k !== 'class' ? ` ${k}` : ` ${k}="${escapeAttr(x)}"`))
    .join('');
  if (VOID.has(v.tag)) return `<${v.tag}${attrs}>`;
  const inner = v.drawing ? (v.drawing.html ?? '') : v.children.map(toHtml).join('');
  return `<${v.tag}${attrs}>${inner}</${v.tag}>`;
}

/**
 * Brings an element on the page to the tree, in place: attributes the tree names are set (or,
 * undefined, removed) and those it does not name are left to the page (a table's `open`, a
 * download made in the browser, the view's state); children are matched in order, text
 * rewritten only where it changed, and elements made only where the page has none of that
 * kind in that place. A view change then lays out new text, not new elements (measured in
 * bench/atlas.ts). A chart's slot keeps its drawing (the chart code's).
 */
export function patch(e: Element, v: VElement): void {
  for (const [k, x] of Object.entries(v.attrs)) {
    if (x === undefined) e.removeAttribute(k);
    else if (e.getAttribute(k) !== x) e.setAttribute(k, x);
  }
  if (v.drawing) return;
  const doc = e.ownerDocument;
  const have = Array.from(e.childNodes);
  v.children.forEach((c, i) => {
    const old = have[i];
    if (typeof c === 'string') {
      if (old?.nodeType === 3) {
        if (old.nodeValue !== c) old.nodeValue = c;
      } else if (old) e.replaceChild(doc.createTextNode(c), old);
      else e.append(c);
      return;
    }
    if (old?.nodeType === 1 && (old as Element).localName === c.tag) return patch(old as Element, c);
    const made = doc.createElement(c.tag);
    patch(made, c);
    if (old) e.replaceChild(made, old);
    else e.append(made);
  });
  for (const extra of have.slice(v.children.length)) extra.remove();
  // A textarea shows its value, which its text sets only until the reader edits it.
  if (v.tag === 'textarea' && 'value' in e) (e as HTMLTextAreaElement).value = e.textContent;
}

/** The options a section was made with, read back from it (the browser patches it with the same). */
export function sectionOptions(section: HTMLElement): SectionOptions {
  const d = section.dataset;
  const title = section.querySelector('.fig-title');
  return {
    urls: {
      page: d.pageUrl ?? '',
      embed: d.embedUrl ?? '',
      script: d.scriptUrl ?? '',
      files: d.files ?? '',
    },
    level: Number(title?.localName.slice(1) ?? 2) as 1 | 2 | 3,
    embed: !!section.querySelector('.fig-more'),
    widths: (d.widths ?? '').split(',').map(Number),
    embedHeight: Number(d.embedHeight) || 640,
  };
}
