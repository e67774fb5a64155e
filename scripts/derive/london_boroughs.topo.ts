/**
 * data/derived/london_boroughs.topo.json
 *
 * The 33 London local authority boundaries (2022 codes) as TopoJSON: shared arcs,
 * simplified (Visvalingam, planar weight threshold) and quantised, with only
 * `code` and `name` kept as properties. Object name: "boroughs".
 */
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { DataError } from '../lib/errors.ts';
import { rewindForD3, toWebTopology } from '../lib/geo.ts';
import { inputRecord, sourcePath, type DeriveContext, type DeriveModule } from '../lib/context.ts';
import { source } from '../sources.ts';
import { readGeoJson } from '../lib/geo.ts';
import { join } from 'node:path';
import { expectAreas, londonAuthorityCodes, readAreas } from './mps_borough_monthly.ts';

export const OUTPUT = 'london_boroughs.topo.json';
/** Keep this share of the points (by Visvalingam weight). */
export const KEEP_SHARE = 0.25;
export const QUANTIZATION = 1e4;

export async function deriveBoroughs(ctx: DeriveContext, file: string) {
  const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
  const reasons: Record<string, number> = {};
  const features: Feature<Geometry, { code: string; name: string }>[] = [];
  fc.features.forEach((f, i) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const code = p.LAD22CD;
    const name = p.LAD22NM;
    if (typeof code !== 'string' || typeof name !== 'string') {
      throw new DataError(
        `${file}: feature ${i} lacks LAD22CD/LAD22NM properties (found ${Object.keys(p).join(', ')}).`,
      );
    }
    if (!/^E09\d{6}$/.test(code)) {
      reasons['not a London local authority'] = (reasons['not a London local authority'] ?? 0) + 1;
      return;
    }
    if (!f.geometry || !/Polygon$/.test(f.geometry.type))
      throw new DataError(`${file}: feature ${i} (${code}) has no polygon geometry.`);
    features.push({ type: 'Feature', id: code, properties: { code, name }, geometry: rewindForD3(f.geometry) });
  });
  features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  const list = join(ctx.referenceDir, 'mps_areas.csv');
  expectAreas(
    file,
    `the London local authorities (the boroughs of ${list} and the City of London)`,
    londonAuthorityCodes(await readAreas(list)),
    features.map((f) => f.properties.code),
  );

  const text = toWebTopology('boroughs', features, KEEP_SHARE, QUANTIZATION);
  return {
    text,
    record: {
      file: OUTPUT,
      title: 'London borough boundaries (TopoJSON)',
      description: `33 London local authorities (LAD 2022 codes), rings wound clockwise for d3-geo, simplified to ${KEEP_SHARE * 100}% of points by Visvalingam weight and quantised to ${QUANTIZATION.toLocaleString('en-GB')} steps; object "boroughs", properties code and name.`,
      format: 'topojson',
      rows: features.length,
      columns: ['code', 'name'],
      coverage: { note: 'Boundary vintage: December 2022 (LAD22)' },
      sources: ['ons-boroughs-2022-gen20'],
      inputs: [
        await inputRecord(ctx, 'ons-boroughs-2022-gen20', file, {
          rows_read: fc.features.length,
          rows_used: features.length,
          rejected_reasons: reasons,
        }),
      ],
      notes: ['Generalised for display only.'],
      licence: source('ons-boroughs-2022-gen20').licence,
      attribution: source('ons-boroughs-2022-gen20').attribution,
    },
  };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const { text, record } = await deriveBoroughs(ctx, sourcePath(ctx, 'ons-boroughs-2022-gen20'));
    return { files: { [OUTPUT]: text }, records: [record] };
  },
};
export default mod;
