/**
 * The confidence comparator's two views, declared for the one controller
 * (src/client/view-page.ts): the borough view (the survey, its similar boroughs and crime
 * rates, and the borough outlines) and the ward comparator (every Met ward's rates, its
 * outlines and the boroughs'), each file checked before a figure is made from it.
 */
import type { Topology } from 'topojson-specification';
import { z } from '../../data/schema/mini.ts';
import { boroughsFileSchema, wardsFileSchema } from '../../data/schema/neighbourhoods.ts';
import { sourceSchema } from '../../data/schema/source.ts';
import { topologyFileSchema } from '../../data/schema/topology.ts';
import { outlinesSchema } from '../../data/schema/outlines.ts';
import type { Outlines } from '../../lib/outlines.ts';
import type { ViewIo, ViewSpec } from '../view.ts';
import {
  neighbourhoodsFigures,
  wardFigure,
  wardMapFigure,
  type NeighbourhoodsInput,
  type WardData,
} from './figures.ts';
import {
  defaultState,
  nbFormValues,
  nbParams,
  NEIGHBOURHOODS_VIEW,
  NEIGHBOURHOODS_WARD_VIEW,
  parseNbState,
  parseWard,
  type NbState,
} from './state.ts';

const configSchema = z.object({
  dataUrl: z.string(),
  boroughsUrl: z.string(),
  boroughOutlinesUrl: z.string(),
  wardsUrl: z.string(),
  wardTopoUrl: z.string(),
  wardBoundaries: sourceSchema,
});
export type NeighbourhoodsConfig = z.infer<typeof configSchema>;
type BoroughFile = Omit<NeighbourhoodsInput, 'outlines'>;

const files = {
  boroughs: (cfg: NeighbourhoodsConfig, io: ViewIo): Promise<BoroughFile> => io.json(cfg.dataUrl, boroughsFileSchema),
  wards: (cfg: NeighbourhoodsConfig, io: ViewIo): Promise<WardData> => io.json(cfg.wardsUrl, wardsFileSchema),
  topology: (url: string, io: ViewIo): Promise<Topology> => io.json(url, topologyFileSchema),
  outlines: (cfg: NeighbourhoodsConfig, io: ViewIo): Promise<Outlines> =>
    io.json(cfg.boroughOutlinesUrl, outlinesSchema),
};

export interface BoroughContext {
  cfg: NeighbourhoodsConfig;
  file: BoroughFile;
}

export const view: ViewSpec<NeighbourhoodsConfig, BoroughContext, NbState, NeighbourhoodsInput> = {
  ...NEIGHBOURHOODS_VIEW,
  config: configSchema,
  context: async (cfg, io) => ({ cfg, file: await files.boroughs(cfg, io) }),
  parse: (params, ctx) => parseNbState(params, ctx.file.pas),
  serialise: (s, ctx) => nbParams(s, ctx.file.pas),
  formValues: (s) => nbFormValues(s),
  load: async (_s, ctx, io) => ({ ...ctx.file, outlines: await files.outlines(ctx.cfg, io) }),
  compute: (input, s) => ({ figures: neighbourhoodsFigures(input, s) }),
};

export interface WardContext {
  cfg: NeighbourhoodsConfig;
  wards: WardData;
  /** the borough view's default borough, whose first ward is the default ward */
  borough: string;
}
export interface WardView {
  ward: string;
}

export const wardView: ViewSpec<NeighbourhoodsConfig, WardContext, WardView, { wards: Topology; boroughs: Topology }> =
  {
    ...NEIGHBOURHOODS_WARD_VIEW,
    config: configSchema,
    async context(cfg, io) {
      const [wards, boroughs] = await Promise.all([files.wards(cfg, io), files.boroughs(cfg, io)]);
      return { cfg, wards, borough: defaultState(boroughs.pas).borough };
    },
    parse(params, ctx) {
      const { ward, problems } = parseWard(params, ctx.wards, ctx.borough);
      return { state: { ward }, problems };
    },
    serialise: (s, ctx) =>
      new URLSearchParams(
        s.ward === parseWard(new URLSearchParams(), ctx.wards, ctx.borough).ward ? {} : { ward: s.ward },
      ),
    load: async (_s, ctx, io) => {
      const [wards, boroughs] = await Promise.all([
        files.topology(ctx.cfg.wardTopoUrl, io),
        files.topology(ctx.cfg.boroughsUrl, io),
      ]);
      return { wards, boroughs };
    },
    compute: (t, s, ctx) => ({
      figures: [
        wardFigure(ctx.wards, s.ward),
        wardMapFigure(ctx.wards, s.ward, t.boroughs, t.wards, ctx.cfg.wardBoundaries),
      ],
    }),
  };
