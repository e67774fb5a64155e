/** The atlas's figures at build time: the default view, its data read through the data layer. */
import { loadTopology } from '../../data/geo.ts';
import { atlasIndicatorData, loadAtlasLevel, loadCatalogue } from '../../data/atlas.ts';
import { loadManifest } from '../../data/manifest.ts';
import { DEFAULT_STATE, type AtlasState } from './state.ts';
import { LEVEL_META, type AtlasLevel } from '../../lib/atlas.ts';
import type { Outlines } from '../../lib/outlines.ts';
import { outlinesOf } from '../../charts/outlines.ts';
import type { Topology } from 'topojson-specification';
import type { Figure } from '../types.ts';
import { atlasCompareFigure, atlasMapFigure, type AtlasSource, type AtlasViewInput } from './figures.ts';

/** A level's boundaries, through the data layer. */
export const loadLevelTopo = (file: string): Topology => loadTopology(file);
/** A level's outlines projected: drawn by the build, and published for the browser (data/outlines/<level>.json). */
export const levelOutlines = (level: AtlasLevel): Outlines =>
  outlinesOf(loadTopology(LEVEL_META[level].topo), LEVEL_META[level].object);

/** The registry's sources of every indicator, by id: the figures' source lines (the pages carry them for the browser). */
export function atlasSources(): Record<string, AtlasSource> {
  const ids = new Set(loadCatalogue().flatMap((c) => c.sources.split(';')));
  return Object.fromEntries(
    loadManifest()
      .sources.filter((s) => ids.has(s.id))
      .map((s) => [
        s.id,
        { name: s.title, publisher: s.publisher, attribution: s.attribution, licence: s.licence, url: s.page },
      ]),
  );
}

function input(state: AtlasState): AtlasViewInput {
  const meta = loadCatalogue().find((c) => c.id === state.indicator)!;
  return {
    state,
    meta,
    areas: loadAtlasLevel(state.level).areas,
    data: atlasIndicatorData(state.level, state.indicator),
    outlines: levelOutlines(state.level),
    sources: atlasSources(),
  };
}

export const atlasFigure = (state: AtlasState = DEFAULT_STATE): Figure => atlasMapFigure(input(state));

/** The comparison of the default view (the page hides it when a view has none). */
export function atlasCompare(state: AtlasState = DEFAULT_STATE): Figure {
  if (!state.compare) throw new Error('atlasCompare: the view has no comparison');
  const other = loadCatalogue().find((c) => c.id === state.compare)!;
  return atlasCompareFigure({ ...input(state), other, otherData: atlasIndicatorData(state.level, other.id) });
}

export const atlasFigures = (): Figure[] => [atlasFigure(), atlasCompare()];

/** The atlas view's configuration on a page (src/figures/atlas/view.ts reads it): the base path and the sources. */
export const atlasViewConfig = (base: string) => ({ base, sources: atlasSources() });
