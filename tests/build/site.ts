/**
 * The built site read once for the build checks: every HTML file of dist/ parsed a single
 * time (htmlparser2, a DOM of plain objects: a full DOM took about a minute a pass over the
 * site's 200 MB of HTML, and the checks made five passes), and what each check needs kept
 * as plain facts. The checks themselves are in dist.test.ts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { selectAll, selectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

export const DIST = 'dist';
export const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
export const files = existsSync(DIST) ? walk(DIST) : [];
export const htmlFiles = files.filter((f) => f.endsWith('.html'));
export const embeds = htmlFiles.filter((f) => f.includes(`${DIST}/embed/`) && f !== join(DIST, 'embed', 'index.html'));
export const pages = htmlFiles.filter((f) => !embeds.includes(f) && !f.endsWith('404.html'));

/** dist path of a URL path under the base. */
export const distPath = (url: string) => {
  const p = url.split('#')[0]!.split('?')[0]!.slice(BASE.length);
  return join(DIST, p.endsWith('/') || p === '' ? join(p, 'index.html') : p);
};

export const text = (n: AnyNode | null | undefined) => (n ? DomUtils.textContent(n) : '');
const $$ = (sel: string, root: AnyNode): Element[] => selectAll<AnyNode, Element>(sel, root);
const $ = (sel: string, root: AnyNode): Element | null => selectOne<AnyNode, Element>(sel, root);
const attr = (e: Element | null | undefined, name: string) => e?.attribs[name];

/** A figure as its page has it, before any script runs. */
export interface FigureFacts {
  id: string;
  rows: number;
  title: string;
  subtitle: string;
  description: string;
  /**
   * every drawn width has its drawing: a published SVG file (the slot's data-src) with role img and a
   * label, which the slot shows as an image without JavaScript
   */
  drawings: number;
  variants: number;
  caption: string;
  headers: number;
  bodyRows: number;
  gapRows: number;
  source: string;
  csvHref: string;
  csvDownload: string;
  svgLink: boolean;
  /** the CSV with its notes (ZIP) */
  zipHref: string;
  /** PNG buttons (they need script), and how many are inside something shown only with script */
  png: number;
  pngJsOnly: number;
  embedCode: string;
  textContent: string;
}

export interface PageFacts {
  file: string;
  where: string;
  /** the start of the file, down to the end of its first elements in <head> */
  head: string;
  /** the JSON placed in the page (script type="application/json"), as written */
  json: string[];
  links: { tag: string; url: string }[];
  ids: Set<string>;
  csp: string | null;
  /** the text of each inline script the browser runs */
  inlineScripts: string[];
  /** scripts, stylesheets, images and frames the page loads, and its module preloads */
  loads: { tag: string; url: string; rel?: string }[];
  meta: Record<string, string>;
  canonical: string | null;
  robots: string | null;
  chrome: boolean;
  figures: FigureFacts[];
}

/** A chart slot's drawing: its file is published, an SVG image with a label, and the image without JavaScript shows it. */
function drawn(slot: Element): boolean {
  const src = attr(slot, 'data-src')!;
  const img = $('noscript > img', slot);
  if (attr(img, 'src') !== src || !attr(img, 'alt') || !$(':scope > .fig-hold', slot)) return false;
  let ok = drawingFiles.get(src);
  if (ok === undefined) {
    const file = distPath(src);
    const head = existsSync(file) ? readFileSync(file, 'utf8').slice(0, 2000) : '';
    const root = /^<svg[^>]*>/.exec(head)?.[0] ?? '';
    ok =
      / xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(root) &&
      / role="img"/.test(root) &&
      / aria-label="[^"]+"/.test(root);
    drawingFiles.set(src, ok);
  }
  return ok;
}
const drawingFiles = new Map<string, boolean>();

function figureFacts(fig: Element): FigureFacts {
  const one = (sel: string) => $(sel, fig);
  const table = one('.fig-table table');
  const csv = one('a[data-kind=csv]');
  const id = attr(fig, 'data-figure')!;
  const png = $$('[data-action=png]', fig);
  const jsOnly = (e: Element) => {
    for (let p: Element | null = e; p; p = p.parent as Element | null)
      if (p.attribs?.class?.split(' ').includes('js-only')) return true;
    return false;
  };
  return {
    id,
    rows: Number(attr(fig, 'data-rows')),
    title: text(one('.fig-title')),
    subtitle: text(one('.fig-subtitle')),
    description: text(one('.fig-description')),
    drawings: $$('.fig-chart .fig-variant[data-src]', fig).filter(drawn).length,
    variants: $$('.fig-chart .fig-variant', fig).length,
    caption: text(table && $('caption', table)),
    headers: table ? $$('thead th', table).length : 0,
    bodyRows: table ? $$('tbody tr', table).length : 0,
    gapRows: table ? $$('tbody tr.table-gap', table).length : 0,
    source: text(one('.fig-source')),
    csvHref: attr(csv, 'href') ?? '',
    csvDownload: attr(csv, 'download') ?? '',
    svgLink: !!one(`a[href="${BASE}figures/${id}.svg"]`),
    zipHref: attr(one('a[data-kind=zip]'), 'href') ?? '',
    png: png.length,
    pngJsOnly: png.filter(jsOnly).length,
    embedCode: text(one('.embed-code')),
    textContent: text(fig),
  };
}

export function readPage(file: string): PageFacts {
  const raw = readFileSync(file, 'utf8');
  const d = parseDocument(raw);
  const all = (sel: string) => $$(sel, d);
  const metaOf = (e: Element) => [attr(e, 'property') ?? attr(e, 'name') ?? '', attr(e, 'content') ?? ''] as const;
  const runs = (e: Element) => !attr(e, 'src') && ['', 'module', 'text/javascript'].includes(attr(e, 'type') ?? '');
  return {
    file,
    where: relative(DIST, file),
    head: raw.slice(0, 1000),
    json: Array.from(raw.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g), (m) => m[1]!),
    links: all('[href],[src],[action]').map((e) => ({
      tag: e.name,
      url: attr(e, 'href') ?? attr(e, 'src') ?? attr(e, 'action')!,
    })),
    ids: new Set(all('[id]').map((e) => attr(e, 'id')!)),
    csp: attr($('meta[http-equiv=content-security-policy]', d), 'content') ?? null,
    inlineScripts: all('script')
      .filter(runs)
      .map((e) => text(e)),
    loads: all('script[src], link[rel=stylesheet], link[rel=modulepreload], img[src], iframe[src]').map((e) => ({
      tag: e.name,
      url: attr(e, 'src') ?? attr(e, 'href')!,
      rel: attr(e, 'rel'),
    })),
    meta: Object.fromEntries(all('meta[property], meta[name]').map(metaOf)),
    canonical: attr($('link[rel=canonical]', d), 'href') ?? null,
    robots: attr($('meta[name=robots]', d), 'content') ?? null,
    chrome: !!$('nav, header.site-header, footer.site-footer', d),
    figures: all('[data-figure]').map(figureFacts),
  };
}

let site: PageFacts[] | undefined;
/** Every HTML file of the built site, read once. */
export const builtPages = (): PageFacts[] => (site ??= htmlFiles.map(readPage));
