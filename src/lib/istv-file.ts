/**
 * Reading an extract's text into a header and rows of cells, in the browser's worker and
 * in the build. d3-dsv's parser (already a dependency, and several times faster than
 * csv-parse here: 200,000 rows in well under the 2 s the page allows) with the checks it
 * does not make: a BOM is dropped; line ends may be CRLF or LF; quoted cells may hold
 * commas and line breaks; a quote left open is an error naming its line. Rows of another
 * length than the header are kept (the validator reports what is missing). Row numbers
 * count records (as a spreadsheet does), not physical lines: a quoted cell with a line
 * break is one row.
 */
import { csvParseRows } from 'd3-dsv';
import type { Cell } from './istv.ts';

export class ExtractError extends Error {}

/**
 * The most columns an extract may have. An A&E assault extract has 10 to 40; every column
 * is an option in each of the mapping form's 20 lists, so a file of 10,000 columns (a
 * spreadsheet saved sideways, say) would be 200,000 options and a page stalled for seconds.
 */
export const MAX_COLUMNS = 500;

/** A header of at most MAX_COLUMNS columns, or an error that says so. */
export function checkColumns(header: readonly unknown[], file: string): void {
  if (header.length > MAX_COLUMNS)
    throw new ExtractError(
      `${file}: the first row has ${header.length.toLocaleString('en-GB')} columns; this page reads extracts of up to ${MAX_COLUMNS} (an A&E extract has 10 to 40). Is the file saved with one attendance per row, and the column names in the first row?`,
    );
}

/** The line (1-based) where an unclosed quote opens, or null when every quote closes. */
function openQuoteLine(text: string): number | null {
  let inQuote = false;
  let line = 1;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (inQuote && text.charCodeAt(i + 1) === 34) i++;
      else if ((inQuote = !inQuote)) openedAt = line;
    } else if (c === 10) line++;
  }
  return inQuote ? openedAt : null;
}

export function parseCsvText(text: string, file: string): { header: string[]; rows: Cell[][] } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim())
    throw new ExtractError(`${file}: the file is empty; expected a header row and one row per attendance.`);
  const open = openQuoteLine(text);
  if (open !== null)
    throw new ExtractError(
      `${file}, line ${open}: this is not a readable CSV file (a quoted cell opens on line ${open} and never closes).`,
    );
  // Blank records are kept (the validator lists them as empty rows), so that row numbers match the file's rows as a spreadsheet numbers them.
  const records = csvParseRows(text.replace(/(\r?\n)+$/, ''));
  checkColumns(records[0]!, file);
  const header = records[0]!.map((h) => h.trim());
  if (header.filter(Boolean).length < 2)
    throw new ExtractError(
      `${file}: the first row has ${header.filter(Boolean).length} column name; expected a header row naming the columns (date, hospital, …).`,
    );
  return { header, rows: records.slice(1) };
}
