/**
 * data/derived/hotspots_index.json and one hotspots_<id>.json per street-level data
 * set: the City of London Police archive files, and the Metropolitan Police API
 * extract, one file per covered borough; for the City and Westminster also the Hot
 * Blocking segment counts (hotblocks_<id>_segments.csv and _counts.csv, ODbL).
 *
 * The records are read and counted in DuckDB (scripts/lib/street-records.ts). Each
 * data set file holds its map points in metres on a local azimuthal equidistant
 * projection centred on the study area; every record's own location label ("On or
 * near …") and its part (LSOA in archive data, the queried ward in API data); the
 * crimes counted by place × month × crime type; and, where an OpenStreetMap network
 * exists, the drivable street segments and each place's nearest segment.
 *
 * Which records belong to the study area:
 * - City of London archive: by the record's LSOA code (data.police.uk assigns it
 *   from full-resolution boundaries); by the map point and the boundary only for a
 *   record without an LSOA code.
 * - Met API extract: the records carry no LSOA code, so by the map point and the
 *   borough boundary (ONS, generalised to 20 m).
 * Every record is accounted for, file by file: used, or rejected with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { stableJson, toCsv } from '../lib/write.ts';
import {
  inputRecord,
  keepCommitted,
  parseWith,
  sourcePath,
  unrecoverable,
  type DeriveModule,
  type InputRecord,
  type OutputRecord,
} from '../lib/context.ts';
import {
  labelKind,
  readCrimeTypes,
  readPlaceLabels,
  type CrimeTypes,
  type LabelKind,
  type PlaceLabels,
} from '../lib/police-uk.ts';
import { accountFiles, apiFiles, loadStreetRecords, type LoadedFile } from '../lib/street-records.ts';
import {
  classifyCityRecords,
  contains,
  firstOfId,
  inBox,
  plausibleBox,
  R,
  readAreas,
  tableOf,
  type Area,
} from '../lib/street-areas.ts';
import { boundaryAreas } from '../lib/boundary-levels.ts';
import { lit, openDuck, readCsvSql, type Duck } from '../lib/duck.ts';
import { DataError } from '../lib/errors.ts';
import { localProjection, type Projection } from '../../src/lib/hotspots/grid.ts';
import { snapToSegments } from '../../src/lib/hotspots/snap.ts';
import { WESTMINSTER_CODE } from '../../src/lib/areas.ts';
import { hotspotIndexSchema, type HotspotIndex } from '../../src/data/schema/hotspots.ts';
import { source, type SourceId } from '../sources.ts';
import { readGeoJson } from '../lib/geo.ts';

export const INDEX = 'hotspots_index.json';
/** A map point farther than this from every drivable segment is left unsnapped. */
export const SNAP_MAX_M = 60;
/** Bins (metres) of the published distribution of snap distances. */
const HISTOGRAM_EDGES = [0, 5, 10, 20, 30, 40, 50, 60, 80, 100, 150, Infinity];
/** A borough counts as covered by the API extract with at least this many records a month on average. */
const COVERED_PER_MONTH = 1000;

/** Counts of the used records of `table` by month, type, point, location and part (and `extra` columns), in one scan. */
async function groupUsed(duck: Duck, table: string, into: string, partColumn: string, extra = ''): Promise<void> {
  await duck.run(
    `create or replace table ${into} as select month, type, lon, lat, coalesce(location, '') as location, coalesce(${partColumn}, '') as part${extra}, count(*)::integer as n from ${table} where status is null group by all`,
  );
}

/** A street network for Hot Blocking: segments as polylines in the data set's projection. */
interface Network {
  sourceId: SourceId;
  date: string;
  id: string[];
  name: string[];
  highway: string[];
  length: number[];
  /** metres, full precision (for snapping) */
  lines: number[][];
  /** segments in the file that are not the study area's */
  dropped: number;
  read: number;
}

/** A GeoJSON property as text (OSM values are strings, numbers or lists of them). */
const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v === null || v === undefined
        ? ''
        : JSON.stringify(v);
const joinList = (v: unknown) =>
  Array.isArray(v)
    ? v
        .filter((x) => x !== null)
        .map(text)
        .join(' / ')
    : text(v);

function readNetwork(file: string, sourceId: SourceId, proj: Projection): Network {
  const fc = readGeoJson<LineString>(file, ['LineString']);
  const net: Network = {
    sourceId,
    date: '2024-02-17',
    id: [],
    name: [],
    highway: [],
    length: [],
    lines: [],
    dropped: 0,
    read: fc.features.length,
  };
  const city = sourceId === 'osm-streets-city';
  fc.features.forEach((f: Feature<LineString>, i) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    if (f.geometry?.type !== 'LineString') throw new DataError(`${file}: feature ${i} is not a LineString.`);
    if (city) {
      if (typeof p.city_share !== 'number' || typeof p.length_m !== 'number' || typeof p.seg_id !== 'string')
        throw new DataError(`${file}: feature ${i} lacks seg_id, length_m or city_share.`);
      // The City's segments: those with any part inside the City (the file adds a 500 m buffer around it).
      if (p.city_share <= 0) {
        net.dropped++;
        return;
      }
    } else if (typeof p.length !== 'number' || p.u === undefined || p.v === undefined)
      throw new DataError(`${file}: feature ${i} lacks u, v or length.`);
    net.id.push(city ? text(p.seg_id) : `${text(p.u)}-${text(p.v)}-${text(p.key ?? 0)}`);
    net.name.push(joinList(p.name));
    net.highway.push(joinList(p.highway));
    net.length.push(Math.round(Number(city ? p.length_m : p.length) * 10) / 10);
    net.lines.push(f.geometry.coordinates.flatMap(([lon, lat]) => proj.forward(lon!, lat!)));
  });
  return net;
}

