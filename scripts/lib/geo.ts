import { geoArea } from 'd3';
import type { Geometry, Polygon, Position } from 'geojson';

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
