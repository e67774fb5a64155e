/**
 * The atlas's view in its address: indicator, geography, classification, selected area
 * and comparison. Anything not understood falls back per field and is named.
 */
import { echo, keyProblems } from '../../lib/url-notes.ts';
import type { BreakMethod } from '../../lib/breaks.ts';
import { canCompare, type AtlasLevel, type IndicatorMeta } from '../../lib/atlas.ts';
import type { ViewName } from '../view.ts';

/** The atlas's view: the map and the comparison, and the address keys they follow. */
export const ATLAS_VIEW = {
  id: 'atlas',
  figures: ['atlas-map', 'atlas-compare'],
  keys: ['indicator', 'level', 'method', 'classes', 'area', 'compare'],
  // Its outlines are prepared in idle time from arrival, so that its first change is quick (bench/atlas.ts).
  eager: true,
} as const satisfies ViewName;

export interface AtlasState {
  indicator: string;
  level: AtlasLevel;
  method: BreakMethod;
  classes: number;
  area: string | null;
  compare: string | null;
}

/**
 * The view with no address: crime against household deprivation by borough. The
 * comparison is shown unless the address says compare=none, or the other indicator
 * is not published at the view's level.
 */
export const DEFAULT_STATE: AtlasState = {
  indicator: 'crime_all_rate',
  level: 'borough',
  method: 'ckmeans',
  classes: 5,
  area: null,
  compare: 'hhdep_two_plus',
};

/** Parses ?indicator=&level=&method=&classes=&area=&compare=, falling back per field; reports what was not understood. */
export function parseState(
  params: URLSearchParams,
  catalogue: IndicatorMeta[],
): { state: AtlasState; problems: string[] } {
  const problems: string[] = keyProblems(params, ATLAS_VIEW.keys);
  const s: AtlasState = { ...DEFAULT_STATE };
  const ind = params.get('indicator');
  if (ind !== null) {
    if (catalogue.some((c) => c.id === ind)) s.indicator = ind;
    else problems.push(`indicator ${echo(ind)} is not in the catalogue`);
  }
  const meta = catalogue.find((c) => c.id === s.indicator)!;
  const levels = meta.levels.split(';') as AtlasLevel[];
  const lv = params.get('level');
  if (lv !== null) {
    if ((levels as string[]).includes(lv)) s.level = lv as AtlasLevel;
    else problems.push(`level ${echo(lv)} is not available for this indicator`);
  }
  if (!levels.includes(s.level)) s.level = fallbackLevel(levels);
  const m = params.get('method');
  if (m !== null) {
    if (m === 'ckmeans' || m === 'quantile' || m === 'equal') s.method = m;
    else problems.push(`classification ${echo(m)} is not one of ckmeans, quantile, equal`);
  }
  const k = params.get('classes');
  if (k !== null) {
    if (['5', '6', '7'].includes(k)) s.classes = Number(k);
    else problems.push(`classes ${echo(k)} is not 5, 6 or 7`);
  }
  const a = params.get('area');
  if (a !== null) s.area = /^[EW]\d{8}$/.test(a) ? a : (problems.push(`area ${echo(a)} is not an area code`), null);
  const c = params.get('compare');
  if (c === 'none') s.compare = null;
  else if (c !== null) {
    if (canCompare(catalogue, s, c)) s.compare = c;
    else problems.push(`compare ${echo(c)} is not another indicator available at this level`);
  }
  // The default comparison where it applies, none where it does not (not a problem of the address).
  if (s.compare !== null && !canCompare(catalogue, s, s.compare)) s.compare = null;
  return { state: s, problems };
}

export function stateToParams(s: AtlasState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('indicator', s.indicator);
  p.set('level', s.level);
  if (s.method !== DEFAULT_STATE.method) p.set('method', s.method);
  if (s.classes !== DEFAULT_STATE.classes) p.set('classes', String(s.classes));
  if (s.area) p.set('area', s.area);
  if (s.compare !== DEFAULT_STATE.compare) p.set('compare', s.compare ?? 'none');
  return p;
}

/** The geography an indicator is shown at when the one asked for does not have it: boroughs, else its first. */
const fallbackLevel = (levels: AtlasLevel[]): AtlasLevel => (levels.includes('borough') ? 'borough' : levels[0]!);

/**
 * The form's values after a change, made a whole view: a new indicator keeps the geography
 * where the indicator has it (else boroughs), a new geography drops the selected area, and a
 * comparison the new view cannot show is dropped ("No comparison" is the empty choice).
 */
export function atlasFromForm(
  p: URLSearchParams,
  changed: ReadonlySet<string>,
  catalogue: IndicatorMeta[],
): URLSearchParams {
  const q = new URLSearchParams(p);
  const meta = catalogue.find((c) => c.id === q.get('indicator'));
  const levels = (meta?.levels.split(';') ?? []) as AtlasLevel[];
  const level = q.get('level') as AtlasLevel | null;
  if (meta && (!level || !levels.includes(level))) q.set('level', fallbackLevel(levels));
  if (changed.has('level')) q.delete('area');
  const compare = q.get('compare');
  if (
    !compare ||
    !canCompare(catalogue, { indicator: q.get('indicator') ?? '', level: q.get('level') as AtlasLevel }, compare)
  )
    q.set('compare', 'none');
  return q;
}

/** Every control's value for a state ("" is "No comparison"). */
export function atlasFormValues(s: AtlasState): URLSearchParams {
  return new URLSearchParams({
    indicator: s.indicator,
    level: s.level,
    method: s.method,
    classes: String(s.classes),
    compare: s.compare ?? '',
  });
}
