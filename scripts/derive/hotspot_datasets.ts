/**
 * data/derived/hotspots_index.json and one hotspots_<id>.json per street-level
 * data set: the City of London Police archive files (every month they cover) and
 * the Metropolitan Police API extract, one file per covered borough.
 *
 * Each file holds the distinct anonymised map points ("places") in metres on a
 * local azimuthal equidistant projection centred on the study area, the street
 * each point belongs to, and the crimes counted by place × month × crime type.
 * The study area is the borough (or City) boundary; every record is accounted for:
 * used, without a location, or outside the study area (or outside every covered
 * borough), counted by month and reason in the manifest and in the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { stableJson } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule, type InputRecord, type OutputRecord } from '../lib/context.ts';
import { apiFiles, archiveFiles, readApiFile, readArchiveFile, readCrimeTypes, streetKey, type CrimeTypes, type StreetCrime } from '../lib/police-uk.ts';
import { DataError } from '../lib/errors.ts';
import { localProjection } from '../../src/lib/hotspots/grid.ts';
import { outlineContains } from '../../src/lib/hotspots/dataset.ts';
import { source, type SourceId } from '../sources.ts';
import { CITY } from '../lib/boundary-levels.ts';

export const INDEX = 'hotspots_index.json';
const NO_LOCATION = 'no location (no coordinates in the file)';

interface Area {
  code: string;
  name: string;
  rings: Position[][];
  bbox: [number, number, number, number];
}

function readAreas(file: string): Map<string, Area> {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const out = new Map<string, Area>();
  for (const f of fc.features as Feature<Polygon | MultiPolygon, Record<string, string>>[]) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    const pts = rings.flat();
    out.set(f.properties.LAD22CD!, {
      code: f.properties.LAD22CD!,
      name: f.properties.LAD22NM!,
      rings,
      bbox: [Math.min(...pts.map((p) => p[0]!)), Math.min(...pts.map((p) => p[1]!)), Math.max(...pts.map((p) => p[0]!)), Math.max(...pts.map((p) => p[1]!))],
    });
  }
  return out;
}

/** Even-odd containment over every ring (holes included), after a bounding-box test. Planar in degrees: fine at borough scale. */
function contains(a: Area, lon: number, lat: number): boolean {
  if (lon < a.bbox[0] || lon > a.bbox[2] || lat < a.bbox[1] || lat > a.bbox[3]) return false;
  return outlineContains(a.rings as [number, number][][], lon, lat);
}

