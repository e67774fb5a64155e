/**
 * Street-level aggregation: counts by month × crime type × location (LSOA and the
 * "On or near …" text) over a data.police.uk archive file, every row validated as
 * the pipeline validates it (archiveRecordReader). Large files are split into line-
 * aligned byte ranges read in parallel by worker threads, one per core.
 */
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lineRanges, scanRecords, SplitRecord } from './street-scan.ts';
import { checkHeader } from './csv.ts';
import { archiveRecordReader, type CrimeTypes, type StreetCrime } from './police-uk.ts';
import { DataError } from './errors.ts';

export interface Aggregate {
  rows: number;
  groups: Map<string, number>;
}

export const groupKey = (month: string, type: string, lsoa: string, location: string) => `${month}\u0000${type}\u0000${lsoa}\u0000${location}`;

/**
 * One range of a file, on this thread. `header` is the file's header row (needed for ranges after the first).
 *
 * Every row is checked as archiveRecordReader checks it, but without making strings for rows whose month,
 * crime type, LSOA and location bytes have been seen before: those four fields are hashed from the bytes and
 * compared with the group's stored bytes, and only a new group goes through the full reader (which validates
 * its month and crime type, the same bytes for every row of the group). Coordinates and the column count are
 * checked on every row; anything unusual (quoted records, coordinates that are not plain decimals) goes
 * through the full reader too.
 */
