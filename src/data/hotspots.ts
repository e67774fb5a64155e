/** The street-level data sets: the index and each data set file, checked against their schemas. */
import { readJson } from './read.ts';
import { hotspotDatasetSchema, hotspotIndexSchema, type HotspotDataset, type HotspotIndex } from './schema/hotspots.ts';

let index: HotspotIndex | undefined;
export function loadHotspotIndex(): HotspotIndex {
  return (index ??= readJson('hotspots_index.json', hotspotIndexSchema));
}

const datasets = new Map<string, HotspotDataset>();
export function loadHotspotDataset(id: string): HotspotDataset {
  let d = datasets.get(id);
  if (!d) {
    const e = loadHotspotIndex().datasets.find((x) => x.id === id);
    if (!e) throw new Error(`no hotspot data set ${id}`);
    d = readJson(e.file, hotspotDatasetSchema);
    datasets.set(id, d);
  }
  return d;
}