/** A data set's places (sorted by point, label and part) and its counts by month, type and place index. */
interface Grouped {
  places: { lon: number; lat: number; location: string; part: string }[];
  events: { m: number; t: number; p: number; n: number }[];
}

/**
 * The counts of `table` (a grouping of the used records by month, type, lon, lat,
 * location and part, made once by groupUsed) for the rows matching `where`, as
 * places and integer counts: only small tables cross into JS.
 */
async function grouped(duck: Duck, table: string, where: string): Promise<Grouped> {
  await duck.run(
    `create or replace temp table g as select month, type, lon, lat, location, part, n from ${table} where ${where}`,
  );
  await duck.run(
    `create or replace temp table gp as select row_number() over (order by lon, lat, location, part) - 1 as p, * from (select distinct lon, lat, location, part from g)`,
  );
  const places = await duck.rows<Grouped['places'][number] & { p: number }>(
    `select p, lon, lat, location, part from gp order by p`,
  );
  const events = await duck.rows<Grouped['events'][number]>(
    `select m.i as m, t.i as t, gp.p, g.n from g join gp using (lon, lat, location, part) join months m using (month) join types t using (type) order by m, t, gp.p`,
  );
  return { places, events };
}

/**
 * The incident explorer's counts (data/derived/explorer_<id>.json): the used records of
 * `source` by month, crime type, outcome and place, the places being those of the
 * hotspot data set just grouped (temp table gp, so place indexes agree). `outcome` is
 * the SQL for a record's outcome ('' when it has none, as anti-social behaviour).
 */
async function outcomeGroups(
  duck: Duck,
  source: string,
  partColumn: string,
  where: string,
  outcome: string,
): Promise<{ outcomes: string[]; m: number[]; t: number[]; o: number[]; p: number[]; n: number[] }> {
  const rows = await duck.rows<{ m: number; t: number; p: number; outcome: string; n: number }>(
    `select m.i as m, t.i as t, gp.p as p, coalesce(${outcome}, '') as outcome, count(*)::integer as n
       from ${source} s join months m on m.month = s.month join types t on t.type = s.type
       join gp on gp.lon is not distinct from s.lon and gp.lat is not distinct from s.lat and gp.location = coalesce(s.location, '') and gp.part = coalesce(s.${partColumn}, '')
      where s.status is null and ${where} group by all order by m, t, p, outcome`,
  );
  const outcomes = [...new Set(rows.map((r) => r.outcome))].sort();
  const at = new Map(outcomes.map((o, i) => [o, i]));
  return {
    outcomes,
    m: rows.map((r) => r.m),
    t: rows.map((r) => r.t),
    o: rows.map((r) => at.get(r.outcome)!),
    p: rows.map((r) => r.p),
    n: rows.map((r) => r.n),
  };
}

/** The explorer file of a data set: its counts by month, type, outcome and place, and how its outcomes were found. */
function explorerFile(ds: Dataset, g: Awaited<ReturnType<typeof outcomeGroups>>, outcomeSource: string): string {
  const total = g.n.reduce((a, b) => a + b, 0);
  if (total !== ds.used)
    throw new DataError(
      `${ds.id}: the explorer's counts add up to ${total} records, the hotspot data set's to ${ds.used}.`,
    );
  // Compact: the groups come sorted by month, type and place, so each month × type is a run
  // (its end in `offsets`, as the hotspot files' events) and places are deltas within a run.
  const T = ds.types.length;
  const offsets = new Array<number>(ds.months.length * T + 1).fill(0);
  for (let i = 0; i < g.n.length; i++) offsets[g.m[i]! * T + g.t[i]! + 1]!++;
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const placeDelta = g.p.map((p, i) => (i > 0 && g.m[i] === g.m[i - 1] && g.t[i] === g.t[i - 1] ? p - g.p[i - 1]! : p));
  return stableJson(
    {
      id: ds.id,
      dataset: `hotspots_${ds.id.replace(/^met-/, 'met_')}.json`,
      outcomeSource,
      outcomes: g.outcomes.map((o) => o || 'No outcome recorded'),
      groups: { offsets, placeDelta, o: g.o, n: g.n },
      used: total,
    },
    0,
  );
}

const CITY_OUTCOME_SOURCE =
  "each crime's outcome in the latest of the City's monthly outcomes files that lists its Crime ID (where one file lists several, the first in alphabetical order); the street file's 'Last outcome category' where no outcomes file lists it";
const MET_OUTCOME_SOURCE = "the API record's outcome_category, as of the API snapshot (2018)";

/**
 * The City's outcomes files joined on Crime ID: table city_o is the used and rejected
 * street records with `latest`, the outcome of the latest outcomes file listing the
 * crime. Every outcome row is used (the one chosen for a crime) or rejected with its reason.
 */
