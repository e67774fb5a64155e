/**
 * The hotspots page's view in its address: data set, crime types, months, map
 * method, cell size, bandwidth and p-value adjustment. Anything not understood
 * falls back to the default and is named, so the page can say so.
 */
import type { Adjust } from '../../lib/hotspots/gistar.ts';

import { echo, keyProblems } from '../../lib/url-notes.ts';
import type { ViewName } from '../view.ts';

export type HsMethod = 'kde' | 'count' | 'gistar';

/** A crime-type label as it appears in addresses: "Violence and sexual offences" → "violence-and-sexual-offences". */
export const typeSlug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

export type HsBlock = 'count' | 'per100m';

export interface HsState {
  data: string;
  /** crime-type slugs; empty = the data set's crimes (anti-social behaviour excluded) */
  types: string[];
  from: string | null;
  to: string | null;
  method: HsMethod;
  cell: number | null;
  bw: number | null;
  adjust: Adjust;
  /** Hot Blocking: colour segments by count or by crimes per 100 m */
  block: HsBlock;
}

export const HS_DEFAULT: HsState = {
  data: 'city',
  types: [],
  from: null,
  to: null,
  method: 'kde',
  cell: null,
  bw: null,
  adjust: 'fdr',
  block: 'count',
};

/** Cell size and bandwidth limits (metres): one rule for the address and the form. */
export const HS_LIMITS = { cell: [10, 2000], bw: [20, 5000] } as const;

export interface HsCatalogue {
  /** each data set's months (first and last), its crime-type slugs and those of crimes (anti-social behaviour is not one) */
  datasets: { id: string; months: [string, string]; types: string[]; crimes: string[] }[];
  /** every type slug any data set uses */
  typeSlugs: string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The settings of the hotspots page's address. */
export const HS_KEYS = ['data', 'types', 'from', 'to', 'method', 'cell', 'bw', 'adjust', 'block'] as const;

/** The hotspots page's view: the street-level figures it recomputes, in page order (the London LSOA and coverage figures are fixed). */
export const HOTSPOTS_VIEW = {
  id: 'hotspots',
  figures: [
    'hotspots-map',
    'hotspots-stability',
    'hotspots-streets',
    'hotspots-places',
    'hotspots-concentration',
    'hotspots-segments',
    'hotspots-segment-concentration',
    'hotspots-spacetime',
    'hotspots-pai',
  ],
  keys: HS_KEYS,
} as const satisfies ViewName;

export function parseHsState(p: URLSearchParams, cat: HsCatalogue): { state: HsState; problems: string[] } {
  const s: HsState = { ...HS_DEFAULT, types: [] };
  const problems: string[] = keyProblems(p, HS_KEYS, ['types']);
  const data = p.get('data');
  if (data !== null) {
    if (cat.datasets.some((d) => d.id === data)) s.data = data;
    else problems.push(`data set ${echo(data)} is not one of the ${cat.datasets.length} published`);
  }
  const set = cat.datasets.find((d) => d.id === s.data)!;
  const range = set.months;
  // Types as one comma-separated setting, or one setting a type (as the form sends them).
  if (p.has('types')) {
    const list = p
      .getAll('types')
      .flatMap((t) => t.split(','))
      .filter(Boolean);
    const bad = list.filter((t) => !cat.typeSlugs.includes(t));
    if (bad.length)
      problems.push(`crime type${bad.length > 1 ? 's' : ''} ${bad.map((b) => echo(b)).join(', ')} not known`);
    s.types = [...new Set(list.filter((t) => cat.typeSlugs.includes(t)))];
    // The data set's crimes are its default: the address does not name them.
    if (s.types.length === set.crimes.length && set.crimes.every((t) => s.types.includes(t))) s.types = [];
  }
  for (const k of ['from', 'to'] as const) {
    const v = p.get(k);
    if (v === null) continue;
    if (MONTH.test(v) && v >= range[0] && v <= range[1]) s[k] = v;
    else problems.push(`${k} month ${echo(v)} is outside ${range[0]} to ${range[1]}`);
  }
  if (s.from && s.to && s.from > s.to) {
    problems.push(`from ${s.from} is after to ${s.to}`);
    s.from = s.to = null;
  }
  // The data set's whole period is its default.
  if (s.from === range[0]) s.from = null;
  if (s.to === range[1]) s.to = null;
  const method = p.get('method');
  if (method !== null) {
    if (method === 'kde' || method === 'count' || method === 'gistar') s.method = method;
    else problems.push(`method ${echo(method)} is not kde, count or gistar`);
  }
  const num = (k: 'cell' | 'bw', lo: number, hi: number) => {
    const v = p.get(k);
    if (v === null || v === '') return;
    const n = Number(v);
    if (Number.isFinite(n) && n >= lo && n <= hi) s[k] = n;
    else
      problems.push(
        `${k === 'cell' ? 'cell size' : 'bandwidth'} ${echo(v)} is not a number of metres from ${lo} to ${hi}`,
      );
  };
  num('cell', ...HS_LIMITS.cell);
  num('bw', ...HS_LIMITS.bw);
  const adjust = p.get('adjust');
  if (adjust !== null) {
    if (adjust === 'fdr' || adjust === 'none') s.adjust = adjust;
    else problems.push(`adjustment ${echo(adjust)} is not fdr or none`);
  }
  const block = p.get('block');
  if (block !== null) {
    if (block === 'count' || block === 'per100m') s.block = block;
    else problems.push(`street-segment measure ${echo(block)} is not count or per100m`);
  }
  return { state: s, problems };
}

/** The address for a state: only what differs from the default is written. */
export function hsStateToParams(s: HsState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.data !== HS_DEFAULT.data) p.set('data', s.data);
  if (s.types.length) p.set('types', s.types.join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.method !== HS_DEFAULT.method) p.set('method', s.method);
  if (s.cell !== null) p.set('cell', String(s.cell));
  if (s.bw !== null) p.set('bw', String(s.bw));
  if (s.adjust !== HS_DEFAULT.adjust) p.set('adjust', s.adjust);
  if (s.block !== HS_DEFAULT.block) p.set('block', s.block);
  return p;
}

