/** The boundary topologies (data/derived/*.topo.json), each checked as a TopoJSON topology. */
import type { Topology } from 'topojson-specification';
import { readCsv, DerivedDataError } from './read.ts';
import { readJson } from './read.ts';
import { topologySchema } from './schema/topology.ts';
import { code, count, text } from './schema/cells.ts';

const cache = new Map<string, Topology>();

/** A topology by file name, e.g. "wards_2022.topo.json". */
export function loadTopology(file: string): Topology {
  let t = cache.get(file);
  if (!t) {
    if (!/^[a-z0-9_]+\.topo\.json$/.test(file)) throw new Error(`not a topology file name: ${file}`);
    t = readJson(file, topologySchema);
    cache.set(file, t);
  }
  return t;
}

export const loadBoroughTopo = (): Topology => loadTopology('london_boroughs.topo.json');
export const loadForceTopo = (): Topology => loadTopology('police_force_areas.topo.json');

/**
 * Each 2021 LSOA's queen-contiguous neighbours, from the boundary file itself
 * (data/derived/lsoa_2021_contiguity.csv): checked to be symmetric and to name only
 * LSOAs of the file, each as many as its count says.
 */
export function loadLsoaContiguity(): Map<string, string[]> {
  const file = 'lsoa_2021_contiguity.csv';
  const f = readCsv(file, {
    columns: { lsoa21cd: code(['E01']), neighbours_count: count, neighbours: text },
  });
  const out = new Map<string, string[]>();
  f.rows.forEach((r, i) => {
    const nb = r.neighbours ? r.neighbours.split(';') : [];
    if (nb.length !== r.neighbours_count)
      throw new DerivedDataError(
        `data/derived/${file}: row ${i + 1}: ${nb.length} neighbours listed; expected ${r.neighbours_count} as neighbours_count says.`,
      );
    out.set(r.lsoa21cd, nb);
  });
  for (const [a, nb] of out)
    for (const b of nb)
      if (!out.get(b)?.includes(a))
        throw new DerivedDataError(
          `data/derived/${file}: ${a} lists ${b} as a neighbour, but ${b} does not list ${a}.`,
        );
  return out;
}
