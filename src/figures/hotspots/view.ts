/**
 * The hotspots page's view, declared for the one controller (src/client/view-page.ts): the
 * data set it loads (checked with the build's schema), sent once to the page's worker,
 * which runs the analysis for the view's choices; the nine street-level figures are made
 * from the analysis with the same functions as the build's.
 */
import { z } from '../../data/schema/mini.ts';
import { hotspotDatasetSchema } from '../../data/schema/hotspots.ts';
import { sourceSchema } from '../../data/schema/source.ts';
import type { AnalysisOptions, HotspotDataset, HotspotResult } from '../../lib/hotspots/dataset.ts';
import type { ViewSpec } from '../view.ts';
import { dataNotes, methodCard, typesInWords, VIEW_FIGURES, type HotspotContext } from './figures.ts';
import {
  HOTSPOTS_VIEW,
  hsFormValues,
  hsFromForm,
  hsStateToParams,
  parseHsState,
  typeSlug,
  type HsCatalogue,
  type HsState,
} from './state.ts';

const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const configSchema = z.object({
  datasets: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      title: z.string(),
      area: z.object({ code: z.string(), name: z.string() }),
      months: z.tuple([month, month]),
      types: z.array(z.string()),
      crimes: z.array(z.string()),
      source: sourceSchema,
      networkSource: z.nullable(sourceSchema),
      wardSource: z.nullable(sourceSchema),
      networkHref: z.nullable(z.string()),
    }),
  ),
  boundarySource: sourceSchema,
  typeSlugs: z.array(z.string()),
});
export type HotspotsConfig = z.infer<typeof configSchema>;
export interface HotspotsContext {
  cfg: HotspotsConfig;
  cat: HsCatalogue;
}
export interface HotspotsData extends HotspotResult {
  d: HotspotDataset;
  options: AnalysisOptions;
}
/** What the page shows of a view besides its figures: the method card, and the defaults the analysis chose. */
export interface HotspotsExtra {
  card: string[];
  cellSize: number;
  bandwidth: number;
  ms: number;
}

/** The analysis's options for a state: its crime types, months and sizes as the data set has them. */
export function optionsFor(d: HotspotDataset, s: HsState): AnalysisOptions {
  const slugs = d.types.map(typeSlug);
  const chosen = s.types.map((t) => slugs.indexOf(t)).filter((i) => i >= 0);
  const types = chosen.length ? chosen : d.types.map((_, i) => i).filter((i) => d.isCrime[i]);
  const from = s.from ? Math.max(0, d.months.indexOf(s.from)) : 0;
  const to = s.to ? Math.max(from, d.months.indexOf(s.to)) : d.months.length - 1;
  return {
    types,
    from,
    to,
    cellSize: s.cell,
    bandwidth: s.bw,
    adjust: s.adjust,
    paiShare: 0.05,
    segmentMeasure: s.block,
  };
}

/** Data sets sent to the worker (each once: it keeps them). */
const sent = new Map<string, Promise<unknown>>();

export const view: ViewSpec<HotspotsConfig, HotspotsContext, HsState, HotspotsData, HotspotsExtra> = {
  ...HOTSPOTS_VIEW,
  config: configSchema,
  context: (cfg) => ({ cfg, cat: { datasets: cfg.datasets, typeSlugs: cfg.typeSlugs } }),
  parse: (params, ctx) => parseHsState(params, ctx.cat),
  serialise: (s) => hsStateToParams(s),
  fromForm: (params, changed, ctx, current) => hsFromForm(params, changed, ctx.cat, current),
  formValues: (s, ctx) => hsFormValues(s, ctx.cat),
  async load(s, ctx, io) {
    const entry = ctx.cfg.datasets.find((x) => x.id === s.data)!;
    const d = await io.json(entry.file, hotspotDatasetSchema);
    let loaded = sent.get(s.data);
    if (!loaded) {
      loaded = io.work({ type: 'load', id: s.data, dataset: d });
      sent.set(s.data, loaded);
      loaded.catch(() => sent.delete(s.data));
    }
    await loaded;
    const options = optionsFor(d, s);
    const result = await io.work<HotspotResult>({ type: 'analyse', id: s.data, options });
    return { d, options, ...result };
  },
  compute(r, s, ctx) {
    const entry = ctx.cfg.datasets.find((x) => x.id === s.data)!;
    const fc: HotspotContext = {
      d: r.d,
      a: r.analysis,
      method: s.method,
      source: entry.source,
      boundarySource: ctx.cfg.boundarySource,
      networkSource: entry.networkSource,
      wardSource: entry.wardSource,
      networkHref: entry.networkHref,
      typeWord: typesInWords(r.d, r.options.types),
      stab: r.stab,
    };
    const figures = HOTSPOTS_VIEW.figures.map((id) => VIEW_FIGURES[id]!(fc));
    return {
      figures,
      extra: {
        card: [...methodCard(fc), ...dataNotes(fc)],
        cellSize: r.analysis.cellSize,
        bandwidth: r.analysis.bandwidth,
        ms: r.ms,
      },
    };
  },
};
