/** Shared pieces of every chart function: theme colours, sizing and post-processing. */

/** Colours are CSS custom properties (see src/styles/tokens.css), so one SVG serves light and dark themes. */
export const C = {
  fg: 'var(--lca-fg)',
  muted: 'var(--lca-muted)',
  grid: 'var(--lca-grid)',
  accent: 'var(--lca-accent)',
  series2: 'var(--lca-series-2)',
  rise: 'var(--lca-rise)',
  fall: 'var(--lca-fall)',
  highlight: 'var(--lca-highlight)',
  nodata: 'var(--lca-nodata)',
} as const;

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
 * variables above). ColorBrewer schemes, colour-blind safe; each class is also named
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

/** The marker of each series, so that series differ in shape as well as colour. */
export const SERIES_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star'] as const;

export interface ChartOptions {
  /** Width in CSS pixels of the SVG's coordinate system. */
  width: number;
  /** A DOM document: window.document in the browser, linkedom's at build time. */
  document: Document;
  /** Accessible name for the SVG (the figure title). */
  ariaLabel?: string;
}

/**
 * Fixes what axe flags in Plot output and makes the SVG scale with its container:
 * Plot puts aria-label on <g> without a role, so give those groups role="group".
 */
export function finalize(svg: SVGSVGElement | Element, label?: string): SVGSVGElement {
  const el = svg as SVGSVGElement;
  for (const g of Array.from(el.querySelectorAll('g[aria-label]'))) g.setAttribute('role', 'group');
  el.setAttribute('role', 'img');
  if (label) el.setAttribute('aria-label', label);
  el.setAttribute('class', ((el.getAttribute('class') ?? '') + ' lca-chart').trim());
  el.removeAttribute('style');
  el.setAttribute('style', 'max-width:100%;height:auto;');
  // Plot's 10 px default is too small once a chart is scaled into a column: 12 px, or 13 px
  // on narrow drawings (shown in columns from 320 px, where they stay at least 11 px).
  if (el.getAttribute('font-size') === '10') el.setAttribute('font-size', Number(el.getAttribute('width')) < 520 ? '13' : '12');
  return el;
}

/** Plot options shared by every Plot chart. */
export function basePlot(opts: ChartOptions) {
  return {
    document: opts.document,
    width: opts.width,
    ariaLabel: opts.ariaLabel,
    style: { fontSize: '13px', fontFamily: 'inherit', background: 'transparent', color: 'currentColor', overflow: 'visible' },
  };
}

/** Shorter row labels for narrow charts, where the full name would be clipped. */
const SHORT_LABELS: Record<string, string> = {
  'Total recorded crime (excl. fraud)': 'Total (excl. fraud)',
  'Death or serious injury - unlawful driving': 'Death/injury, unlawful driving',
  'Miscellaneous crimes against society': 'Misc. crimes against society',
  'Possession of weapons offences': 'Possession of weapons',
  'Violence against the person': 'Violence against person',
  'Arson and criminal damage': 'Arson & criminal damage',
  'Criminal damage and arson': 'Criminal damage & arson',
  'Hammersmith and Fulham': 'Hammersmith & Fulham',
  'Kensington and Chelsea': 'Kensington & Chelsea',
  'Barking and Dagenham': 'Barking & Dagenham',
  'Richmond upon Thames': 'Richmond',
  'Kingston upon Thames': 'Kingston',
};
/** The longest row label on a narrow chart, in characters (about 180 px at 13 px): longer ones end in "…" (the table and tooltip have them whole). */
export const NARROW_LABEL_CHARS = 23;

export function fitLabel(label: string, narrow: boolean): string {
  if (!narrow) return label;
  const m = /^(· )?(.*)$/.exec(label)!;
  const short = (m[1] ?? '') + (SHORT_LABELS[m[2]!] ?? m[2]!);
  return short.length > NARROW_LABEL_CHARS ? `${short.slice(0, NARROW_LABEL_CHARS - 1).trimEnd()}…` : short;
}
