/** The one CSV writer (pipeline, build and browser) and the rule for which table rows a page shows. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, formatNumber, looksLikeFormula, toCsv } from '../../src/lib/csv.ts';
import { shownRows, gapText } from '../../src/figures/table.ts';
import * as pipelineWriter from '../../scripts/lib/write.ts';

describe('the CSV writer', () => {
  it('is the same function for the pipeline as for the build and the browser', () => {
    expect(pipelineWriter.toCsv).toBe(toCsv);
    expect(pipelineWriter.csvCell).toBe(csvCell);
  });
  it('quotes only where needed and round-trips through a standard reader', () => {
    const rows = [
      ['On or near High Road, Ickenham', 1, 'said "hello"'],
      ['line\nbreak', 2.5, null],
    ];
    const text = toCsv(['place', 'n', 'note'], rows);
    expect(text.split('\n')[0]).toBe('place,n,note');
    expect(parse(text, { columns: true })).toEqual([
      { place: 'On or near High Road, Ickenham', n: '1', note: 'said "hello"' },
      { place: 'line\nbreak', n: '2.5', note: '' },
    ]);
  });
  it('writes numbers plainly and refuses non-finite ones', () => {
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-3.25)).toBe('-3.25');
    expect(formatNumber(1e-7)).toBe('0');
    expect(() => formatNumber(NaN)).toThrow(/non-finite/);
    expect(() => formatNumber(Infinity)).toThrow(/non-finite/);
  });
  it('neutralises text a spreadsheet would run as a formula, and nothing else', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx', '-x']) {
      expect(looksLikeFormula(bad), bad).toBe(true);
      expect(csvCell(bad).replace(/^"/, '').startsWith("'"), bad).toBe(true);
    }
    // ONS's "-" (not applicable), signed numbers as text, and numbers stay as they are.
    for (const ok of ['-', '+', '-3.2', '+4', 'Westminster', '', '1e5']) expect(looksLikeFormula(ok), ok).toBe(false);
    expect(csvCell(-3.2)).toBe('-3.2');
    expect(csvCell('-')).toBe('-');
  });
});

describe('which rows a long table shows', () => {
  const table = (n: number) => ({
    caption: 'c',
    columns: [{ key: 'code', label: 'Code' }],
    rows: Array.from({ length: n }, (_, i) => ({ code: `A${i}` })),
  });
  it('shows every row of a short table', () => {
    const r = shownRows({
      table: table(40),
      tableExcerpt: { head: 25, tail: 25, key: 'code', keep: null, keepWord: 'the selected area' },
    });
    expect(r.shown).toBe(40);
    expect(r.note).toBe('');
  });
  it('shows the top, the bottom and the chosen row of a long one, marking the gaps, and counts them in the caption', () => {
    const r = shownRows({
      table: table(4994),
      tableExcerpt: { head: 25, tail: 25, key: 'code', keep: 'A2000', keepWord: 'the selected area' },
    });
    expect(r.shown).toBe(51);
    const gaps = r.rows.filter((x) => 'gap' in x).map((x) => x.gap);
    expect(gaps).toEqual([2000 - 25, 4994 - 25 - 2001]);
    expect(gaps.reduce((a, b) => a + b, 0) + r.shown).toBe(4994);
    expect(r.note).toBe(
      ' · the top 25, the bottom 25 and the selected area: 51 of 4,994 rows; the CSV download has them all',
    );
    expect(gapText(1)).toBe('… 1 row not shown …');
    // Every row on demand.
    expect(
      shownRows(
        { table: table(4994), tableExcerpt: { head: 25, tail: 25, key: 'code', keep: null, keepWord: 'x' } },
        true,
      ).shown,
    ).toBe(4994);
  });
  it('shows the first rows of a table with a limit', () => {
    const r = shownRows({ table: table(120), tableLimit: 50 });
    expect(r.shown).toBe(50);
    expect(r.note).toBe(' · the first 50 of 120 rows; the CSV download has them all');
  });
});
