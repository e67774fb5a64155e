/**
 * The ISTV page's view: the filters and the disclosure control. It has no address: a
 * partner's file is never named in one, and an embed shows the synthetic extract's
 * figures as the build drew them.
 */
import { MIN_THRESHOLD } from '../../lib/suppress.ts';
import type { IstvFilter } from '../../lib/istv.ts';
import type { ViewName } from '../view.ts';
import { ISTV_IDS } from './figures.ts';

export const ISTV_VIEW = {
  id: 'istv',
  figures: ISTV_IDS,
  keys: [],
} as const satisfies ViewName;

export interface IstvState {
  filter: IstvFilter;
  /** presentation mode: small counts suppressed on screen too, no individual locations */
  present: boolean;
  /** the suppression threshold (counts from 1 to k), never below MIN_THRESHOLD */
  k: number;
}

const FILTER_KEYS = ['from', 'to', 'hospital', 'method', 'locationType'] as const;

/** The filter form's values as a state; a threshold below the minimum is raised, and said. */
export function parseIstv(p: URLSearchParams): { state: IstvState; problems: string[] } {
  const filter: IstvFilter = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) filter[k] = v;
  }
  const k = Math.floor(Number(p.get('k') ?? MIN_THRESHOLD));
  const ok = Number.isFinite(k) && k >= MIN_THRESHOLD;
  return {
    state: { filter, present: p.has('present'), k: ok ? k : MIN_THRESHOLD },
    problems: ok ? [] : [`the suppression threshold cannot be lower than ${MIN_THRESHOLD}: it is ${MIN_THRESHOLD}`],
  };
}

export function istvFormValues(s: IstvState): URLSearchParams {
  const p = new URLSearchParams(FILTER_KEYS.map((k) => [k, s.filter[k] ?? '']));
  p.set('k', String(s.k));
  p.set('present', s.present ? 'on' : '');
  return p;
}
