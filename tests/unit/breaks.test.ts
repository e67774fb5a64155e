import { describe, expect, it } from 'vitest';
import { breaksFor, ckmeansBreaks, classOf, equalBreaks, quantileBreaks } from '../../src/lib/breaks.ts';
import { DEFAULT_STATE, parseState, stateToParams } from '../../src/figures/atlas/state.ts';
import { pearson } from '../../src/lib/stats.ts';
import { rankAreas, type IndicatorMeta } from '../../src/lib/atlas.ts';

describe('class breaks', () => {
  it('natural breaks put clear groups in separate classes', () => {
    // Three obvious clusters: the breaks fall at the top of the first two.
    expect(ckmeansBreaks([1, 2, 3, 10, 11, 12, 50, 51, 52], 3)).toEqual([3, 12]);
  });
  it('quantiles give equal counts; equal intervals split the range', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5], 4)).toEqual([2, 3, 4]);
    expect(equalBreaks([0, 10, 100], 4)).toEqual([25, 50, 75]);
  });
  it('never asks for more classes than distinct values, and ignores non-finite values', () => {
    expect(breaksFor('ckmeans', [5, 5, 5, 7], 5)).toEqual([5]);
    expect(breaksFor('quantile', [NaN, 1, 2, 3, 4], 2)).toEqual([2.5]);
    expect(breaksFor('equal', [], 5)).toEqual([]);
  });
  it('assigns a value on a break to the lower class', () => {
    expect(classOf(3, [3, 12])).toBe(0);
    expect(classOf(3.01, [3, 12])).toBe(1);
    expect(classOf(99, [3, 12])).toBe(2);
  });
});

const cat = [
  { id: 'crime_all_rate', levels: 'borough;ward;lsoa' },
  { id: 'imd_imd_score', levels: 'lsoa2011' },
  { id: 'ten_social', levels: 'borough;ward;msoa;lsoa' },
  { id: 'hhdep_two_plus', levels: 'borough;ward;msoa;lsoa' },
] as IndicatorMeta[];

describe('atlas view state in the URL', () => {
  it('round-trips a view', () => {
    const s = {
      ...DEFAULT_STATE,
      indicator: 'ten_social',
      level: 'msoa' as const,
      method: 'quantile' as const,
      classes: 7,
      area: 'E02000001',
      compare: null,
    };
    expect(parseState(stateToParams(s), cat)).toEqual({ state: s, problems: [] });
  });
  it('falls back field by field and says what it could not use', () => {
    const { state, problems } = parseState(
      new URLSearchParams('indicator=nope&level=lsoa2011&method=jenks&classes=9&area=<script>&compare=imd_imd_score'),
      cat,
    );
    expect(state).toEqual({ ...DEFAULT_STATE });
    expect(problems).toEqual([
      'indicator "nope" is not in the catalogue',
      'level "lsoa2011" is not available for this indicator',
      'classification "jenks" is not one of ckmeans, quantile, equal',
      'classes "9" is not 5, 6 or 7',
      'area "<script>" is not an area code',
      'compare "imd_imd_score" is not another indicator available at this level',
    ]);
  });
  it('names unknown and repeated settings, and cuts a long echoed value to 40 characters', () => {
    const long = 'x'.repeat(500);
    const { state, problems } = parseState(
      new URLSearchParams(`indicator=${long}&colour=red&classes=5&classes=7&theme=dark&${'y'.repeat(60)}=1`),
      cat,
    );
    expect(state.classes).toBe(5);
    expect(problems).toEqual(
      [
        `indicator "${'x'.repeat(40)}…" is not in the catalogue`,
        'unknown setting "colour" ignored',
        '"classes" given more than once: the first is used',
        `unknown setting "${'y'.repeat(40)}…" ignored`,
      ].sort((a, b) => (a.startsWith('indicator') ? 1 : b.startsWith('indicator') ? -1 : 0)),
    );
    for (const p of problems) expect(p.length).toBeLessThan(90);
  });
  it('shows the default comparison unless the address says compare=none or it is not published at the level', () => {
    expect(parseState(new URLSearchParams(''), cat).state.compare).toBe(DEFAULT_STATE.compare);
    const none = parseState(new URLSearchParams('compare=none'), cat);
    expect(none).toEqual({ state: { ...DEFAULT_STATE, compare: null }, problems: [] });
    expect(stateToParams(none.state).get('compare')).toBe('none');
    expect(stateToParams(DEFAULT_STATE).has('compare')).toBe(false);
    // IMD is published for 2011 LSOAs only, where the default comparison is not: no comparison, and no complaint.
    expect(parseState(new URLSearchParams('indicator=imd_imd_score'), cat)).toEqual({
      state: { ...DEFAULT_STATE, indicator: 'imd_imd_score', level: 'lsoa2011', compare: null },
      problems: [],
    });
    // The indicator itself is not compared with itself.
    expect(parseState(new URLSearchParams(`indicator=${DEFAULT_STATE.compare}`), cat).state.compare).toBeNull();
  });
  it('moves to an available level when the indicator has no default level', () => {
    expect(parseState(new URLSearchParams('indicator=imd_imd_score'), cat).state.level).toBe('lsoa2011');
  });
});

describe('atlas statistics', () => {
  it('Pearson correlation on paired values, dropping missing ones', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8]).r).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4, null], [4, 3, 2, 1, 7]).r).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [1, 3, 2])).toEqual({ r: 0.5, n: 3 });
  });
  it('ranks areas highest first, leaving out those without a value', () => {
    const r = rankAreas(
      { codes: ['A', 'B', 'C'], names: ['a', 'b', 'c'], parents: ['', '', ''] },
      { values: [2, null, 5], breaks: {} as never },
    );
    expect(r.map((x) => [x.rank, x.code])).toEqual([
      [1, 'C'],
      [2, 'A'],
    ]);
  });
});
