/** A TopoJSON topology as the pipeline writes it (quantised, GeometryCollections of polygons or lines). */
import { problemText, z } from './zod.ts';
import type { Topology } from 'topojson-specification';

const position = z.array(z.number()).min(2);
const geometry = z
  .object({
    type: z.enum(['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point', 'MultiPoint']).or(z.null()),
    arcs: z.array(z.unknown()).optional(),
    coordinates: z.array(z.unknown()).optional(),
    id: z.union([z.string(), z.number()]).optional(),
    properties: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .loose();
const topologyShape = z.object({
  type: z.literal('Topology'),
  bbox: z.array(z.number()).optional(),
  transform: z.object({ scale: z.tuple([z.number(), z.number()]), translate: z.tuple([z.number(), z.number()]) }).optional(),
  objects: z.record(z.string(), z.object({ type: z.literal('GeometryCollection'), geometries: z.array(geometry) }).loose()),
  arcs: z.array(z.array(position)),
});

/** Checks the shape, and gives the value topojson-client's types expect. */
export const topologySchema: z.ZodType<Topology> = z.custom<Topology>((v) => topologyShape.safeParse(v).success, { message: 'expected a TopoJSON Topology: type "Topology", objects of GeometryCollections, arcs of positions' });

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
const topologyOutline = topologyShape.extend({ arcs: z.array(z.array(z.unknown()).min(2)) });
export const topologyFileSchema: z.ZodType<Topology> = z.custom<Topology>((v) => topologyOutline.safeParse(v).success, {
  message: 'expected a TopoJSON Topology: type "Topology", objects of GeometryCollections, arcs of two or more points',
});
