/**
 * Every interactive view's address, as properties (fast-check, seeded): for addresses
 * made of the view's settings with valid, out-of-range, malformed and hostile values
 * (markup and script, very long text), repeated settings and unknown ones, reading never
 * fails, what could not be used is said in a bounded note that quotes values cut to 40
 * characters, and the view read is canonical: written back and read again it is the same
 * view, with nothing to say. The views' configurations and contexts are made as a page
 * gets them (the build's configuration, the files it publishes) and pass the schemas the
 * browser checks them with. (Before, 300 browser loads tested this; tests/e2e/hostile.spec.ts
 * keeps a few for what only a browser can show: no script run, no policy violation.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { VIEWS } from '../../src/figures/views.ts';
import type { ViewIo, ViewSpec } from '../../src/figures/view.ts';
import { fallbackNote } from '../../src/figures/view.ts';
import { neighbourhoodsInput, neighbourhoodsWardData } from '../../src/figures/neighbourhoods/build.ts';
import { levelOutlines } from '../../src/figures/atlas/build.ts';

const BASE = '/london-crime-analysis/';
/** The files a view's context reads, as the build publishes them. */
const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const published: Record<string, () => unknown> = {
  'data/indicators.json': () => read('data/derived/indicators.json'),
  'data/london_boroughs.topo.json': () => read('data/derived/london_boroughs.topo.json'),
  'data/outlines/borough.json': () => plain(levelOutlines('borough')),
  'data/neighbourhoods/boroughs.json': () => {
    const v = neighbourhoodsInput();
    return plain({ pas: v.pas, similarity: v.similarity, crime: v.crime, n: v.n, sources: v.sources });
  },
  'data/neighbourhoods/wards.json': () => plain(neighbourhoodsWardData()),
};
const io: ViewIo = {
  json: (url, schema) => {
    const make = published[url.slice(BASE.length)];
    if (!make) throw new Error(`no published file ${url} in the test`);
    const r = schema.safeParse(make());
    if (!r.success) throw new Error(`${url} fails the browser's schema: ${r.error.issues[0]?.message}`);
    return Promise.resolve(r.data);
  },
  work: () => Promise.reject(new Error('no worker in a unit test')),
  progress: () => undefined,
};

/** The values tried for a setting: some it knows, odd ones, hostile ones and any text. */
const XSS = [
  '</script><img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  "'-alert(1)-'",
  'javascript:alert(1)',
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
  'x'.repeat(3000),
];
const KNOWN: Record<string, string[]> = {
  indicator: ['crime_all_rate', 'ten_social', 'wp_male_le'],
  level: ['borough', 'ward', 'lsoa', 'msoa2011', 'ward2013'],
  method: ['quantile', 'jenks', 'equal', 'kde', 'gistar', 'count'],
  classes: ['3', '5', '7', '12'],
  area: ['E09000033', 'E05013570', 'E01000001', 'E09000001'],
  compare: ['ten_social', 'crime_burglary_rate', 'none'],
  data: ['city', 'met-E09000033', 'met-all', 'london'],
  types: ['burglary', 'robbery', 'burglary,robbery'],
  type: ['Robbery', 'Bicycle theft', ''],
  outcome: ['Under investigation'],
  from: ['2016-01', '2022-04', '2023-13'],
  to: ['2018-06', '2025-03'],
  cell: ['50', '100', '3.4', '100000'],
  bw: ['200', '0'],
  adjust: ['fdr', 'none', 'pop'],
  block: ['count', 'per100m', 'area'],
  street: ['Little Britain', ''],
  measure: ['good-job-local', 'trust', 'nonsense'],
  borough: ['E09000033', 'E09000001', 'Westminster'],
  quarter: ['2023-12', '2015-03', '2030-01'],
  limits: ['binomial', 'overdispersed'],
  ward: ['E05013570', 'Abbey', 'E05009289'],
};

function addresses(keys: readonly string[], seed: number): URLSearchParams[] {
  const value = (k: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(KNOWN[k] ?? ['x'])) },
      { weight: 2, arbitrary: fc.constantFrom(...ODD) },
      { weight: 1, arbitrary: fc.constantFrom(...XSS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    );
  const known = fc.constantFrom(...keys).chain((k) => value(k).map((v) => [k, v] as const));
  const other = fc.tuple(
    fc.constantFrom('zoom', 'utm_source', '<k>', 'LEVEL', '', 'theme', 'full'),
    fc.constantFrom(...ODD, ...XSS),
  );
  const pair = fc.oneof({ weight: 5, arbitrary: known }, { weight: 1, arbitrary: other });
  return fc
    .sample(fc.array(pair, { maxLength: 7 }), { numRuns: 200, seed })
    .map((ps) => new URLSearchParams(ps.map(([k, v]) => [k, v])));
}

type AnySpec = ViewSpec<unknown, unknown, unknown, unknown, unknown>;
const specs: Record<string, () => Promise<AnySpec>> = {
  atlas: () => import('../../src/figures/atlas/view.ts').then((m) => m.view as AnySpec),
  hotspots: () => import('../../src/figures/hotspots/view.ts').then((m) => m.view as AnySpec),
  explorer: () => import('../../src/figures/explorer/view.ts').then((m) => m.view as AnySpec),
  neighbourhoods: () => import('../../src/figures/neighbourhoods/view.ts').then((m) => m.view as AnySpec),
  'neighbourhoods-ward': () => import('../../src/figures/neighbourhoods/view.ts').then((m) => m.wardView as AnySpec),
  istv: () => import('../../src/figures/istv/view.ts').then((m) => m.view as AnySpec),
};

describe('every interactive view is declared and its address read safely', () => {
  it('has a declaration for each view of the registry, with the same name, figures and keys', async () => {
    expect(Object.keys(specs).sort()).toEqual(VIEWS.map((v) => v.id).sort());
    for (const v of VIEWS) {
      const spec = await specs[v.id]!();
      expect([spec.id, spec.figures, spec.keys]).toEqual([v.id, v.figures, v.keys]);
    }
  });

  VIEWS.forEach((entry, i) => {
    it(`${entry.id}: its configuration and context pass the browser's schemas; 200 addresses are read, said and written back canonically`, async () => {
      const spec = await specs[entry.id]!();
      const cfg = spec.config.safeParse(plain(entry.config(BASE)));
      expect(cfg.success, JSON.stringify(!cfg.success && cfg.error.issues[0])).toBe(true);
      const ctx = await spec.context(cfg.success ? cfg.data : null, io);
      const own = new Set(entry.keys);
      for (const params of addresses([...entry.keys, 'theme'], 2026 + i)) {
        const q = params.toString();
        const { state, problems } = spec.parse(params, ctx);
        for (const p of problems) {
          expect(p.length, `${q}: ${p.slice(0, 100)}`).toBeLessThan(300);
          // A value is quoted, never more than 40 characters of it.
          for (const m of p.matchAll(/"((?:[^"\\]|\\.)*)"/g))
            expect((JSON.parse(`"${m[1]}"`) as string).length, q).toBeLessThanOrEqual(41);
        }
        expect((fallbackNote(problems) ?? '').length, q).toBeLessThan(1500);
        const written = spec.serialise(state, ctx);
        for (const k of written.keys()) expect(own.has(k), `${q}: wrote ${k}`).toBe(true);
        const again = spec.parse(written, ctx);
        expect(again.problems, `${q} → ${written}`).toEqual([]);
        expect(again.state, `${q} → ${written}`).toEqual(state);
      }
    });
  });
});