/**
 * The form's values after a change, made a whole view: a new data set keeps the method,
 * the adjustment, the segment measure and the chosen crime types it has, and starts from
 * its whole period and its default cell size and bandwidth. No crime type ticked: nothing
 * to compute, and the page asks for one.
 */
export function hsFromForm(
  p: URLSearchParams,
  changed: ReadonlySet<string>,
  cat: HsCatalogue,
  current: HsState | null,
): URLSearchParams | string {
  if (changed.has('data')) {
    const set = cat.datasets.find((d) => d.id === p.get('data'));
    const q = new URLSearchParams();
    for (const k of ['data', 'method', 'adjust', 'block']) if (p.has(k)) q.set(k, p.get(k)!);
    const kept = (current?.types ?? []).filter((t) => set?.types.includes(t));
    if (kept.length) q.set('types', kept.join(','));
    return q;
  }
  if (!p.getAll('types').length) return 'Choose at least one crime type.';
  return p;
}

/** Every control's value for a state: the data set's whole period, its crimes, empty boxes for default sizes. */
export function hsFormValues(s: HsState, cat: HsCatalogue): URLSearchParams {
  const set = cat.datasets.find((d) => d.id === s.data)!;
  const p = new URLSearchParams({
    data: s.data,
    from: s.from ?? set.months[0],
    to: s.to ?? set.months[1],
    method: s.method,
    adjust: s.adjust,
    block: s.block,
  });
  p.set('cell', s.cell === null ? '' : String(s.cell));
  p.set('bw', s.bw === null ? '' : String(s.bw));
  for (const t of s.types.length ? s.types : set.crimes) p.append('types', t);
  return p;
}
