/**
 * data/derived/police_force_areas.topo.json
 *
 * The 43 police force areas of England and Wales (December 2020 codes) as
 * TopoJSON, rings wound for d3-geo, simplified and quantised. Object "forces",
 * properties code and name.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DataError } from '../lib/errors.ts';
import { rewindForD3, toWebTopology } from '../lib/geo.ts';
import { inputRecord, sourcePath, type DeriveModule } from '../lib/context.ts';
import { source } from '../sources.ts';
import { readGeoJson } from '../lib/geo.ts';

export const OUTPUT = 'police_force_areas.topo.json';
const KEEP_SHARE = 0.5;
const QUANTIZATION = 1e4;

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const file = sourcePath(ctx, 'ons-pfa-boundaries-2020');
    const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
    const features: Feature[] = fc.features.map((f, i) => {
      const p = (f.properties ?? {}) as Record<string, unknown>;
      if (typeof p.PFA20CD !== 'string' || typeof p.PFA20NM !== 'string')
        throw new DataError(`${file}: feature ${i} lacks PFA20CD/PFA20NM.`);
      if (!f.geometry) throw new DataError(`${file}: feature ${i} (${p.PFA20CD}) has no geometry.`);
      return {
        type: 'Feature',
        id: p.PFA20CD,
        properties: { code: p.PFA20CD, name: p.PFA20NM },
        geometry: rewindForD3(f.geometry),
      };
    });
    features.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    if (features.length !== 43)
      throw new DataError(`${file}: expected 43 police force areas, found ${features.length}.`);
    const text = toWebTopology('forces', features, KEEP_SHARE, QUANTIZATION);
    return {
      files: { [OUTPUT]: text },
      records: [
        {
          file: OUTPUT,
          title: 'Police force area boundaries, England and Wales (TopoJSON)',
          description: `43 police force areas (PFA20 codes), rings wound clockwise for d3-geo, simplified to ${KEEP_SHARE * 100}% of points and quantised; object "forces", properties code and name.`,
          format: 'topojson',
          rows: features.length,
          columns: ['code', 'name'],
          coverage: { note: 'Boundary vintage: December 2020 (PFA20)' },
          sources: ['ons-pfa-boundaries-2020'],
          inputs: [
            await inputRecord(ctx, 'ons-pfa-boundaries-2020', file, {
              rows_read: fc.features.length,
              rows_used: features.length,
            }),
          ],
          notes: ['Ultra-generalised: for a national overview only.'],
          licence: source('ons-pfa-boundaries-2020').licence,
          attribution: source('ons-pfa-boundaries-2020').attribution,
        },
      ],
    };
  },
};
export default mod;
