/** Disclosure control on hand-made tables: primary suppression of 1–k, zeros shown, and secondary suppression so no total gives a cell away. */
import { describe, expect, it } from 'vitest';
import { suppressList, suppressTable, MIN_THRESHOLD } from '../../src/lib/suppress.ts';

/** Can a suppressed cell be worked out from the published cells and totals? (one unknown in a line with a published total) */
function recoverable(
  cells: (number | null)[][],
  rowTotal: (number | null)[],
  colTotal: (number | null)[] | null,
): boolean {
  const rows = cells.some((r, i) => rowTotal[i] !== null && r.filter((v) => v === null).length === 1);
  const cols = colTotal
    ? colTotal.some((t, j) => t !== null && cells.filter((r) => r[j] === null).length === 1)
    : false;
  return rows || cols;
}

describe('primary and secondary suppression', () => {
  it('suppresses 1–7, shows zeros and larger counts, and never accepts a threshold below 7', () => {
    expect(suppressList([0, 8, 40, 100], 7)).toEqual([0, 8, 40, 100]);
    expect(() => suppressList([1], 5)).toThrow(/at least 7/);
    expect(MIN_THRESHOLD).toBe(7);
  });

  it("a list with one small count: the next smallest non-zero count goes too, so neither the total nor the blanks' sum gives it away", () => {
    // Blanking the zero with the 3 would leave their sum, 3, to be read off the total: the 20 goes instead.
    expect(suppressList([3, 20, 0, 50], 7)).toEqual([null, null, 0, 50]);
    expect(suppressList([3, 20, 9, 50], 7)).toEqual([null, 20, null, 50]);
    // Two small counts already protect each other.
    expect(suppressList([3, 5, 9, 50], 7)).toEqual([null, null, 9, 50]);
  });

  it('blanks that add up to a small count are not enough: more go until their sum is not small', () => {
    // 40 + two 1s: blanking the two 1s would give away their sum, 2.
    expect(suppressList([40, 1, 1], 7)).toEqual([null, null, null]);
    expect(suppressList([40, 1, 1, 30], 7)).toEqual([40, null, null, null]);
    const s = suppressList([3, 2, 20, 50], 7);
    expect(s).toEqual([null, null, null, 50]);
  });

  it('a raised threshold suppresses more', () => {
    expect(suppressList([9, 12, 30], 10)).toEqual([null, null, 30]);
  });

  it('a table with row and column totals: no suppressed cell can be recovered from any published total', () => {
    const t = [
      [20, 3, 15, 40],
      [25, 30, 12, 11],
      [18, 22, 2, 30],
      [4, 50, 60, 70],
    ];
    const s = suppressTable(t, 7, true);
    expect(s.cells[0]![1]).toBeNull();
    expect(s.cells[2]![2]).toBeNull();
    expect(s.cells[3]![0]).toBeNull();
    expect(recoverable(s.cells, s.rowTotal, s.colTotal)).toBe(false);
    // Every published cell is the true one.
    s.cells.forEach((r, i) => r.forEach((v, j) => v !== null && expect(v).toBe(t[i]![j])));
  });

  it('a row whose total is small is suppressed whole, total too, and with a published grand total the next smallest row as well', () => {
    const s = suppressTable(
      [
        [1, 2, 0],
        [10, 20, 30],
        [40, 50, 60],
      ],
      7,
    );
    expect(s.cells[0]).toEqual([null, null, null]);
    expect(s.cells[1]).toEqual([null, null, null]);
    expect(s.rowTotal).toEqual([null, null, 150]);
    expect(s.cells[2]).toEqual([40, 50, 60]);
  });
});
