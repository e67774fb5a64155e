/**
 * What the street-level derive modules share: the study areas (borough boundaries),
 * the reasons a record is not used, and the City of London archive classified once,
 * by one rule, for every output that counts its records (hotspot data set, Hot
 * Blocking, City wards): one record per Crime ID (the first in file order); a
 * location; coordinates near London; membership of the City by the record's LSOA
 * code (data.police.uk assigns it from full-resolution boundaries), by the map point
 * and the boundary only where a record has no LSOA code.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { inputRecord, sourcePath, type DeriveContext, type InputRecord } from './context.ts';
import { boundaryAreas } from './boundary-levels.ts';
import { lit, type Duck } from './duck.ts';
import { DataError } from './errors.ts';
import type { CrimeTypes } from './police-uk.ts';
import { accountFiles, archiveFiles, loadStreetRecords, type LoadedFile } from './street-records.ts';
import { outlineContains } from '../../src/lib/hotspots/dataset.ts';
import { CITY_CODE } from '../../src/lib/areas.ts';
import type { SourceId } from '../sources.ts';
import { readGeoJson } from './geo.ts';

/** Records farther than this outside the force's area are implausible (swapped, zero or mistyped coordinates). */
export const IMPLAUSIBLE_MARGIN_M = 5000;
export const R = {
  duplicate: 'duplicate Crime ID (an earlier record has the same ID; the first is kept)',
  noLocation: 'no location (no coordinates in the file)',
  implausible: (where: string) =>
    `implausible coordinates (more than ${IMPLAUSIBLE_MARGIN_M / 1000} km outside ${where})`,
  cityLsoa: 'recorded in another borough (its LSOA code is not a City of London LSOA)',
  cityBoundary: 'outside the City of London boundary (no LSOA code: placed by its map point)',
  outsideLondon: 'outside every London borough boundary',
  spill: "in a borough the extract does not cover (map points returned by neighbouring wards' queries)",
} as const;

export interface Area {
  code: string;
  name: string;
  rings: Position[][];
  bbox: [number, number, number, number];
}

export function readAreas(file: string): Map<string, Area> {
  const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
  const out = new Map<string, Area>();
  fc.features.forEach((f, i) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    if (typeof p.LAD22CD !== 'string' || typeof p.LAD22NM !== 'string')
      throw new DataError(`${file}: feature ${i} lacks LAD22CD/LAD22NM (expected strings).`);
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    const pts = rings.flat();
    out.set(p.LAD22CD, {
      code: p.LAD22CD,
      name: p.LAD22NM,
      rings,
      bbox: [
        Math.min(...pts.map((q) => q[0]!)),
        Math.min(...pts.map((q) => q[1]!)),
        Math.max(...pts.map((q) => q[0]!)),
        Math.max(...pts.map((q) => q[1]!)),
      ],
    });
  });
  return out;
}

/** Even-odd containment over every ring (holes included), after a bounding-box test. Planar in degrees: fine at borough scale. */
export function contains(a: Area, lon: number, lat: number): boolean {
  if (lon < a.bbox[0] || lon > a.bbox[2] || lat < a.bbox[1] || lat > a.bbox[3]) return false;
  return outlineContains(a.rings as [number, number][][], lon, lat);
}

