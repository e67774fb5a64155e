/**
 * The comparator at build time: the data every view needs (the survey table, the most
 * similar boroughs and groups, crime rates for each rolling year), handed to the page's
 * browser code, and the default view drawn with the same functions.
 */
import { loadPas } from '../data/pas.ts';
import { loadAtlasLevel } from '../data/atlas.ts';
import { loadCrime, loadPopulation } from '../data/crime.ts';
import { loadBoroughTopo } from '../data/geo.ts';
import { chooseGroups, groupName, nearestNeighbours, standardise } from '../lib/similar.ts';
import { PAS_ASSUMED_N, quarterText } from '../lib/pas.ts';
import { addMonths } from '../lib/format.ts';
import { boroughBoundarySource, censusSource, registrySource, sourceById } from './sources.ts';
import { defaultState, neighbourhoodsFigures, type NeighbourhoodsInput, type Similarity } from './neighbourhoods.ts';
import type { Figure } from './types.ts';

/**
 * The indicators that define "similar", in priority order (the reduction keeps the
 * earlier of a correlated pair): Census 2021 age, deprivation, housing, tenure and
 * qualifications, the IMD 2019 average score and population density.
 */
export const SIMILARITY_VARIABLES: { id: string; label: string }[] = [
  { id: 'hhdep_two_plus', label: 'household deprivation' },
  { id: 'imd_borough_avg_score', label: 'IMD 2019 score' },
  { id: 'bp_density', label: 'population density' },
  { id: 'pop_age_15_24', label: 'share aged 15 to 24' },
  { id: 'pop_age_65_plus', label: 'share aged 65 and over' },
  { id: 'acc_flat_purpose', label: 'purpose-built flats' },
  { id: 'ten_social', label: 'social renting' },
  { id: 'ten_private', label: 'private renting' },
  { id: 'qual_none', label: 'no qualifications' },
  { id: 'qual_l4', label: 'degree-level qualifications' },
];
export const MAX_CORRELATION = 0.85;
export const BOROUGH_NEIGHBOURS = 5;

let input: NeighbourhoodsInput | undefined;
export function neighbourhoodsInput(): NeighbourhoodsInput {
  if (input) return input;
  const pas = loadPas();
  const atlas = loadAtlasLevel('borough');
  const codes = pas.boroughs.map((b) => b.code);
  const rowOf = new Map(atlas.areas.codes.map((c, i) => [c, i]));
  const values = codes.map((c) =>
    SIMILARITY_VARIABLES.map((v) => {
      const x = atlas.values.get(v.id)?.[rowOf.get(c)!];
      if (x == null) throw new Error(`neighbourhoods: indicator ${v.id} has no value for ${c} in atlas_borough.csv`);
      return x;
    }),
  );
  const st = standardise({ codes, variables: SIMILARITY_VARIABLES.map((v) => v.id), values }, MAX_CORRELATION);
  const nn = nearestNeighbours(st, BOROUGH_NEIGHBOURS);
  const g = chooseGroups(st.z, 3, 8, 50, 2024);
  const labels = Object.fromEntries(SIMILARITY_VARIABLES.map((v) => [v.id, v.label]));
  const similarity: Similarity = {
    variables: st.variables.map((id) => ({ id, label: labels[id]! })),
    dropped: st.dropped,
    k: g.k,
    neighbours: Object.fromEntries([...nn].map(([c, xs]) => [c, xs.map((x) => ({ code: x.code, distance: Math.round(x.distance * 1000) / 1000 }))])),
    groups: Object.fromEntries(codes.map((c, i) => [c, g.groups[i]!])),
    groupNames: g.centres.map((c) => groupName(c, st.variables, labels)),
    silhouette: g.silhouette,
    tried: g.tried,
  };
  // All offences per 1,000 residents (Census 2021) in the 12 months to each quarter end, where all 12 are published.
  const crime = loadCrime();
  const pop = new Map(loadPopulation().map((p) => [p.areaCode, p.population]));
  const mi = new Map(crime.months.map((m, i) => [m, i]));
  const totals = new Map<string, number[]>();
  for (const r of crime.rows) {
    if (r.areaKind !== 'borough') continue;
    const t = totals.get(r.areaCode) ?? crime.months.map(() => 0);
    r.counts.forEach((x, i) => (t[i]! += x));
    totals.set(r.areaCode, t);
  }
  const rates = Object.fromEntries(
    codes.map((c) => [
      c,
      pas.quarters.map((q) => {
        const end = mi.get(q);
        const start = mi.get(addMonths(q, -11));
        if (end === undefined || start === undefined) return null;
        const t = totals.get(c)!.slice(start, end + 1).reduce((a, b) => a + b, 0);
        return Math.round((t / pop.get(c)!) * 1000 * 100) / 100;
      }),
    ]),
  );
  input = {
    pas,
    similarity,
    crime: { rates, note: `Crime: every offence in the MPS borough file, the 12 months to the quarter end, per 1,000 usual residents at Census 2021; months from ${quarterText(crime.months[0]!)}.` },
    topology: loadBoroughTopo(),
    n: PAS_ASSUMED_N,
    sources: {
      pas: registrySource('mopac-pas-borough', `data for the rolling years to ${quarterText(pas.quarters[0]!)} – ${quarterText(pas.quarters.at(-1)!)}`),
      census: censusSource(),
      crime: sourceById('mps-borough-historic', 'MPS recorded crime: geographic breakdown', `data to ${quarterText(crime.months.at(-1)!)}`),
      boundaries: boroughBoundarySource(),
    },
  };
  return input;
}

export function neighbourhoodsDefaultFigures(): Figure[] {
  const v = neighbourhoodsInput();
  return neighbourhoodsFigures(v, defaultState(v.pas));
}
