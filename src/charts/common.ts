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

/** The palettes that encode data (ColorBrewer), kept with the theme's colours. */
export { PALETTE, SEQ, SEQ5 } from './theme.ts';

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
  if (el.getAttribute('font-size') === '10')
    el.setAttribute('font-size', Number(el.getAttribute('width')) < 520 ? '13' : '12');
  return el;
}

/** Plot options shared by every Plot chart. */
export function basePlot(opts: ChartOptions) {
  return {
    document: opts.document,
    width: opts.width,
    ariaLabel: opts.ariaLabel,
    style: {
      fontSize: '13px',
      fontFamily: 'inherit',
      background: 'transparent',
      color: 'currentColor',
      overflow: 'visible',
    },
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
