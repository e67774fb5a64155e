/**
 * Hostile addresses in a real browser, for what only a browser can show: markup and script
 * in the settings' values and names, very long values and broken percent-escapes, on each
 * interactive page and two embeds. Each must load and settle (no figure left busy) with no
 * script error, no script run from the address, nothing injected into the page, no Content
 * Security Policy violation, and a fallback note of bounded length. (How every view reads
 * any address is a property test: tests/unit/view-addresses.test.ts.)
 */
import { test, expect, type Page } from '@playwright/test';
import { cspViolations } from './csp.ts';

const XSS = '</script><img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload="window.__xss=1">';
const PAGES: Record<string, string[]> = {
  'atlas/': [
    `indicator=${encodeURIComponent(XSS)}&level=ward&area=${encodeURIComponent(SVG)}`,
    `<k>=${encodeURIComponent(XSS)}&classes=12&level=%E0%A4%A`,
  ],
  'hotspots/': [
    `data=${encodeURIComponent(SVG)}&types=${encodeURIComponent(XSS)}`,
    `cell=1e309&bw=${'x'.repeat(3000)}&method=<b>bold</b>`,
    // Settings no view of the page has: nothing to draw, and the page says what it ignored.
    `dat=westminster&${encodeURIComponent(XSS)}=1`,
  ],
  'neighbourhoods/': [
    `measure=${encodeURIComponent(XSS)}&ward=${encodeURIComponent(SVG)}`,
    `borough=%3Cscript%3E&quarter=2030-01&&&=`,
  ],
  'violence/explorer/': [
    `data=city&type=${encodeURIComponent(XSS)}&street=${encodeURIComponent(SVG)}`,
    `area=%3Cscript%3E&from=2022-00#<img>`,
  ],
  'embed/atlas-map/': [`indicator=crime_all_rate&level=lsoa&area=${encodeURIComponent(XSS)}&theme=sepia`],
  'embed/neighbourhoods-funnel/': [`measure=trust&limits=${encodeURIComponent(SVG)}&theme=light`],
};

function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

for (const [path, queries] of Object.entries(PAGES)) {
  test(`/${path}: hostile addresses load and settle, say what they could not use, and run nothing`, async ({
    page,
  }) => {
    const errors = watch(page);
    const violations = await cspViolations(page);
    for (const q of queries) {
      const res = await page.goto(`${path}?${q}`, { waitUntil: 'networkidle' });
      expect(res?.status(), q).toBe(200);
      await expect(page.locator('[data-state=busy]'), q).toHaveCount(0, { timeout: 30_000 });
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        notes: Array.from(document.querySelectorAll('.lca-status, [role=status]'), (e) => e.textContent ?? ''),
        injected: document.querySelectorAll('img[src=x], svg[onload], b').length,
      }));
      expect(state.xss, q).toBeUndefined();
      expect(state.injected, q).toBe(0);
      expect(state.notes.join(' '), q).toMatch(/could not be used/);
      for (const n of state.notes) expect(n.length, `${q}: ${n.slice(0, 200)}`).toBeLessThan(1500);
      expect(await violations(), q).toEqual([]);
      expect(errors, q).toEqual([]);
    }
  });
}