/** A bounding box in degrees grown by `m` metres on every side. */
export function grow(b: [number, number, number, number], m: number): [number, number, number, number] {
  const dLat = m / 111_320;
  const dLon = m / (111_320 * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

export const inBox = (b: [number, number, number, number]) =>
  `r.lon between ${b[0]} and ${b[2]} and r.lat between ${b[1]} and ${b[3]}`;

/**
 * A new table filled from JS values through DuckDB's appender (no SQL text per row).
 * `columns` is the table's definition, e.g. "lon double, lat double, borough varchar".
 */
export async function tableOf(
  duck: Duck,
  name: string,
  columns: string,
  rows: (string | number | boolean | null)[][],
): Promise<void> {
  await duck.run(`create or replace table ${name} (${columns})`);
  const types = columns.split(',').map((c) => c.trim().split(/\s+/)[1]!.toLowerCase());
  const app = await duck.con.createAppender(name);
  for (const r of rows) {
    r.forEach((v, i) => {
      if (v === null) app.appendNull();
      else if (types[i] === 'double') app.appendDouble(v as number);
      else if (types[i] === 'integer') app.appendInteger(v as number);
      else if (types[i] === 'boolean') app.appendBoolean(v as boolean);
      else app.appendVarchar(String(v));
    });
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
}

/**
 * For every id held by more than one record: the first of them in file order (rec's
 * rowid), in table first_of_id (id, first). A hash aggregate over the duplicated ids
 * only, not a sort of every record.
 */
export async function firstOfId(duck: Duck): Promise<void> {
  await duck.run(
    `create or replace temp table first_of_id as select id, min(rowid) as first from rec where id in (select id from rec where id is not null group by id having count(*) > 1) group by id`,
  );
}

/** LSOA codes, names and boroughs from a 2021 LSOA boundary file (borough from its LAD22CD property). */
export async function boundaryLsoas(ctx: DeriveContext, id: SourceId, codeField: string, nameField: string) {
  const file = sourcePath(ctx, id);
  const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
  const codes: string[] = [];
  const name = new Map<string, string>();
  const parent = new Map<string, string>();
  fc.features.forEach((f, i) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const [c, n, b] = [p[codeField], p[nameField], p.LAD22CD];
    if (typeof c !== 'string' || typeof n !== 'string' || typeof b !== 'string')
      throw new DataError(`${file}: feature ${i} lacks ${codeField}/${nameField}/LAD22CD (expected strings).`);
    codes.push(c);
    name.set(c, n);
    parent.set(c, b);
  });
  return {
    codes,
    name,
    parent,
    inputs: [await inputRecord(ctx, id, file, { rows_read: codes.length, rows_used: codes.length })],
  };
}

/** Greater London's bounding box, grown by IMPLAUSIBLE_MARGIN_M: coordinates outside it cannot be a London force's record. */
export function plausibleBox(areas: Map<string, Area>): [number, number, number, number] {
  const all = [...areas.values()];
  return grow(
    [
      Math.min(...all.map((a) => a.bbox[0])),
      Math.min(...all.map((a) => a.bbox[1])),
      Math.max(...all.map((a) => a.bbox[2])),
      Math.max(...all.map((a) => a.bbox[3])),
    ],
    IMPLAUSIBLE_MARGIN_M,
  );
}

export interface CityRecords {
  loaded: LoadedFile[];
  months: string[];
  city: Area;
  areas: Map<string, Area>;
  /** LSOA code → name (2021 and 2011), for the parts of streets */
  lsoaNames: Map<string, string>;
  /** input records of the boundary files read */
  inputs: InputRecord[];
  /** per archive file: read, used and rejected by reason */
  accounting: Map<string, { read: number; used: number; rejected: Record<string, number> }>;
}

/**
 * Loads the City of London Police archive files into DuckDB and classifies every
 * record in table `city` (all of the view records' columns plus `status`: null for a record of
 * the City, else the reason). `extra` may reject more, first (e.g. anti-social
 * behaviour for a crime count): a SQL CASE branch over `r` such as
 * "when not r.is_crime then '…'".
 */
export async function classifyCityRecords(
  ctx: DeriveContext,
  duck: Duck,
  types: CrimeTypes,
  extra = '',
): Promise<CityRecords> {
  const areaFile = sourcePath(ctx, 'ons-boroughs-2022-gen20');
  const areas = readAreas(areaFile);
  const city = areas.get(CITY_CODE);
  if (!city) throw new DataError(`${areaFile}: no feature with LAD22CD ${CITY_CODE} (City of London).`);
  const box = plausibleBox(areas);
  // The City's LSOAs, 2021 and 2011 (the archive uses the codes current when each month was published).
  const lsoa21 = await boundaryLsoas(ctx, 'ons-lsoa-2021', 'LSOA21CD', 'LSOA21NM');
  const lsoa11 = await boundaryAreas(ctx, 'lsoa2011');
  const cityLsoas = new Set([
    ...lsoa21.codes.filter((c) => lsoa21.parent.get(c) === CITY_CODE),
    ...lsoa11.areas.filter((a) => a.parent === CITY_CODE).map((a) => a.code),
  ]);
  if (!cityLsoas.size) throw new DataError('no City of London LSOAs found in the LSOA boundary files.');
  const lsoaNames = new Map([
    ...lsoa21.codes.map((c) => [c, lsoa21.name.get(c)!] as const),
    ...lsoa11.areas.map((a) => [a.code, a.name] as const),
  ]);
  const loaded = await loadStreetRecords(duck, 'archive', archiveFiles(sourcePath(ctx, 'policeuk-street-city')), types);
  await tableOf(
    duck,
    'city_lsoa',
    'code varchar',
    [...cityLsoas].sort().map((c) => [c]),
  );
  const noCode = await duck.rows<{ lon: number; lat: number }>(
    `select distinct lon, lat from records r where lsoa is null and lon is not null and ${inBox(box)}`,
  );
  await tableOf(
    duck,
    'pip',
    'lon double, lat double, inside boolean',
    noCode.map((p) => [p.lon, p.lat, contains(city, p.lon, p.lat)]),
  );
  await firstOfId(duck);
  await duck.run(`create or replace table city as select r.*, case ${extra}
      when d.id is not null and r.seq <> d.first then ${lit(R.duplicate)}
      when r.lon is null then ${lit(R.noLocation)}
      when not (${inBox(box)}) then ${lit(R.implausible('Greater London'))}
      when r.lsoa is not null and r.lsoa not in (select code from city_lsoa) then ${lit(R.cityLsoa)}
      when r.lsoa is null and not coalesce(p.inside, false) then ${lit(R.cityBoundary)}
      else null end as status
    from records r left join first_of_id d on d.id = r.id left join pip p on r.lsoa is null and p.lon = r.lon and p.lat = r.lat`);
  const areaInput = await inputRecord(ctx, 'ons-boroughs-2022-gen20', areaFile, {
    rows_read: areas.size,
    rows_used: areas.size,
  });
  return {
    loaded,
    months: loaded.map((l) => l.month),
    city,
    areas,
    lsoaNames,
    inputs: [areaInput, ...lsoa21.inputs, ...lsoa11.inputs],
    accounting: await accountFiles(duck, 'city'),
  };
}
