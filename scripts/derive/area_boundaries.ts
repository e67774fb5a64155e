/**
 * data/derived/<level>.topo.json for the atlas's small-area levels, one module per
 * file (see the factory): boundaries rewound for d3-geo, simplified and quantised,
 * object "areas", feature id = area code.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DataError } from '../lib/errors.ts';
import { rewindForD3, toWebTopology } from '../lib/geo.ts';
import { inputRecord, sourcePath, type DeriveModule, type InputRecord } from '../lib/context.ts';
import { BOUNDARY_LEVELS, boundaryAreas, type BoundaryLevel, type BoundaryPart } from '../lib/boundary-levels.ts';
import { AREA_BOUNDARIES, source, type SourceId } from '../sources.ts';
import { readGeoJson } from '../lib/geo.ts';

/**
 * Output file, source (a boundary file, or an atlas level assembled from boundary
 * files by scripts/lib/boundary-levels.ts), and the share of points kept (finer
 * areas keep more, to stay recognisable).
 */
export const AREA_TOPOLOGIES: {
  output: string; /** a registered source, or a boundary level assembled from sources */
  id: string;
  keep: number;
  quantization: number;
}[] = [
  { output: 'wards_2022.topo.json', id: 'ons-wards-2022', keep: 0.35, quantization: 1e4 },
  { output: 'wards_2018.topo.json', id: 'ward2018', keep: 0.35, quantization: 1e4 },
  { output: 'wards_2014.topo.json', id: 'ward2014', keep: 0.35, quantization: 1e4 },
  { output: 'wards_2013.topo.json', id: 'ward2013', keep: 0.35, quantization: 1e4 },
  { output: 'msoa_2021.topo.json', id: 'ons-msoa-2021', keep: 0.3, quantization: 1e4 },
  { output: 'msoa_2011.topo.json', id: 'msoa2011', keep: 0.3, quantization: 1e4 },
  { output: 'lsoa_2021.topo.json', id: 'ons-lsoa-2021', keep: 0.12, quantization: 1e4 },
  { output: 'lsoa_2011.topo.json', id: 'lsoa2011', keep: 0.4, quantization: 1e4 },
];

export function areaTopologyModule(spec: (typeof AREA_TOPOLOGIES)[number]): DeriveModule {
  return {
    output: spec.output,
    async derive(ctx) {
      let features: Feature[];
      let title: string;
      let sources: SourceId[];
      let inputs: InputRecord[];
      if (spec.id in BOUNDARY_LEVELS) {
        const level = spec.id as BoundaryLevel;
        const b = await boundaryAreas(ctx, level);
        features = b.areas.map((a) => ({
          type: 'Feature',
          id: a.code,
          properties: null,
          geometry: rewindForD3(a.feature.geometry),
        }));
        sources = [...new Set((BOUNDARY_LEVELS[level] as readonly BoundaryPart[]).map((p) => p.id))];
        title = sources.map((id) => source(id).title).join(' + ');
        if (level === 'ward2014')
          title = `Wards (May 2014 pattern), London: the 2013 wards, with the 2018 wards of Hackney, Kensington and Chelsea and Tower Hamlets (their 2014 pattern)`;
        inputs = b.inputs;
      } else {
        const id = spec.id;
        const [, , t, codeField, nameField] = AREA_BOUNDARIES.find((b) => b[0] === id)!;
        title = t;
        sources = [id];
        const file = sourcePath(ctx, id);
        const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
        features = fc.features.map((f, i) => {
          const p = (f.properties ?? {}) as Record<string, unknown>;
          const code = p[codeField];
          const name = p[nameField];
          if (typeof code !== 'string' || typeof name !== 'string')
            throw new DataError(`${file}: feature ${i} lacks ${codeField}/${nameField}.`);
          if (!f.geometry) throw new DataError(`${file}: feature ${i} (${code}) has no geometry.`);
          // Only the code, as the feature id: names and values travel in the atlas data, keeping the geometry small.
          return { type: 'Feature', id: code, properties: null, geometry: rewindForD3(f.geometry) };
        });
        inputs = [await inputRecord(ctx, id, file, { rows_read: fc.features.length, rows_used: features.length })];
      }
      features.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      const text = toWebTopology('areas', features, spec.keep, spec.quantization);
      return {
        files: { [spec.output]: text },
        records: [
          {
            file: spec.output,
            title: `${title} (TopoJSON)`,
            description: `${features.length} areas, rings wound clockwise for d3-geo, simplified to ${spec.keep * 100}% of points and quantised; object "areas", each feature's id its code (no properties).`,
            format: 'topojson',
            rows: features.length,
            columns: ['id (area code)'],
            coverage: { note: title },
            sources,
            inputs,
            notes: ['Generalised for display only.'],
            licence: source(sources[0]!).licence,
            attribution: source(sources[0]!).attribution,
          },
        ],
      };
    },
  };
}
