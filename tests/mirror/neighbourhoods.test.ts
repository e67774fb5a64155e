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
import { rankedFigure } from '../../src/figures/neighbourhoods/figures.ts';
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
});
