import * as Plot from '@observablehq/plot';
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

export function fitLabel(label: string, narrow: boolean, maxChars = narrow ? NARROW_LABEL_CHARS : Infinity): string {
  if (!narrow && label.length <= maxChars) return label;
  // The shorter name of a label, or of the names within it ("Weapons: Barking & Dagenham").
  let short = label;
  for (const [long, brief] of Object.entries(SHORT_LABELS)) short = short.replace(long, brief);
  return short.length > maxChars ? `${short.slice(0, maxChars - 1).trimEnd()}…` : short;
}

/** The width of a character of chart text, on average, as a share of the font size (DejaVu Sans, among the widest). */
const CHAR_EM = 0.62;
/** The chart's font size in pixels (see finalize). */
export const fontPx = (width: number) => (width < 520 ? 13 : 12);

/**
 * Row labels at the left of a chart in at most `share` of its width: the margin the longest
 * needs, and the labels shortened (narrow names, then "…") where they would not fit in it.
 * The table and the tooltips have every label whole.
 */
export function rowLabels(labels: string[], width: number, share = 0.5): { marginLeft: number; labels: string[] } {
  const narrow = width < 520;
  const px = fontPx(width) * CHAR_EM;
  const cap = Math.floor(width * share);
  const maxChars = Math.min(narrow ? NARROW_LABEL_CHARS : Infinity, Math.floor((cap - 14) / px));
  const fitted = distinct(
    labels.map((l) => fitLabel(l, narrow, maxChars)),
    labels,
  );
  const longest = Math.max(0, ...fitted.map((l) => l.length));
  return { marginLeft: Math.min(cap, Math.ceil(longest * px) + 14), labels: fitted };
}

/**
 * Room under a plot for its tick labels (13 px, 9 px below the axis) and the x axis's title
 * under them: Plot sets the title's baseline 3 px above the margin's edge, so a smaller
 * margin puts the title on the tick labels.
 */
export const X_TITLE_ROOM = 46;
/** Room above a plot for the y axis's title, clear of the top tick label (half of which rises above the plot). */
export const Y_TITLE_ROOM = 34;

/**
 * How many ticks to ask of an x axis `frame` pixels wide whose labels are up to `chars`
 * characters (about 8 px each at 13 px): a label and two of its widths of space apart, as d3
 * may return up to twice the count asked for (it rounds to 1, 2 or 5 steps). An axis from 0 may
 * ask for one (`least` 1: 0 and one step) where its frame is too narrow for three labels.
 */
export function xTicks(frame: number, chars = 4, least = 2): number {
  return Math.max(least, Math.floor(frame / (chars * 8 + 40)));
}

/**
 * Row labels must stay distinct (the y scale is a band per label): where shortening made
 * several the same, each shows what tells it from the others, the part after the start they
 * share, with as much of that start as still fits ("Violence again…Lewisham", "…without inj…"),
 * in no more characters than the shortened label; a number is the last resort.
 */
function distinct(shortened: string[], full: string[]): string[] {
  const groups = new Map<string, number[]>();
  shortened.forEach((l, i) => groups.set(l, [...(groups.get(l) ?? []), i]));
  const out = [...shortened];
  const taken = new Set(shortened.filter((l) => groups.get(l)!.length === 1));
  for (const [l, members] of groups) {
    if (members.length < 2) continue;
    const n = l.length;
    const fulls = members.map((i) => full[i]!);
    // The start they share, back to a word's beginning.
    let p = 0;
    while (fulls.every((f) => f[p] !== undefined && f[p] === fulls[0]![p])) p++;
    const space = fulls[0]!.lastIndexOf(' ', p - 1);
    p = space >= 0 && space < p ? space + 1 : p;
    const made = fulls.map((f) => {
      const rest = f.slice(p);
      if (rest.length + 1 > n) return `…${rest.slice(0, n - 2).trimEnd()}…`;
      const head = f.slice(0, n - rest.length - 1).trimEnd();
      return head.length >= 3 ? `${head}…${rest}` : `…${rest}`;
    });
    const ok = new Set(made).size === made.length && made.every((m) => !taken.has(m));
    members.forEach((i, j) => {
      out[i] = ok ? made[j]! : `${l.slice(0, Math.max(1, n - 4)).trimEnd()}… ${j + 1}`;
      taken.add(out[i]);
    });
  }
  return out;
}

/** Words into lines of at most `per` characters (a longer word has a line of its own). */
export function wrapWords(text: string, per: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= per) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The x axis's title under its tick labels: Plot's own, centred on the plot, where it fits
 * there; else centred on the whole chart and broken into lines that fit it (Plot's would run
 * off the chart). Spread `axis` into the x scale's options, and add `marks` to the plot's.
 */
export function xTitle(label: string, o: { width: number; marginLeft: number; marginRight: number }) {
  const px = fontPx(o.width) * CHAR_EM;
  if (label.length * px <= o.width - o.marginLeft - o.marginRight - 4)
    return { axis: { label, labelAnchor: 'center' as const }, marginBottom: X_TITLE_ROOM, marks: [] };
  const lines = wrapWords(label, Math.floor((o.width - 8) / px));
  return {
    axis: { label: null },
    marginBottom: 32 + lines.length * 15,
    marks: [
      Plot.text([lines.join('\n')], {
        frameAnchor: 'bottom',
        dx: (o.marginRight - o.marginLeft) / 2,
        dy: 28,
        lineAnchor: 'top',
        textAnchor: 'middle',
        lineHeight: 1.15,
        fill: 'currentColor',
      }),
    ],
  };
}

/**
 * The y axis's title above the plot: Plot's own where it fits the chart's width; else broken
 * into lines that fit, with room above the plot for them (Plot's would run off the chart).
 * Spread `axis` into the y scale's options, use `marginTop`, and add `marks` to the plot's.
 */
export function yTitle(label: string, o: { width: number; marginLeft: number }) {
  const px = fontPx(o.width) * CHAR_EM;
  if (label.length * px <= o.width - 8) return { axis: { label }, marginTop: Y_TITLE_ROOM, marks: [] };
  const lines = wrapWords(label, Math.floor((o.width - 8) / px));
  const marginTop = Y_TITLE_ROOM + (lines.length - 1) * 15;
  return {
    axis: { label: null },
    marginTop,
    marks: [
      Plot.text([lines.join('\n')], {
        frameAnchor: 'top-left',
        dx: -o.marginLeft,
        dy: -marginTop + 4,
        lineAnchor: 'top',
        textAnchor: 'start',
        lineHeight: 1.15,
        fill: 'currentColor',
      }),
    ],
  };
}
