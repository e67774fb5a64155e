/** The navigation: only pages that work on real data are listed. */
export const NAV = [
  { path: '', label: 'Overview' },
  { path: 'national/', label: 'National picture' },
  { path: 'atlas/', label: 'Atlas' },
  { path: 'hotspots/', label: 'Hotspots' },
  { path: 'violence/', label: 'Violence' },
  { path: 'neighbourhoods/', label: 'Confidence' },
  { path: 'methods/', label: 'Methods and data' },
] as const;

/** Pages below a section, not in the navigation but in the sitemap. */
export const SUBPAGES = [
  'hotspots/london/',
  'violence/wards/',
  'violence/istv/',
  'violence/explorer/',
  'embed/',
] as const;
