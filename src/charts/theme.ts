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
