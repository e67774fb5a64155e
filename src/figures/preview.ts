/**
 * A link preview (Open Graph / Twitter card) image of a figure, 1200 × 630: the site's
 * name, the figure's title, its chart scaled into the card and its source, as SVG for
 * the build to rasterise (scripts in src/pages/previews). Pure string work, like export.ts.
 */
import { EXPORT_FONT, resolveColours, THEMES } from '../charts/theme.ts';
import { SITE_NAME, wrapText, xmlSafe } from './export.ts';
import { shortSource } from './embed.ts';
import type { FigureSource } from './types.ts';

export const PREVIEW = { width: 1200, height: 630 } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function previewSvg(chartSvg: string, info: { title: string; source: FigureSource[]; kicker?: string }): string {
  const t = THEMES.light;
  const { width: W, height: H } = PREVIEW;
  const pad = 48;
  const title = wrapText(info.title, W - 2 * pad, 40, true).slice(0, 2);
  if (wrapText(info.title, W - 2 * pad, 40, true).length > 2) title[1] = `${title[1]!.replace(/\s+\S*$/, '')}…`;
  const top = pad + 30 + title.length * 50 + 14;
  const foot = H - pad + 8;
  const box = { x: pad, y: top, w: W - 2 * pad, h: foot - 34 - top };
  const body = chartSvg.replace(/^\s*(<\?xml[^>]*>\s*)?/, '');
  const open = /^<svg\b(?:[^>"]|"[^"]*")*>/.exec(body)![0];
  const vb =
    /\sviewBox="([^"]*)"/.exec(open)?.[1] ??
    `0 0 ${/\swidth="([\d.]+)"/.exec(open)?.[1] ?? 720} ${/\sheight="([\d.]+)"/.exec(open)?.[1] ?? 400}`;
  const root = open
    .replace(/\s(style|xmlns|width|height|x|y|viewBox|preserveAspectRatio)="[^"]*"/g, '')
    .replace(
      /^<svg/,
      `<svg x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" viewBox="${vb}" preserveAspectRatio="xMidYMid meet"`,
    );
  const chart = xmlSafe(resolveColours(root + body.slice(open.length)));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" color="${t['--lca-fg']}" font-family="${esc(EXPORT_FONT).replace(/"/g, '&quot;')}">` +
    `<rect width="${W}" height="${H}" fill="${t['--lca-bg']}"/><rect width="${W}" height="10" fill="${t['--lca-accent']}"/>` +
    `<text x="${pad}" y="${pad + 14}" font-size="22" font-weight="700" fill="${t['--lca-accent']}">${esc(SITE_NAME)}${info.kicker ? `<tspan fill="${t['--lca-muted']}" font-weight="400"> · ${esc(info.kicker)}</tspan>` : ''}</text>` +
    title
      .map(
        (l, i) =>
          `<text x="${pad}" y="${pad + 30 + (i + 1) * 50 - 8}" font-size="40" font-weight="700" fill="${t['--lca-fg']}">${esc(l)}</text>`,
      )
      .join('') +
    chart +
    `<text x="${pad}" y="${foot}" font-size="18" fill="${t['--lca-muted']}">${esc(wrapText(shortSource(info.source), W - 2 * pad, 18)[0]!)}</text>` +
    `</svg>`
  );
}
