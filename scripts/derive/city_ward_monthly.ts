/**
 * data/derived/city_ward_monthly.csv
 *
 * Crimes recorded by the City of London Police in each of the City's 25 wards
 * (2022 pattern) and month, from the data.police.uk street files. Which records are
 * the City's is decided as for the hotspot data set (scripts/lib/street-areas.ts:
 * one record per Crime ID, a location, the City by the record's LSOA code); each is
 * then placed in the ward whose boundary contains its map point, or, for a point a
 * few metres outside the generalised ward boundaries, in the nearest ward (within
 * NEAREST_WARD_M). The MPS files do not cover the City, so this is the only
 * ward-level crime series for it.
 *
 * Every row is accounted for: crimes used, anti-social behaviour (not a crime), and
 * each other reason, counted per file in the manifest.
 */
import { geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule, type InputRecord } from '../lib/context.ts';
import { rewindForD3 } from '../lib/geo.ts';
import { readCrimeTypes } from '../lib/police-uk.ts';
import { classifyCityRecords, tableOf } from '../lib/street-areas.ts';
import { lit, openDuck } from '../lib/duck.ts';
import { accountFiles } from '../lib/street-records.ts';
import { DataError } from '../lib/errors.ts';
import { localProjection } from '../../src/lib/hotspots/grid.ts';
import { pointPolylineDistance } from '../../src/lib/hotspots/snap.ts';
import { CITY_CODE } from '../../src/lib/areas.ts';
import { source } from '../sources.ts';
import { join } from 'node:path';
import { readGeoJson } from '../lib/geo.ts';

export const OUTPUT = 'city_ward_monthly.csv';
/** A City record whose point is outside every ward polygon goes to the nearest ward within this distance (metres). */
export const NEAREST_WARD_M = 100;

const REASON_ASB = 'anti-social behaviour (an incident, not a recorded crime)';
const REASON_FAR = `outside the City's ward boundaries by more than ${NEAREST_WARD_M} m`;

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const types = readCrimeTypes(join(ctx.referenceDir, 'police_uk_crime_types.csv'));
    const wardFile = sourcePath(ctx, 'ons-wards-2022');
    const fc = readGeoJson<Polygon | MultiPolygon>(wardFile, ['Polygon', 'MultiPolygon']);
    const wards = fc.features
      .filter((f) => (f.properties as Record<string, string>).LAD22CD === CITY_CODE)
      .map((f) => ({
        code: (f.properties as Record<string, string>).WD22CD!,
        name: (f.properties as Record<string, string>).WD22NM!,
        f: { ...f, geometry: rewindForD3(f.geometry) },
      }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    if (wards.length !== 25)
      throw new DataError(
        `${wardFile}: expected the City of London's 25 wards (LAD22CD ${CITY_CODE}), found ${wards.length}.`,
      );
    const duck = await openDuck();
    try {
      const c = await classifyCityRecords(ctx, duck, types, `when not r.is_crime then ${lit(REASON_ASB)}`);
      const months = c.months;
      // Wards of the City's map points: the containing ward, else the nearest (distances in metres on a local projection).
      const proj = localProjection((c.city.bbox[0] + c.city.bbox[2]) / 2, (c.city.bbox[1] + c.city.bbox[3]) / 2);
      const rings = wards.map((w) =>
        (w.f.geometry.type === 'Polygon' ? w.f.geometry.coordinates : w.f.geometry.coordinates.flat()).map((r) =>
          r.flatMap(([lon, lat]) => proj.forward(lon!, lat!)),
        ),
      );
      let nearest = 0;
      const points = await duck.rows<{ lon: number; lat: number; n: number }>(
        `select lon, lat, count(*) as n from city where status is null group by all order by lon, lat`,
      );
      await tableOf(
        duck,
        'point_ward',
        'lon double, lat double, ward varchar',
        points.map((p) => {
          let w = wards.find((x) => geoContains(x.f, [p.lon, p.lat]))?.code ?? null;
          if (!w) {
            const [x, y] = proj.forward(p.lon, p.lat);
            const d = rings.map((rs) => Math.min(...rs.map((r) => pointPolylineDistance(x, y, r))));
            const k = d.indexOf(Math.min(...d));
            if (d[k]! <= NEAREST_WARD_M) {
              w = wards[k]!.code;
              nearest += p.n;
            }
          }
          return [p.lon, p.lat, w];
        }),
      );
      await duck.run(
        `create or replace table cw as select c.*, case when c.status is null and pw.ward is null then ${lit(REASON_FAR)} else c.status end as status2, pw.ward from city c left join point_ward pw on c.status is null and pw.lon = c.lon and pw.lat = c.lat`,
      );
      const acc = await accountFiles(duck, 'cw', 'status2');
      const inputs: InputRecord[] = [];
      for (const l of c.loaded) {
        const a = acc.get(l.file)!;
        inputs.push(
          await inputRecord(ctx, 'policeuk-street-city', l.file, {
            rows_read: a.read,
            rows_used: a.used,
            rejected_reasons: a.rejected,
          }),
        );
      }
      const counts = new Map<string, Map<string, number>>(); // ward → month → n
      let total = 0;
      for (const r of await duck.rows<{ ward: string; month: string; n: number }>(
        `select ward, month, count(*) as n from cw where status2 is null group by all`,
      )) {
        const m = counts.get(r.ward) ?? new Map<string, number>();
        m.set(r.month, r.n);
        counts.set(r.ward, m);
        total += r.n;
      }
      const rows = wards.map((w) => [w.code, w.name, ...months.map((m) => counts.get(w.code)?.get(m) ?? 0)]);
      inputs.push(
        await inputRecord(ctx, 'ons-wards-2022', wardFile, {
          rows_read: fc.features.length,
          rows_used: wards.length,
          rejected_reasons: { 'not a City of London ward': fc.features.length - wards.length },
        }),
        ...c.inputs,
      );
      return {
        files: { [OUTPUT]: toCsv(['ward_code', 'ward_name', ...months], rows) },
        records: [
          {
            file: OUTPUT,
            title: 'City of London Police recorded crime by City ward and month',
            description: `Wide CSV: one row per City of London ward (2022 pattern, ${wards.length}), one column per month (YYYY-MM): crimes (not anti-social behaviour) whose data.police.uk point lies in the ward; ${total.toLocaleString('en-GB')} crimes in all.`,
            format: 'csv',
            rows: rows.length,
            columns: ['ward_code', 'ward_name', `${months[0]} … ${months.at(-1)} (${months.length} month columns)`],
            coverage: { from: months[0]!, to: months.at(-1)! },
            sources: [
              'policeuk-street-city',
              'ons-wards-2022',
              'ons-boroughs-2022-gen20',
              'ons-lsoa-2021',
              'ons-lsoa-2011',
            ],
            inputs,
            notes: [
              "A record is the City's by its LSOA code (as for the hotspot data set); one record per Crime ID is kept.",
              `Each crime is placed by its anonymised data.police.uk point (the nearest of about 750,000 snap points), so a crime near a ward edge can be counted in the neighbouring ward. ${total ? `${nearest.toLocaleString('en-GB')} crimes whose point lies just outside the generalised ward boundaries were placed in the nearest ward (within ${NEAREST_WARD_M} m).` : ''}`,
              'Not comparable with the MPS ward series for the rest of London: a different force, a different publication and a different way of placing crimes.',
            ],
            licence: source('policeuk-street-city').licence,
            attribution: source('policeuk-street-city').attribution,
          },
        ],
      };
    } finally {
      duck.close();
    }
  },
};
export default mod;
