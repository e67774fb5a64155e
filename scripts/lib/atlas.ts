/**
 * The London Landscape atlas: every catalogued indicator (data/reference/indicators.csv)
 * computed for every geography level it is published for, each on its own
 * boundaries: borough (LAD 2022), ward (2022, 2018, 2014, 2013), MSOA (2021, 2011),
 * LSOA (2021, 2011).
 *
 * - Census percentages are computed from counts at each level; wards sum their
 *   LSOAs' counts by the ONS best-fit lookup (stated in each definition).
 * - Crime: the 12 months to the latest month common to the borough, ward and LSOA
 *   releases, against the 12 before, per 1,000 Census 2021 residents.
 * - IMD 2019 stays on 2011 LSOAs (and the GLA's ward summaries on 2018 wards): never re-based.
 * - Published single-column indicators (GLA ward and borough profiles, PTAL, MSOA
 *   income; `table` = "column" in the catalogue) are read as published, on the
 *   boundaries they were published for.
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { CENSUS_FILES, type SourceId } from '../sources.ts';
import { inputRecord, sourcePath, type DeriveContext, type InputRecord } from './context.ts';
import { readCensusWide, readEthnicLong, type CensusTable } from './census.ts';
import { readCsv, checkHeader } from './csv.ts';
import { DataError, valueError } from './errors.ts';
import { boundaryAreas, type BoundaryLevel } from './boundary-levels.ts';
import {
  addMonths,
  boroughCodes,
  boroughNames,
  readAreas,
  readRelease,
  readWideRelease,
  stitchReleases,
  type Release,
} from '../derive/mps_borough_monthly.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { readGeoJson } from './geo.ts';
import { LEVEL_ORDER } from '../../src/lib/atlas.ts';

export const LEVELS = LEVEL_ORDER;
export type Level = (typeof LEVELS)[number];

export interface IndicatorDef {
  id: string;
  theme: string;
  title: string;
  definition: string;
  unit: string;
  higher_is_better: string;
  source: string;
  table: string;
  numerator: string;
  denominator: string;
  scale: string;
  levels: string;
  vintage: string;
  period: string;
}

export interface LevelData {
  level: Level;
  /** code → name, and parent borough code where known */
  areas: Map<string, { name: string; parent: string }>;
  /** indicator id → code → value */
  values: Map<string, Map<string, number | null>>;
}

export interface Atlas {
  defs: IndicatorDef[];
  levels: Map<Level, LevelData>;
  inputs: InputRecord[];
  crimeWindow: { latest: [string, string]; previous: [string, string] };
  notes: string[];
}

export function readDefinitions(file: string): IndicatorDef[] {
  const rows = parse<IndicatorDef>(readFileSync(file), { columns: true, bom: true });
  const ids = new Set<string>();
  rows.forEach((r, i) => {
    if (ids.has(r.id)) throw new DataError(`${file}:${i + 2}: duplicate indicator id ${r.id}.`);
    ids.add(r.id);
    for (const k of [
      'id',
      'theme',
      'title',
      'definition',
      'unit',
      'source',
      'table',
      'levels',
      'vintage',
      'period',
    ] as const) {
      if (!r[k]) throw new DataError(`${file}:${i + 2}: indicator ${r.id || '(no id)'} has no ${k}.`);
    }
    for (const l of r.levels.split('|'))
      if (!(LEVELS as readonly string[]).includes(l))
        throw valueError(file, i + 2, 'levels', r.levels, `levels from ${LEVELS.join(', ')}`);
  });
  return rows;
}

const cache = new Map<string, Promise<Atlas>>();
export function computeAtlas(ctx: DeriveContext): Promise<Atlas> {
  const key = `${ctx.rawDir}\u0000${ctx.referenceDir}`;
  let p = cache.get(key);
  if (!p) {
    p = build(ctx);
    cache.set(key, p);
  }
  return p;
}

const isBorough = (c: string) => /^E09\d{6}$/.test(c);

