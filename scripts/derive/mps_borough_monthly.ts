/**
 * data/derived/mps_borough_monthly.csv
 *
 * MPS recorded crime by area (32 boroughs, plus the MPS's own "Unknown" and airport
 * areas kept as separate rows) × major × minor offence category × month, stitched
 * from the historical release and the "most recent 24 months" release.
 *
 * Rules, each recorded in the manifest:
 *  - a release's first month is dropped when it is a release artefact (its London
 *    total is under INCOMPLETE_SHARE of the median month of that release);
 *  - where releases overlap, the newer release (the one ending later) wins the whole
 *    month: its rows replace the older release's rows for that month;
 *  - within a month covered by a release, a category absent from it counted 0;
 *  - months must be contiguous from the first to the last; a gap is an error.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkHeader, readCsv } from '../lib/csv.ts';
import { DataError, valueError } from '../lib/errors.ts';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveContext, type DeriveModule } from '../lib/context.ts';
import { source, type SourceId } from '../sources.ts';
import { CITY_CODE } from '../../src/lib/areas.ts';

export const OUTPUT = 'mps_borough_monthly.csv';
/** A first month whose total is below this share of the median month is incomplete. */
export const INCOMPLETE_SHARE = 0.1;

export interface AreaRef {
  name: string;
  code: string;
  kind: 'borough' | 'other';
}

export interface ReleaseRow {
  line: number;
  area: string;
  major: string;
  minor: string;
  counts: number[];
}

export interface Release {
  id: string;
  file: string;
  /** Months as YYYY-MM, in file order. */
  months: string[];
  rows: ReleaseRow[];
}

/** Reads area names to codes from data/reference/mps_areas.csv. */
export async function readAreas(file: string): Promise<Map<string, AreaRef>> {
  const out = new Map<string, AreaRef>();
  let header: string[] = [];
  for await (const r of readCsv(file, { onHeader: (h) => (header = h.columns) })) {
    checkHeader(file, header, ['name', 'code', 'kind']);
    const kind = r.cells.kind;
    if (kind !== 'borough' && kind !== 'other')
      throw valueError(file, r.line, 'kind', kind ?? '', '"borough" or "other"');
    out.set(r.cells.name!, { name: r.cells.name!, code: r.cells.code!, kind });
  }
  return out;
}

/** Parses a month column header: YYYYMM (as published) to YYYY-MM. */
function monthOf(col: string): string | null {
  const m = /^(\d{4})(\d{2})$/.exec(col.trim());
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  return `${m[1]}-${m[2]}`;
}

/** Reads one MPS borough release: the borough name must be in data/reference/mps_areas.csv, and every borough there must be in the release. */
export async function readRelease(id: string, file: string, areas: Map<string, AreaRef>): Promise<Release> {
  return readWideRelease(
    id,
    file,
    { area: 'BoroughName', major: 'MajorText', minor: 'MinorText' },
    (a) => (areas.has(a) ? null : 'an area listed in data/reference/mps_areas.csv'),
    [],
    { column: 'BoroughName', values: boroughNames(areas) },
  );
}

/** The 32 boroughs' names as the MPS files write them (data/reference/mps_areas.csv, kind = borough). */
export const boroughNames = (areas: Map<string, AreaRef>): Set<string> =>
  new Set([...areas.values()].filter((a) => a.kind === 'borough').map((a) => a.name));
/** The same boroughs by their ONS codes (the LSOA files write codes). */
export const boroughCodes = (areas: Map<string, AreaRef>): Set<string> =>
  new Set([...areas.values()].filter((a) => a.kind === 'borough').map((a) => a.code));

/** The London local authorities' codes: the boroughs of the area list (data/reference/mps_areas.csv) and the City of London. */
export const londonAuthorityCodes = (areas: Map<string, AreaRef>): Set<string> =>
  new Set([...boroughCodes(areas), CITY_CODE]);

/**
 * Stops the run unless `found` holds each code of `expected` exactly once: names the
 * codes missing, those not expected and those repeated. `what` says what the file must
 * contain and where the list comes from.
 */
export function expectAreas(file: string, what: string, expected: Set<string>, found: readonly string[]): void {
  const got = new Set(found);
  const missing = [...expected].filter((c) => !got.has(c));
  const extra = [...got].filter((c) => !expected.has(c));
  const repeated = [...new Set(found.filter((c, i) => found.indexOf(c) !== i))];
  if (missing.length || extra.length || repeated.length) {
    const parts = [
      missing.length && `missing ${missing.join(', ')}`,
      extra.length && `not expected ${extra.join(', ')}`,
      repeated.length && `more than once ${repeated.join(', ')}`,
    ].filter(Boolean);
    throw new DataError(
      `${file}: expected ${expected.size} codes, ${what}, each once; found ${found.length} rows with ${got.size} codes; ${parts.join('; ')}.`,
    );
  }
}

