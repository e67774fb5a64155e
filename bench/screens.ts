/**
 * Screenshots of pages in light and dark, at 320 and 1,280 px, for looking at (bench/screens/).
 * Usage: tsx bench/screens.ts [paths, comma-separated, under the base; default the home page,
 * methods and an embed]. Serves dist/ itself (run npm run build first).
 */
import { mkdirSync } from 'node:fs';
import { launch, serveDist } from './harness.ts';

const pages = (process.argv[2] ?? ',methods/,embed/mps-borough-rate-map/').split(',');
mkdirSync('bench/screens', { recursive: true });
const site = await serveDist();
const browser = await launch();
for (const scheme of ['light', 'dark'] as const) {
  for (const width of [320, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    for (const p of pages) {
      await page.goto(site.url(p), { waitUntil: 'networkidle' });
      // A view named in the address is drawn before the picture is taken.
      await page
        .locator('[data-state=busy]')
        .waitFor({ state: 'detached', timeout: 60_000 })
        .catch(() => undefined);
      const file = `bench/screens/${(p || 'home').replace(/[/?=&]+/g, '_')}-${scheme}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await ctx.close();
  }
}
await browser.close();
await site.stop();
