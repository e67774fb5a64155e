/** A TopoJSON topology as the pipeline writes it (quantised, GeometryCollections of polygons or lines). */
import { problemText, z } from './mini.ts';
import type { Topology } from 'topojson-specification';

const position = z.array(z.number()).check(z.minLength(2));
const geometry = z.looseObject({
  type: z.nullable(z.enum(['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point', 'MultiPoint'])),
  arcs: z.optional(z.array(z.unknown())),
  coordinates: z.optional(z.array(z.unknown())),
  id: z.optional(z.union([z.string(), z.number()])),
  properties: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
const shape = {
  type: z.literal('Topology'),
  bbox: z.optional(z.array(z.number())),
  transform: z.optional(
    z.object({ scale: z.tuple([z.number(), z.number()]), translate: z.tuple([z.number(), z.number()]) }),
  ),
  objects: z.record(
    z.string(),
    z.looseObject({ type: z.literal('GeometryCollection'), geometries: z.array(geometry) }),
  ),
};
const topologyShape = z.object({ ...shape, arcs: z.array(z.array(position)) });

/** Checks the shape, and gives the value topojson-client's types expect. */
export const topologySchema: z.ZodMiniType<Topology> = z.custom<Topology>((v) => topologyShape.safeParse(v).success, {
  message: 'expected a TopoJSON Topology: type "Topology", objects of GeometryCollections, arcs of positions',
});

export function topologyProblem(v: unknown): string | null {
  const r = topologyShape.safeParse(v);
  if (r.success) return null;
  return problemText(r.error);
}

/**
 * The same shape with each arc checked to be a list of two or more points, not every point
 * a pair of numbers: what a page checks when it loads a topology. Checking every point
 * took 25 ms for the 2021 LSOAs and 13 ms for the 2022 wards in Node (10 and 5 ms this way),
 * and about four times that in a page at 4× CPU slowdown, against a change of view's 200 ms
 * (bench/atlas.ts); the build checks every point (`topologySchema`, src/data/geo.ts) before
 * it publishes the file.
 */
const topologyOutline = z.object({ ...shape, arcs: z.array(z.array(z.unknown()).check(z.minLength(2))) });
export const topologyFileSchema: z.ZodMiniType<Topology> = z.custom<Topology>(
  (v) => topologyOutline.safeParse(v).success,
  {
    message:
      'expected a TopoJSON Topology: type "Topology", objects of GeometryCollections, arcs of two or more points',
  },
);
