/**
 * data/derived/city_ward_monthly.csv
 *
 * Crimes recorded by the City of London Police in each of the City's 25 wards
 * (2022 pattern) and month, from the data.police.uk street files: each record's
 * anonymised point is placed in the ward that contains it. The MPS files do not
 * cover the City, so this is the only ward-level crime series for it.
 *
 * Every row is accounted for: crimes used, anti-social behaviour (not a crime),
 * rows without a location, and points outside the City's wards (the City Police
 * record some crimes in neighbouring boroughs) are counted in the manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoContains } from 'd3';
import type { Feature, FeatureCollection } from 'geojson';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule, type InputRecord } from '../lib/context.ts';
import { rewindForD3 } from '../lib/geo.ts';
import { archiveFiles, readArchiveFile, readCrimeTypes } from '../lib/police-uk.ts';
import { CITY } from '../lib/boundary-levels.ts';
import { DataError } from '../lib/errors.ts';
import { source } from '../sources.ts';

export const OUTPUT = 'city_ward_monthly.csv';

const REASON_ASB = 'anti-social behaviour (an incident, not a recorded crime)';
const REASON_NOLOC = 'no location (no coordinates in the file)';
const REASON_OUTSIDE = "outside the City of London's wards (crimes the City Police recorded in a neighbouring borough)";

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const types = readCrimeTypes(join(ctx.referenceDir, 'police_uk_crime_types.csv'));
    const wardFile = sourcePath(ctx, 'ons-wards-2022');
    const fc = JSON.parse(readFileSync(wardFile, 'utf8')) as FeatureCollection;
    const wards = fc.features
      .filter((f) => (f.properties as Record<string, string>).LAD22CD === CITY)
      .map((f) => ({ code: (f.properties as Record<string, string>).WD22CD!, name: (f.properties as Record<string, string>).WD22NM!, f: { ...f, geometry: rewindForD3(f.geometry) } as Feature }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    if (wards.length !== 25) throw new DataError(`${wardFile}: expected the City of London's 25 wards (LAD22CD ${CITY}), found ${wards.length}.`);

    const dir = sourcePath(ctx, 'policeuk-street-city');
    const files = archiveFiles(dir);
    const placeCache = new Map<string, string | null>();
    const place = (lon: number, lat: number) => {
      const k = `${lon},${lat}`;
      let w = placeCache.get(k);
      if (w === undefined) {
        w = wards.find((x) => geoContains(x.f, [lon, lat]))?.code ?? null;
        placeCache.set(k, w);
      }
      return w;
    };
    const counts = new Map<string, Map<string, number>>(); // ward → month → n
    const months: string[] = [];
    const inputs: InputRecord[] = [];
    let total = 0;
    for (const file of files) {
      const fileMonth = file.match(/(\d{4}-\d{2})-[^/]*$/)![1]!;
      let read = 0;
      let used = 0;
      const rejected: Record<string, number> = {};
      const reject = (why: string) => (rejected[why] = (rejected[why] ?? 0) + 1);
      for await (const r of readArchiveFile(file, types)) {
        read++;
        if (r.month !== fileMonth) throw new DataError(`${file}:${r.line}: Month ${r.month} in the file for ${fileMonth}.`);
        if (!types.crimeLabels.has(r.type)) reject(REASON_ASB);
        else if (r.lon === null || r.lat === null) reject(REASON_NOLOC);
        else {
          const w = place(r.lon, r.lat);
          if (!w) reject(REASON_OUTSIDE);
          else {
            used++;
            const m = counts.get(w) ?? new Map<string, number>();
            m.set(r.month, (m.get(r.month) ?? 0) + 1);
            counts.set(w, m);
          }
        }
      }
      if (months.includes(fileMonth)) throw new DataError(`${file}: a second file for ${fileMonth}.`);
      months.push(fileMonth);
      total += used;
      inputs.push(await inputRecord(ctx, 'policeuk-street-city', file, { rows_read: read, rows_used: used, rejected_reasons: rejected }));
    }
    const rows = wards.map((w) => [w.code, w.name, ...months.map((m) => counts.get(w.code)?.get(m) ?? 0)]);
    inputs.push(await inputRecord(ctx, 'ons-wards-2022', wardFile, { rows_read: fc.features.length, rows_used: wards.length, rejected_reasons: { 'not a City of London ward': fc.features.length - wards.length } }));
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
          sources: ['policeuk-street-city', 'ons-wards-2022'],
          inputs,
          notes: [
            'Each crime is placed by its anonymised data.police.uk point (the nearest of about 750,000 snap points), so a crime near a ward edge can be counted in the neighbouring ward.',
            'Not comparable with the MPS ward series for the rest of London: a different force, a different publication and a different way of placing crimes.',
          ],
          licence: source('policeuk-street-city').licence,
          attribution: source('policeuk-street-city').attribution,
        },
      ],
    };
  },
};
export default mod;