async function build(ctx: DeriveContext): Promise<Atlas> {
  const defs = readDefinitions(join(ctx.referenceDir, 'indicators.csv'));
  const inputs: InputRecord[] = [];
  const notes: string[] = [];

  // Best-fit lookup: LSOA 2021 → ward 2022/24 → borough.
  const lookupFile = sourcePath(ctx, 'ons-lsoa21-ward24-lookup');
  const lsoaWard = new Map<string, string>();
  const wards = new Map<string, { name: string; parent: string }>();
  const lsoaNames = new Map<string, { name: string; parent: string }>();
  let header: string[] = [];
  let lkRows = 0;
  for await (const r of readCsv(lookupFile, { onHeader: (h) => (header = h.columns) })) {
    checkHeader(lookupFile, header, ['LSOA21CD', 'LSOA21NM', 'WD24CD', 'WD24NM', 'LAD24CD']);
    lkRows++;
    lsoaWard.set(r.cells.LSOA21CD!, r.cells.WD24CD!);
    wards.set(r.cells.WD24CD!, { name: r.cells.WD24NM!, parent: r.cells.LAD24CD! });
    lsoaNames.set(r.cells.LSOA21CD!, { name: r.cells.LSOA21NM!, parent: r.cells.LAD24CD! });
  }
  inputs.push(await inputRecord(ctx, 'ons-lsoa21-ward24-lookup', lookupFile, { rows_read: lkRows, rows_used: lkRows }));
  // Every 2022 ward is an area, including the City wards that receive no LSOA (their values stay empty).
  const wardFile = sourcePath(ctx, 'ons-wards-2022');
  const wardFc = readGeoJson<Polygon | MultiPolygon>(wardFile, ['Polygon', 'MultiPolygon']);
  for (const f of wardFc.features) {
    const { WD22CD: code, WD22NM: name, LAD22CD: parent } = f.properties ?? {};
    if (typeof code !== 'string' || typeof name !== 'string' || typeof parent !== 'string' || !code || !name || !parent)
      throw new DataError(`${wardFile}: a feature lacks WD22CD, WD22NM or LAD22CD.`);
    if (!wards.has(code)) wards.set(code, { name, parent });
  }
  if (wards.size !== wardFc.features.length)
    throw new DataError(`${lookupFile}: ${wards.size - wardFc.features.length} ward codes are not in ${wardFile}.`);
  inputs.push(
    await inputRecord(ctx, 'ons-wards-2022', wardFile, {
      rows_read: wardFc.features.length,
      rows_used: wardFc.features.length,
    }),
  );

  // Census tables by level.
  const tables = new Map<string, CensusTable>();
  const read = async (table: string, level: string, id: SourceId) => {
    const file = sourcePath(ctx, id);
    const keep = level === 'ltla' ? isBorough : () => true;
    const t =
      table === 'ts021' && level === 'ltla' ? await readEthnicLong(file, keep) : await readCensusWide(file, keep);
    tables.set(`${table}|${level}`, t);
    inputs.push(
      await inputRecord(ctx, id, file, {
        rows_read: t.rowsRead,
        rows_used: t.rowsRead - t.rejected,
        rejected_reasons: t.rejected ? { 'outside London (not an E09 local authority)': t.rejected } : {},
      }),
    );
  };
  await read('ts007a', 'ltla', 'census-2021-ts007a-ltla');
  for (const [table, level] of CENSUS_FILES) await read(table, level, `census-2021-${table}-${level}`);

  const levels = new Map<Level, LevelData>();
  const mk = (level: Level, areas: Map<string, { name: string; parent: string }>) => {
    const d: LevelData = { level, areas, values: new Map() };
    levels.set(level, d);
    return d;
  };
  const boroughT = tables.get('ts007a|ltla')!;
  mk('borough', new Map([...boroughT.names].map(([c, n]) => [c, { name: n, parent: c }])));
  const msoaT = tables.get('ts007a|msoa')!;
  const msoa = mk('msoa', new Map([...msoaT.names].map(([c, n]) => [c, { name: n, parent: '' }])));
  mk('lsoa', lsoaNames);
  mk('ward', wards);

  // Census indicators.
  const censusLevel: Record<string, string> = { borough: 'ltla', msoa: 'msoa', lsoa: 'lsoa', ward: 'lsoa' };
  for (const d of defs.filter((x) => x.table.startsWith('ts'))) {
    const num = d.numerator.split(' + ');
    for (const level of d.levels.split('|') as Level[]) {
      const t = tables.get(`${d.table}|${censusLevel[level]}`);
      if (!t)
        throw new DataError(
          `data/reference/indicators.csv: ${d.id} lists level ${level}, but no ${d.table} table is read for it.`,
        );
      for (const l of [...num, ...(d.denominator ? [d.denominator] : [])]) {
        if (!t.labels.includes(l))
          throw new DataError(
            `data/reference/indicators.csv: ${d.id} uses ${JSON.stringify(l)}, which ${t.file} does not have (it has: ${t.labels.slice(0, 8).join('; ')}…).`,
          );
      }
      const counts = new Map<string, { n: number; d: number }>();
      for (const [code, m] of t.values) {
        const target = level === 'ward' ? lsoaWard.get(code) : code;
        if (!target) throw new DataError(`${t.file}: LSOA ${code} is not in the LSOA-to-ward lookup.`);
        const c = counts.get(target) ?? { n: 0, d: 0 };
        c.n += num.reduce((a, l) => a + m.get(l)!, 0);
        c.d += d.denominator ? m.get(d.denominator)! : 1;
        counts.set(target, c);
      }
      const out = new Map<string, number | null>();
      for (const [code, c] of counts)
        out.set(code, d.denominator ? (c.d > 0 ? (c.n / c.d) * Number(d.scale) : null) : c.n);
      levelOf(levels, level).values.set(d.id, out);
    }
  }

  // Crime: the three releases, one window.
  const areasRef = await readAreas(join(ctx.referenceDir, 'mps_areas.csv'));
  const bFiles = (['mps-borough-historic', 'mps-borough-recent'] as SourceId[]).map((id) => ({
    id,
    file: sourcePath(ctx, id),
  }));
  const bRel: Release[] = [];
  for (const b of bFiles) bRel.push(await readRelease(b.id, b.file, areasRef));
  const wFile = sourcePath(ctx, 'mps-ward-recent');
  const boroughs = { column: 'LookUp_BoroughName', values: boroughNames(areasRef) };
  const wRel = await readWideRelease(
    'mps-ward-recent',
    wFile,
    { area: 'WardCode', major: 'MajorText', minor: 'MinorText' },
    (a) => (wards.has(a) ? null : 'a ward code in the LSOA-to-ward lookup'),
    ['WardName', 'LookUp_BoroughName'],
    boroughs,
  );
  const lFile = sourcePath(ctx, 'mps-lsoa-recent');
  const lRel = await readWideRelease(
    'mps-lsoa-recent',
    lFile,
    { area: 'lsoa_code', major: 'major_category', minor: 'minor_category' },
    (a) => (lsoaNames.has(a) ? null : 'a 2021 LSOA code in the lookup'),
    ['lsoa_name', 'borough'],
    { column: 'borough', values: boroughCodes(areasRef) },
  );
  const stB = stitchReleases(bRel);
  const stW = stitchReleases([wRel]);
  const stL = stitchReleases([lRel]);
  const end = [stB.months.at(-1)!, stW.months.at(-1)!, stL.months.at(-1)!].sort()[0]!;
  const latest: [string, string] = [addMonths(end, -11), end];
  const previous: [string, string] = [addMonths(end, -23), addMonths(end, -12)];
  for (const [id, file, rel, st] of [
    ['mps-borough-historic', bFiles[0]!.file, bRel[0]!, stB],
    ['mps-borough-recent', bFiles[1]!.file, bRel[1]!, stB],
    ['mps-ward-recent', wFile, wRel, stW],
    ['mps-lsoa-recent', lFile, lRel, stL],
  ] as const) {
    const log = st.logs.find((l) => l.release === id)!;
    inputs.push(
      await inputRecord(
        ctx,
        id,
        file,
        { rows_read: rel.rows.length, rows_used: rel.rows.length },
        { months_dropped_incomplete: log.dropped_incomplete },
      ),
    );
  }
  notes.push(
    `Crime indicators: the 12 months ${latest[0]} to ${latest[1]} against ${previous[0]} to ${previous[1]}, the latest 12 months that the borough, ward and LSOA releases all cover.`,
  );

  const crimeDefs = defs.filter((d) => d.table === 'crime');
  const sumWindow = (st: typeof stB, [from, to]: [string, string]) => {
    const i0 = st.months.indexOf(from);
    const i1 = st.months.indexOf(to);
    if (i0 < 0 || i1 < 0)
      throw new DataError(`crime window ${from}–${to} is outside a release (${st.months[0]}–${st.months.at(-1)}).`);
    const by = new Map<string, number>(); // area|major
    for (const [k, counts] of st.cells) {
      const [area, major] = k.split('\u0000') as [string, string];
      let n = 0;
      for (let i = i0; i <= i1; i++) n += counts[i]!;
      by.set(`${area}|${major}`, (by.get(`${area}|${major}`) ?? 0) + n);
      by.set(`${area}|ALL`, (by.get(`${area}|ALL`) ?? 0) + n);
    }
    return by;
  };
  const crimeLevels: [Level, typeof stB, (area: string) => string | null][] = [
    ['borough', stB, (a) => (areasRef.get(a)?.kind === 'borough' ? areasRef.get(a)!.code : null)],
    ['ward', stW, (a) => a],
    ['lsoa', stL, (a) => a],
  ];
  const covers = (st: typeof stB, [from, to]: [string, string]) => st.months.includes(from) && st.months.includes(to);
  for (const [level, st, codeOf] of crimeLevels) {
    const L = sumWindow(st, latest);
    // A release shorter than 24 usable months has no previous year to compare with: the change is
    // not computed at that level (no value for any area), and the manifest says so.
    const P = covers(st, previous) ? sumWindow(st, previous) : null;
    if (!P)
      notes.push(
        `Crime change on the previous 12 months by ${level}: not computed, since the ${level} release's usable months (${st.months[0]} to ${st.months.at(-1)}) do not reach back to ${previous[0]}; every ${level} has no value.`,
      );
    const residents = levelOf(levels, level).values.get('pop_residents')!;
    const areaCodes = new Set([...st.cells.keys()].map((k) => k.split('\u0000')[0]!));
    for (const d of crimeDefs.filter((x) => x.levels.split('|').includes(level))) {
      const out = new Map<string, number | null>();
      for (const area of areaCodes) {
        const code = codeOf(area);
        if (!code) continue;
        const l = L.get(`${area}|${d.numerator}`) ?? 0;
        const p = P ? (P.get(`${area}|${d.numerator}`) ?? 0) : 0;
        const pop = residents.get(code) ?? null;
        out.set(
          code,
          d.scale === 'count'
            ? l
            : d.scale === 'rate'
              ? pop
                ? (l / pop) * 1000
                : null
              : P && p > 0
                ? ((l - p) / p) * 100
                : null,
        );
      }
      levelOf(levels, level).values.set(d.id, out);
    }
  }

  // IMD 2019 on 2011 LSOAs.
  const imdFile = sourcePath(ctx, 'imd-2019-lsoa');
  const imdAreas = new Map<string, { name: string; parent: string }>();
  const lsoa2011 = mk('lsoa2011', imdAreas);
  const imdDefs = defs.filter((d) => d.table === 'imd2019');
  let imdHeader: string[] = [];
  let imdRows = 0;
  for await (const r of readCsv(imdFile, { onHeader: (h) => (imdHeader = h.columns) })) {
    checkHeader(imdFile, imdHeader, [
      'LSOA code (2011)',
      'LSOA name (2011)',
      'Local Authority District code (2019)',
      ...imdDefs.map((d) => d.numerator),
    ]);
    imdRows++;
    const code = r.cells['LSOA code (2011)']!;
    imdAreas.set(code, {
      name: r.cells['LSOA name (2011)']!,
      parent: r.cells['Local Authority District code (2019)']!,
    });
    for (const d of imdDefs) {
      const raw = r.cells[d.numerator]!;
      if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) throw valueError(imdFile, r.line, d.numerator, raw, 'a number');
      const m = lsoa2011.values.get(d.id) ?? new Map<string, number | null>();
      m.set(code, Number(raw));
      lsoa2011.values.set(d.id, m);
    }
  }
  inputs.push(await inputRecord(ctx, 'imd-2019-lsoa', imdFile, { rows_read: imdRows, rows_used: imdRows }));

  // IMD 2019 borough summary measures.
  const imdBFile = sourcePath(ctx, 'imd-2019-borough');
  const imdBDefs = defs.filter((d) => d.table === 'imd2019borough');
  let imdBHeader: string[] = [];
  let imdBRows = 0;
  const boroughLevel = levelOf(levels, 'borough');
  for await (const r of readCsv(imdBFile, { onHeader: (h) => (imdBHeader = h.columns) })) {
    checkHeader(imdBFile, imdBHeader, ['Local Authority District code (2019)', ...imdBDefs.map((d) => d.numerator)]);
    imdBRows++;
    const code = r.cells['Local Authority District code (2019)']!;
    if (!boroughLevel.areas.has(code))
      throw valueError(imdBFile, r.line, 'Local Authority District code (2019)', code, 'a London borough code');
    for (const d of imdBDefs) {
      const raw = r.cells[d.numerator]!;
      if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) throw valueError(imdBFile, r.line, d.numerator, raw, 'a number');
      const m = boroughLevel.values.get(d.id) ?? new Map<string, number | null>();
      m.set(code, Number(raw) * Number(d.scale));
      boroughLevel.values.set(d.id, m);
    }
  }
  inputs.push(await inputRecord(ctx, 'imd-2019-borough', imdBFile, { rows_read: imdBRows, rows_used: imdBRows }));

  // Published single columns, each on its own vintage.
  for (const [srcId, spec] of Object.entries(COLUMN_SOURCES) as [SourceId, ColumnSource][]) {
    const colDefs = defs.filter((d) => d.table === 'column' && d.source === srcId);
    if (!colDefs.length) continue;
    for (const d of colDefs) {
      if (d.levels !== spec.level)
        throw new DataError(
          `data/reference/indicators.csv: ${d.id} comes from ${srcId}, which is published for level ${spec.level} only, not ${d.levels}.`,
        );
    }
    let L = levels.get(spec.level);
    if (!L) {
      const b = await boundaryAreas(ctx, spec.level as BoundaryLevel);
      L = mk(spec.level, new Map(b.areas.map((a) => [a.code, { name: a.name, parent: a.parent }])));
    }
    const { record } = await readColumns(ctx, srcId, spec, colDefs, L);
    inputs.push(record);
  }

  // An MSOA's borough: the borough of its LSOAs ("Barnet 001A" lies in MSOA "Barnet 001").
  const msoaParent = new Map<string, string>();
  for (const a of lsoaNames.values()) msoaParent.set(a.name.slice(0, -1), a.parent);
  for (const a of msoa.areas.values()) a.parent = msoaParent.get(a.name) ?? '';
  return { defs, levels, inputs, crimeWindow: { latest, previous }, notes };
}

