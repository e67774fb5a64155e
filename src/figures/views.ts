/**
 * The interactive views, by the figures they draw: a page or an embed page that shows one
 * of a view's figures carries the view's configuration (src/components/ViewConfig.astro),
 * and the one controller (src/client/view-page.ts) draws the view its address names.
 * Build time only: each configuration reads the data layer.
 */
import type { ViewName } from './view.ts';
import { ATLAS_VIEW } from './atlas/state.ts';
import { atlasViewConfig } from './atlas/build.ts';
import { HOTSPOTS_VIEW } from './hotspots/state.ts';
import { hotspotsViewConfig } from './hotspots/build.ts';
import { EXPLORER_VIEW } from './explorer/state.ts';
import { explorerViewConfig } from './explorer/build.ts';
import { NEIGHBOURHOODS_VIEW, NEIGHBOURHOODS_WARD_VIEW } from './neighbourhoods/state.ts';
import { neighbourhoodsViewConfig } from './neighbourhoods/build.ts';
import { ISTV_VIEW } from './istv/state.ts';
import { istvViewConfig } from './istv/build.ts';

export interface ViewEntry extends ViewName {
  /** the view's configuration for the page's browser code */
  config: (base: string) => unknown;
}

export const VIEWS: readonly ViewEntry[] = [
  { ...ATLAS_VIEW, config: atlasViewConfig },
  { ...HOTSPOTS_VIEW, config: hotspotsViewConfig },
  { ...EXPLORER_VIEW, config: explorerViewConfig },
  { ...NEIGHBOURHOODS_VIEW, config: neighbourhoodsViewConfig },
  { ...NEIGHBOURHOODS_WARD_VIEW, config: neighbourhoodsViewConfig },
  { ...ISTV_VIEW, config: istvViewConfig },
];

/** The views that draw a figure (none for a figure of the build only). */
export const viewsOfFigure = (id: string): ViewEntry[] => VIEWS.filter((v) => v.figures.includes(id));

export function viewById(id: string): ViewEntry {
  const v = VIEWS.find((x) => x.id === id);
  if (!v) throw new Error(`no view ${id}`);
  return v;
}