/** One data set being collected: places, streets and counts. */
class Collector {
  places = new Map<string, number>();
  placeLonLat: [number, number][] = [];
  placeStreet: number[] = [];
  streets = new Map<string, number>();
  streetName: string[] = [];
  streetArea: string[] = [];
  counts = new Map<string, number>(); // place|month|type
  excluded = new Map<string, Map<string, number>>(); // reason → month → n
  used = 0;
  nameClashes = 0;
  constructor(readonly area: Area) {}
  add(r: StreetCrime, month: number, type: number) {
    const key = `${r.lon},${r.lat}`;
    let p = this.places.get(key);
    if (p === undefined) {
      p = this.placeLonLat.push([r.lon!, r.lat!]) - 1;
      this.places.set(key, p);
      const sk = streetKey(r);
      let s = this.streets.get(sk);
      if (s === undefined) {
        s = this.streetName.push(r.location) - 1;
        this.streetArea.push(r.lsoa);
        this.streets.set(sk, s);
      }
      this.placeStreet.push(s);
    } else if (this.streetName[this.placeStreet[p]!] !== r.location) this.nameClashes++;
    const k = `${p}|${month}|${type}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.used++;
  }
  exclude(reason: string, month: string) {
    const m = this.excluded.get(reason) ?? new Map<string, number>();
    m.set(month, (m.get(month) ?? 0) + 1);
    this.excluded.set(reason, m);
  }
}

function datasetJson(c: Collector, meta: { id: string; title: string; force: string; sourceId: SourceId; placeKind: string }, months: string[], types: string[], crimeTypes: CrimeTypes, coverage: unknown) {
  const a = c.area;
  const lon0 = Math.round(((a.bbox[0] + a.bbox[2]) / 2) * 1e4) / 1e4;
  const lat0 = Math.round(((a.bbox[1] + a.bbox[3]) / 2) * 1e4) / 1e4;
  const proj = localProjection(lon0, lat0);
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const xy = c.placeLonLat.map(([lon, lat]) => proj.forward(lon, lat));
  const events = [...c.counts.entries()]
    .map(([k, n]) => {
      const [p, m, t] = k.split('|').map(Number) as [number, number, number];
      return [m, t, p, n] as const;
    })
    .sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return {
    id: meta.id,
    title: meta.title,
    force: meta.force,
    source: meta.sourceId,
    placeKind: meta.placeKind,
    area: { code: a.code, name: a.name },
    centre: [lon0, lat0],
    projection: 'azimuthal equidistant centred on "centre", metres east (x) and north (y), sphere of radius 6,371,008.8 m',
    months,
    types,
    isCrime: types.map((t) => crimeTypes.crimeLabels.has(t)),
    outline: a.rings.map((ring) => ring.map(([lon, lat]) => proj.forward(lon!, lat!).map((v) => Math.round(v)))),
    places: { x: xy.map((p) => r1(p[0])), y: xy.map((p) => r1(p[1])), street: c.placeStreet },
    streets: { name: c.streetName, lsoa: c.streetArea },
    events: encodeEvents(events, months.length, types.length),
    used: c.used,
    excluded: Object.fromEntries([...c.excluded].sort().map(([reason, m]) => [reason, Object.fromEntries([...m].sort())])),
    coverage,
  };
}

const mod: DeriveModule = {
  output: INDEX,
  async derive(ctx) {
    const types = readCrimeTypes(join(ctx.referenceDir, 'police_uk_crime_types.csv'));
    const areaFile = sourcePath(ctx, 'ons-boroughs-2022-gen20');
    const areas = readAreas(areaFile);
    const files: Record<string, string> = {};
    const records: OutputRecord[] = [];
    const index: unknown[] = [];
    const typeList = [...types.labels].sort();
    const areaInput = await inputRecord(ctx, 'ons-boroughs-2022-gen20', areaFile, { rows_read: areas.size, rows_used: areas.size });

    // 1. City of London Police archive files.
    {
      const city = new Collector(areas.get(CITY)!);
      const dir = sourcePath(ctx, 'policeuk-street-city');
      const inputs: InputRecord[] = [];
      const months: string[] = [];
      for (const file of archiveFiles(dir)) {
        const fileMonth = file.match(/(\d{4}-\d{2})-[^/]*$/)![1]!;
        if (months.includes(fileMonth)) throw new DataError(`${file}: a second file for ${fileMonth}.`);
        months.push(fileMonth);
        let read = 0;
        const before = { used: city.used, excl: new Map([...city.excluded].map(([k, m]) => [k, m.get(fileMonth) ?? 0])) };
        for await (const r of readArchiveFile(file, types)) {
          read++;
          if (r.month !== fileMonth) throw new DataError(`${file}:${r.line}: Month ${r.month} in the file for ${fileMonth}.`);
          if (r.lon === null || r.lat === null) city.exclude(NO_LOCATION, r.month);
          else if (!contains(city.area, r.lon, r.lat)) city.exclude('outside the City of London (recorded by the City Police in a neighbouring borough)', r.month);
          else city.add(r, months.length - 1, typeList.indexOf(r.type));
        }
        const rejected = Object.fromEntries([...city.excluded].map(([k, m]) => [k, (m.get(fileMonth) ?? 0) - (before.excl.get(k) ?? 0)]).filter(([, n]) => (n as number) > 0));
        inputs.push(await inputRecord(ctx, 'policeuk-street-city', file, { rows_read: read, rows_used: city.used - before.used, rejected_reasons: rejected }));
      }
      const out = 'hotspots_city.json';
      const json = datasetJson(city, { id: 'city', title: `City of London Police, ${months[0]} to ${months.at(-1)}`, force: 'City of London Police', sourceId: 'policeuk-street-city', placeKind: 'the "On or near …" location within an LSOA' }, months, typeList, types, null);
      files[out] = stableJson(json, 0);
      records.push(record(out, 'City of London Police street-level crime for hotspot analysis', json, ['policeuk-street-city', 'ons-boroughs-2022-gen20'], [...inputs, areaInput], city.nameClashes));
      index.push(indexEntry(out, json));
    }

    // 2. Metropolitan Police API extract: one data set per borough with data.
    {
      const dir = sourcePath(ctx, 'policeuk-api-met');
      const collectors = new Map<string, Collector>();
      const outside = new Map<string, number>();
      const inputs: InputRecord[] = [];
      const months: string[] = [];
      const boroughOfPoint = new Map<string, string | null>();
      const allAreas = [...areas.values()];
      for (const file of apiFiles(dir)) {
        const fileMonth = file.match(/_(\d{4}-\d{2})\.csv(\.gz)?$/)![1]!;
        months.push(fileMonth);
        let read = 0;
        let used = 0;
        const rejected: Record<string, number> = {};
        for await (const r of readApiFile(file, types)) {
          read++;
          if (r.month !== fileMonth) throw new DataError(`${file}:${r.line}: month ${r.month} in the file for ${fileMonth}.`);
          if (r.lon === null || r.lat === null) {
            rejected[NO_LOCATION] = (rejected[NO_LOCATION] ?? 0) + 1;
            continue;
          }
          const key = `${r.lon},${r.lat}`;
          let b = boroughOfPoint.get(key);
          if (b === undefined) {
            b = allAreas.find((a) => contains(a, r.lon!, r.lat!))?.code ?? null;
            boroughOfPoint.set(key, b);
          }
          if (!b) {
            const why = 'outside every London borough boundary';
            rejected[why] = (rejected[why] ?? 0) + 1;
            continue;
          }
          let c = collectors.get(b);
          if (!c) collectors.set(b, (c = new Collector(areas.get(b)!)));
          c.add(r, months.length - 1, typeList.indexOf(r.type));
          used++;
        }
        inputs.push(await inputRecord(ctx, 'policeuk-api-met', file, { rows_read: read, rows_used: used, rejected_reasons: rejected }));
        for (const [k, n] of Object.entries(rejected)) outside.set(k, (outside.get(k) ?? 0) + n);
      }
      // A borough counts as covered when the extract has at least 1,000 records a month there on average;
      // fewer means only points spilling over from neighbouring boroughs' ward queries.
      const covered = [...collectors.values()].filter((c) => c.used / months.length >= 1000).sort((a, b) => (a.area.code < b.area.code ? -1 : 1));
      const spill = [...collectors.values()].filter((c) => !covered.includes(c));
      for (const c of covered) {
        const out = `hotspots_met_${c.area.code}.json`;
        const perMonth = months.map((m, i) => ({ month: m, records: [...c.counts].filter(([k]) => Number(k.split('|')[1]) === i).reduce((a, [, n]) => a + n, 0) }));
        // Records per day, so that February is not flagged for being short.
        const days = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
        const perDay = perMonth.map((p) => p.records / days(p.month));
        const median = [...perMonth.map((p) => p.records)].sort((a, b) => a - b)[Math.floor(months.length / 2)]!;
        const medianPerDay = [...perDay].sort((a, b) => a - b)[Math.floor(months.length / 2)]!;
        const coverage = perMonth
          .map((p, i) => ({ ...p, shareOfMedian: Math.round((perDay[i]! / medianPerDay) * 1000) / 1000 }))
          .filter((p) => p.shareOfMedian < 0.8);
        const json = datasetJson(c, { id: `met-${c.area.code}`, title: `Metropolitan Police (API), ${c.area.name}, ${months[0]} to ${months.at(-1)}`, force: 'Metropolitan Police Service', sourceId: 'policeuk-api-met', placeKind: 'the API street_id (one snap point each)' }, months, typeList, types, { monthsBelow80PercentOfMedian: coverage, medianMonthlyRecords: median });
        files[out] = stableJson(json, 0);
        records.push(record(out, `Metropolitan Police street-level crime (API), ${c.area.name}, for hotspot analysis`, json, ['policeuk-api-met', 'ons-boroughs-2022-gen20'], [areaInput], c.nameClashes));
        index.push(indexEntry(out, json));
      }
      const spilled = spill.reduce((a, c) => a + c.used, 0);
      const apiOut = 'hotspots_index.json';
      records.push({
        file: apiOut,
        title: 'Street-level hotspot data sets: index',
        description: `The ${index.length} street-level data sets (the City of London Police archive files, and the Metropolitan Police API extract for each of its ${covered.length} covered boroughs) with their months, records used and excluded, coverage gaps and file names.`,
        format: 'json',
        rows: index.length,
        columns: ['datasets[]: id, file, title, force, area, months, used, excluded, coverage, types'],
        coverage: { note: 'City of London 2022-04 to 2025-03; Metropolitan Police API 2016-01 to 2018-06 (25 boroughs)' },
        sources: ['policeuk-street-city', 'policeuk-api-met', 'ons-boroughs-2022-gen20'],
        inputs: [...inputs, areaInput],
        notes: [
          `Metropolitan Police API records placed in boroughs the extract does not cover (points of neighbouring boroughs' ward queries, under 1,000 a month): ${spilled.toLocaleString('en-GB')} records in ${spill.map((c) => c.area.name).sort().join(', ') || 'none'}; not published as data sets.`,
          ...[...outside].map(([k, n]) => `API records excluded, ${k}: ${n.toLocaleString('en-GB')}.`),
        ],
        licence: source('policeuk-api-met').licence,
        attribution: `${source('policeuk-street-city').attribution} ${source('policeuk-api-met').attribution}`,
      });
      files[apiOut] = stableJson({ datasets: index, types: typeList, spilledRecords: Object.fromEntries(spill.map((c) => [c.area.code, c.used]).sort()) });
    }
    return { files, records };
  },
};

