/**
 * Statistical disclosure control for counts of people, after the NHS rule for Hospital
 * Episode Statistics (NHS England, "HES analysis guide", small numbers): a count from 1
 * to 7 is suppressed. The threshold here may be raised, never lowered below 7. Zeros are
 * shown (a zero discloses no one). HES also rounds the other counts to the nearest 5;
 * this site does not round (a departure, stated on the page).
 *
 * Secondary suppression: where a total is published, a row with a single suppressed
 * cell would give that cell away by subtraction, so the next smallest cell of the row
 * is suppressed too (a zero first, which hides the most for the least lost); and where
 * the suppressed cells of a row add up to 1–k, their sum would be given away and is
 * itself small, so more cells go until it is not. Repeated until every row or column
 * with a published total is safe.
 * The grand total is taken as published too: a single small row total would be given
 * away by it, so the next smallest row is withheld whole with it.
 */

export const MIN_THRESHOLD = 7;

/** A suppressed cell is null. */
export type Suppressed = (number | null)[][];

/** Is the count disclosive at threshold k? */
export const isSmall = (v: number, k: number): boolean => v >= 1 && v <= k;

/**
 * Suppresses a table of counts whose row totals (and, with `columnTotals`, column totals)
 * are published. A row or column whose own total is small is suppressed whole. Returns
 * the cells with nulls, and which totals are suppressed.
 */
export function suppressTable(
  cells: number[][],
  k: number,
  columnTotals = false,
): { cells: Suppressed; rowTotal: (number | null)[]; colTotal: (number | null)[] } {
  if (k < MIN_THRESHOLD)
    throw new RangeError(`the suppression threshold is at least ${MIN_THRESHOLD}; ${k} was asked for`);
  const out: Suppressed = cells.map((r) => r.map((v) => (isSmall(v, k) ? null : v)));
  const nCols = Math.max(0, ...cells.map((r) => r.length));
  const rowSum = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: nCols }, (_, j) => cells.reduce((a, r) => a + (r[j] ?? 0), 0));
  // A small total is itself disclosive: its row (or column) goes whole.
  rowSum.forEach((s, i) => {
    if (isSmall(s, k)) out[i] = out[i]!.map(() => null);
  });
  if (columnTotals)
    colSum.forEach((s, j) => {
      if (isSmall(s, k)) for (const r of out) if (j < r.length) r[j] = null;
    });
  // With a published grand total, one small row total would be given away by subtraction: the next smallest row goes whole too.
  const smallRows = rowSum.map((v, i) => (isSmall(v, k) ? i : -1)).filter((i) => i >= 0);
  if (smallRows.length === 1 && cells.length > 1) {
    const next = rowSum
      .map((v, i) => [v, i] as const)
      .filter(([, i]) => i !== smallRows[0])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])[0]![1];
    out[next] = out[next]!.map(() => null);
    rowSum[next] = -rowSum[next]! - 1; // marked: its total is withheld (restored below)
  }
  const withheld = new Set(rowSum.map((v, i) => (v < 0 ? i : -1)).filter((i) => i >= 0));
  withheld.forEach((i) => (rowSum[i] = -rowSum[i]! - 1));
  // Secondary: no line with a published total may hold exactly one suppressed cell.
  const lines = (): { cells: [number, number][]; total: boolean }[] => [
    ...out.map((r, i) => ({
      cells: r.map((_, j) => [i, j] as [number, number]),
      total: !isSmall(rowSum[i]!, k) && !withheld.has(i),
    })),
    ...(columnTotals
      ? colSum.map((s, j) => ({
          cells: out.map((_, i) => [i, j] as [number, number]).filter(([i]) => j < out[i]!.length),
          total: !isSmall(s, k),
        }))
      : []),
  ];
  for (let guard = 0; guard < 10_000; guard++) {
    // A line is unsafe with exactly one blank (its total gives it away), or with blanks that add up to 1–k (their sum is given away, and is small).
    const unsafe = lines().find((l) => {
      if (!l.total || l.cells.length < 2) return false;
      const blanks = l.cells.filter(([i, j]) => out[i]![j] === null);
      const open = l.cells.length - blanks.length;
      if (!blanks.length || !open) return false;
      return (
        blanks.length === 1 ||
        isSmall(
          blanks.reduce((a, [i, j]) => a + cells[i]![j]!, 0),
          k,
        )
      );
    });
    if (!unsafe) break;
    const blanks = unsafe.cells.filter(([i, j]) => out[i]![j] === null);
    const sum = blanks.reduce((a, [i, j]) => a + cells[i]![j]!, 0);
    // One blank: the smallest other cell (a zero first: it hides the most for the least lost); a small sum: the smallest cell that adds to it.
    const open = unsafe.cells
      .filter(([i, j]) => out[i]![j] !== null && (blanks.length === 1 && !isSmall(sum, k) ? true : cells[i]![j]! > 0))
      .sort(([a, b], [c, d]) => cells[a]![b]! - cells[c]![d]! || a - c || b - d);
    const pick = open[0] ?? unsafe.cells.find(([i, j]) => out[i]![j] !== null)!;
    out[pick[0]]![pick[1]] = null;
  }
  return {
    cells: out,
    rowTotal: rowSum.map((s, i) => (isSmall(s, k) || withheld.has(i) ? null : s)),
    colTotal: colSum.map((s) => (isSmall(s, k) ? null : s)),
  };
}

/** A list of counts whose total is published (one row). */
export const suppressList = (values: number[], k: number): (number | null)[] => suppressTable([values], k).cells[0]!;

/** Whether any count in a table was suppressed. */
export const anySuppressed = (cells: Suppressed): boolean => cells.some((r) => r.some((v) => v === null));

/**
 * A list whose items fall into groups with published totals (wards in boroughs whose
 * counts another figure publishes): suppressed as a table with one row per group, so
 * that no group's total, less its shown items, gives a suppressed item away.
 */
export function suppressGrouped(values: number[], groups: string[], k: number): (number | null)[] {
  const keys = [...new Set(groups)];
  const rows = keys.map(() => [] as number[]);
  const where = values.map((v, i) => {
    const r = keys.indexOf(groups[i]!);
    rows[r]!.push(v);
    return [r, rows[r]!.length - 1] as const;
  });
  const out = suppressTable(rows, k).cells;
  return where.map(([r, c]) => out[r]![c]!);
}
