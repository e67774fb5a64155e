import { createReadStream, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createGunzip, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import { pipeline, Transform } from 'node:stream';
import { DataError, headerError, notUtf8Error } from './errors.ts';

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
    // Either line ending, record by record: left to detect one, csv-parse takes the first it
    // meets and reads the other as text (a CRLF header over LF rows merged rows silently).
    record_delimiter: ['\r\n', '\n'],
  });
  const lines = new LineIndex(file);
  // Every stage's failure reaches the reader below (a bare pipe() would leave a gunzip or
  // read error unhandled: a stack trace with no file name).
  pipeline(gunzip ? [source, gunzip, lines, parser] : [source, lines, parser], () => undefined);
  let header: string[] | undefined;
  let line = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      line = lines.lineEnding(rec.info.bytes);
      if (!header) {
        header = rec.record.map((c) => c.trim());
        options.onHeader?.({ columns: header });
        continue;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) cells[header[i]!] = rec.record[i] ?? '';
      yield { line, cells };
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    const at = (e as { bytes?: number }).bytes;
    throw readError(file, e, line, typeof at === 'number' ? lines.lineEnding(at) : line + 1);
  }
}

/**
 * The bytes on their way to the parser, unchanged: where each line feed is (a record's line
 * is found from the byte offset the parser reports at its end, so lines are the file's
 * whatever the line endings, blank lines or breaks inside quoted cells — csv-parse's own count
 * takes a CR inside a cell or a change of line ending for a line), and a check that they are
 * UTF-8: the parser would otherwise read other bytes as U+FFFD, and a file in another encoding
 * (Windows-1252) would lose its letters without a word.
 */
class LineIndex extends Transform {
  private offset = 0;
  private feeds: number[] = [];
  /** feeds before `feeds[next]` that lie before the last offset asked about; `dropped` were let go */
  private next = 0;
  private dropped = 0;
  private lastFeed = -1;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  constructor(private readonly file: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null, data?: Buffer) => void): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return cb(this.notUtf8());
    }
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.feeds.push(this.offset + i);
    this.offset += chunk.length;
    cb(null, chunk);
  }
  override _flush(cb: (e?: Error | null) => void): void {
    try {
      this.decoder.decode();
    } catch {
      return cb(this.notUtf8());
    }
    cb();
  }
  private notUtf8(): DataError {
    return notUtf8Error(this.file, firstNonUtf8Line(this.file));
  }
  /** The line on which the text before byte offset `end` ends (offsets asked in increasing order). */
  lineEnding(end: number): number {
    while (this.next < this.feeds.length && this.feeds[this.next]! < end) this.lastFeed = this.feeds[this.next++]!;
    const before = this.dropped + this.next;
    if (this.next > 65_536) {
      this.feeds.splice(0, this.next);
      this.dropped += this.next;
      this.next = 0;
    }
    // A record ending with its line feed ends on the line that feed closes; one without (the last) on the next.
    return this.lastFeed === end - 1 ? before : before + 1;
  }
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
function readError(file: string, e: unknown, lastGoodLine: number, at: number): DataError {
  const err = e as Error & { code?: string };
  if (err.code?.startsWith('CSV_')) {
    // csv-parse: the line the bad record ends on, and what it expected.
    const what =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'a record with as many fields as the header (is the file cut short, or a row broken?)'
        : err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a closing quote (is the file cut short inside a quoted field?)'
          : 'a well-formed CSV record';
    return new DataError(
      `${file}:${at}: not a valid CSV record (${err.message.replace(/^Invalid Record Length: |\.$/g, '').replace(/ on line \d+/, '')}); expected ${what}.`,
    );
  }
  if (
    err.code === 'Z_BUF_ERROR' ||
    err.code === 'Z_DATA_ERROR' ||
    /unexpected end of file|incorrect header check/i.test(err.message)
  ) {
    return new DataError(
      `${file}: the gzip stream is damaged after line ${lastGoodLine} (${err.message}); expected a complete .csv.gz file.`,
    );
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