function levelOf(levels: Map<Level, LevelData>, l: Level): LevelData {
  const d = levels.get(l);
  if (!d) throw new Error(`level ${l} not built yet`);
  return d;
}

interface ColumnSource {
  level: Level;
  code: string;
  /** the code pattern of this level's areas; other rows are larger areas' aggregates */
  own: RegExp;
}

/** Sources whose columns are indicators as published (table "column" in the catalogue). */
export const COLUMN_SOURCES: Partial<Record<SourceId, ColumnSource>> = {
  'gla-borough-profiles-2017': { level: 'borough', code: 'Code', own: /^E09\d{6}$/ },
  'imd-2019-ward2018': { level: 'ward2018', code: 'Ward Code', own: /^E05\d{6}$/ },
  'gla-ptal-ward-2015': { level: 'ward2014', code: 'Ward Code', own: /^E05\d{6}$/ },
  'gla-ward-profiles-2015': { level: 'ward2013', code: 'New code', own: /^E05\d{6}$/ },
  'ons-msoa2011-income': { level: 'msoa2011', code: 'MSOA code', own: /^E02\d{6}$/ },
};

/** Written for "no value" in the GLA and ONS tables. */
const MISSING = new Set(['', 'nan', '-', '.', 'n/a', '..', ':']);

