/**
 * data.police.uk street-level records loaded into DuckDB, validated and accounted
 * for, for the derive modules that count them (hotspot data sets, City wards, Hot
 * Blocking). Both forms a user can have are read: the bulk-archive CSVs
 * ("YYYY-MM-<force>-street.csv") and the API's records (gzipped CSV per month).
 *
 * Every record lands in table `rec` (one row per record, in file order) with its
 * file and record number; nothing is dropped here. A value that breaks the format
 * (a month that is not YYYY-MM or not the file's, a coordinate that is not a number,
 * an unknown crime type) stops the run with the file, line, column, value and what
 * was expected. Which records are then used, and why the others are not, is decided
 * in SQL by the caller and recorded per file (rows read = used + rejected).
 */
import { closeSync, createReadStream, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { checkHeader } from './csv.ts';
import { DataError, notUtf8Error, valueError } from './errors.ts';
import { duckErrorLine, lit, readCsvSql, type Duck } from './duck.ts';
import type { CrimeTypes } from './police-uk.ts';

export type StreetFormat = 'archive' | 'api';

/** The columns each format must have, and what they become in `rec`. */
const COLUMNS: Record<StreetFormat, Record<string, string>> = {
  archive: {
    id: 'Crime ID',
    month: 'Month',
    lon: 'Longitude',
    lat: 'Latitude',
    location: 'Location',
    lsoa: 'LSOA code',
    lsoa_name: 'LSOA name',
    type: 'Crime type',
  },
  api: {
    id: 'id',
    month: 'month',
    lon: 'longitude',
    lat: 'latitude',
    location: 'street_name',
    street: 'street_id',
    ward: 'query_ward_2018',
    type: 'category',
  },
};
/** Optional columns, read when present. */
const OPTIONAL: Record<StreetFormat, Record<string, string>> = {
  archive: { outcome: 'Last outcome category' },
  api: { outcome: 'outcome_category' },
};

/** The archive's monthly street files in a folder, oldest first. */
export function archiveFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-[a-z0-9-]+-street\.csv$/.test(f))
    .sort();
  if (!files.length)
    throw new DataError(
      `${dir}: no data.police.uk street files (expected names like 2022-04-city-of-london-street.csv).`,
    );
  return files.map((f) => join(dir, f));
}

/** The API's monthly files in a folder, oldest first. */
export function apiFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => /_\d{4}-\d{2}\.csv(\.gz)?$/.test(f))
    .sort();
  if (!files.length) throw new DataError(`${dir}: no API month files (expected names ending _YYYY-MM.csv.gz).`);
  return files.map((f) => join(dir, f));
}

/** The month a file's name claims: "2022-04-city-of-london-street.csv", "…_2016-01.csv.gz". */
export function fileMonth(file: string): string {
  const m = /(\d{4}-\d{2})(?:-[a-z0-9-]+-street\.csv|\.csv(?:\.gz)?)$/.exec(file);
  if (!m) throw new DataError(`${file}: the file name does not give its month (YYYY-MM).`);
  return m[1]!;
}

/** A file's text (gunzipped when .gz), with a clear error for a damaged archive. */
export function readText(file: string): string {
  const bytes = readFileSync(file);
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (e) {
    throw new DataError(
      `${file}: the gzip stream is damaged (${(e as Error).message}); expected a complete .csv.gz file.`,
    );
  }
}

/** The header row of a CSV file (first line only, streamed: a gzipped file is not decompressed in full). */
async function headerOf(file: string): Promise<string[]> {
  let input: NodeJS.ReadableStream = createReadStream(file, { highWaterMark: 64 * 1024 });
  if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  let first = '';
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      first += chunk.toString('utf8');
      if (first.includes('\n')) break;
    }
  } catch (e) {
    throw new DataError(
      `${file}: the gzip stream is damaged (${(e as Error).message}); expected a complete .csv.gz file.`,
    );
  }
  (input as unknown as { destroy?: () => void }).destroy?.();
  first = first.split('\n', 1)[0]!.replace(/\r$/, '');
  if (!first.trim()) throw new DataError(`${file}:1: the file is empty; expected a header row.`);
  const cells = parse(first, { bom: true, relax_quotes: true })[0] ?? [];
  return cells.map((c) => c.trim());
}

