/**
 * What a reader's browser loads for the atlas at LSOA level (its heaviest view): every
 * response until the network is idle, each counted at the gzip size of the file dist/
 * serves. Sizes are bytes, the same on any machine; timings are the benchmarks'.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';
const gz = (path: string) => {
  let p = decodeURIComponent(path.slice(BASE.length));
  if (p === '' || p.endsWith('/')) p += 'index.html';
  const f = join('dist', p);
  return existsSync(f) ? gzipSync(readFileSync(f)).length : 0;
};

test('the atlas at LSOA level (page, code, boundaries, areas and the indicator), as the browser loads it, is within 350 KB gzip', async ({
  page,
}) => {
  const seen = new Set<string>();
  page.on('response', (r) => seen.add(new URL(r.url()).pathname));
  await page.goto('atlas/?indicator=crime_all_rate&level=lsoa&compare=none', { waitUntil: 'networkidle' });
  await expect(page.locator('#atlas-map')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#atlas-map .fig-title')).toContainText('LSOA');
  const files = [...seen].filter((p) => p.startsWith(BASE) && !p.endsWith('favicon.svg'));
  // What it loads: the page, the LSOA outlines, areas and values, and the code that draws them.
  for (const f of ['data/lsoa_2021.topo.json', 'data/atlas/lsoa/areas.json', 'data/atlas/lsoa/crime_all_rate.json'])
    expect(files).toContain(BASE + f);
  const total = files.reduce((a, p) => a + gz(p), 0);
  expect(total, files.join('\n')).toBeLessThanOrEqual(350 * 1024);
});
