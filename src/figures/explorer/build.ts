/**
 * The incident explorer at build time: the data sets it offers (with their sources, for
 * the page to hand to its browser code) and the default view — the City of London
 * Police's records, every crime type, every month — drawn with the same functions the
 * page runs for every other view.
 */
import { loadBoroughTopo } from '../../data/geo.ts';
import { loadHotspotDataset, loadHotspotIndex } from '../../data/hotspots.ts';
import { explorerFileName, loadExplorerFile } from '../../data/explorer.ts';
import {
  buildRecords,
  crossCount,
  defaultFilter,
  explorerInput,
  masksOf,
  recordRow,
  selectedRows,
  type Records,
} from '../../lib/explorer.ts';
import { EXPLORER_TABLE_ROWS } from './state.ts';
import { explorerFigures, type ExplorerContext } from './figures.ts';
import { boroughBoundarySource, registrySource } from '../sources.ts';
import { monthText } from '../hotspots/figures.ts';
import type { Figure, FigureSource } from '../types.ts';
import { withBase } from '../../lib/paths.ts';

export const EXPLORER_DEFAULT = 'city';

/** A data set the page offers: its files, place and sources. */
export interface ExplorerOption {
  id: string;
  file: string;
  explorerFile: string;
  place: string;
  force: string;
  months: [string, string];
  used: number;
  outcomeSource: string;
  sources: FigureSource[];
}

export function explorerOptions(): ExplorerOption[] {
  return loadHotspotIndex().datasets.map((e) => {
    const d = loadHotspotDataset(e.id);
    const x = loadExplorerFile(e.id);
    return {
      id: e.id,
      file: e.file,
      explorerFile: explorerFileName(e.file),
      place: d.area.name,
      force: d.force,
      months: [d.months[0]!, d.months.at(-1)!],
      used: d.used,
      outcomeSource: x.outcomeSource,
      sources: [
        registrySource(d.source, `data for ${monthText(d.months[0]!)} to ${monthText(d.months.at(-1)!)}`),
        boroughBoundarySource(),
      ],
    };
  });
}

let records: Records | undefined;
export function defaultRecords(): Records {
  return (records ??= buildRecords([
    explorerInput(loadHotspotDataset(EXPLORER_DEFAULT), loadExplorerFile(EXPLORER_DEFAULT)),
  ]));
}

/**
 * What the explorer page states before its script runs: the data sets on offer (the City
 * of London's, the default, and the Met boroughs', with their records in all), and the
 * default view's counts by type and outcome and the first rows of its table.
 */
export function explorerPageFacts() {
  const options = explorerOptions();
  const met = options.filter((o) => o.id.startsWith('met-'));
  const city = options.find((o) => o.id === EXPLORER_DEFAULT)!;
  const records = defaultRecords();
  const filter = defaultFilter(records);
  const masks = masksOf(records, filter);
  return {
    city,
    met,
    metTotal: met.reduce((a, o) => a + o.used, 0),
    records,
    filter,
    counts: crossCount(records, masks),
    firstRows: [...selectedRows(records, masks, EXPLORER_TABLE_ROWS)].map((i) => recordRow(records, i)),
  };
}

export function explorerContextFor(o: ExplorerOption): ExplorerContext {
  return {
    place: o.place,
    force: o.force,
    sources: o.sources,
    outcomeSource: o.outcomeSource,
    boroughs: loadBoroughTopo(),
  };
}

export function explorerDefaultFigures(): Figure[] {
  const r = defaultRecords();
  const f = defaultFilter(r);
  const o = explorerOptions().find((x) => x.id === EXPLORER_DEFAULT)!;
  return explorerFigures(r, f, crossCount(r, masksOf(r, f)), explorerContextFor(o));
}

/** The explorer view's configuration on a page (src/figures/explorer/view.ts reads it): the data sets with their files and sources. */
export function explorerViewConfig(base: string) {
  return {
    options: explorerOptions().map((o) => ({
      ...o,
      file: withBase(base, `data/${o.file}`),
      explorerFile: withBase(base, `data/${o.explorerFile}`),
    })),
    boroughs: withBase(base, 'data/london_boroughs.topo.json'),
    defaultId: EXPLORER_DEFAULT,
  };
}
