/**
 * The theme's colours as values, for files that leave the site (a downloaded SVG or
 * PNG, a preview image) and so cannot read the page's CSS custom properties. They
 * must equal src/styles/tokens.css (a unit test compares the two).
 */
export type ThemeName = 'light' | 'dark';

export const THEMES: Record<ThemeName, Record<string, string>> = {
  light: {
    '--lca-bg': '#ffffff',
    '--lca-surface': '#f5f6f8',
    '--lca-fg': '#1b1f24',
    '--lca-muted': '#5a6270',
    '--lca-border': '#d3d7de',
    '--lca-grid': '#d9dde3',
    '--lca-link': '#0b5cad',
    '--lca-focus': '#b35900',
    '--lca-accent': '#1f5fa8',
    '--lca-series-2': '#8a5a00',
    '--lca-rise': '#b2182b',
    '--lca-fall': '#2166ac',
    '--lca-highlight': '#d95f02',
    '--lca-nodata': '#e4e4e4',
  },
  dark: {
    '--lca-bg': '#121417',
    '--lca-surface': '#1c2026',
    '--lca-fg': '#e8eaed',
    '--lca-muted': '#a9b0bb',
    '--lca-border': '#3a414b',
    '--lca-grid': '#343b45',
    '--lca-link': '#8cc4ff',
    '--lca-focus': '#ffb454',
    '--lca-accent': '#6fa8e8',
    '--lca-series-2': '#e0b050',
    '--lca-rise': '#f4a3a8',
    '--lca-fall': '#8ec2f0',
    '--lca-highlight': '#ffa55c',
    '--lca-nodata': '#3b3f45',
  },
};

/** The font stack of downloads: the site's, ending in a generic family so any renderer finds one. */
export const EXPORT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Writes the theme's colours in place of every var(--lca-…) reference (with or without a fallback). */
export function resolveColours(text: string, theme: ThemeName = 'light'): string {
  const t = THEMES[theme];
  return text.replace(/var\((--lca-[a-z0-9-]+)(?:\s*,[^)]*)?\)/g, (m, name: string) => t[name] ?? m);
}

/**
 * Sequential 5-class palette (ColorBrewer PuBu, colour-blind safe, ordered light to
 * dark so it reads in greyscale too).
 */
export const SEQ5 = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'] as const;
/** ColorBrewer PuBu for 5, 6 and 7 classes. */
export const SEQ: Record<number, readonly string[]> = {
  5: SEQ5,
  6: ['#f1eef6', '#d0d1e6', '#a6bddb', '#74a9cf', '#2b8cbe', '#045a8d'],
  7: ['#f1eef6', '#d0d1e6', '#a6bddb', '#74a9cf', '#3690c0', '#0570b0', '#034e7b'],
};

/**
 * Every fixed colour the charts use, in one place (the theme's colours are the CSS
 * variables of THEMES). ColorBrewer schemes, colour-blind safe; each class is also named
 * in its legend, so colour never carries meaning alone.
 */
export const PALETTE = {
  /** Gi* classes, hottest first: hot at 99, 95, 90%, then cold at 90, 95, 99% (RdBu). */
  gi: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
  /** Ranked places, busiest class first, and "the rest" in grey (OrRd with a neutral). */
  ranked: ['#b2182b', '#ef8a62', '#fdae6b', '#9e9e9e'],
  /** Street segments by their share of crime: the first quarter, the next, the rest (OrRd). */
  segments: ['#b2182b', '#ef8a62', '#fdd49e', '#9e9e9e'],
  /** How many of nine shifted grids call a spot hot: all, most, few (Reds). */
  stability: ['#b2182b', '#ef8a62', '#fddbc7'],
  /** Space-time classes (RdBu with BrBG and a purple for mixed). */
  spaceTime: {
    'intensifying hotspot': '#67000d',
    'persistent hotspot': '#b2182b',
    'emerging hotspot': '#f4a582',
    'former hotspot': '#bf812d',
    'intermittent hotspot': '#dfc27d',
    'mixed hot/coldspot': '#8073ac',
    'intermittent coldspot': '#d1e5f0',
    'former coldspot': '#92c5de',
    'emerging coldspot': '#4393c3',
    'persistent coldspot': '#2166ac',
    'no pattern': 'transparent',
  },
  /** Two data sources side by side (PuBu blue, Dark2 orange). */
  pair: ['#2b8cbe', '#d95f02'],
  /**
   * Up to five series on one chart (ColorBrewer Dark2, mid-tones that read on the light
   * and the dark background); each series also has its own marker shape (SERIES_SYMBOLS).
   */
  series: ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e'],
} as const;
