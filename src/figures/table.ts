/**
 * Which rows of a figure's table the page shows. Long tables show the first rows
 * (tableLimit), or the top, the bottom and one chosen row (tableExcerpt) with the
 * gaps marked; the caption says so, and the CSV download always has every row.
 * Pure: the one anatomy (src/figures/anatomy.ts) uses it at build time and in the browser.
 */
import type { Figure, TableColumn } from './types.ts';

type Row = Figure['table']['rows'][number];
export type ShownRow = { row: Row; index: number } | { gap: number };

const n = (x: number) => x.toLocaleString('en-GB');

export function shownRows(
  f: Pick<Figure, 'table' | 'tableLimit' | 'tableExcerpt'>,
  all = false,
): { rows: ShownRow[]; shown: number; note: string } {
  const rows = f.table.rows;
  const every = () => ({ rows: rows.map((row, index) => ({ row, index })), shown: rows.length, note: '' });
  if (all) return every();
  const ex = f.tableExcerpt;
  if (ex) {
    if (rows.length <= ex.head + ex.tail + 1) return every();
    const keep = new Set<number>();
    for (let i = 0; i < ex.head; i++) keep.add(i);
    for (let i = rows.length - ex.tail; i < rows.length; i++) keep.add(i);
    const chosen = ex.keep === null ? -1 : rows.findIndex((r) => r[ex.key] === ex.keep);
    if (chosen >= 0) keep.add(chosen);
    const idx = [...keep].sort((a, b) => a - b);
    const out: ShownRow[] = [];
    let prev = -1;
    for (const i of idx) {
      if (i > prev + 1) out.push({ gap: i - prev - 1 });
      out.push({ row: rows[i]!, index: i });
      prev = i;
    }
    const extra = chosen >= ex.head && chosen < rows.length - ex.tail ? ` and ${ex.keepWord}` : '';
    return {
      rows: out,
      shown: idx.length,
      note: ` · the top ${n(ex.head)}, the bottom ${n(ex.tail)}${extra}: ${n(idx.length)} of ${n(rows.length)} rows; the CSV download has them all`,
    };
  }
  if (f.tableLimit && rows.length > f.tableLimit) {
    return {
      rows: rows.slice(0, f.tableLimit).map((row, index) => ({ row, index })),
      shown: f.tableLimit,
      note: ` · the first ${n(f.tableLimit)} of ${n(rows.length)} rows; the CSV download has them all`,
    };
  }
  return every();
}

/** The text of a gap row. */
export const gapText = (gap: number) => `… ${n(gap)} ${gap === 1 ? 'row' : 'rows'} not shown …`;

/** How a table cell prints. */
export function cellText(c: Figure['table']['columns'][number], v: unknown): string {
  return c.format
    ? c.format(v)
    : v === null || v === undefined
      ? '–'
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
}

/** A cell's classes: numbers right-aligned; area codes marked, so a narrow column can leave them to the CSV. */
export function cellClass(c: TableColumn): string | undefined {
  const cls = [c.numeric ? 'num' : '', /(^|_)code$/.test(c.key) ? 'col-code' : ''].filter(Boolean).join(' ');
  return cls || undefined;
}