async function cityLatestOutcomes(
  ctx: Parameters<DeriveModule['derive']>[0],
  duck: Duck,
): Promise<{ inputs: InputRecord[] }> {
  const dir = sourcePath(ctx, 'policeuk-street-city');
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-[a-z0-9-]+-outcomes\.csv$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (!files.length)
    throw new DataError(
      `${dir}: no data.police.uk outcomes files (expected names like 2022-04-city-of-london-outcomes.csv).`,
    );
  const want = ['Crime ID', 'Month', 'Outcome type'];
  const header = (f: string) =>
    readFileSync(f, 'utf8')
      .split(/\r?\n/, 1)[0]!
      .replace(/^\uFEFF/, '')
      .split(',');
  const h0 = header(files[0]!);
  for (const f of files) {
    const h = header(f);
    const missing = want.filter((w) => !h.includes(w));
    if (missing.length)
      throw new DataError(
        `${f}: line 1: expected the columns ${want.join(', ')}; ${missing.join(', ')} not found (found ${h.join(', ')}).`,
      );
    if (h.join(',') !== h0.join(','))
      throw new DataError(`${f}: line 1: the header differs from ${files[0]}'s (${h0.join(', ')}).`);
  }
  const col = (name: string) => `c${h0.indexOf(name)}`;
  await duck.run(
    `create or replace table city_out as select filename as file, nullif(trim(${col('Crime ID')}), '') as id, ${col('Month')} as month, ${col('Outcome type')} as outcome from ${readCsvSql(files, h0.length, "compression = 'none'")}`,
    'City outcomes files',
  );
  await duck.run(
    `create or replace table city_out_r as select *, row_number() over (partition by id order by month desc, outcome) as r from city_out`,
  );
  await duck.run(
    `create or replace table city_o as select c.*, l.outcome as latest from city c left join (select id, outcome from city_out_r where id is not null and r = 1 and id in (select id from city where status is null and id is not null)) l on l.id = c.id`,
  );
  const acc = await duck.rows<{ file: string; status: string | null; n: number }>(
    `select file, case when id is null then 'no Crime ID'
        when id not in (select id from city where status is null and id is not null) then 'Crime ID not among the used City street records'
        when r > 1 then 'superseded by a later outcome of the same crime (or, in the same file, an earlier one in alphabetical order)'
        else null end as status, count(*)::integer as n from city_out_r group by all order by all`,
  );
  const inputs: InputRecord[] = [];
  for (const f of files) {
    const mine = acc.filter((a) => a.file === f);
    const rejected = Object.fromEntries(mine.filter((a) => a.status).map((a) => [a.status!, a.n]));
    inputs.push(
      await inputRecord(ctx, 'policeuk-street-city', f, {
        rows_read: mine.reduce((a, b) => a + b.n, 0),
        rows_used: mine.filter((a) => !a.status).reduce((a, b) => a + b.n, 0),
        rejected_reasons: rejected,
      }),
    );
  }
  return { inputs };
}

/** The manifest record of an explorer file. */
function explorerRecord(
  file: string,
  place: string,
  ds: Dataset,
  g: Awaited<ReturnType<typeof outcomeGroups>>,
  sources: SourceId[],
  inputs: InputRecord[],
  outcomeSource: string,
): OutputRecord {
  return {
    file,
    title: `Street-level crime by month, type, outcome and place: ${place} (incident explorer)`,
    description: `The ${ds.used.toLocaleString('en-GB')} records of the hotspot data set ${ds.id} counted by month, crime type, outcome and place (the places of hotspots file ${ds.id}), for the incident explorer. Outcome: ${outcomeSource}.`,
    format: 'json',
    rows: g.n.length,
    columns: [
      'outcomes[]',
      'groups.offsets (end of each month × type run)',
      'groups.placeDelta (place index, as a difference within a run)',
      'groups.o (outcome index)',
      'groups.n (records)',
    ],
    coverage: { from: ds.months[0]!, to: ds.months.at(-1)! },
    sources,
    inputs,
    notes: [
      'Counts of records, not of people or places; one record is one crime or anti-social behaviour incident as published by data.police.uk.',
    ],
    licence: source(sources[0]!).licence,
    attribution: source(sources[0]!).attribution,
  };
}

interface Meta {
  id: string;
  title: string;
  force: string;
  sourceId: SourceId;
  placeKind: string;
  membership: string;
  partKind: 'LSOA' | 'ward';
}