export interface Preflight {
  /** data lines after the header (a final line without a line break counts) */
  dataLines: number;
}

/**
 * A fast pass over the bytes (decompressed when .gz), before the engine reads the
 * file: a damaged gzip stream, and line endings that change style within the file,
 * stop here with the file and line; the line count is kept so that a record the
 * engine drops or merges cannot go unnoticed.
 */
export async function preflight(file: string): Promise<Preflight> {
  let input: NodeJS.ReadableStream = createReadStream(file, { highWaterMark: 1 << 20 });
  if (file.endsWith('.gz')) input = input.pipe(createGunzip());
  let lines = 0;
  let crlf = 0;
  let lf = 0;
  let firstCrlf = 0;
  let firstLf = 0;
  let prev = -1;
  let last = -1;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let i = chunk.indexOf(10);
      while (i >= 0) {
        lines++;
        const before = i > 0 ? chunk[i - 1]! : prev;
        if (before === 13) {
          if (!crlf++) firstCrlf = lines;
        } else if (!lf++) firstLf = lines;
        i = chunk.indexOf(10, i + 1);
      }
      if (chunk.length) {
        prev = chunk[chunk.length - 1]!;
        last = prev;
      }
    }
  } catch (e) {
    throw new DataError(
      `${file}: the gzip stream is damaged (${(e as Error).message}); expected a complete .csv.gz file.`,
    );
  }
  if (crlf && lf) {
    const [a, b] =
      firstCrlf < firstLf
        ? [`CRLF on line ${firstCrlf}`, `LF alone on line ${firstLf}`]
        : [`LF alone on line ${firstLf}`, `CRLF on line ${firstCrlf}`];
    throw new DataError(
      `${file}:${Math.max(firstCrlf, firstLf)}: mixed line endings (${a}, ${b}); expected one style throughout (CRLF or LF).`,
    );
  }
  const total = lines + (last !== -1 && last !== 10 ? 1 : 0);
  return { dataLines: Math.max(0, total - 1) };
}

