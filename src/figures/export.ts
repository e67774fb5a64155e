/**
 * A figure's chart as a file that stands on its own: the downloaded SVG, the PNG drawn
 * from it and the preview image. The chart is framed with the figure's title and
 * subtitle above and its sources (with licence and data date) and address below; the
 * theme's colours are written in, the SVG namespace declared and the font stack ends
 * in a generic family, so the file renders the same in a browser tab, an image
 * viewer, a design tool or another site. Pure string work: the build (linkedom's
 * output) and the browser (XMLSerializer's) use the same function.
 */
import { EXPORT_FONT, resolveColours, THEMES, type ThemeName } from '../charts/theme.ts';
import type { FigureSource } from './types.ts';

export const SITE_NAME = 'London Crime Analysis';
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ExportInfo {
  title: string;
  subtitle: string;
  source: FigureSource[];
  /** The figure's address (its page and anchor, with the view's state where it has one). */
  url: string;
}

export interface Exported {
  svg: string;
  width: number;
  height: number;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * HTML serialisers (linkedom's at build time) leave "&" and "<" bare inside attribute
 * values, which HTML allows and XML does not: escape a bare "&" everywhere and "<" in
 * attribute values, so the file is well-formed XML.
 */
export function xmlSafe(s: string): string {
  return s
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
    .replace(/(\s[\w:-]+=")([^"]*)"/g, (_, a: string, v: string) => `${a}${v.replace(/</g, '&lt;')}"`);
}

/** Average advance of a character as a share of the font size, for wrapping text without a layout engine (generous, so lines never overrun). */
const CHAR_EM = 0.56;

/** Greedy word wrap to lines that fit `width` px at `size` px. */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const max = Math.max(10, Math.floor(width / (size * (bold ? CHAR_EM + 0.04 : CHAR_EM))));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > max) {
      lines.push(line.slice(0, max));
      line = line.slice(max);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** One source line: what, who, when, and the licence (named once even when the attribution names it too). */
export function sourceLine(s: FigureSource): string {
  const licence = s.attribution.includes(s.licence) ? '' : ` Licence: ${s.licence}.`;
  return `Source: ${s.name}, ${s.publisher} (${s.dataDate}). ${s.attribution}${licence}`.replace(/\s+/g, ' ').trim();
}

/**
 * The source lines of a file: sources that share publisher, data date and attribution
 * (the four MPS files behind an atlas crime indicator) in one line, their names joined,
 * so that the attribution and licence are printed once.
 */
export function sourceLines(sources: FigureSource[]): string[] {
  const groups = new Map<string, FigureSource[]>();
  for (const s of sources) {
    const k = `${s.publisher}|${s.dataDate}|${s.attribution}|${s.licence}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return [...groups.values()].map((g) => sourceLine({ ...g[0]!, name: g.map((s) => s.name).join('; ') }));
}

/** The size of a chart's SVG from its root element's width and height (or viewBox). */
function chartSize(root: string): { width: number; height: number } {
  const attr = (name: string) =>
    new RegExp(`\\s${name}="([^"]*)"`).exec(root.replace(/\s(aria-label|class|style)="[^"]*"/g, ''))?.[1];
  const vb = attr('viewBox')
    ?.split(/[\s,]+/)
    .map(Number);
  const width = Number(attr('width')) || vb?.[2] || 0;
  const height = Number(attr('height')) || vb?.[3] || 0;
  if (!width || !height) throw new Error('exportSvg: the chart SVG has no width and height or viewBox');
  return { width, height };
}

/**
 * Frames a chart's SVG text (its root element first) as a complete, standalone image.
 * `theme` picks the colours written in (light by default: a download is most often
 * printed or placed on a white page).
 */
export function exportSvg(chartSvg: string, info: ExportInfo, theme: ThemeName = 'light'): Exported {
  const t = THEMES[theme];
  const body = chartSvg.replace(/^\s*(<\?xml[^>]*>\s*)?/, '');
  const open = /^<svg\b(?:[^>"]|"[^"]*")*>/.exec(body);
  if (!open) throw new Error('exportSvg: the chart is not an SVG element');
  const { width, height } = chartSize(open[0]);
  const pad = 12;
  const inner = width - 2 * pad;
  const rows: { text: string; size: number; weight?: number; colour: string }[] = [];
  for (const l of wrapText(info.title, inner, 18, true))
    rows.push({ text: l, size: 18, weight: 700, colour: t['--lca-fg']! });
  const titleRows = rows.length;
  for (const l of wrapText(info.subtitle, inner, 13)) rows.push({ text: l, size: 13, colour: t['--lca-muted']! });
  const top = pad + rows.reduce((a, r) => a + r.size * 1.3, 0) + 10;
  const foot: string[] = [
    ...sourceLines(info.source).flatMap((l) => wrapText(l, inner, 11)),
    ...wrapText(`${SITE_NAME} · ${info.url}`, inner, 11),
  ];
  const total = Math.ceil(top + height + 10 + foot.length * 11 * 1.35 + pad);
  let y = pad;
  const head = rows.map((r, i) => {
    y += r.size * 1.3;
    const gap = i === titleRows ? 2 : 0;
    y += gap;
    return `<text x="${pad}" y="${(y - r.size * 0.3).toFixed(1)}" font-size="${r.size}"${r.weight ? ` font-weight="${r.weight}"` : ''} fill="${r.colour}">${escapeXml(r.text)}</text>`;
  });
  let fy = top + height + 10;
  const tail = foot.map((l) => {
    fy += 11 * 1.35;
    return `<text x="${pad}" y="${(fy - 3).toFixed(1)}" font-size="11" fill="${t['--lca-muted']}">${escapeXml(l)}</text>`;
  });
  // The chart nested at its place: its own root, without the page's sizing style, with a position and the namespace.
  const chartRoot = open[0]
    .replace(/\s(style|xmlns|width|height|x|y)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg xmlns="${SVG_NS}" x="0" y="${top.toFixed(1)}" width="${width}" height="${height}"`);
  const chart = xmlSafe(resolveColours(chartRoot + body.slice(open[0].length), theme));
  const svg =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" role="img" aria-label="${escapeXml(info.title)}" color="${t['--lca-fg']}" font-family="${escapeXml(EXPORT_FONT)}">` +
    `<title>${escapeXml(info.title)}</title><desc>${escapeXml(`${info.subtitle} ${sourceLines(info.source).join(' ')} ${info.url}`)}</desc>` +
    `<rect width="100%" height="100%" fill="${t['--lca-bg']}"/>` +
    `<g text-anchor="start">${head.join('')}</g>` +
    chart +
    `<g text-anchor="start">${tail.join('')}</g></svg>`;
  return { svg, width, height: total };
}

/** The address of a figure on its page: `site` the site's origin, `base` its base path. */
export function figureUrl(site: string | URL | undefined, base: string, page: string, id: string): string {
  const path = (base.endsWith('/') ? base : `${base}/`) + page.replace(/^\//, '') + `#${id}`;
  return site ? new URL(path, site).href : path;
}
