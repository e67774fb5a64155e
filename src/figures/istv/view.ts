/**
 * The ISTV page's view, declared for the one controller (src/client/view-page.ts): the
 * analysis of the file in the page's worker (src/workers/istv.ts) for the filters, and the
 * figures made from it with the build's functions. On screen, the analyst's view or, in
 * presentation mode, the controlled one; what leaves the page is always controlled, and a
 * figure with no controlled version (a group of 1 to k attendances) cannot be downloaded.
 */
import type { Topology } from 'topojson-specification';
import { z } from '../../data/schema/mini.ts';
import { sourceSchema } from '../../data/schema/source.ts';
import { topologyFileSchema } from '../../data/schema/topology.ts';
import { ISTV_FIELDS, type IstvAnalysis, type IstvKey, type Mapping } from '../../lib/istv.ts';
import type { Figure } from '../types.ts';
import type { ViewSpec } from '../view.ts';
import { istvFigures, type IstvContext } from './figures.ts';
import { ISTV_VIEW, istvFormValues, parseIstv, type IstvState } from './state.ts';

const configSchema = z.object({
  synthetic: z.string(),
  syntheticName: z.string(),
  boroughs: z.string(),
  areaCentres: z.string(),
  police: z.string(),
  fields: z.array(
    z.object({ key: z.enum(ISTV_FIELDS.map((f) => f.key) as [IstvKey, ...IstvKey[]]), label: z.string() }),
  ),
  policeSource: sourceSchema,
  policeWardSource: sourceSchema,
  boundarySource: sourceSchema,
  fileUrls: z.object({ synthetic: z.string(), own: z.string() }),
});
export type IstvConfig = z.infer<typeof configSchema>;

/** The file the worker holds, as the page's file controls set it (mapped, named, and whether it is the reader's own). */
export interface IstvFile {
  mapping: Mapping;
  /** spellings that differ only in capitals, spaces and punctuation merged before counting (the reader's choice; on by default) */
  merge: boolean;
  name: string;
  mine: boolean;
  /** counted up by every file read: an analysis of an earlier one is not reused */
  version: number;
}

export interface IstvViewContext {
  cfg: IstvConfig;
  boroughs: Topology;
  /** the file the worker holds (set by the page's file controls), null before one is read */
  file: IstvFile | null;
  /** the synthetic extract on its way to the worker when the page's code starts (a first change waits for it) */
  reading?: Promise<unknown>;
}

export interface IstvData {
  analysis: IstvAnalysis;
  ms: number;
  areaCentres?: IstvContext['areaCentres'];
  /** what could not be loaded for the view (the area centres), in words */
  problems: string[];
}

/** The latest analysis, kept: a change of disclosure control draws it again without analysing again. */
let last: { key: string; data: Promise<IstvData> } | null = null;

/** The figures on show, the figures downloads are made from, and what is not drawn, by id. */
export function istvResult(d: IstvData, s: IstvState, ctx: IstvViewContext) {
  const fc: IstvContext = {
    boroughs: ctx.boroughs,
    police: ctx.cfg.policeSource,
    policeWards: ctx.cfg.policeWardSource,
    boundaries: ctx.cfg.boundarySource,
    fileUrls: ctx.cfg.fileUrls,
    areaCentres: d.areaCentres,
  };
  const shown = istvFigures(d.analysis, fc, s.present ? s.k : null);
  const controlled = s.present ? shown : istvFigures(d.analysis, fc, s.k);
  const figures = Object.values(shown).filter((f): f is Figure => f !== null);
  const exports = Object.fromEntries(figures.map((f) => [f.id, controlled[f.id as keyof typeof controlled]]));
  const notShown = Object.entries(shown)
    .filter(([, f]) => !f)
    .map(([id]) => id);
  return { figures, exports, notShown };
}

export const view: ViewSpec<IstvConfig, IstvViewContext, IstvState, IstvData, { notShown: string[] }> = {
  ...ISTV_VIEW,
  config: configSchema,
  context: async (cfg, io) => ({ cfg, boroughs: await io.json(cfg.boroughs, topologyFileSchema), file: null }),
  parse: (params) => parseIstv(params),
  serialise: () => new URLSearchParams(),
  formValues: (s) => istvFormValues(s),
  async load(s, ctx, io) {
    if (!ctx.file) await ctx.reading;
    const file = ctx.file;
    if (!file) throw new Error('no file has been read');
    const key = JSON.stringify([file.version, file.mapping, file.merge, s.filter]);
    if (last?.key === key) return last.data;
    const data = (async (): Promise<IstvData> => {
      const { analysis, ms, problems } = await io.work<{ analysis: IstvAnalysis; ms: number; problems: string[] }>({
        type: 'analyse',
        mapping: file.mapping,
        merge: file.merge,
        filter: s.filter,
      });
      // The centres of a file of codes come with the analysis (the worker read them before any file was chosen).
      return { analysis, ms, areaCentres: analysis.areaCentres, problems };
    })();
    last = { key, data };
    data.catch(() => (last = null));
    return data;
  },
  compute(d, s, ctx) {
    const { figures, exports, notShown } = istvResult(d, s, ctx);
    return { figures, exports, problems: d.problems, embeddable: d.analysis.synthetic, extra: { notShown } };
  },
};
