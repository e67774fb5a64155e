/** The incident explorer's files (data/derived/explorer_<id>.json), checked against their schema. */
import { readJson } from './read.ts';
import { explorerFileSchema, type ExplorerFile } from './schema/explorer.ts';
import { loadHotspotIndex } from './hotspots.ts';

/** The explorer file of a street-level data set, by the data set's id ("city", "met-E09000033"). */
export function explorerFileName(datasetFile: string): string {
  return datasetFile.replace(/^hotspots_/, 'explorer_');
}

const files = new Map<string, ExplorerFile>();
export function loadExplorerFile(id: string): ExplorerFile {
  let f = files.get(id);
  if (!f) {
    const e = loadHotspotIndex().datasets.find((x) => x.id === id);
    if (!e) throw new Error(`no street-level data set ${id}`);
    f = readJson(explorerFileName(e.file), explorerFileSchema);
    files.set(id, f);
  }
  return f;
}