function buildDataset(
  area: Area,
  meta: Meta,
  data: Grouped,
  months: string[],
  typeList: string[],
  types: CrimeTypes,
  labels: PlaceLabels,
  partNames: Map<string, string>,
  excluded: Map<string, Map<string, number>>,
  coverage: unknown,
  extras: {
    network: Network | null;
    orientation: { names: string[]; rings: Position[][][] } | null;
    proj: Projection;
    centre: [number, number];
  },
) {
  const { proj } = extras;
  const r1 = (v: number) => Math.round(v * 10) / 10;
  // Distinct places (map point × label × part), sorted by the engine so that the order does not depend on the months.
  const placeRows = data.places;
  const labelList = [...new Set(placeRows.map((r) => r.location))].sort();
  const labelIndex = new Map(labelList.map((l, i) => [l, i]));
  const partList = [...new Set(placeRows.map((r) => r.part))].sort();
  const partIndex = new Map(partList.map((p, i) => [p, i]));
  const xy = placeRows.map((r) => proj.forward(r.lon, r.lat));
  const events = data.events.map((e) => [e.m, e.t, e.p, e.n] as const);
  let network: unknown = null;
  if (extras.network) {
    const net = extras.network;
    const snap = snapToSegments(
      net.lines,
      xy.map((p) => p[0]),
      xy.map((p) => p[1]),
      SNAP_MAX_M,
    );
    const d = [...snap.distance].filter(Number.isFinite).sort((a, b) => a - b);
    const q = (p: number) => r1(d[Math.min(d.length - 1, Math.floor(p * (d.length - 1)))] ?? NaN);
    const snapStats = {
      places: placeRows.length,
      snapped: snap.segment.filter((s) => s >= 0).length,
      unsnapped: snap.segment.filter((s) => s < 0).length,
      ties: snap.ties,
      distanceQuantiles: { p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), max: r1(d.at(-1) ?? NaN) },
      histogram: HISTOGRAM_EDGES.slice(0, -1).map((lo, i) => {
        const hi = HISTOGRAM_EDGES[i + 1]!;
        return {
          from: lo,
          to: Number.isFinite(hi) ? hi : null,
          places: [...snap.distance].filter((v) => v >= lo && v < hi).length,
        };
      }),
    };
    network = {
      source: net.sourceId,
      date: net.date,
      threshold: SNAP_MAX_M,
      segments: {
        id: net.id,
        ...indexed('name', net.name),
        ...indexed('highway', net.highway),
        length: net.length,
        path: networkPaths(net.lines),
      },
      snap: {
        segment: [...snap.segment],
        distance: [...snap.distance].map((v) => (Number.isFinite(v) ? r1(v) : null)),
      },
      stats: snapStats,
    };
  }
  const json = {
    id: meta.id,
    title: meta.title,
    force: meta.force,
    source: meta.sourceId,
    placeKind: meta.placeKind,
    membership: meta.membership,
    area: { code: area.code, name: area.name },
    centre: extras.centre,
    projection:
      'azimuthal equidistant centred on "centre", metres east (x) and north (y), sphere of radius 6,371,008.8 m',
    months,
    types: typeList,
    isCrime: typeList.map((t) => types.crimeLabels.has(t)),
    outline: area.rings.map((ring) => ring.map(([lon, lat]) => proj.forward(lon!, lat!).map((v) => Math.round(v)))),
    places: {
      x: xy.map((p) => r1(p[0])),
      y: xy.map((p) => r1(p[1])),
      label: placeRows.map((r) => labelIndex.get(r.location)!),
      part: placeRows.map((r) => partIndex.get(r.part)!),
    },
    labels: { name: labelList, kind: labelList.map((l) => labelKind(l, labels)) },
    parts: { kind: meta.partKind, code: partList, name: partList.map((p) => partNames.get(p) ?? '') },
    events: encodeEvents(events, months.length, typeList.length),
    used: data.events.reduce((a, e) => a + e.n, 0),
    excluded: Object.fromEntries(
      [...excluded].sort().map(([reason, m]) => [reason, Object.fromEntries([...m].sort())]),
    ),
    coverage,
    network,
    orientation: extras.orientation
      ? {
          kind: 'wards',
          vintage: '2014',
          names: extras.orientation.names,
          rings: extras.orientation.rings.map((rs) =>
            rs.map((ring) =>
              dropRepeats(
                ring.map(
                  ([lon, lat]) => proj.forward(lon!, lat!).map((v) => Math.round(v / 2) * 2) as [number, number],
                ),
              ),
            ),
          ),
        }
      : null,
  };
  return json;
}

/** Repeated strings as a sorted list and an index per item: { name: [2, 0, …], names: ['A', 'B', 'C'] }. */
function indexed<K extends string>(key: K, values: string[]): Record<K, number[]> & Record<`${K}s`, string[]> {
  const list = [...new Set(values)].sort();
  const at = new Map(list.map((v, i) => [v, i]));
  return { [key]: values.map((v) => at.get(v)!), [`${key}s`]: list } as Record<K, number[]> & Record<`${K}s`, string[]>;
}

/**
 * The segments for drawing, in the data set's metres: vertices whose triangle with
 * their neighbours has under 2 m² are dropped (Visvalingam, topojson-simplify, which
 * moves no line by more than a metre or so), then each line is written as its first
 * point and the differences to the next, on a 1 m lattice. Snapping used the
 * full-precision lines.
 */
function networkPaths(lines: number[][]): number[][] {
  type Topo = Parameters<typeof presimplify>[0];
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: lines.map((l, i) => ({
      type: 'Feature',
      id: i,
      properties: null,
      geometry: {
        type: 'LineString',
        coordinates: Array.from({ length: l.length / 2 }, (_, k) => [l[2 * k]!, l[2 * k + 1]!]),
      },
    })),
  };
  const topo = simplify(presimplify(topology({ segments: fc }) as unknown as Topo), 2);
  const geoms = (topo.objects.segments as unknown as { geometries: { arcs: number[] }[] }).geometries;
  return geoms.map((g) => {
    const pts = g.arcs.flatMap((a, j) => {
      const arc = a >= 0 ? topo.arcs[a]! : [...topo.arcs[~a]!].reverse();
      return (j ? arc.slice(1) : arc).filter((p) => p[2] === undefined || p[2] > 0 || p === arc[0] || p === arc.at(-1));
    });
    const out: number[] = [];
    let [px, py] = [0, 0];
    pts.forEach((p, k) => {
      const x = Math.round(p[0]!);
      const y = Math.round(p[1]!);
      if (k && x === px && y === py) return;
      out.push(x - px, y - py);
      [px, py] = [x, y];
    });
    if (out.length < 4) out.push(0, 0);
    return out;
  });
}

function dropRepeats(ring: [number, number][]): [number, number][] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
}

function projectionFor(a: Area): { proj: Projection; centre: [number, number] } {
  const lon0 = Math.round(((a.bbox[0] + a.bbox[2]) / 2) * 1e4) / 1e4;
  const lat0 = Math.round(((a.bbox[1] + a.bbox[3]) / 2) * 1e4) / 1e4;
  return { proj: localProjection(lon0, lat0), centre: [lon0, lat0] };
}

/** Rejected counts by reason and month, for the data set file and the page's notes. */
async function exclusions(duck: Duck, table: string, where = 'true'): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of await duck.rows<{ status: string; month: string; n: number }>(
    `select status, month, count(*) as n from ${table} where status is not null and ${where} group by all order by all`,
  )) {
    const m = out.get(r.status) ?? new Map<string, number>();
    m.set(r.month, r.n);
    out.set(r.status, m);
  }
  return out;
}

