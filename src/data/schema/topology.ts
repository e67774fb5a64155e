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
