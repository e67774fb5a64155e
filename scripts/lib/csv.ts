import { createReadStream, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createGunzip, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import { pipeline, Transform } from 'node:stream';
import { DataError, headerError } from './errors.ts';

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
  /** chunkSize: bytes per read (the stream's default otherwise); tests vary it to show the records do not depend on it */
  options: { skipLines?: number; onHeader?: (h: CsvHeader) => void; chunkSize?: number } = {},
): AsyncGenerator<CsvRow> {
  const source = createReadStream(file, options.chunkSize ? { highWaterMark: options.chunkSize } : {});
  const gunzip = file.endsWith('.gz') ? createGunzip() : null;
  const parser = parse({
    bom: true,
    from_line: (options.skipLines ?? 0) + 1,
    relax_column_count: false,
    skip_empty_lines: true,
    info: true,
    raw: true,
  });
  // Every stage's failure reaches the reader below (a bare pipe() would leave a gunzip or
  // read error unhandled: a stack trace with no file name).
  pipeline(gunzip ? [source, gunzip, utf8Check(file), parser] : [source, utf8Check(file), parser], () => undefined);
  let header: string[] | undefined;
  let line = 0;
  // csv-parse counts a carriage return inside a quoted cell as a line of its own (a CRLF there
  // as two lines; csv-parse 7.0.3): each one so far is taken off its count, so that lines are
  // the file's line-feed-ended lines (tests/unit/properties.test.ts).
  let doubled = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      // (The raw text of a CRLF-ended record ends with its \r: that one is the record's own line end.)
      doubled += (rec.raw.match(/\r/g)?.length ?? 0) - (/\r\n?$/.test(rec.raw) ? 1 : 0);
      line = rec.info.lines - doubled;
      if (!header) {
        header = rec.record.map((c) => c.trim());
        options.onHeader?.({ columns: header });
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        cells[header[i]!] = rec.record[i] ?? '';
      }
      yield { line, cells };
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw readError(file, e, line);
  }
}

/**
 * Passes the bytes on unchanged, stopping at the first that are not UTF-8: the parser would
 * otherwise read them as U+FFFD, and a file in another encoding (Windows-1252) would lose
 * its letters without a word. The line is found only then, by reading the file again.
 */
function utf8Check(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = (cb: (e: Error) => void) => cb(new DataError(`${file}:${firstNonUtf8Line(file)}: bytes that are not UTF-8; expected a UTF-8 file (convert it from its encoding, e.g. Windows-1252, first).`));
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return fail(cb);
      }
      cb(null, chunk);
    },
    flush(cb) {
      try {
        decoder.decode();
      } catch {
        return fail(cb);
      }
      cb();
    },
  });
}

function firstNonUtf8Line(file: string): number {
  const bytes = file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file);
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (!isUtf8(bytes.subarray(start, end < 0 ? bytes.length : end))) return line;
    if (end < 0) break;
    start = end + 1;
  }
  return 1;
}

/** A parser's or decompressor's failure as a DataError naming the file and line. */
function readError(file: string, e: unknown, lastGoodLine: number): DataError {
  const err = e as Error & { code?: string; lines?: number };
  if (err.code?.startsWith('CSV_')) {
    // csv-parse: the line the bad record ends on, and what it expected.
    const at = err.lines ?? lastGoodLine + 1;
    const what =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'a record with as many fields as the header (is the file cut short, or a row broken?)'
        : err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a closing quote (is the file cut short inside a quoted field?)'
          : 'a well-formed CSV record';
    return new DataError(`${file}:${at}: not a valid CSV record (${err.message.replace(/^Invalid Record Length: |\.$/g, '')}); expected ${what}.`);
  }
  if (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header check/i.test(err.message)) {
    return new DataError(`${file}: the gzip stream is damaged after line ${lastGoodLine} (${err.message}); expected a complete .csv.gz file.`);
  }
  return new DataError(`${file}: could not be read after line ${lastGoodLine} (${err.message}).`);
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
