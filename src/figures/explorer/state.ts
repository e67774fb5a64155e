/**
 * The incident explorer's view in the address: which records, period, crime types,
 * outcomes, area and street. A value the page cannot use falls back to the default and
 * is named in a note; echoed values are cut to 40 characters.
 */
import { allOf, defaultFilter, type ExplorerFilter, type Records } from '../../lib/explorer.ts';
import { echo, keyProblems } from '../../lib/url-notes.ts';
import type { ViewName } from '../view.ts';

/** Rows of the record table on the page (the download has every row). */
export const EXPLORER_TABLE_ROWS = 100;
/** The shortest street text that filters. */
export const STREET_MIN = 2;

export interface ExplorerState {
  data: string;
  from: string | null;
  to: string | null;
  /** crime type names; null = the default (every crime type, anti-social behaviour left out) */
  types: string[] | null;
  outcomes: string[];
  area: string | null;
  street: string;
}

const KEYS = ['data', 'from', 'to', 'type', 'outcome', 'area', 'street'] as const;

/** The explorer's view: its five linked figures and the address keys they follow. */
export const EXPLORER_VIEW = {
  id: 'explorer',
  figures: ['explorer-months', 'explorer-types', 'explorer-outcomes', 'explorer-streets', 'explorer-map'],
  keys: KEYS,
} as const satisfies ViewName;

export function parseExplorerParams(
  params: URLSearchParams,
  dataIds: string[],
  defaultId: string,
): { state: ExplorerState; problems: string[] } {
  const problems: string[] = keyProblems(params, KEYS, ['type', 'outcome']);
  let data = params.get('data') ?? defaultId;
  if (!dataIds.includes(data)) {
    problems.push(`no records called ${echo(data)}: showing the default`);
    data = defaultId;
  }
  const month = (k: string) => {
    const v = params.get(k);
    if (v === null) return null;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) {
      problems.push(`"${k}" ${echo(v)} is not a month (YYYY-MM)`);
      return null;
    }
    return v;
  };
  return {
    state: {
      data,
      from: month('from'),
      to: month('to'),
      types: params.has('type') ? params.getAll('type') : null,
      outcomes: params.getAll('outcome'),
      area: params.get('area') || null,
      street: (params.get('street') ?? '').slice(0, 100),
    },
    problems,
  };
}

export function explorerParams(s: ExplorerState, defaultId: string): URLSearchParams {
  const p = new URLSearchParams();
  if (s.data !== defaultId) p.set('data', s.data);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const t of s.types ?? []) p.append('type', t);
  if (s.types && !s.types.length) p.append('type', '');
  for (const o of s.outcomes) p.append('outcome', o);
  if (s.area) p.set('area', s.area);
  if (s.street) p.set('street', s.street);
  return p;
}

/** The engine's filter for a view of loaded records, and what of the view could not be used. */
export function resolveFilter(r: Records, s: ExplorerState): { filter: ExplorerFilter; problems: string[] } {
  const problems: string[] = [];
  const f = s.types === null ? defaultFilter(r) : allOf(r);
  const at = (list: string[], v: string) => list.indexOf(v);
  if (s.from) {
    const i = at(r.months, s.from);
    if (i < 0)
      problems.push(
        `${s.from} is not among these records' months (${r.months[0]} to ${r.months.at(-1)}): from the first`,
      );
    else f.from = i;
  }
  if (s.to) {
    const i = at(r.months, s.to);
    if (i < 0) problems.push(`${s.to} is not among these records' months: to the last`);
    else f.to = i;
  }
  if (f.from > f.to) {
    problems.push('the period ended before it began: the two months swapped');
    [f.from, f.to] = [f.to, f.from];
  }
  if (s.types !== null) {
    const known = s.types.filter((t) => t !== '');
    for (const t of known) if (at(r.types, t) < 0) problems.push(`no crime type ${echo(t)}`);
    f.types = known.map((t) => at(r.types, t)).filter((i) => i >= 0);
    // Every type named was unknown: the default types, not an empty view.
    if (known.length && !f.types.length) f.types = defaultFilter(r).types;
    // An explicit empty choice (type=) means no type: the view is empty, and says so.
    if (!known.length) f.types = [-1];
  }
  for (const o of s.outcomes) if (at(r.outcomes, o) < 0) problems.push(`no outcome ${echo(o)} in these records`);
  f.outcomes = s.outcomes.map((o) => at(r.outcomes, o)).filter((i) => i >= 0);
  if (s.area) {
    const parts = r.parts.map((p, i) => (p.code === s.area ? i : -1)).filter((i) => i >= 0);
    const b = r.boroughs.findIndex((x) => x.code === s.area);
    if (parts.length) f.parts = parts;
    else if (b >= 0) f.boroughs = [b];
    else problems.push(`no ${r.partKind} or borough ${echo(s.area)} in these records: every area shown`);
  }
  const q = s.street.trim().toLowerCase();
  if (q.length >= STREET_MIN) {
    // The text is looked for in the name after data.police.uk's "On or near ", which every label has.
    const hits = r.labels
      .map((l, i) =>
        l
          .replace(/^On or near /i, '')
          .toLowerCase()
          .includes(q)
          ? i
          : -1,
      )
      .filter((i) => i >= 0);
    f.labels = hits.length ? hits : [-1];
  }
  return { filter: f, problems };
}

/** The form's values after a change: new records start from their default view; no crime type ticked is a choice of none. */
export function explorerFromForm(p: URLSearchParams, changed: ReadonlySet<string>): URLSearchParams {
  if (changed.has('data')) return new URLSearchParams({ data: p.get('data') ?? '' });
  const q = new URLSearchParams(p);
  if (!q.has('type')) q.append('type', '');
  return q;
}

/** Every control's value for a view of loaded records (their whole period, their default types). */
export function explorerFormValues(s: ExplorerState, r: Records): URLSearchParams {
  const p = new URLSearchParams({
    data: s.data,
    from: s.from ?? r.months[0]!,
    to: s.to ?? r.months.at(-1)!,
    area: s.area ?? '',
    street: s.street,
  });
  for (const t of s.types ?? defaultFilter(r).types.map((i) => r.types[i]!)) p.append('type', t);
  // No box ticked is a choice too: the name is there, with no value any box has.
  if (!p.has('type')) p.append('type', '');
  for (const o of s.outcomes) p.append('outcome', o);
  if (!s.outcomes.length) p.append('outcome', '');
  return p;
}
