import { geoArea } from 'd3';
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
export function toWebTopology(objectName: string, features: Feature[], keepShare: number, quantization: number): string {
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
