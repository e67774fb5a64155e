/**
 * A topology's outlines projected (src/lib/outlines.ts): made once per topology and object,
 * at build time for every map the build draws and for the outline files the atlas reads, and
 * in the browser only by a view that draws a topology it loaded itself.
 */
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { mapHeight, OUTLINE_WIDTH, type Outlines } from '../lib/outlines.ts';

const made = new WeakMap<Topology, Map<string, Outlines>>();

export function outlinesOf(topo: Topology, objectName: string): Outlines {
  let byName = made.get(topo);
  if (!byName) made.set(topo, (byName = new Map<string, Outlines>()));
  let o = byName.get(objectName);
  if (!o) byName.set(objectName, (o = project(topo, objectName)));
  return o;
}

function project(topo: Topology, objectName: string): Outlines {
  const obj = topo.objects[objectName] as GeometryCollection<{ code?: string; name?: string } | null> | undefined;
  if (!obj) throw new Error(`the topology has no object "${objectName}"`);
  const width = OUTLINE_WIDTH;
  const height = mapHeight(width);
  // Written for speed (4,994 LSOAs), with d3-geo doing the projecting:
  // - no adaptive resampling: the boundaries' vertices are metres apart, so straight lines between
  //   projected vertices are exact to well under a pixel at London's scale;
  // - no antimeridian clipping: London is nowhere near it;
  // - fitted to the topology's bounding box when it holds only these areas: in Mercator x depends on
  //   longitude alone and y on latitude alone, so the box's corners span exactly what the areas span.
  const b = topo.bbox && Object.keys(topo.objects).length === 1 ? topo.bbox : null;
  const fitTo = (
    b
      ? {
          type: 'MultiPoint',
          coordinates: [
            [b[0], b[1]],
            [b[2], b[3]],
          ],
        }
      : feature(topo, obj)
  ) as never;
  const projection = geoMercator()
    .precision(0)
    .preclip((stream) => stream)
    .fitExtent(
      [
        [4, 4],
        [width - 4, height - 4],
      ],
      fitTo,
    );
  const path = geoPath(projection).digits(1);
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(fitTo);
  const codes: string[] = [];
  const names: string[] = [];
  const d: string[] = [];
  // One area at a time (topojson-client's feature of a collection is the feature of each of its geometries).
  for (const g of obj.geometries) {
    const f = feature(topo, g) as unknown as Feature<Geometry, { code?: string; name?: string } | null>;
    codes.push(f.properties?.code ?? String(f.id));
    names.push(f.properties?.name ?? '');
    d.push(relative(path(f) ?? ''));
  }
  return { width, height, box: [x0, y0, x1, y1], codes, ...(names.some(Boolean) ? { names } : {}), d };
}

/** A number of tenths as SVG path text: "-.3", "12", "4.5". */
function tenths(t: number): string {
  const a = Math.abs(t);
  const text = a % 10 === 0 ? String(a / 10) : a < 10 ? `.${a}` : `${(a - (a % 10)) / 10}.${a % 10}`;
  return t < 0 ? `-${text}` : text;
}

/**
 * d3-geo's path (absolute moves and lines, to 0.1 px) with its lines relative to the point
 * before, in whole tenths so that every point is exactly where the absolute path put it: a
 * quarter smaller, gzipped, than the absolute path (the LSOAs' file 164 → 140 KB).
 */
export function relative(d: string): string {
  let out = '';
  let px = 0;
  let py = 0;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === 'Z') {
      out += 'z';
      continue;
    }
    const [x, y] = args!.split(',').map((v) => Math.round(Number(v) * 10)) as [number, number];
    if (command === 'M') out += `M${tenths(x)},${tenths(y)}`;
    else out += `l${tenths(x - px)}${y - py < 0 ? '' : ','}${tenths(y - py)}`;
    px = x;
    py = y;
  }
  return out;
}