/** Hot Blocking download (ODbL): every segment, with the records snapped to it by crime type over the whole period. */
function hotblockFile(net: Network, ds: Dataset): { text: string; rows: number } {
  const seg = (ds.network as { snap: { segment: number[] } }).snap.segment;
  const T = ds.types.length;
  const byType = net.id.map(() => new Float64Array(T));
  const points = net.id.map(() => new Set<string>());
  const { offsets, placeDelta, n: cnt } = ds.events;
  for (let b = 0; b < offsets.length - 1; b++) {
    const t = b % T;
    let p = 0;
    for (let e = offsets[b]!; e < offsets[b + 1]!; e++) {
      p += placeDelta[e]!;
      const s = seg[p]!;
      if (s < 0) continue;
      byType[s]![t]! += cnt[e]!;
      points[s]!.add(`${ds.places.x[p]},${ds.places.y[p]}`);
    }
  }
  const slug = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^a-z]+/g, '_')
      .replace(/^_|_$/g, '');
  const rows = net.id.map((sid, s) => {
    const v = [...byType[s]!];
    const crimes = v.reduce((a, x, t) => a + (ds.isCrime[t] ? x : 0), 0);
    return [sid, net.name[s]!, net.highway[s]!, net.length[s]!, points[s]!.size, crimes, ...v];
  });
  return {
    text: toCsv(
      ['segment_id', 'street_name', 'highway', 'length_m', 'map_points_snapped', 'crimes', ...ds.types.map(slug)],
      rows,
    ),
    rows: rows.length,
  };
}

