import type { APIRoute } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
 *
 * A PNG is a function of its SVG, the fonts and resvg: each is kept under the hash of the
 * three in node_modules/.cache, so a build draws only the previews whose figure changed (a
 * third of the build's route time went to drawing all 776 of them each time).
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
const CACHE = 'node_modules/.cache/lca-previews';
/** What draws a preview besides its SVG: resvg's version and the fonts' bytes (a font upgraded draws anew). */
const RENDERER = createHash('sha256')
  .update(
    (JSON.parse(readFileSync('node_modules/@resvg/resvg-js/package.json', 'utf8')) as { version: string }).version,
  )
  .update(fonts.map((f) => `${f}\n${createHash('sha256').update(readFileSync(f)).digest('hex')}`).join('\n'))
  .digest('hex');
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
  const key = createHash('sha256').update(`${RENDERER}\n${svg}`).digest('hex');
  const cached = join(CACHE, `${key}.png`);
  let png: Uint8Array;
  if (existsSync(cached)) png = readFileSync(cached);
  else {
    const image = await renderAsync(svg, {
      font: fonts.length
        ? { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: family, sansSerifFamily: family }
        : { loadSystemFonts: true },
    });
    png = new Uint8Array(image.asPng());
    // Written whole, then moved into place: a build stopped half way leaves no broken file.
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(`${cached}.${process.pid}.tmp`, png);
    renameSync(`${cached}.${process.pid}.tmp`, cached);
  }
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