/** "£29,420 ", "4,323", "12.5" → number; the missing markers → null; anything else is an error. */
export function publishedNumber(file: string, line: number, column: string, raw: string): number | null {
  const t = raw.trim();
  if (MISSING.has(t.toLowerCase())) return null;
  const n = t.replace(/^£\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(n))
    throw valueError(file, line, column, raw, 'a number (or NaN, "-" or empty for a missing value)');
  return Number(n);
}

async function readColumns(
  ctx: DeriveContext,
  id: SourceId,
  spec: ColumnSource,
  defs: IndicatorDef[],
  L: LevelData,
): Promise<{ record: InputRecord }> {
  const file = sourcePath(ctx, id);
  let header: string[] = [];
  let cols = new Map<string, string>();
  let read = 0;
  let used = 0;
  const rejected: Record<string, number> = {};
  const seen = new Map<string, number>();
  for (const d of defs) L.values.set(d.id, new Map([...L.areas.keys()].map((c) => [c, null])));
  for await (const r of readCsv(file, { onHeader: (h) => (header = h.columns) })) {
    if (read === 0) cols = checkHeader(file, header, [spec.code, ...defs.map((d) => d.numerator)]);
    read++;
    const code = r.cells[cols.get(spec.code)!]!.trim();
    if (!spec.own.test(code)) {
      const why = `a larger area's row (${code.slice(0, 3)}…: borough, region or country), not a ${spec.level} area`;
      rejected[why] = (rejected[why] ?? 0) + 1;
      continue;
    }
    if (!L.areas.has(code)) throw valueError(file, r.line, spec.code, code, `a code of the ${spec.level} boundaries`);
    if (seen.has(code))
      throw valueError(file, r.line, spec.code, code, `a code not already given at line ${seen.get(code)}`);
    seen.set(code, r.line);
    used++;
    for (const d of defs) {
      const v = publishedNumber(file, r.line, d.numerator, r.cells[cols.get(d.numerator)!]!);
      L.values.get(d.id)!.set(code, v === null ? null : v * Number(d.scale || 1));
    }
  }
  return { record: await inputRecord(ctx, id, file, { rows_read: read, rows_used: used, rejected_reasons: rejected }) };
}
