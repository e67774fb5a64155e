import type { APIRoute } from 'astro';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { previewEntries, type PreviewEntry } from '../../figures/previews.ts';
import { previewSvg } from '../../figures/preview.ts';
import { renderSvg } from '../../charts/render.ts';

/**
 * Link previews (1200 × 630 PNG) drawn from the figures with resvg, a Rust SVG renderer,
 * on libuv's threads (renderAsync) so that they overlap the rest of the build. The fonts
 * are the system's sans-serif files (DejaVu Sans, else Liberation Sans), loaded by path
 * rather than by a scan of every installed font.
 */
export function getStaticPaths() {
  return previewEntries().map((e) => ({ params: { name: e.name }, props: { entry: e } }));
}

function fontFiles(): string[] {
  for (const dir of [
    '/usr/share/fonts/truetype/dejavu',
    '/usr/share/fonts/truetype/liberation',
    '/usr/share/fonts/TTF',
    '/System/Library/Fonts/Supplemental',
  ]) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) =>
      /^(DejaVuSans(-Bold)?|LiberationSans-(Regular|Bold)|Arial( Bold)?)\.ttf$/.test(f),
    );
    if (files.length) return files.map((f) => join(dir, f));
  }
  return [];
}
const fonts = fontFiles();
const family = fonts[0]?.includes('Liberation')
  ? 'Liberation Sans'
  : fonts[0]?.includes('Arial')
    ? 'Arial'
    : 'DejaVu Sans';

export const GET: APIRoute = async ({ props }) => {
  const { entry } = props as { entry: PreviewEntry };
  const f = entry.figure;
  const svg = previewSvg(renderSvg(f.chart, 720, f.title, true), {
    title: f.title,
    source: f.source,
    kicker: entry.kicker,
  });
  const image = await renderAsync(svg, {
    font: fonts.length
      ? { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: family, sansSerifFamily: family }
      : { loadSystemFonts: true },
  });
  return new Response(new Uint8Array(image.asPng()), { headers: { 'Content-Type': 'image/png' } });
};
