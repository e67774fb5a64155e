/**
 * Embed codes, the same on the page (build time) and after the reader changes a view
 * (in the browser): an iframe titled with the figure's view, with a fallback height
 * that fits the compact figure when the resizing script is blocked, and the script.
 */
import type { FigureSource } from './types.ts';

export interface EmbedCode {
  /** the embed page's absolute address, with the view's state in its query */
  embedUrl: string;
  scriptUrl: string;
  /** the figure's title (the iframe's accessible name) */
  title: string;
  /** fallback height in px */
  height: number;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedSnippet(e: EmbedCode): string {
  return `<iframe src="${attr(e.embedUrl)}" title="${attr(`${e.title} (chart from London Crime Analysis)`)}" width="100%" height="${e.height}" style="border:0;width:100%" loading="lazy" data-lca-embed></iframe>\n<script src="${attr(e.scriptUrl)}" async></script>`;
}

/**
 * The compact embed's height in a 640 px article column, from the chart's height at
 * the width it was drawn: title and subtitle, the chart scaled to the column, the
 * source line and the "more" summary. Generous, so nothing is cut without the script.
 */
export function compactHeight(
  chartHeight: number,
  chartWidth: number,
  titleChars: number,
  subtitleChars: number,
): number {
  const column = 624;
  const lines = (chars: number, perLine: number) => Math.max(1, Math.ceil(chars / perLine));
  const head = lines(titleChars, 52) * 29 + lines(subtitleChars, 80) * 22 + 24;
  return Math.ceil(head + chartHeight * (column / chartWidth) + 110);
}

/** One source line for a compact figure: who published the data, and the newest data date. */
export function shortSource(sources: FigureSource[]): string {
  const publishers = [...new Set(sources.map((s) => s.publisher))];
  return `Source: ${publishers.join('; ')} (${sources[0]?.dataDate ?? ''}).`;
}

/**
 * A source that is a part of the figure's own page (the ISTV file the reader loaded: a full
 * address, so that a CSV, an SVG or an embed names it) links within the page on screen when
 * the page shown is that page, wherever it is served: following it keeps what the page holds,
 * where the full address would load the page anew (from the configured host, without the
 * view's query). `pageUrl`: the figure's canonical address; `here`: the path of the page shown.
 */
export function samePageFragment(url: string, pageUrl: string | undefined, here: string): string | null {
  try {
    const u = new URL(url);
    const page = new URL(pageUrl ?? '');
    const shown = here.replace(/index\.html$/, '');
    return u.hash.length > 1 && u.origin === page.origin && u.pathname === page.pathname && shown === page.pathname
      ? u.hash
      : null;
  } catch {
    return null;
  }
}