/** Parses a whole file with csv-parse (slow: only to find and name a problem the engine reported or hid). */
function parseAll(file: string): { records: number; lines: number[] } {
  try {
    const recs = parse(readText(file), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { info: { lines: number } }[];
    return { records: recs.length - 1, lines: recs.map((r) => r.info.lines) };
  } catch (e) {
    const m = e as Error & { lines?: number };
    throw new DataError(`${file}${m.lines ? `:${m.lines}` : ''}: not a valid CSV file: ${m.message}.`);
  }
}

/** The physical line on which record `n` (1 = the first after the header) ends: slow, used only to report an error. */
export function lineOfRecord(file: string, n: number): number {
  return parseAll(file).lines[n] ?? n + 1;
}

export interface LoadedFile {
  file: string;
  month: string;
  rows: number;
}

/**
 * Loads files of one format into table `rec` (replacing it), in one parallel scan
 * of all of them by the engine; the table's rowid keeps file order (the engine
 * preserves insertion order), so "the first record" means the first in the files.
 * Returns each file with its month and row count.
 *
 * Checks, in order: file names give distinct months; each header has the columns;
 * the bytes (a plain file's last record parses, so an unterminated quote at the end
 * cannot vanish; a gzipped file decompresses completely and its line endings are of
 * one style, checked while the engine reads); every record has the header's number
 * of fields (the engine's strict mode); and every value (month, coordinates, crime
 * type) — the first bad one stops the run with file, line, column and value.
 */
export async function loadStreetRecords(
  duck: Duck,
  format: StreetFormat,
  files: string[],
  types: CrimeTypes,
): Promise<LoadedFile[]> {
  await duck.run(`create or replace table type_map (raw varchar, label varchar, is_crime boolean)`);
  const pairs: [string, string][] =
    format === 'api'
      ? [...types.bySlug]
      : [...[...types.labels].map((l) => [l, l] as [string, string]), ...types.renamed];
  await duck.run(
    `insert into type_map values ${pairs.map(([raw, label]) => `(${lit(raw)}, ${lit(label)}, ${types.crimeLabels.has(label)})`).join(', ')}`,
  );
  const months = new Set<string>();
  for (const file of files) {
    const month = fileMonth(file);
    if (months.has(month)) throw new DataError(`${file}: a second file for ${month}.`);
    months.add(month);
  }
  const checked: { file: string; header: string[]; select: string }[] = [];
  for (const file of files) {
    const header = await headerOf(file);
    const cols = checkHeader(file, header, Object.values(COLUMNS[format]));
    const pick = (k: string) => {
      const name = COLUMNS[format][k] ?? OPTIONAL[format][k];
      if (!name) return 'null';
      const found = cols.get(name) ?? header.find((h) => h.toLowerCase() === name.toLowerCase());
      return found ? `c${header.indexOf(found)}` : 'null';
    };
    if (!file.endsWith('.gz')) checkTail(file, header.length);
    checked.push({
      file,
      header,
      select: ['id', 'month', 'lon', 'lat', 'location', 'lsoa', 'lsoa_name', 'street', 'ward', 'type', 'outcome']
        .map(pick)
        .join(', '),
    });
  }
  // Gzipped files are checked byte by byte on libuv's threads while the engine reads them.
  const gz = Promise.all(checked.filter((c) => c.file.endsWith('.gz')).map((c) => preflight(c.file)));
  gz.catch(() => {});
  // One scan per header layout, in file order (the table's rowid keeps it): raw text, coordinates as numbers.
  // The checks on months and crime types run afterwards on their few distinct values, not on every row.
  await duck.run(
    `create or replace table rec (file varchar, id varchar, month varchar, location varchar, lsoa varchar, lsoa_name varchar, street varchar, ward varchar, type_s varchar, outcome varchar, lon double, lat double, coord_bad boolean)`,
  );
  const groups = new Map<string, typeof checked>();
  for (const c of checked) {
    const key = `${c.header.length}\u0000${c.select}\u0000${c.file.endsWith('.gz')}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const sql = readCsvSql(
      group.map((g) => g.file),
      group[0]!.header.length,
      group[0]!.file.endsWith('.gz') ? "compression = 'gzip'" : "compression = 'none'",
    );
    try {
      // Coordinates become numbers here; coord_bad marks a text that is not a coordinate (the value is read back from the file only to report it).
      await duck.run(
        `insert into rec select file, id, month, location, lsoa, lsoa_name, street, ward, type_s, outcome, try_cast(lon_s as double) as lon, try_cast(lat_s as double) as lat, (lon_s is null) <> (lat_s is null) or (lon_s is not null and coalesce(abs(try_cast(lon_s as double)) > 180 or abs(try_cast(lat_s as double)) > 90, true)) as coord_bad from (select filename as file, ${group[0]!.select} from ${sql}) s(file, id, month, lon_s, lat_s, location, lsoa, lsoa_name, street, ward, type_s, outcome)`,
      );
    } catch (e) {
      // Find the file and line: a damaged gzip stream first (its own message), then the group's files one by one (slow, only after an error).
      await gz;
      for (const g of group) await readOne(duck, g.file, g.header.length);
      throw new DataError(
        `${group.map((g) => g.file).join(', ')}: the engine could not read these files together, though each reads alone: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
  const gzLines = new Map(checked.filter((c) => c.file.endsWith('.gz')).map((c, i) => [c.file, i]));
  const pre = await gz;
  const counts = new Map(
    (await duck.rows<{ file: string; n: number }>(`select file, count(*) as n from rec group by file`)).map((r) => [
      r.file,
      r.n,
    ]),
  );
  const loaded: LoadedFile[] = [];
  for (const c of checked) {
    const n = counts.get(c.file) ?? 0;
    if (!n)
      throw new DataError(
        `${c.file}: a header but no records; a month with no crime must be recorded in the source registry, not published as a file with no rows.`,
      );
    const lines = gzLines.has(c.file) ? pre[gzLines.get(c.file)!]!.dataLines : n;
    if (lines !== n) {
      // Lines and records differ: a quoted field holding a line break (fine), or a record the engine dropped.
      const p = parseAll(c.file);
      if (p.records !== n)
        throw new DataError(
          `${c.file}: ${lines} data lines hold ${p.records} records, but only ${n} were read; the file is damaged near line ${p.lines[n + 1] ?? lines + 1}.`,
        );
    }
    loaded.push({ file: c.file, month: fileMonth(c.file), rows: n });
  }
  await validate(duck, format, pairs);
  // The records with their crime-type label, and `seq`, their place in the files.
  await duck.run(
    `create or replace view records as select r.rowid as seq, r.* exclude (type_s, coord_bad), t.label as type, t.is_crime from rec r join type_map t on r.type_s = t.raw`,
  );
  return loaded;
}

/** The last record of a plain file must parse: the engine drops a final record whose quote never closes. */
function checkTail(file: string, width: number): void {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const text = buf.toString('utf8');
    // The last complete line break before the final record (a record may end without one).
    const body = text.replace(/\r?\n$/, '');
    const start = body.lastIndexOf('\n') + 1;
    const last = body.slice(start);
    if (!last.trim()) return;
    let fields: string[];
    try {
      fields = parse(last, { relax_column_count: true })[0] ?? [];
    } catch (e) {
      throw new DataError(
        `${file}: the last record does not parse (${(e as Error).message}); the file looks cut short: expected ${width} fields ending in a line break.`,
      );
    }
    if (fields.length !== width)
      throw new DataError(
        `${file}: the last record has ${fields.length} fields, not the header's ${width}: the file looks cut short.`,
      );
  } finally {
    closeSync(fd);
  }
}

/** Reads one file alone to turn an engine error into file, line and what was expected. */
async function readOne(duck: Duck, file: string, width: number): Promise<void> {
  try {
    // Every column read (a count alone lets the engine skip decoding them, and with it the check of their bytes).
    await duck.con.run(
      `select sum(${Array.from({ length: width }, (_, i) => `coalesce(length(c${i}), 0)`).join(' + ')}) from ${readCsvSql(file, width, file.endsWith('.gz') ? "compression = 'gzip'" : "compression = 'none'")}`,
    );
  } catch (e) {
    const msg = (e as Error).message;
    const line = duckErrorLine(msg);
    const what = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
    if (line && what)
      throw new DataError(`${file}:${line}: expected ${what[1]} fields as in the header, found ${what[2]}.`);
    if (line && /utf-8/i.test(msg)) throw notUtf8Error(file, line);
    await preflight(file); // names mixed line endings, or a damaged gzip stream
    parseAll(file); // names the line when csv-parse can
    throw new DataError(
      `${file}${line ? `:${line}` : ''}: not a valid CSV file (expected RFC 4180 records of ${width} fields, as in its header): ${msg.split('\n')[0]}`,
    );
  }
}

/**
 * Value checks over every loaded record; the first failure, in file order, stops the
 * run with file, line, column, value and what was expected. Months and crime types
 * are checked on their distinct values (few), coordinates on every row.
 */
async function validate(duck: Duck, format: StreetFormat, pairs: [string, string][]): Promise<void> {
  const col = COLUMNS[format];
  // The first record matching `where`, in file order; its raw value is read back from the file for the message.
  const fail = async (where: string, column: string, expected: string) => {
    const bad = await duck.rows<{ file: string; rid: number }>(
      `select file, rowid as rid from rec where ${where} order by rowid limit 1`,
    );
    if (!bad.length) return;
    const b = bad[0]!;
    const [{ first }] = (await duck.rows<{ first: number }>(
      `select min(rowid) as first from rec where file = ${lit(b.file)}`,
    )) as [{ first: number }];
    const n = b.rid - first + 1;
    const { line, record } = recordAt(b.file, n);
    const header = (await headerOf(b.file)).map((h) => h.toLowerCase());
    throw valueError(b.file, line, column, record[header.indexOf(column.toLowerCase())] ?? '', expected);
  };
  const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
  for (const m of await duck.rows<{ file: string; month: string | null }>(`select distinct file, month from rec`)) {
    if (m.month === null || !MONTH.test(m.month))
      await fail(
        `file = ${lit(m.file)} and month is not distinct from ${m.month === null ? 'null' : lit(m.month)}`,
        col.month!,
        'a month as YYYY-MM',
      );
    else if (m.month !== fileMonth(m.file))
      await fail(`file = ${lit(m.file)} and month = ${lit(m.month)}`, col.month!, "the month in the file's name");
  }
  const known = new Set(pairs.map(([raw]) => raw));
  for (const t of await duck.rows<{ type_s: string | null }>(`select distinct type_s from rec`)) {
    if (t.type_s === null || !known.has(t.type_s))
      await fail(
        `type_s is not distinct from ${t.type_s === null ? 'null' : lit(t.type_s)}`,
        col.type!,
        format === 'api'
          ? 'an API category slug listed in data/reference/police_uk_crime_types.csv'
          : 'one of the data.police.uk crime types listed in data/reference/police_uk_crime_types.csv',
      );
  }
  // Which coordinate is wrong is decided on the record itself, read back from the file.
  const bad = await duck.rows<{ file: string; rid: number }>(
    `select file, rowid as rid from rec where coord_bad order by rowid limit 1`,
  );
  if (bad.length) {
    const b = bad[0]!;
    const [{ first }] = (await duck.rows<{ first: number }>(
      `select min(rowid) as first from rec where file = ${lit(b.file)}`,
    )) as [{ first: number }];
    const { line, record } = recordAt(b.file, b.rid - first + 1);
    const header = (await headerOf(b.file)).map((h) => h.toLowerCase());
    const lon = record[header.indexOf(col.lon!.toLowerCase())] ?? '';
    const lat = record[header.indexOf(col.lat!.toLowerCase())] ?? '';
    const lonOk = lon === '' || (Number.isFinite(Number(lon)) && Math.abs(Number(lon)) <= 180);
    if ((lon === '') !== (lat === ''))
      throw valueError(b.file, line, lon === '' ? col.lon! : col.lat!, '', 'both coordinates, or neither');
    if (!lonOk) throw valueError(b.file, line, col.lon!, lon, 'a longitude between -180 and 180, or empty');
    throw valueError(b.file, line, col.lat!, lat, 'a latitude between -90 and 90, or empty');
  }
}

/** Record `n` (1 = the first after the header) of a file and the line it ends on: slow, only to report an error. */
function recordAt(file: string, n: number): { line: number; record: string[] } {
  const recs = parse(readText(file), {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    raw: false,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const r = recs[n];
  return { line: r?.info.lines ?? n + 1, record: r?.record ?? [] };
}

/**
 * Per-file accounting of a classification: `status` is a SQL expression over `rec`
 * that is null for a used record and the reason otherwise. Returns, per file, rows
 * read, used and rejected by reason; every record is in exactly one of them.
 */
export async function accountFiles(
  duck: Duck,
  table: string,
  statusColumn = 'status',
): Promise<Map<string, { read: number; used: number; rejected: Record<string, number> }>> {
  const rows = await duck.rows<{ file: string; status: string | null; n: number }>(
    `select file, ${statusColumn} as status, count(*) as n from ${table} group by all order by file, status`,
  );
  const out = new Map<string, { read: number; used: number; rejected: Record<string, number> }>();
  for (const r of rows) {
    const e = out.get(r.file) ?? { read: 0, used: 0, rejected: {} };
    e.read += r.n;
    if (r.status === null) e.used += r.n;
    else e.rejected[r.status] = (e.rejected[r.status] ?? 0) + r.n;
    out.set(r.file, e);
  }
  return out;
}
