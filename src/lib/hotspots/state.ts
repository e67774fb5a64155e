/**
 * The hotspots page's view in its address: data set, crime types, months, map
 * method, cell size, bandwidth and p-value adjustment. Anything not understood
 * falls back to the default and is named, so the page can say so.
 */
import type { Adjust } from './gistar.ts';

import { echo, keyProblems } from '../url-notes.ts';

export type HsMethod = 'kde' | 'count' | 'gistar';

/** A crime-type label as it appears in addresses: "Violence and sexual offences" → "violence-and-sexual-offences". */
export const typeSlug = (label: string) => label.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');

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

export const HS_DEFAULT: HsState = { data: 'city', types: [], from: null, to: null, method: 'kde', cell: null, bw: null, adjust: 'fdr', block: 'count' };

/** Cell size and bandwidth limits (metres): one rule for the address and the form. */
export const HS_LIMITS = { cell: [10, 2000], bw: [20, 5000] } as const;

export interface HsCatalogue {
  datasets: { id: string; months: [string, string] }[];
  /** every type slug any data set uses */
  typeSlugs: string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The settings of the hotspots page's address. */
export const HS_KEYS = ['data', 'types', 'from', 'to', 'method', 'cell', 'bw', 'adjust', 'block'] as const;

export function parseHsState(p: URLSearchParams, cat: HsCatalogue): { state: HsState; problems: string[] } {
  const s: HsState = { ...HS_DEFAULT, types: [] };
  const problems: string[] = keyProblems(p, HS_KEYS);
  const data = p.get('data');
  if (data !== null) {
    if (cat.datasets.some((d) => d.id === data)) s.data = data;
    else problems.push(`data set ${echo(data)} is not one of the ${cat.datasets.length} published`);
  }
  const range = cat.datasets.find((d) => d.id === s.data)!.months;
  const types = p.get('types');
  if (types !== null) {
    const list = types.split(',').filter(Boolean);
    const bad = list.filter((t) => !cat.typeSlugs.includes(t));
    if (bad.length) problems.push(`crime type${bad.length > 1 ? 's' : ''} ${bad.map((b) => echo(b)).join(', ')} not known`);
    s.types = list.filter((t) => cat.typeSlugs.includes(t));
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
    else problems.push(`${k === 'cell' ? 'cell size' : 'bandwidth'} ${echo(v)} is not a number of metres from ${lo} to ${hi}`);
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