const mod: DeriveModule = {
  output: INDEX,
  async derive(ctx) {
    const types = readCrimeTypes(join(ctx.referenceDir, 'police_uk_crime_types.csv'));
    const labels = readPlaceLabels(join(ctx.referenceDir, 'police_uk_place_labels.csv'));
    const areaFile = sourcePath(ctx, 'ons-boroughs-2022-gen20');
    const areas = readAreas(areaFile);
    const box = plausibleBox(areas);
    const typeList = [...types.labels].sort();
    const files: Record<string, string> = {};
    const records: OutputRecord[] = [];
    const index: unknown[] = [];
    const areaInput = await inputRecord(ctx, 'ons-boroughs-2022-gen20', areaFile, {
      rows_read: areas.size,
      rows_used: areas.size,
    });
    // Ward names for the API's query wards (2014 and 2018 patterns).
    const wards14 = await boundaryAreas(ctx, 'ward2014');
    const wards18 = await boundaryAreas(ctx, 'ward2018');
    const wardNames = new Map([...wards18.areas, ...wards14.areas].map((w) => [w.code, w.name]));
    const wardBorough = new Map([...wards18.areas, ...wards14.areas].map((w) => [w.code, w.parent]));

    const duck = await openDuck();
    try {
      await tableOf(
        duck,
        'types',
        'i integer, type varchar',
        typeList.map((t, i) => [i, t]),
      );
      // 1. City of London Police archive files.
      {
        const c = await classifyCityRecords(ctx, duck, types);
        const city = c.city;
        const months = c.months;
        const inputs: InputRecord[] = [];
        for (const l of c.loaded) {
          const a = c.accounting.get(l.file)!;
          inputs.push(
            await inputRecord(ctx, 'policeuk-street-city', l.file, {
              rows_read: a.read,
              rows_used: a.used,
              rejected_reasons: a.rejected,
            }),
          );
        }
        await tableOf(
          duck,
          'months',
          'i integer, month varchar',
          months.map((m, i) => [i, m]),
        );
        await groupUsed(duck, 'city', 'city_g', 'lsoa');
        const rows = await grouped(duck, 'city_g', 'true');
        const cityOutcomes = await cityLatestOutcomes(ctx, duck);
        const cityGroups = await outcomeGroups(duck, 'city_o', 'lsoa', 'true', 'coalesce(s.latest, s.outcome)');
        const { proj, centre } = projectionFor(city);
        const net = readNetwork(sourcePath(ctx, 'osm-streets-city'), 'osm-streets-city', proj);
        const ds = buildDataset(
          city,
          {
            id: 'city',
            title: `City of London Police, ${months[0]} to ${months.at(-1)}`,
            force: 'City of London Police',
            sourceId: 'policeuk-street-city',
            placeKind: 'a named street ("On or near …") across the City, made of its parts in each LSOA',
            membership:
              "by each record's LSOA code (data.police.uk assigns it from full-resolution boundaries); by the map point and the City's boundary only for a record without one",
            partKind: 'LSOA',
          },
          rows,
          months,
          typeList,
          types,
          labels,
          c.lsoaNames,
          await exclusions(duck, 'city'),
          null,
          { network: net, orientation: null, proj, centre },
        );
        const out = 'hotspots_city.json';
        files[out] = stableJson(ds, 0);
        files['explorer_city.json'] = explorerFile(ds, cityGroups, CITY_OUTCOME_SOURCE);
        records.push(
          explorerRecord(
            'explorer_city.json',
            'City of London Police',
            ds,
            cityGroups,
            ['policeuk-street-city'],
            [...inputs, ...cityOutcomes.inputs],
            CITY_OUTCOME_SOURCE,
          ),
        );
        const netInput = await inputRecord(ctx, 'osm-streets-city', sourcePath(ctx, 'osm-streets-city'), {
          rows_read: net.read,
          rows_used: net.id.length,
          rejected_reasons: net.dropped
            ? { 'segment wholly outside the City (the extract adds a 500 m buffer)': net.dropped }
            : {},
        });
        records.push(
          record(
            out,
            'City of London Police street-level crime for hotspot analysis',
            ds,
            ['policeuk-street-city', 'ons-boroughs-2022-gen20', 'ons-lsoa-2021', 'ons-lsoa-2011', 'osm-streets-city'],
            [...inputs, ...c.inputs, netInput],
          ),
        );
        index.push(indexEntry(out, ds));
        const hb = hotblockFile(net, ds);
        files['hotblocks_city.csv'] = hb.text;
        records.push(hotblockRecord('city', 'City of London', ds, net, netInput, hb.rows));
        await duck.run('drop table rec');
      }

      // 2. Metropolitan Police API extract: one data set per covered borough. The extract
      // cannot be made again (the API serves only recent months): without it, the committed
      // Met data sets are kept as they are, and the index lists them with the City's new ones.
      if (unrecoverable(ctx, 'policeuk-api-met')) {
        const isMet = (f: string) => /^(hotspots|hotblocks|explorer)_met_E09\d{6}\.(json|csv)$/.test(f) || f === INDEX;
        const kept = keepCommitted(ctx, 'policeuk-api-met', isMet);
        // Checked against the index's schema, then kept as committed (the schema would drop a field it does not name).
        const committedRaw: unknown = JSON.parse(kept.files[INDEX]!);
        parseWith(join(ctx.committedDir ?? '', INDEX), hotspotIndexSchema, committedRaw);
        const committedIndex = committedRaw as HotspotIndex;
        const keptIndexRecord = kept.records.find((r) => r.file === INDEX)!;
        for (const [f, text] of Object.entries(kept.files)) if (f !== INDEX) files[f] = text;
        records.push(...kept.records.filter((r) => r.file !== INDEX));
        for (const d of committedIndex.datasets) if (d.id.startsWith('met-')) index.push(d);
        records.push({ ...keptIndexRecord, rows: index.length });
        files[INDEX] = stableJson({ datasets: index, types: typeList, spilledRecords: committedIndex.spilledRecords });
      } else {
        const dir = sourcePath(ctx, 'policeuk-api-met');
        const loaded: LoadedFile[] = await loadStreetRecords(duck, 'api', apiFiles(dir), types);
        const months = loaded.map((l) => l.month);
        const pts = await duck.rows<{ lon: number; lat: number }>(
          `select distinct lon, lat from records r where lon is not null and ${inBox(box)} order by lon, lat`,
        );
        const all = [...areas.values()];
        await tableOf(
          duck,
          'point_borough',
          'lon double, lat double, borough varchar',
          pts.map((p) => [p.lon, p.lat, all.find((a) => contains(a, p.lon, p.lat))?.code ?? null]),
        );
        const perBorough = await duck.rows<{ borough: string; n: number }>(
          `select b.borough, count(*) as n from records r join point_borough b using (lon, lat) where b.borough is not null group by all`,
        );
        const covered = perBorough
          .filter((b) => b.n / months.length >= COVERED_PER_MONTH)
          .map((b) => b.borough)
          .sort();
        await tableOf(
          duck,
          'covered',
          'code varchar',
          covered.map((c) => [c]),
        );
        await firstOfId(duck);
        await duck.run(`create or replace table met as select r.*, b.borough, case
            when d.id is not null and r.seq <> d.first then ${lit(R.duplicate.replace('Crime ID', 'API id'))}
            when r.lon is null then ${lit(R.noLocation)}
            when not (${inBox(box)}) then ${lit(R.implausible('Greater London'))}
            when b.borough is null then ${lit(R.outsideLondon)}
            when b.borough not in (select code from covered) then ${lit(R.spill)}
            else null end as status
          from records r left join first_of_id d on d.id = r.id left join point_borough b on b.lon = r.lon and b.lat = r.lat`);
        await tableOf(
          duck,
          'months',
          'i integer, month varchar',
          months.map((m, i) => [i, m]),
        );
        const byBorough = new Map<string, Map<string, Map<string, number>>>();
        for (const e of await duck.rows<{ borough: string; status: string; month: string; n: number }>(
          `select borough, status, month, count(*) as n from met where status is not null and borough is not null group by all order by all`,
        )) {
          const b = byBorough.get(e.borough) ?? new Map<string, Map<string, number>>();
          const m = b.get(e.status) ?? new Map<string, number>();
          m.set(e.month, e.n);
          b.set(e.status, m);
          byBorough.set(e.borough, b);
        }
        const acc = await accountFiles(duck, 'met');
        const inputs: InputRecord[] = [];
        for (const l of loaded) {
          const a = acc.get(l.file)!;
          inputs.push(
            await inputRecord(ctx, 'policeuk-api-met', l.file, {
              rows_read: a.read,
              rows_used: a.used,
              rejected_reasons: a.rejected,
            }),
          );
        }
        await groupUsed(duck, 'met', 'met_g', 'ward', ', borough');
        const spill = await duck.rows<{ borough: string; n: number }>(
          `select borough, count(*) as n from met where status = ${lit(R.spill)} group by all order by borough`,
        );
        // Where the map point's borough and the queried ward's borough differ (points near a borough edge).
        const wardRows = await duck.rows<{ ward: string; borough: string; n: number }>(
          `select ward, borough, count(*) as n from met where status is null group by all`,
        );
        const disagree = new Map<string, number>();
        for (const w of wardRows)
          if (wardBorough.has(w.ward) && wardBorough.get(w.ward) !== w.borough)
            disagree.set(w.borough, (disagree.get(w.borough) ?? 0) + w.n);
        for (const code of covered) {
          const area = areas.get(code)!;
          const rows = await grouped(duck, 'met_g', `borough = ${lit(code)}`);
          const metGroups = await outcomeGroups(duck, 'met', 'ward', `s.borough = ${lit(code)}`, 's.outcome');
          const perMonth = months.map((m, i) => ({
            month: m,
            records: rows.events.filter((e) => e.m === i).reduce((a, e) => a + e.n, 0),
          }));
          // Records per day, so that February is not flagged for being short.
          const days = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
          const perDay = perMonth.map((p) => p.records / days(p.month));
          const median = [...perMonth.map((p) => p.records)].sort((a, b) => a - b)[Math.floor(months.length / 2)]!;
          const medianPerDay = [...perDay].sort((a, b) => a - b)[Math.floor(months.length / 2)]!;
          const coverage = {
            monthsBelow80PercentOfMedian: perMonth
              .map((p, i) => ({ ...p, shareOfMedian: Math.round((perDay[i]! / medianPerDay) * 1000) / 1000 }))
              .filter((p) => p.shareOfMedian < 0.8),
            medianMonthlyRecords: median,
            boundaryDisagreements: disagree.get(code) ?? 0,
          };
          const { proj, centre } = projectionFor(area);
          const net =
            code === WESTMINSTER_CODE
              ? readNetwork(sourcePath(ctx, 'osm-streets-westminster'), 'osm-streets-westminster', proj)
              : null;
          const wards = wards14.areas.filter((w) => w.parent === code);
          const orientation = net
            ? null
            : {
                names: wards.map((w) => w.name),
                rings: wards.map((w) =>
                  w.feature.geometry.type === 'Polygon'
                    ? w.feature.geometry.coordinates
                    : w.feature.geometry.type === 'MultiPolygon'
                      ? w.feature.geometry.coordinates.flat()
                      : [],
                ),
              };
          const ds = buildDataset(
            area,
            {
              id: `met-${code}`,
              title: `Metropolitan Police (API), ${area.name}, ${months[0]} to ${months.at(-1)}`,
              force: 'Metropolitan Police Service',
              sourceId: 'policeuk-api-met',
              placeKind: `a named street ("On or near …") across ${area.name}, made of its parts in each ward queried`,
              membership: `by the map point and ${area.name}'s boundary (ONS, generalised to 20 m): the API records carry no LSOA code`,
              partKind: 'ward',
            },
            rows,
            months,
            typeList,
            types,
            labels,
            wardNames,
            byBorough.get(code) ?? new Map<string, Map<string, number>>(),
            coverage,
            { network: net, orientation, proj, centre },
          );
          const out = `hotspots_met_${code}.json`;
          files[out] = stableJson(ds, 0);
          files[`explorer_met_${code}.json`] = explorerFile(ds, metGroups, MET_OUTCOME_SOURCE);
          records.push(
            explorerRecord(
              `explorer_met_${code}.json`,
              `Metropolitan Police (API), ${area.name}`,
              ds,
              metGroups,
              ['policeuk-api-met'],
              [areaInput],
              MET_OUTCOME_SOURCE,
            ),
          );
          const srcs: SourceId[] = [
            'policeuk-api-met',
            'ons-boroughs-2022-gen20',
            ...(net
              ? (['osm-streets-westminster'] as SourceId[])
              : (['ons-wards-2013', 'ons-wards-2018'] as SourceId[])),
          ];
          let netInput: InputRecord | null = null;
          if (net) {
            netInput = await inputRecord(ctx, 'osm-streets-westminster', sourcePath(ctx, 'osm-streets-westminster'), {
              rows_read: net.read,
              rows_used: net.id.length,
            });
            const hb = hotblockFile(net, ds);
            files[`hotblocks_met_${code}.csv`] = hb.text;
            records.push(hotblockRecord(`met_${code}`, area.name, ds, net, netInput, hb.rows));
          }
          records.push(
            record(out, `Metropolitan Police street-level crime (API), ${area.name}, for hotspot analysis`, ds, srcs, [
              areaInput,
              ...(netInput ? [netInput] : [...wards14.inputs]),
            ]),
          );
          index.push(indexEntry(out, ds));
        }
        records.push({
          file: INDEX,
          title: 'Street-level hotspot data sets: index',
          description: `The ${index.length} street-level data sets (the City of London Police archive files, and the Metropolitan Police API extract for each of its ${covered.length} covered boroughs) with their months, records used and excluded, coverage gaps and file names.`,
          format: 'json',
          rows: index.length,
          columns: ['datasets[]: id, file, title, force, area, months, used, excluded, coverage, network'],
          coverage: {
            note: `City of London ${index.length ? '' : ''}archive and Metropolitan Police API extract (${covered.length} boroughs)`,
          },
          sources: ['policeuk-street-city', 'policeuk-api-met', 'ons-boroughs-2022-gen20'],
          inputs: [...inputs, areaInput],
          notes: [
            `Metropolitan Police API records in boroughs the extract does not cover (points of neighbouring boroughs' ward queries, under ${COVERED_PER_MONTH.toLocaleString('en-GB')} a month): ${spill.reduce((a, s) => a + s.n, 0).toLocaleString('en-GB')} records in ${spill.map((s) => areas.get(s.borough)?.name ?? s.borough).join(', ') || 'none'}; counted as rejected, not published as data sets.`,
            `Records whose map point lies in another borough than the ward the API was queried for (points near a borough edge; the boundary decides): ${[...disagree.values()].reduce((a, b) => a + b, 0).toLocaleString('en-GB')}.`,
          ],
          licence: source('policeuk-api-met').licence,
          attribution: `${source('policeuk-street-city').attribution} ${source('policeuk-api-met').attribution}`,
        });
        files[INDEX] = stableJson({
          datasets: index,
          types: typeList,
          spilledRecords: Object.fromEntries(spill.map((s) => [s.borough, s.n])),
        });
      }
    } finally {
      duck.close();
    }
    return { files, records };
  },
};