/**
 * What a complete release must contain: every one of `values` in `column` (every borough,
 * in a borough, ward or LSOA file). A release cut short, or with areas missing, stops the run.
 */
export interface Completeness {
  column: string;
  values: Set<string>;
}

/**
 * A release file is whole: not empty, ending with a line break (a download cut inside
 * a row does not), with a header and at least one row.
 */
export function checkWhole(file: string): void {
  const size = statSync(file).size;
  if (size === 0)
    throw new DataError(
      `${file}: the file is empty; a release has a header and one row per area and offence category. Download it again.`,
    );
  const fd = openSync(file, 'r');
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  closeSync(fd);
  if (last[0] !== 0x0a) {
    throw new DataError(
      `${file}: the file does not end with a line break, so its last row may be cut short (a download stopped part-way?). Download it again.`,
    );
  }
}

/**
 * Reads one MPS wide release (one row per area × major × minor, one column per
 * month YYYYMM). `columns` names the key columns (matched case-insensitively);
 * `checkArea` returns null for an accepted area, or what was expected.
 */
export async function readWideRelease(
  id: string,
  file: string,
  columns: {
    area: string;
    major: string;
    minor: string;
    /** A second column that is part of the area's key (joined with "|"). */ areaPart?: string;
  },
  checkArea: (area: string) => string | null,
  /** Other columns the file may carry (names, lookups), compared case-insensitively; anything else must be a month. */
  otherColumns: string[] = [],
  complete?: Completeness,
): Promise<Release> {
  checkWhole(file);
  const keyCols = [columns.major, columns.minor, columns.area, ...(columns.areaPart ? [columns.areaPart] : [])];
  const seenGroups = new Set<string>();
  let header: string[] = [];
  let keys = new Map<string, string>();
  let monthCols: { col: string; month: string }[] = [];
  const rows: ReleaseRow[] = [];
  for await (const r of readCsv(file, {
    onHeader: (h) => {
      header = h.columns;
      keys = checkHeader(file, header, keyCols);
      monthCols = [];
      const known = new Set(
        [...keys.values()].map((c) => c.toLowerCase()).concat(otherColumns.map((c) => c.toLowerCase())),
      );
      for (const c of header) {
        if (known.has(c.toLowerCase())) continue;
        const month = monthOf(c);
        if (!month) {
          throw new DataError(
            `${file}:1: unexpected column ${JSON.stringify(c)}; expected ${[...keyCols, ...otherColumns].join(', ')} and month columns named YYYYMM.`,
          );
        }
        monthCols.push({ col: c, month });
      }
      if (monthCols.length === 0) throw new DataError(`${file}:1: no month columns (YYYYMM) in the header.`);
      for (let i = 1; i < monthCols.length; i++) {
        if (monthCols[i]!.month <= monthCols[i - 1]!.month) {
          throw new DataError(`${file}:1: month columns are not in increasing order at ${monthCols[i]!.col}.`);
        }
      }
    },
  })) {
    const areaCode = r.cells[keys.get(columns.area)!]!.trim();
    const area = columns.areaPart ? `${areaCode}|${r.cells[keys.get(columns.areaPart)!]!.trim()}` : areaCode;
    const major = r.cells[keys.get(columns.major)!]!.trim();
    const minor = r.cells[keys.get(columns.minor)!]!.trim();
    const problem = checkArea(areaCode);
    if (problem) throw valueError(file, r.line, keys.get(columns.area)!, areaCode, problem);
    if (!major) throw valueError(file, r.line, keys.get(columns.major)!, major, 'a major offence category');
    if (!minor) throw valueError(file, r.line, keys.get(columns.minor)!, minor, 'a minor offence category');
    const counts = monthCols.map(({ col }) => {
      const raw = r.cells[col] ?? '';
      const v = raw.trim();
      if (!/^\d+(\.0+)?$/.test(v)) throw valueError(file, r.line, col, raw, 'a whole number of crimes (0 or more)');
      return Number(v);
    });
    rows.push({ line: r.line, area, major, minor, counts });
    if (complete)
      seenGroups.add(
        (
          r.cells[header.find((h) => h.toLowerCase() === complete.column.toLowerCase()) ?? complete.column] ?? ''
        ).trim(),
      );
  }
  if (!header.length)
    throw new DataError(`${file}: no header line; expected ${keyCols.join(', ')} and month columns named YYYYMM.`);
  if (!rows.length)
    throw new DataError(
      `${file}: a header and no rows; a release has one row per area and offence category. Download it again.`,
    );
  if (complete) {
    const missing = [...complete.values].filter((v) => !seenGroups.has(v)).sort();
    if (missing.length) {
      throw new DataError(
        `${file}: incomplete release: ${missing.length} of the ${complete.values.size} expected values of ${complete.column} have no rows (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); the file was read to line ${rows.at(-1)!.line}. Download it again.`,
      );
    }
  }
  // Every month it claims is filled: after the first (a release artefact the stitch drops), no month may fall under INCOMPLETE_SHARE of the median month.
  const totals = monthCols.map((_, j) => rows.reduce((a, row) => a + row.counts[j]!, 0));
  if (totals.length > 2) {
    const med = median(totals.slice(1));
    totals.forEach((t, j) => {
      if (j > 0 && t < INCOMPLETE_SHARE * med) {
        throw new DataError(
          `${file}: month ${monthCols[j]!.col} has ${t} crimes in all, under ${INCOMPLETE_SHARE * 100}% of the release's median month (${med}): the release is incomplete for that month.`,
        );
      }
    });
  }
  const seen = new Map<string, number>();
  for (const row of rows) {
    const k = `${row.area}\u0000${row.major}\u0000${row.minor}`;
    const prev = seen.get(k);
    if (prev !== undefined) {
      throw new DataError(
        `${file}:${row.line}: duplicate row for ${row.area} / ${row.major} / ${row.minor} (first at line ${prev}).`,
      );
    }
    seen.set(k, row.line);
  }
  return { id, file, months: monthCols.map((m) => m.month), rows };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface StitchLog {
  release: string;
  months_in_file: { from: string; to: string; count: number };
  dropped_incomplete: { month: string; total: number; median_month_total: number }[];
  superseded: { month: string; by: string }[];
  months_used: number;
  crimes_read: number;
  crimes_used: number;
}

export interface Stitched {
  months: string[];
  /** key area\0major\0minor → counts aligned with months */
  cells: Map<string, number[]>;
  logs: StitchLog[];
}

/**
 * Stitches releases into one monthly series. Releases are ordered oldest first by
 * their last month; for each month the newest release covering it wins.
 */
export function stitchReleases(releases: Release[]): Stitched {
  const ordered = releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) =>
      a.r.months.at(-1)! < b.r.months.at(-1)! ? -1 : a.r.months.at(-1)! > b.r.months.at(-1)! ? 1 : a.i - b.i,
    )
    .map((x) => x.r);

  // Month totals per release and the incomplete-first-month rule.
  const usable = new Map<string, Set<string>>();
  const logs = new Map<string, StitchLog>();
  for (const rel of ordered) {
    const totals = rel.months.map((_, j) => rel.rows.reduce((a, row) => a + row.counts[j]!, 0));
    const keep = new Set(rel.months);
    const log: StitchLog = {
      release: rel.id,
      months_in_file: { from: rel.months[0]!, to: rel.months.at(-1)!, count: rel.months.length },
      dropped_incomplete: [],
      superseded: [],
      months_used: 0,
      crimes_read: totals.reduce((a, b) => a + b, 0),
      crimes_used: 0,
    };
    if (rel.months.length > 2) {
      const med = median(totals.slice(1));
      if (totals[0]! < INCOMPLETE_SHARE * med) {
        keep.delete(rel.months[0]!);
        log.dropped_incomplete.push({ month: rel.months[0]!, total: totals[0]!, median_month_total: med });
      }
    }
    usable.set(rel.id, keep);
    logs.set(rel.id, log);
  }

  // Newest release wins each month.
  const owner = new Map<string, Release>();
  for (const rel of ordered) {
    for (const m of usable.get(rel.id)!) {
      const prev = owner.get(m);
      if (prev) logs.get(prev.id)!.superseded.push({ month: m, by: rel.id });
      owner.set(m, rel);
    }
  }
  if (owner.size === 0) throw new DataError('no usable months in any release');
  const sortedMonths = [...owner.keys()].sort();
  const months: string[] = [];
  for (let m = sortedMonths[0]!; m <= sortedMonths.at(-1)!; m = addMonths(m, 1)) {
    if (!owner.has(m)) {
      throw new DataError(
        `month ${m} is in no usable release (releases: ${ordered.map((r) => `${r.id} ${r.months[0]}–${r.months.at(-1)}`).join('; ')}).`,
      );
    }
    months.push(m);
  }
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const cells = new Map<string, number[]>();
  for (const rel of ordered) {
    const log = logs.get(rel.id)!;
    const ownedCols = rel.months.map((m, j) => ({ m, j })).filter(({ m }) => owner.get(m) === rel);
    log.months_used = ownedCols.length;
    for (const row of rel.rows) {
      const k = `${row.area}\u0000${row.major}\u0000${row.minor}`;
      let arr = cells.get(k);
      if (!arr) {
        arr = new Array<number>(months.length).fill(0);
        cells.set(k, arr);
      }
      for (const { m, j } of ownedCols) {
        arr[monthIndex.get(m)!] = row.counts[j]!;
        log.crimes_used += row.counts[j]!;
      }
    }
  }
  for (const l of logs.values()) l.superseded.sort((a, b) => (a.month < b.month ? -1 : 1));
  return { months, cells, logs: ordered.map((r) => logs.get(r.id)!) };
}

