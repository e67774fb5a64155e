/**
 * The confidence comparator's published values against the raw PAS dashboard file, read
 * here with csv-parse and nothing of the pipeline: every borough's value in the file's latest quarter of
 * every measure (Westminster and Richmond under their published spellings), and London's.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { source } from '../../scripts/sources.ts';
import { mirrorDir } from './mirror.ts';
import { neighbourhoodsInput } from '../../src/figures/neighbourhoods/build.ts';
import { allMeasuresFigure, rankedFigure } from '../../src/figures/neighbourhoods/figures.ts';
import { PAS_MEASURES } from '../../src/lib/pas.ts';

describe('the PAS comparator equals the dashboard file', () => {
  const raw = parse<Record<string, string>>(readFileSync(join(mirrorDir(), source('mopac-pas-borough').path)), {
    columns: true,
    bom: true,
  });
  const latest = raw
    .map((r) => r.quarter_end!)
    .sort()
    .at(-1)!;
  const v = neighbourhoodsInput();

  it('publishes the latest quarter of the file', () => {
    expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.pas.quarters.at(-1)).toBe(latest.slice(0, 7));
  });

  for (const m of PAS_MEASURES) {
    it(`has every borough's ${m.label} for the latest quarter, and London's`, () => {
      const want = new Map(
        raw
          .filter((r) => r.quarter_end === latest && r.measure === m.label)
          .map((r) => [
            r.borough!.replace(/^City of Westminster$/, 'Westminster').replace('Richmond Upon', 'Richmond upon'),
            Math.round(Number(r.proportion) * 1000) / 10,
          ]),
      );
      const f = rankedFigure(v, {
        measure: m.id,
        borough: v.pas.boroughs[0]!.code,
        quarter: latest.slice(0, 7),
        od: false,
      });
      const got = new Map(f.table.rows.map((r) => [String(r.borough), Number(r.percent)]));
      expect(got.size).toBe(32);
      expect(got).toEqual(want);
      const london = raw.find((r) => r.quarter_end === latest && r.measure === m.label)!.mps_proportion!;
      expect(f.chart.kind === 'intervals' && f.chart.target).toBe(Math.round(Number(london) * 1000) / 10);
    });
  }

  it('publishes every measure: values, change flags and the binomial bands recounted from the file', () => {
    const name = (b: string) =>
      b.replace(/^City of Westminster$/, 'Westminster').replace('Richmond Upon', 'Richmond upon');
    const q = latest.slice(0, 7);
    const [y, mo] = q.split('-').map(Number) as [number, number];
    const before = raw.map((r) => r.quarter_end!).find((d) => d.startsWith(`${y - 1}-${String(mo).padStart(2, '0')}`));
    expect(before, 'the quarter a year before is in the file').toBeDefined();
    const rows = allMeasuresFigure(v, q).table.rows;
    expect(rows).toHaveLength(PAS_MEASURES.length * 32);
    // The chart counts the table's rows outside the 99.8% limits, under each kind of limits.
    const fig = allMeasuresFigure(v, q);
    if (fig.chart.kind !== 'pairedDots') throw new Error('expected a pairedDots chart');
    for (const m of PAS_MEASURES) {
      const mine = rows.filter((r) => r.measure === m.label);
      const d = fig.chart.data.find((x) => x.label === m.label)!;
      expect(d.a, m.label).toBe(mine.filter((r) => String(r.binomial).includes('99.8')).length);
      expect(d.b, m.label).toBe(mine.filter((r) => String(r.adjusted).includes('99.8')).length);
      // Adjusted limits are wider: a borough outside them is outside the binomial ones too.
      for (const r of mine)
        if (String(r.adjusted).includes('99.8')) expect(r.binomial, `${m.label} ${r.borough}`).toBe(r.adjusted);
    }
    // The recount's own rules: the binomial 99.8% limits London ± 3.09·√(p(1−p)/n); a change flagged when the
    // two-proportion z-test on the year gives p < 0.05 (|z| > 1.96), n interviews assumed in each.
    const n = v.n;
    for (const m of PAS_MEASURES) {
      const now = raw.filter((r) => r.quarter_end === latest && r.measure === m.label);
      const then = new Map(
        raw
          .filter((r) => r.quarter_end === before && r.measure === m.label)
          .map((r) => [name(r.borough!), Number(r.proportion)]),
      );
      for (const r of now) {
        const p = Number(r.proportion);
        const L = Number(r.mps_proportion);
        const row = rows.find((x) => x.measure === m.label && x.borough === name(r.borough!))!;
        expect(row.percent, `${m.label} ${r.borough}`).toBe(Math.round(p * 1000) / 10);
        const half = 3.09 * Math.sqrt((L * (1 - L)) / n);
        const outside = p > L + half ? 'Above the 99.8% limit' : p < L - half ? 'Below the 99.8% limit' : null;
        if (outside) expect(row.binomial, `${m.label} ${r.borough}`).toBe(outside);
        else expect(String(row.binomial)).not.toMatch(/99\.8/);
        const b = then.get(name(r.borough!));
        if (b === undefined) continue;
        const pooled = (b + p) / 2;
        const z = (p - b) / Math.sqrt(pooled * (1 - pooled) * (2 / n));
        expect(
          String(row.change).startsWith(Math.abs(z) > 1.96 ? (z > 0 ? 'Up' : 'Down') : 'No significant'),
          `${m.label} ${r.borough}`,
        ).toBe(true);
      }
    }
  });
});