/**
 * Counts by (month, type, place), compactly: events sorted by month, type and place;
 * block b = month × types + type runs from offsets[b] to offsets[b + 1]; within a
 * block, places are stored as differences from the previous place (the first from 0).
 * Decoded by decodeEvents in src/lib/hotspots/dataset.ts.
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

function indexEntry(file: string, j: ReturnType<typeof datasetJson>) {
  return { id: j.id, file, title: j.title, force: j.force, area: j.area, months: [j.months[0], j.months.at(-1)], used: j.used, places: j.places.x.length, streets: j.streets.name.length, excluded: Object.fromEntries(Object.entries(j.excluded).map(([k, m]) => [k, Object.values(m).reduce((a, b) => a + b, 0)])), coverage: j.coverage };
}

function record(file: string, title: string, j: ReturnType<typeof datasetJson>, sources: SourceId[], inputs: InputRecord[], clashes: number): OutputRecord {
  return {
    file,
    title,
    description: `JSON: ${j.places.x.length.toLocaleString('en-GB')} distinct map points (metres on a local projection) on ${j.streets.name.length.toLocaleString('en-GB')} streets, and ${j.used.toLocaleString('en-GB')} records counted by point × month × crime type (${j.events.n.length.toLocaleString('en-GB')} combinations), with the study-area outline.`,
    format: 'json',
    rows: j.events.n.length,
    columns: ['places {x, y, street}', 'streets {name, lsoa}', 'events {month, type, place, n}', 'outline', 'excluded', 'coverage'],
    coverage: { from: j.months[0]!, to: j.months.at(-1)! },
    sources,
    inputs,
    notes: [
      'Locations are data.police.uk snap points: each crime is moved to the nearest of about 750,000 anonymous map points, so a "place" is a snap point and a street is its "On or near …" name.',
      `Records excluded: ${Object.entries(j.excluded).map(([k, m]) => `${k} ${Object.values(m).reduce((a, b) => a + b, 0).toLocaleString('en-GB')}`).join('; ') || 'none'}.`,
      ...(clashes ? [`${clashes} records carry a different location name from the first record at the same point; the first name is kept.`] : []),
    ],
    licence: 'Open Government Licence v3.0',
    attribution: source(j.source as SourceId).attribution,
  };
}

export default mod;