export const RELEASES: SourceId[] = ['mps-borough-historic', 'mps-borough-recent'];

/** What the manifest records of a release's part in a stitched series. */
export function stitchRecord(log: StitchLog) {
  return {
    months_in_file: log.months_in_file,
    months_used: log.months_used,
    months_dropped_incomplete: log.dropped_incomplete,
    months_superseded_by_newer_release: log.superseded,
    crimes_read: log.crimes_read,
    crimes_used: log.crimes_used,
  };
}

export async function deriveFromFiles(ctx: DeriveContext, files: { id: SourceId; file: string }[], areasFile: string) {
  const areas = await readAreas(areasFile);
  const releases: Release[] = [];
  for (const { id, file } of files) releases.push(await readRelease(id, file, areas));
  const st = stitchReleases(releases);
  const columns = ['area_code', 'area_name', 'area_kind', 'major', 'minor', ...st.months];
  const rows = [...st.cells.entries()]
    .map(([k, counts]) => {
      const [area, major, minor] = k.split('\u0000') as [string, string, string];
      const ref = areas.get(area)!;
      return [ref.code, ref.name, ref.kind, major, minor, ...counts] as (string | number)[];
    })
    .sort((a, b) => {
      for (let i = 0; i < 5; i++) {
        const x = String(a[i]);
        const y = String(b[i]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  const inputs = [];
  for (const rel of releases) {
    const log = st.logs.find((l) => l.release === rel.id)!;
    inputs.push(
      await inputRecord(
        ctx,
        rel.id,
        rel.file,
        { rows_read: rel.rows.length, rows_used: rel.rows.length },
        stitchRecord(log),
      ),
    );
  }
  const text = toCsv(columns, rows);
  const notes = [
    `Stitched from ${releases.length} releases; for each month the newest release covering it is used (${
      st.logs.flatMap((l) => l.superseded).length
    } release-months superseded).`,
    `A release's first month is dropped when its London total is under ${INCOMPLETE_SHARE * 100}% of that release's median month (${
      st.logs
        .flatMap((l) => l.dropped_incomplete.map((d) => `${l.release} ${d.month}: ${d.total} crimes`))
        .join('; ') || 'none dropped in this run'
    }).`,
    'Rows keep the MPS area names: "Unknown" (crimes not attributed to a borough) and "London Heathrow and London City Airports" are separate areas (area_kind = other), not merged into boroughs.',
    'A category absent from a release in a month it covers is counted 0 (the MPS files omit all-zero rows).',
  ];
  return {
    text,
    record: {
      file: OUTPUT,
      title: 'MPS recorded crime by borough, offence category and month',
      description:
        'Wide CSV: one row per area × major × minor offence category, one column per month (YYYY-MM) of crimes recorded by the Metropolitan Police Service.',
      format: 'csv',
      rows: rows.length,
      columns: columns
        .slice(0, 5)
        .concat([`${st.months[0]} … ${st.months.at(-1)} (${st.months.length} month columns)`]),
      coverage: { from: st.months[0]!, to: st.months.at(-1)! },
      sources: releases.map((r) => r.id),
      inputs,
      notes,
      licence: source('mps-borough-recent').licence,
      attribution: source('mps-borough-recent').attribution,
    },
  };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx: DeriveContext) {
    const files = RELEASES.map((id) => ({ id, file: sourcePath(ctx, id) }));
    const { text, record } = await deriveFromFiles(ctx, files, join(ctx.referenceDir, 'mps_areas.csv'));
    return { files: { [OUTPUT]: text }, records: [record] };
  },
};
export default mod;
