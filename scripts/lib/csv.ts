import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { headerError } from './errors.ts';

export interface CsvRow {
  /** 1-based physical line number of the record in the file (header is line 1). */
  line: number;
  /** Cells keyed by the header as written in the file (trimmed). */
  cells: Record<string, string>;
}

export interface CsvHeader {
  columns: string[];
}

/**
 * Streams a CSV file with csv-parse, yielding each record with its line number.
 * Handles a UTF-8 BOM, CRLF line ends and quoted fields. `skipLines` skips title
 * lines above the header (as in some ONS exports).
 */
export async function* readCsv(
  file: string,
  options: { skipLines?: number; onHeader?: (h: CsvHeader) => void } = {},
): AsyncGenerator<CsvRow> {
  let input: NodeJS.ReadableStream = createReadStream(file);
  if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  const parser = input.pipe(
    parse({
      bom: true,
      from_line: (options.skipLines ?? 0) + 1,
      relax_column_count: false,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let header: string[] | undefined;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = rec.record.map((c) => c.trim());
      options.onHeader?.({ columns: header });
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = rec.record[i] ?? '';
    yield { line: rec.info.lines, cells };
  }
}

/** Case-insensitive header check: every expected column must be present. */
export function checkHeader(file: string, found: string[], expected: readonly string[]): Map<string, string> {
  const byLower = new Map(found.map((c) => [c.toLowerCase(), c]));
  const missing = expected.filter((c) => !byLower.has(c.toLowerCase()));
  if (missing.length) throw headerError(file, expected, found);
  const map = new Map<string, string>();
  for (const c of expected) map.set(c, byLower.get(c.toLowerCase())!);
  return map;
}
