/**
 * Addresses fuzzed with fast-check (seeded, so every run loads the same ones): each
 * interactive page and an embed get settings known and unknown, repeated, valid, out of
 * range, malformed and hostile (markup and script in values, very long values, broken
 * percent-escapes). Every address must load and settle — no figure left busy — with no
 * script error, no script run from the address, no Content Security Policy violation, and a
 * fallback note of bounded length (echoed values are cut).
 */
import { test, expect, type Page } from '@playwright/test';
import fc from 'fast-check';
import { cspViolations } from './csp.ts';

const PER_PAGE = 50;
const XSS = [
  '</script><img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  "'-alert(1)-'",
  'javascript:window.__xss=1',
  '<b>bold</b>',
];
const ODD = [
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9999999',
  '3.4',
  '1,000',
  '../../etc/passwd',
  '\u202e\u0000',
  '🔥',
  'E09000033',
  'E05013570',
  'x'.repeat(3000),
];

const PAGES: { path: string; keys: Record<string, string[]> }[] = [
  {
    path: 'atlas/',
    keys: {
      indicator: ['crime_all_rate', 'ten_social', 'wp_male_le'],
      level: ['borough', 'ward', 'lsoa', 'msoa2011', 'ward2013'],
      method: ['quantile', 'jenks', 'equal'],
      classes: ['3', '5', '7', '12'],
      area: ['E09000033', 'E05013570', 'E01000001'],
      compare: ['ten_social', 'crime_burglary_rate'],
    },
  },
  {
    path: 'hotspots/',
    keys: {
      data: ['westminster', 'city', 'london'],
      types: ['burglary', 'robbery'],
      from: ['2024-01', '2023-13'],
      to: ['2025-06'],
      method: ['kde', 'gi', 'count'],
      cell: ['50', '100', '3.4', '100000'],
      bw: ['200', '0'],
      adjust: ['pop', 'none'],
      block: ['1', 'crimes'],
    },
  },
  {
    path: 'neighbourhoods/',
    keys: {
      measure: ['good-job-local', 'trust-mps', 'nonsense'],
      borough: ['E09000033', 'E09000001', 'Westminster'],
      quarter: ['2023-12', '2015-03', '2030-01'],
      limits: ['binomial', 'overdispersed'],
      ward: ['E05013570', 'Abbey', 'E05009289'],
    },
  },
  {
    path: 'violence/explorer/',
    keys: {
      data: ['city', 'westminster'],
      from: ['2022-04', '2022-00'],
      to: ['2022-06'],
      type: ['Robbery', 'Bicycle theft'],
      outcome: ['Under investigation'],
      area: ['E01000001', 'E09000001'],
      street: ['Little Britain', ''],
    },
  },
  {
    path: 'embed/atlas-map/',
    keys: {
      indicator: ['crime_all_rate'],
      level: ['ward', 'lsoa'],
      area: ['E05013570'],
      theme: ['dark', 'sepia'],
      full: [''],
    },
  },
  {
    path: 'embed/neighbourhoods-funnel/',
    keys: { measure: ['trust-mps'], borough: ['E09000033'], limits: ['overdispersed', 'x'], theme: ['light'] },
  },
];

/** A seeded list of addresses for a page: each a query string, sometimes with raw (unencoded, malformed) text appended. */
function addresses(keys: Record<string, string[]>, seed: number): string[] {
  const known = Object.keys(keys);
  const value = (k: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(keys[k] ?? ['x'])) },
      { weight: 2, arbitrary: fc.constantFrom(...ODD) },
      { weight: 1, arbitrary: fc.constantFrom(...XSS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    );
  const pair = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...known).chain((k) => value(k).map((v) => [k, v] as const)) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('zoom', 'utm_source', '<k>', 'LEVEL', ''), fc.constantFrom(...ODD, ...XSS)),
    },
  );
  const raw = fc.constantFrom('', '', '', '&%', '&level=%E0%A4%A', '&&&=', '&area=%3Cscript%3E', '#<img>');
  return fc.sample(
    fc
      .tuple(fc.array(pair, { maxLength: 6 }), raw)
      .map(([pairs, tail]) => `?${new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()}${tail}`),
    { numRuns: PER_PAGE, seed },
  );
}

function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

PAGES.forEach(({ path, keys }, i) => {
  test(`/${path}: ${PER_PAGE} fuzzed addresses load, settle and say what they could not use, with no script error or injection`, async ({
    page,
  }) => {
    test.setTimeout(PER_PAGE * 20_000);
    const errors = watch(page);
    const violations = await cspViolations(page);
    for (const q of addresses(keys, 2026 + i)) {
      // Loaded, its code and data fetched (a view's code is imported after the load event, then marks its figures busy).
      const res = await page.goto(path + q, { waitUntil: 'networkidle' });
      expect(res?.status(), q).toBe(200);
      // Settled: no figure busy (each view sets data-state; a bad address falls back to a view that is drawn).
      await expect(page.locator('[data-state=busy]'), q).toHaveCount(0, { timeout: 30_000 });
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        notes: Array.from(document.querySelectorAll('.lca-status, [role=status]')).map((e) => e.textContent ?? ''),
        injected: document.querySelectorAll('img[src=x], svg[onload], b').length,
      }));
      expect(state.xss, q).toBeUndefined();
      expect(await violations(), q).toEqual([]);
      expect(state.injected, q).toBe(0);
      for (const n of state.notes) expect(n.length, `${q}: ${n.slice(0, 200)}`).toBeLessThan(1500);
      expect(errors, q).toEqual([]);
    }
  });
});
