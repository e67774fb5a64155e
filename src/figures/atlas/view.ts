/**
 * The atlas's view, declared for the one controller (src/client/view-page.ts): the
 * catalogue it reads an address with, the files a view loads (the geography's areas and
 * outlines, the indicator and the comparison's values, each checked with the data layer's
 * schema), and its two figures.
 */
import type { Outlines } from '../../lib/outlines.ts';
import { z } from '../../data/schema/mini.ts';
import { atlasAreasSchema, atlasIndicatorDataSchema, catalogueSchema } from '../../data/schema/atlas.ts';
import { outlinesSchema } from '../../data/schema/outlines.ts';
import { registrySourceSchema } from '../../data/schema/source.ts';
import {
  LEVEL_META,
  type AtlasAreas,
  type AtlasIndicatorData,
  type AtlasLevel,
  type IndicatorMeta,
} from '../../lib/atlas.ts';
import { echo } from '../../lib/url-notes.ts';
import type { Figure } from '../types.ts';
import type { ViewIo, ViewSpec } from '../view.ts';
import { atlasCompareFigure, atlasMapFigure, type AtlasSource } from './figures.ts';
import { ATLAS_VIEW, atlasFormValues, atlasFromForm, parseState, stateToParams, type AtlasState } from './state.ts';

const configSchema = z.object({ base: z.string(), sources: z.record(z.string(), registrySourceSchema) });
export type AtlasConfig = z.infer<typeof configSchema>;

export interface AtlasContext {
  catalogue: IndicatorMeta[];
  sources: Record<string, AtlasSource>;
  /** a file of the site, by its path under the base */
  url: (path: string) => string;
}

export interface AtlasData {
  areas: AtlasAreas;
  data: AtlasIndicatorData;
  outlines: Outlines;
  /** the comparison's indicator and values (none when the view has no comparison) */
  other: { meta: IndicatorMeta; data: AtlasIndicatorData } | null;
}

/** The files of the atlas, each loaded once: a geography's areas and outlines, an indicator's values there. */
export const atlasFiles = {
  areas: (ctx: AtlasContext, io: ViewIo, l: AtlasLevel) =>
    io.json(ctx.url(`data/atlas/${l}/areas.json`), atlasAreasSchema),
  values: (ctx: AtlasContext, io: ViewIo, l: AtlasLevel, id: string) =>
    io.json(ctx.url(`data/atlas/${l}/${id}.json`), atlasIndicatorDataSchema),
  outlines: (ctx: AtlasContext, io: ViewIo, l: AtlasLevel) =>
    io.json(ctx.url(`data/outlines/${l}.json`), outlinesSchema),
};

/**
 * The figures made in this page, by what each is made from (the files of a view do not
 * change while the page is open), the latest 24 kept: a return to a view reuses its
 * figures, and with them the drawings made for them (src/client/views/atlas.ts).
 */
const FIGURES_KEPT = 24;
const made = new Map<string, Figure>();
function figureOf(key: readonly unknown[], make: () => Figure): Figure {
  const k = JSON.stringify(key);
  const f = made.get(k) ?? make();
  made.delete(k);
  made.set(k, f);
  if (made.size > FIGURES_KEPT) made.delete(made.keys().next().value!);
  return f;
}

export const view: ViewSpec<AtlasConfig, AtlasContext, AtlasState, AtlasData> = {
  ...ATLAS_VIEW,
  config: configSchema,
  announce: 'atlas-map',
  async context(cfg, io) {
    const url = (p: string) => cfg.base + p;
    const { indicators } = await io.json(url('data/indicators.json'), catalogueSchema);
    return { catalogue: indicators, sources: cfg.sources, url };
  },
  parse: (params, ctx) => parseState(params, ctx.catalogue),
  serialise: (s) => stateToParams(s),
  fromForm: (params, changed, ctx) => atlasFromForm(params, changed, ctx.catalogue),
  formValues: (s) => atlasFormValues(s),
  async load(s, ctx, io) {
    const other = s.compare ? ctx.catalogue.find((c) => c.id === s.compare)! : null;
    const [areas, data, outlines, otherData] = await Promise.all([
      atlasFiles.areas(ctx, io, s.level),
      atlasFiles.values(ctx, io, s.level, s.indicator),
      atlasFiles.outlines(ctx, io, s.level),
      other ? atlasFiles.values(ctx, io, s.level, other.id) : null,
    ]);
    return { areas, data, outlines, other: other && otherData ? { meta: other, data: otherData } : null };
  },
  compute(d, asked, ctx) {
    // An area that is not at this geography (a ward code with level=lsoa): the view without it, and a note.
    const problems: string[] = [];
    const s = { ...asked };
    if (s.area && !d.areas.codes.includes(s.area)) {
      problems.push(
        `area ${echo(s.area)} is not among the ${LEVEL_META[s.level].plural} on this map, so no area is selected`,
      );
      s.area = null;
    }
    const meta = ctx.catalogue.find((c) => c.id === s.indicator)!;
    const input = { state: s, meta, areas: d.areas, data: d.data, outlines: d.outlines, sources: ctx.sources };
    const figures = [figureOf(['map', s.indicator, s.level, s.method, s.classes, s.area], () => atlasMapFigure(input))];
    const o = d.other;
    if (o)
      figures.push(
        figureOf(['compare', s.indicator, o.meta.id, s.level, s.area], () =>
          atlasCompareFigure({ ...input, other: o.meta, otherData: o.data }),
        ),
      );
    return { figures, state: s, problems };
  },
};
