import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import { z } from 'zod';
import { DataError } from './errors.ts';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { topology } from 'topojson-server';
import { quantize } from 'topojson-client';
import { presimplify, simplify, quantile } from 'topojson-simplify';

/**
 * d3-geo takes the ring order opposite to RFC 7946: an exterior ring must run
 * clockwise, or d3 reads the polygon as the whole sphere minus the area. Reverses
 * every ring of any polygon whose spherical area exceeds a hemisphere.
 */
export function rewindForD3<G extends Geometry>(g: G): G {
  const fix = (rings: Position[][]): Position[][] => {
    const poly: Polygon = { type: 'Polygon', coordinates: rings };
    return geoArea(poly) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  };
  if (g.type === 'Polygon') return { ...g, coordinates: fix(g.coordinates) };
  if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(fix) };
  return g;
}

/**
 * Features to TopoJSON for the web: shared arcs, Visvalingam simplification keeping
 * `keepShare` of the points, quantised (delta-encoded integers).
 */
export function toWebTopology(
  objectName: string,
  features: Feature[],
  keepShare: number,
  quantization: number,
): string {
  type Topo = Parameters<typeof presimplify>[0];
  const input: FeatureCollection = { type: 'FeatureCollection', features };
  let topo = topology({ [objectName]: input }) as unknown as Topo;
  topo = presimplify(topo);
  topo = simplify(topo, quantile(topo, keepShare));
  topo = { ...topo, arcs: topo.arcs.map((arc) => arc.map((pt) => [pt[0]!, pt[1]!])) };
  const out = quantize(topo, quantization);
  out.bbox = out.bbox?.map((v) => Math.round(v * 1e6) / 1e6) as typeof out.bbox;
  return JSON.stringify(out) + '\n';
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
/** The shape of a GeoJSON FeatureCollection, checked to the geometry's type (not every coordinate: the files hold millions). */
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: z.object({ type: z.enum(GEOMETRY_TYPES), coordinates: z.array(z.unknown()).min(1) }),
    }),
  ),
});

/**
 * Reads a GeoJSON FeatureCollection whose geometries are of the given types. A file that is
 * empty, not JSON (cut short), or not a FeatureCollection of such features stops with the
 * file, the line or the feature, and what was expected.
 */
export function readGeoJson<G extends Geometry>(file: string, types: readonly G['type'][]): FeatureCollection<G> {
  const text = readFileSync(file, 'utf8');
  const expected = `a GeoJSON FeatureCollection of ${types.join(' or ')} features`;
  if (!text.trim()) throw new DataError(`${file}: the file is empty; expected ${expected}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
    throw new DataError(`${file}:${line}: not valid JSON (${msg}); expected ${expected} (is the file cut short?).`);
  }
  const r = featureCollection.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at =
      issue.path[0] === 'features' && typeof issue.path[1] === 'number'
        ? `feature ${issue.path[1]}${issue.path.length > 2 ? ` (${issue.path.slice(2).join('.')})` : ''}`
        : issue.path.join('.') || 'the top level';
    throw new DataError(`${file}: ${at}: ${issue.message}; expected ${expected}.`);
  }
  r.data.features.forEach((f, i) => {
    if (!(types as readonly string[]).includes(f.geometry.type))
      throw new DataError(`${file}: feature ${i} is a ${f.geometry.type}; expected ${expected}.`);
  });
  return json as FeatureCollection<G>;
}
