/**
 * Which figure each page's link preview shows (build time): one image per page, and one
 * per kind of figure for the embed pages (an embed's canonical page has its own).
 */
import { allFigures, figureById } from './index.ts';
import { loadReleases } from '../data/national.ts';
import { releasePage } from './national/build.ts';
import { profileAreas } from './profile/areas.ts';
import { slug } from '../lib/format.ts';
import type { Figure } from './types.ts';

export interface PreviewEntry {
  /** the image's file name (previews/<name>.png) */
  name: string;
  figure: Figure;
  /** words after the site's name on the card */
  kicker?: string;
}

/** The preview's name for a page path under the base ("" → "home", "area/E09000033/" → "area-e09000033"). */
export const previewName = (path: string) => slug(path) || 'home';
export const kindPreviewName = (kind: string) => `kind-${slug(kind.replace(/([a-z])([A-Z])/g, '$1 $2'))}`;

let entries: PreviewEntry[] | undefined;

export function previewEntries(): PreviewEntry[] {
  if (entries) return entries;
  const has = new Set(allFigures().map((f) => f.id));
  const page = (path: string, id: string, kicker?: string): PreviewEntry => ({
    name: previewName(path),
    figure: figureById(id),
    kicker,
  });
  const list: PreviewEntry[] = [
    page('', 'mps-change-by-offence-group'),
    page('national/', allFigures().find((f) => f.id.startsWith('national-csp-boroughs-'))!.id, 'A national picture'),
    ...loadReleases()
      .releases.map((r) => releasePage(r.period))
      .filter((p) => p !== 'national/')
      .map((p) =>
        page(p, `national-${/national\/(\d{4}-\d{2})\//.exec(p)![1]}-mps-vs-england-wales`, 'A national picture'),
      ),
    page('atlas/', 'atlas-map', 'Atlas'),
    page('hotspots/', 'hotspots-map', 'Hotspots'),
    page('hotspots/london/', 'hotspots-lsoa', 'Hotspots across London'),
    page('violence/', 'violence-knife-trend', 'Violence'),
    page('violence/wards/', 'violence-knife-ward-map', 'Knife crime by ward'),
    page('violence/istv/', 'istv-day-hour', 'ISTV mode (synthetic data)'),
    page('violence/explorer/', 'explorer-map', 'Street-level crime explorer'),
    page('neighbourhoods/', 'neighbourhoods-funnel', 'Neighbourhood confidence'),
    page('methods/', 'mps-monthly-total', 'Methods and data'),
    page('embed/', 'mps-borough-rates', 'Embed a chart'),
    ...profileAreas().map((a) =>
      page(
        `area/${a.code}/`,
        has.has(`area-${a.code}-crime-trend`) ? `area-${a.code}-crime-trend` : `area-${a.code}-locator`,
        `Area profile: ${a.name}`,
      ),
    ),
  ];
  const kinds = new Map<string, Figure>();
  for (const f of allFigures()) if (!kinds.has(f.chart.kind)) kinds.set(f.chart.kind, f);
  for (const [kind, f] of kinds) list.push({ name: kindPreviewName(kind), figure: f, kicker: 'Embedded chart' });
  return (entries = list);
}