/**
 * Counts by (month, type, place), compactly: events sorted by month, type and place;
 * block b = month × types + type runs from offsets[b] to offsets[b + 1]; within a
 * block, places are stored as differences from the previous place (the first from 0).
 * Decoded by eachEvent in src/lib/hotspots/dataset.ts.
 */
function encodeEvents(events: (readonly [number, number, number, number])[], months: number, types: number) {
  const offsets = new Array<number>(months * types + 1).fill(0);
  for (const [m, t] of events) offsets[m * types + t + 1]!++;
  for (let b = 1; b < offsets.length; b++) offsets[b]! += offsets[b - 1]!;
  const placeDelta: number[] = [];
  const n: number[] = [];
  let prevBlock = -1;
  let prev = 0;
  for (const [m, t, p, c] of events) {
    const b = m * types + t;
    if (b !== prevBlock) [prevBlock, prev] = [b, 0];
    placeDelta.push(p - prev);
    prev = p;
    n.push(c);
  }
  return { offsets, placeDelta, n };
}

type Dataset = ReturnType<typeof buildDataset>;

function indexEntry(file: string, j: Dataset) {
  return {
    id: j.id,
    file,
    title: j.title,
    force: j.force,
    area: j.area,
    months: [j.months[0], j.months.at(-1)],
    used: j.used,
    places: j.places.x.length,
    labels: j.labels.name.length,
    network: j.network ? (j.network as { source: string }).source : null,
    excluded: Object.fromEntries(
      Object.entries(j.excluded).map(([k, m]) => [k, Object.values(m).reduce((a, b) => a + b, 0)]),
    ),
    coverage: j.coverage,
  };
}

