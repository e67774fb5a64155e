/**
 * Reading an extract's text into a header and rows of cells, in the browser's worker and
 * in the build (csv-parse's browser build, which runs in both). A BOM is dropped; line
 * ends may be CRLF or LF; quoted cells may hold commas and line breaks. Rows of another
 * length than the header are kept (the validator reports what is missing).
 */
import { parse } from 'csv-parse/browser/esm/sync';
import type { Cell } from './istv.ts';

export class ExtractError extends Error {}

export function parseCsvText(text: string, file: string): { header: string[]; rows: Cell[][] } {
  let records: string[][];
  try {
    const opts = { bom: true, relax_column_count: true, skip_empty_lines: true };
    records = parse(text, opts);
  } catch (e) {
    const m = e as { lines?: number; message: string };
    throw new ExtractError(`${file}${m.lines ? `, line ${m.lines}` : ''}: this is not a readable CSV file (${m.message.replace(/^Invalid [^:]*: /, '')}).`);
  }
  if (!records.length) throw new ExtractError(`${file}: the file is empty; expected a header row and one row per attendance.`);
  const header = records[0]!.map((h) => h.trim());
  if (header.filter(Boolean).length < 2) throw new ExtractError(`${file}: the first row has ${header.filter(Boolean).length} column name; expected a header row naming the columns (date, hospital, …).`);
  return { header, rows: records.slice(1) };
}
