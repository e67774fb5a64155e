/**
 * Street-level aggregation: counts by month × crime type × location (LSOA and the
 * "On or near …" text) over a data.police.uk archive file, every row validated as
 * the pipeline validates it (archiveRecordReader). Large files are split into line-
 * aligned byte ranges read in parallel by worker threads, one per core.
 */
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lineRanges, scanRecords } from './street-scan.ts';
import { archiveRecordReader, type CrimeTypes } from './police-uk.ts';
import { DataError } from './errors.ts';

export interface Aggregate {
  rows: number;
  groups: Map<string, number>;
}

export const groupKey = (month: string, type: string, lsoa: string, location: string) => `${month}\u0000${type}\u0000${lsoa}\u0000${location}`;

/** One range of a file, on this thread. `header` is the file's header row (needed for ranges after the first). */
export function aggregateRange(file: string, types: CrimeTypes, range?: { start: number; end: number; firstLine: number }, header?: string[]): Aggregate & { lines: number } {
  const read = archiveRecordReader(file, types);
  if (header) read({ line: 1, count: header.length, field: (i) => header[i] ?? '', ascii: (i) => header[i] ?? '', decimal: () => NaN });
  // Counted by place (LSOA + location), then by month × type as one number: fewer and shorter keys to hash.
  const months = new Map<string, number>();
  const types2 = new Map<string, number>();
  const byPlace = new Map<string, Map<number, number>>();
  const places = new Map<string, [string, string]>();
  let rows = 0;
  let last = range?.firstLine ?? 1;
  scanRecords(
    file,
    (raw) => {
      last = raw.line;
      const r = read(raw);
      if (!r) return;
      rows++;
      let m = months.get(r.month);
      if (m === undefined) months.set(r.month, (m = months.size));
      let t = types2.get(r.type);
      if (t === undefined) types2.set(r.type, (t = types2.size));
      const pk = r.lsoa + '\u0000' + r.location;
      let cell = byPlace.get(pk);
      if (!cell) {
        byPlace.set(pk, (cell = new Map()));
        places.set(pk, [r.lsoa, r.location]);
      }
      const mt = m * 1024 + t;
      cell.set(mt, (cell.get(mt) ?? 0) + 1);
    },
    range,
  );
  const monthOf = [...months.keys()];
  const typeOf = [...types2.keys()];
  const groups = new Map<string, number>();
  for (const [pk, cell] of byPlace) {
    const [lsoa, location] = places.get(pk)!;
    for (const [mt, n] of cell) groups.set(groupKey(monthOf[Math.floor(mt / 1024)]!, typeOf[mt % 1024]!, lsoa, location), n);
  }
  return { rows, groups, lines: last - (range?.firstLine ?? 1) + 1 };
}

export async function aggregateArchive(file: string, types: CrimeTypes, threads = availableParallelism()): Promise<Aggregate> {
  const size = statSync(file).size;
  if (threads < 2 || size < 32 << 20) return aggregateRange(file, types);
  // The header, for the workers whose range starts later in the file.
  let header: string[] = [];
  scanRecords(file, (r) => (header = header.length ? header : Array.from({ length: r.count }, (_, i) => r.field(i))), { start: 0, end: Math.min(size, 1 << 16), firstLine: 1 });
  const ranges = lineRanges(file, threads);
  const results = await Promise.all(
    ranges.map(
      (r, i) =>
        new Promise<{ rows: number; groups: [string, number][]; error?: string; line?: number }>((resolve, reject) => {
          const w = new Worker(new URL('./street-aggregate-worker.ts', import.meta.url), {
            workerData: { file, start: r.start, end: r.end, header: i === 0 ? null : header, typesFile: types.file },
            execArgv: ['--import', 'tsx'],
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
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