function record(file: string, title: string, j: Dataset, sources: SourceId[], inputs: InputRecord[]): OutputRecord {
  const kinds = (k: LabelKind) => j.labels.kind.filter((x) => x === k).length;
  return {
    file,
    title,
    description: `JSON: ${j.places.x.length.toLocaleString('en-GB')} places (a map point in metres on a local projection, with its location label and ${j.parts.kind}) under ${j.labels.name.length.toLocaleString('en-GB')} labels (${kinds('street')} streets, ${kinds('place') + kinds('station')} place types and stations, ${kinds('blank')} blank), and ${j.used.toLocaleString('en-GB')} records counted by place × month × crime type (${j.events.n.length.toLocaleString('en-GB')} combinations), with the study-area outline${j.network ? ", the OpenStreetMap drivable segments and each place's nearest segment" : ' and the 2014 ward boundaries'}.`,
    format: 'json',
    rows: j.events.n.length,
    columns: [
      'places {x, y, label, part}',
      'labels {name, kind}',
      'parts {kind, code, name}',
      'events {month, type, place, n}',
      'outline',
      'excluded',
      'coverage',
      'network',
      'orientation',
    ],
    coverage: { from: j.months[0]!, to: j.months.at(-1)! },
    sources,
    inputs,
    notes: [
      'Locations are data.police.uk snap points: each crime is moved to the nearest of about 750,000 anonymous map points, so a map point is a snap point and a street is its "On or near …" name.',
      `Membership of the study area: ${j.membership}.`,
      `Records excluded: ${
        Object.entries(j.excluded)
          .map(
            ([k, m]) =>
              `${k} ${Object.values(m)
                .reduce((a, b) => a + b, 0)
                .toLocaleString('en-GB')}`,
          )
          .join('; ') || 'none'
      }.`,
      ...(j.network
        ? [
            'The street network is © OpenStreetMap contributors (ODbL 1.0); the per-segment counts are offered under the ODbL in the hotblocks_*.csv files.',
          ]
        : []),
    ],
    licence: j.network
      ? 'Open Government Licence v3.0 (crime records); ODbL 1.0 (street network)'
      : 'Open Government Licence v3.0',
    attribution: j.network
      ? `${source(j.source).attribution} Street network © OpenStreetMap contributors (ODbL).`
      : source(j.source).attribution,
  };
}

function hotblockRecord(
  stem: string,
  place: string,
  ds: Dataset,
  net: Network,
  netInput: InputRecord,
  rows: number,
): OutputRecord {
  const stats = (ds.network as { stats: { places: number; snapped: number; unsnapped: number } }).stats;
  return {
    file: `hotblocks_${stem}.csv`,
    title: `Hot Blocking: crime on OpenStreetMap street segments, ${place}`,
    description: `One row per drivable street segment of ${place} (${net.id.length.toLocaleString('en-GB')}, including those with no crime): OSM segment id, name and road type, length, the map points snapped to it, and the records at those points by data.police.uk crime type, ${ds.months[0]} to ${ds.months.at(-1)}; "crimes" leaves out anti-social behaviour.`,
    format: 'csv',
    rows,
    columns: [
      'segment_id',
      'street_name',
      'highway',
      'length_m',
      'map_points_snapped',
      'crimes',
      '<one column per crime type>',
    ],
    coverage: { from: ds.months[0]!, to: ds.months.at(-1)! },
    sources: [ds.source, net.sourceId],
    inputs: [netInput],
    licence: 'Open Database Licence (ODbL) 1.0',
    attribution: `Contains OpenStreetMap data © OpenStreetMap contributors, available under the ODbL 1.0. ${source(ds.source).attribution}`,
    notes: [
      'A database derived from OpenStreetMap data: you may use, share and adapt it under the Open Database Licence 1.0, attributing "© OpenStreetMap contributors" and offering any database you derive from it under the ODbL.',
      `Each data.police.uk map point is snapped to its nearest drivable segment within ${SNAP_MAX_M} m (projected metres): ${stats.snapped.toLocaleString('en-GB')} of ${stats.places.toLocaleString('en-GB')} places snapped; the ${stats.unsnapped.toLocaleString('en-GB')} others are left unsnapped and not counted here.`,
      'Drivable network only (OSMnx "drive"): crimes on pedestrian streets, alleys and courts fall to the nearest drivable segment. Map points are anonymised locations, not addresses.',
    ],
  };
}

export default mod;
