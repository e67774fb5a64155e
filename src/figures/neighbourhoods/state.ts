/**
 * The confidence comparator's two views in the address: the borough view (measure,
 * borough, quarter, funnel limits) and the ward comparator (ward). Anything not understood
 * falls back to the default and is named.
 */
import { measureById, PAS_MEASURES, quarterText, type PasMeasureId, type PasTable } from '../../lib/pas.ts';
import { echo, keyProblems } from '../../lib/url-notes.ts';
import type { ViewName } from '../view.ts';
import type { WardData } from './figures.ts';

export interface NbState {
  measure: PasMeasureId;
  borough: string;
  quarter: string;
  /** overdispersion-adjusted funnel limits */
  od: boolean;
}

/** Every setting of the page's address (the two views share it). */
export const NB_KEYS = ['measure', 'borough', 'quarter', 'limits', 'ward'] as const;

/** The borough view: the survey figures, the map and the crime rates. */
export const NEIGHBOURHOODS_VIEW = {
  id: 'neighbourhoods',
  figures: [
    'neighbourhoods-ranked',
    'neighbourhoods-funnel',
    'neighbourhoods-trend',
    'neighbourhoods-map',
    'neighbourhoods-crime',
    'neighbourhoods-groups',
  ],
  keys: ['measure', 'borough', 'quarter', 'limits'],
} as const satisfies ViewName;

/** The ward comparator: a ward against its most similar wards, and its map. */
export const NEIGHBOURHOODS_WARD_VIEW = {
  id: 'neighbourhoods-ward',
  figures: ['neighbourhoods-ward', 'neighbourhoods-ward-map'],
  keys: ['ward'],
} as const satisfies ViewName;

/** The default view: the first measure, the first borough in alphabetical order, the latest quarter, plain binomial limits. */
export function defaultState(pas: PasTable): NbState {
  return { measure: PAS_MEASURES[0].id, borough: pas.boroughs[0]!.code, quarter: pas.quarters.at(-1)!, od: false };
}

/** A view from the address; what cannot be used falls back to the default and is named. */
export function parseNbState(params: URLSearchParams, pas: PasTable): { state: NbState; problems: string[] } {
  const s = defaultState(pas);
  const problems = keyProblems(params, NB_KEYS);
  const m = params.get('measure');
  if (m !== null) {
    if (measureById(m)) s.measure = m as PasMeasureId;
    else problems.push(`measure ${echo(m)} is not one of ${PAS_MEASURES.map((x) => x.id).join(', ')}`);
  }
  const b = params.get('borough');
  if (b !== null) {
    if (pas.boroughs.some((x) => x.code === b)) s.borough = b;
    else
      problems.push(
        `borough ${echo(b)} is not one of the ${pas.boroughs.length} surveyed boroughs (the City of London is not surveyed)`,
      );
  }
  const q = params.get('quarter');
  if (q !== null) {
    if (pas.quarters.includes(q)) s.quarter = q;
    else
      problems.push(
        `quarter ${echo(q)} is not a quarter end from ${pas.quarters[0]} to ${pas.quarters.at(-1)} (YYYY-MM)`,
      );
  }
  const l = params.get('limits');
  if (l !== null) {
    if (l === 'binomial' || l === 'overdispersed') s.od = l === 'overdispersed';
    else problems.push(`limits ${echo(l)} is not "binomial" or "overdispersed"`);
  }
  // A measure with no value in the chosen quarter ("Trust MPS" starts in March 2016): the latest quarter.
  const qi = pas.quarters.indexOf(s.quarter);
  if (pas.values[s.measure]![pas.london]![qi] === null) {
    problems.push(
      `${measureById(s.measure)!.label} has no value for ${quarterText(s.quarter)}, so the latest quarter is shown`,
    );
    s.quarter = pas.quarters.at(-1)!;
  }
  return { state: s, problems };
}

/** The view as address parameters, defaults left out. */
export function nbParams(s: NbState, pas: PasTable): URLSearchParams {
  const d = defaultState(pas);
  const p = new URLSearchParams();
  if (s.measure !== d.measure) p.set('measure', s.measure);
  if (s.borough !== d.borough) p.set('borough', s.borough);
  if (s.quarter !== d.quarter) p.set('quarter', s.quarter);
  if (s.od) p.set('limits', 'overdispersed');
  return p;
}

/** Every control's value for a state. */
export function nbFormValues(s: NbState): URLSearchParams {
  return new URLSearchParams({
    measure: s.measure,
    borough: s.borough,
    quarter: s.quarter,
    limits: s.od ? 'overdispersed' : 'binomial',
  });
}

/** The default ward: the first, by name, of the default borough. */
export function defaultWard(w: WardData, borough: string): string {
  return (
    [...w.wards].filter((x) => x.borough === borough).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))[0]?.code ??
    w.wards[0]!.code
  );
}
export function parseWard(params: URLSearchParams, w: WardData, borough: string): { ward: string; problems: string[] } {
  const q = params.get('ward');
  if (q === null) return { ward: defaultWard(w, borough), problems: [] };
  if (w.wards.some((x) => x.code === q)) return { ward: q, problems: [] };
  return {
    ward: defaultWard(w, borough),
    problems: [`ward ${echo(q)} is not one of the ${w.wards.length} Met wards (2022 boundaries)`],
  };
}
