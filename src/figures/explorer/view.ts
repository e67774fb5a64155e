/**
 * The incident explorer's view, declared for the one controller (src/client/view-page.ts):
 * the records it loads (a borough's data set and its explorer file, or every Met borough's,
 * each checked with the build's schemas), the filter an address names, and the five linked
 * figures made with the same functions as the build's.
 */
import type { Topology } from 'topojson-specification';
import { z } from '../../data/schema/mini.ts';
import { hotspotDatasetSchema } from '../../data/schema/hotspots.ts';
import { explorerFileSchema } from '../../data/schema/explorer.ts';
import { topologyFileSchema } from '../../data/schema/topology.ts';
import { sourceSchema } from '../../data/schema/source.ts';
import {
  buildRecords,
  crossCount,
  defaultFilter,
  explorerInput,
  masksOf,
  selectedRows,
  type ExplorerCounts,
  type Masks,
  type Records,
} from '../../lib/explorer.ts';
import type { ViewSpec } from '../view.ts';
import { explorerFigures, type ExplorerContext } from './figures.ts';
import {
  EXPLORER_TABLE_ROWS,
  EXPLORER_VIEW,
  explorerFormValues,
  explorerFromForm,
  explorerParams,
  parseExplorerParams,
  resolveFilter,
  type ExplorerState,
} from './state.ts';

const option = z.object({
  id: z.string(),
  file: z.string(),
  explorerFile: z.string(),
  place: z.string(),
  force: z.string(),
  months: z.tuple([z.string(), z.string()]),
  used: z.number(),
  outcomeSource: z.string(),
  sources: z.array(sourceSchema),
});
const configSchema = z.object({
  options: z.array(option).check(z.minLength(1)),
  boroughs: z.string(),
  defaultId: z.string(),
});
export type ExplorerConfig = z.infer<typeof configSchema>;

/** Every Met borough's records together. */
export const MET_ALL = 'met-all';

export interface ExplorerData {
  records: Records;
  boroughs: Topology;
}
/** What the page shows of a view besides its figures: the filtered records (the table, the download) and the timings for the benchmark. */
export interface ExplorerExtra {
  records: Records;
  masks: Masks;
  counts: ExplorerCounts;
  first: Uint32Array;
  filterMs: number;
  startedAt: number;
}

/** The records of a data set, or of all the Met's ("met-all"), each made once. */
const made = new Map<string, Promise<Records>>();

export const view: ViewSpec<ExplorerConfig, ExplorerConfig, ExplorerState, ExplorerData, ExplorerExtra> = {
  ...EXPLORER_VIEW,
  config: configSchema,
  announce: 'explorer-months',
  context: (cfg) => cfg,
  parse: (params, cfg) => parseExplorerParams(params, [...cfg.options.map((o) => o.id), MET_ALL], cfg.defaultId),
  serialise: (s, cfg) => explorerParams(s, cfg.defaultId),
  fromForm: (params, changed) => explorerFromForm(params, changed),
  formValues: (s, _cfg, d) => explorerFormValues(s, d!.records),
  async load(s, cfg, io) {
    const list =
      s.data === MET_ALL
        ? cfg.options.filter((o) => o.id.startsWith('met-'))
        : cfg.options.filter((o) => o.id === s.data);
    let records = made.get(s.data);
    if (!records) {
      records = (async () => {
        const inputs = [];
        for (const [i, o] of list.entries()) {
          io.progress(
            list.length > 1 ? `Loading the records of borough ${i + 1} of ${list.length}…` : 'Loading the records…',
          );
          const [d, x] = await Promise.all([
            io.json(o.file, hotspotDatasetSchema),
            io.json(o.explorerFile, explorerFileSchema),
          ]);
          inputs.push(explorerInput(d, x));
        }
        return buildRecords(inputs);
      })();
      made.set(s.data, records);
      records.catch(() => made.delete(s.data));
    }
    const [r, boroughs] = await Promise.all([records, io.json(cfg.boroughs, topologyFileSchema)]);
    return { records: r, boroughs };
  },
  compute({ records: r, boroughs }, s, cfg) {
    const startedAt = performance.now();
    const { filter, problems } = resolveFilter(r, s);
    const masks = masksOf(r, filter);
    const counts = crossCount(r, masks);
    const filterMs = performance.now() - startedAt;
    // The view as drawn names only what differs from the default.
    const def = defaultFilter(r).types;
    const state: ExplorerState = {
      ...s,
      from: filter.from === 0 ? null : r.months[filter.from]!,
      to: filter.to === r.months.length - 1 ? null : r.months[filter.to]!,
      types:
        filter.types.length === def.length && filter.types.every((t) => def.includes(t))
          ? null
          : filter.types.filter((t) => t >= 0).map((t) => r.types[t]!),
      outcomes: filter.outcomes.map((o) => r.outcomes[o]!),
    };
    const met = cfg.options.filter((o) => o.id.startsWith('met-'));
    const o =
      s.data === MET_ALL
        ? { ...met[0]!, place: `${met.length} Metropolitan Police boroughs` }
        : cfg.options.find((x) => x.id === s.data)!;
    const ctx: ExplorerContext = {
      place: o.place,
      force: o.force,
      sources: o.sources,
      outcomeSource: o.outcomeSource,
      boroughs,
    };
    const first = selectedRows(r, masks, EXPLORER_TABLE_ROWS);
    return {
      figures: explorerFigures(r, filter, counts, ctx),
      state,
      problems,
      extra: { records: r, masks, counts, first, filterMs, startedAt },
    };
  },
};