export function aggregateRange(file: string, types: CrimeTypes, range?: { start: number; end: number; firstLine: number }, header?: string[]): Aggregate & { lines: number } {
  const read = archiveRecordReader(file, types);
  let col: { month: number; type: number; lsoa: number; location: number; lon: number; lat: number; width: number } | null = null;
  const useHeader = (h: string[]) => {
    const clean = h.map((f) => f.replace(/^\uFEFF/, '').trim());
    const c = checkHeader(file, clean, ['Month', 'Crime type', 'LSOA code', 'Location', 'Longitude', 'Latitude']);
    const at = (k: string) => clean.indexOf(c.get(k)!);
    col = { month: at('Month'), type: at('Crime type'), lsoa: at('LSOA code'), location: at('Location'), lon: at('Longitude'), lat: at('Latitude'), width: clean.length };
  };
  if (header) {
    read({ line: 1, count: header.length, field: (i) => header[i] ?? '', ascii: (i) => header[i] ?? '', decimal: () => NaN });
    useHeader(header);
  }
  interface Group {
    month: string;
    type: string;
    lsoa: string;
    location: string;
    /** the four fields' bytes, one after another, and where each ends */
    bytes: Buffer;
    cuts: [number, number, number, number];
    n: number;
  }
  const buckets = new Map<number, Group[]>();
  const groupsByKey = new Map<string, Group>();
  let rows = 0;
  let last = range?.firstLine ?? 1;
  const add = (r: StreetCrime) => {
    const k = groupKey(r.month, r.type, r.lsoa, r.location);
    let g = groupsByKey.get(k);
    if (!g) {
      const parts = [r.month, r.type, r.lsoa, r.location].map((x) => Buffer.from(x, 'utf8'));
      let acc = 0;
      const cuts = parts.map((p) => (acc += p.length)) as Group['cuts'];
      g = { month: r.month, type: r.type, lsoa: r.lsoa, location: r.location, bytes: Buffer.concat(parts), cuts, n: 0 };
      groupsByKey.set(k, g);
    }
    g.n++;
    return g;
  };
  scanRecords(
    file,
    (raw) => {
      last = raw.line;
      if (!col) {
        read(raw);
        useHeader(Array.from({ length: raw.count }, (_, i) => raw.field(i)));
        return;
      }
      const c = col;
      fast: if (raw instanceof SplitRecord && raw.count === c.width) {
        const lon = raw.decimal(c.lon);
        const lat = raw.decimal(c.lat);
        // Empty, or plain decimals in range, or let the full reader decide (and name the error).
        if (lon === null ? lat !== null : lat === null || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) break fast;
        const { buf, starts, ends } = raw;
        const s0 = starts[c.month]!, e0 = ends[c.month]!;
        const s1 = starts[c.type]!, e1 = ends[c.type]!;
        const s2 = starts[c.lsoa]!, e2 = ends[c.lsoa]!;
        const s3 = starts[c.location]!, e3 = ends[c.location]!;
        // A hash of the four fields' lengths and some of their bytes (FNV-1a): which bytes does not matter for
        // correctness, since every candidate group is compared byte for byte below; these are the ones that vary.
        let h = Math.imul(0x811c9dc5 ^ (e0 - s0) ^ ((e1 - s1) << 8) ^ ((e2 - s2) << 16) ^ ((e3 - s3) << 24), 0x01000193);
        for (let i = Math.max(s0, e0 - 4); i < e0; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
        for (let i = s1; i < Math.min(e1, s1 + 3); i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
        for (let i = Math.max(s2, e2 - 5); i < e2; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
        for (let i = Math.min(e3, s3 + 11); i < e3; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
        const bucket = buckets.get(h);
        if (bucket) {
          for (const g of bucket) {
            if (same(buf, s3, e3, g.bytes, g.cuts[2], g.cuts[3]) && same(buf, s2, e2, g.bytes, g.cuts[1], g.cuts[2]) && same(buf, s0, e0, g.bytes, 0, g.cuts[0]) && same(buf, s1, e1, g.bytes, g.cuts[0], g.cuts[1])) {
              g.n++;
              rows++;
              return;
            }
          }
        }
        // A group not seen before: the full reader validates it and makes its strings.
        const r = read(raw);
        if (!r) return;
        rows++;
        const g = add(r);
        if (!bucket) buckets.set(h, [g]);
        else if (!bucket.includes(g)) bucket.push(g);
        return;
      }
      const r = read(raw);
      if (!r) return;
      rows++;
      add(r);
    },
    range,
  );
  const groups = new Map<string, number>();
  for (const [k, g] of groupsByKey) groups.set(k, g.n);
  return { rows, groups, lines: last - (range?.firstLine ?? 1) + 1 };
}

export async function aggregateArchive(file: string, types: CrimeTypes, threads = availableParallelism()): Promise<Aggregate> {
  const size = statSync(file).size;
  if (threads < 2 || size < 32 << 20) return aggregateRange(file, types);
  // The header, for the workers whose range starts later in the file.
  let header: string[] = [];
  scanRecords(file, (r) => (header = header.length ? header : Array.from({ length: r.count }, (_, i) => r.field(i))), { start: 0, end: Math.min(size, 1 << 16), firstLine: 1 });
  // This thread starts at once, the workers after loading their code: give it a little more.
  const ranges = lineRanges(file, threads, Math.min(0.9, 1 / threads + 0.06));
  type Part = { rows: number; groups: [string, number][] | Map<string, number>; error?: string };
  // Workers take every part but the first, which this thread reads meanwhile (while they start up).
  const pending = ranges.slice(1).map(
    (r) =>
      new Promise<Part>((resolve, reject) => {
        const w = new Worker(new URL('./street-aggregate-worker.ts', import.meta.url), {
          workerData: { file, start: r.start, end: r.end, header, typesFile: types.file },
          execArgv: ['--import', 'tsx'],
        });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  let first: Part;
  try {
    first = aggregateRange(file, types, { ...ranges[0]!, firstLine: 1 });
  } catch (e) {
    first = { rows: 0, groups: [], error: (e as Error).message };
  }
  const results: Part[] = [first, ...(await Promise.all(pending))];
  const groups = new Map<string, number>();
  let rows = 0;
  for (const [i, r] of results.entries()) {
    if (r.error) {
      // Line numbers in a later part count from its start: add the lines before it.
      let before = 0;
      if (i > 0) before = countLines(file, ranges[i]!.start);
      throw new DataError(i > 0 ? r.error.replace(/:(\d+):/, (_, n: string) => `:${Number(n) + before}:`) : r.error);
    }
    rows += r.rows;
    for (const [k, n] of r.groups) groups.set(k, (groups.get(k) ?? 0) + n);
  }
  return { rows, groups };
}

/** Line breaks in the first `end` bytes of a file. */
function countLines(file: string, end: number): number {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  let n = 0;
  try {
    for (let at = 0; at < end; ) {
      const got = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (!got) break;
      for (let k = buf.indexOf(10); k >= 0 && k < got; k = buf.indexOf(10, k + 1)) n++;
      at += got;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

/** Whether a[as, ae) and b[bs, be) hold the same bytes. */
function same(a: Buffer, as: number, ae: number, b: Buffer, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}
