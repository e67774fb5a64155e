/** A figure's CSV: exactly its table, raw values, one writer for the build and the browser. */
import { toCsv } from '../lib/csv.ts';
import type { Figure } from './types.ts';

export function figureCsv(f: Pick<Figure, 'table'>): string {
  const cols = f.table.columns;
  return toCsv(
    cols.map((c) => c.key),
    f.table.rows.map((r) => cols.map((c) => r[c.key])),
  );
}
