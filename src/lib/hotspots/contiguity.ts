/**
 * Queen contiguity from a TopoJSON topology: two areas are neighbours when they
 * share a boundary arc or touch at a single point. In a topology, a point where
 * areas meet is always an arc end (arcs are cut wherever the areas sharing them
 * change), so comparing arcs and arc ends is enough; simplification keeps both.
 */
import type { GeometryCollection, Topology } from 'topojson-specification';

export function queenNeighbours(topo: Topology, objectName: string): { ids: string[]; neighbours: number[][] } {
  const obj = topo.objects[objectName] as GeometryCollection;
  const ids = obj.geometries.map((g) => String((g.properties as { code?: string } | null)?.code ?? g.id));
  // Arc end positions, decoded from the quantised, delta-encoded arcs.
  const tr = topo.transform;
  const ends = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const pts: string[] = [];
    arc.forEach((p, i) => {
      if (tr) {
        x += p[0]!;
        y += p[1]!;
      } else [x, y] = [p[0]!, p[1]!];
      if (i === 0 || i === arc.length - 1) pts.push(`${x},${y}`);
    });
    return pts;
  });
  const byKey = new Map<string, Set<number>>();
  const add = (key: string, g: number) => {
    const s = byKey.get(key) ?? new Set<number>();
    s.add(g);
    byKey.set(key, s);
  };
  obj.geometries.forEach((g, gi) => {
    const rings: number[][] =
      g.type === 'Polygon' ? g.arcs : g.type === 'MultiPolygon' ? (g.arcs as number[][][]).flat() : [];
    for (const ring of rings) {
      for (const a of ring) {
        const idx = a < 0 ? ~a : a;
        add(`a${idx}`, gi);
        for (const e of ends[idx]!) add(`p${e}`, gi);
      }
    }
  });
  const nb = ids.map(() => new Set<number>());
  for (const members of byKey.values()) {
    if (members.size < 2) continue;
    for (const a of members) for (const b of members) if (a !== b) nb[a]!.add(b);
  }
  return { ids, neighbours: nb.map((s) => [...s].sort((a, b) => a - b)) };
}
