/** The boundary topologies (data/derived/*.topo.json), each checked as a TopoJSON topology. */
import type { Topology } from 'topojson-specification';
import { readJson } from './read.ts';
import { topologySchema } from './schema/topology.ts';

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
