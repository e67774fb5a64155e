/**
 * Screenshots of every page in light and dark, narrow and wide, for looking at.
 * Usage: tsx bench/screens.ts [baseUrl]  (a preview server must be running)
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { chromiumPath, LAUNCH_ARGS } from '../tests/e2e/browser.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4321/london-crime-analysis/';
const pages = (process.argv[3] ?? ',methods/,embed/mps-borough-rate-map/').split(',');
mkdirSync('bench/screens', { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
for (const scheme of ['light', 'dark'] as const) {
  for (const [name, width] of [
    ['narrow', 375],
    ['wide', 1366],
  ] as const) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    for (const p of pages) {
      await page.goto(baseUrl + p, { waitUntil: 'networkidle' });
      await page.waitForTimeout(400);
      const file = `bench/screens/${(p || 'home').replace(/\//g, '_')}-${scheme}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await ctx.close();
  }
}
await browser.close();
