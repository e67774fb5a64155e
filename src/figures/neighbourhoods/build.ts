/**
 * The comparator at build time: the data every view needs (the survey table, the most
 * similar boroughs and groups, crime rates for each rolling year), handed to the page's
 * browser code, and the default view drawn with the same functions.
 */
import { loadPas } from '../../data/pas.ts';
import { loadAtlasLevel } from '../../data/atlas.ts';
import { loadCrime, loadPopulation } from '../../data/crime.ts';
import { loadBoroughTopo } from '../../data/geo.ts';
import { outlinesOf } from '../../charts/outlines.ts';
import { chooseGroups, groupName, nearestNeighbours, standardise } from '../../lib/similar.ts';
import { PAS_ASSUMED_N, quarterText } from '../../lib/pas.ts';
import { addMonths } from '../../lib/format.ts';
import { boroughBoundarySource, censusSource, registrySource, sourceById } from '../sources.ts';
import { defaultState, defaultWard } from './state.ts';
import {
  allMeasuresFigure,
  neighbourhoodsFigures,
  wardFigure,
  wardMapFigure,
  type NeighbourhoodsInput,
  type Similarity,
  type WardData,
} from './figures.ts';
import { loadCatalogue } from '../../data/atlas.ts';
import { loadLevelTopo } from '../atlas/build.ts';
import { feature } from 'topojson-client';
import { geoArea } from 'd3-geo';
import type { GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { withBase } from '../../lib/paths.ts';
import type { Figure, FigureSource } from '../types.ts';

/**
 * The indicators that define "similar", in priority order (the reduction keeps the
 * earlier of a correlated pair): Census 2021 age, deprivation, housing, tenure and
 * qualifications, the IMD 2019 average score and population density.
 */
export const SIMILARITY_VARIABLES: { id: string; label: string }[] = [
  { id: 'hhdep_two_plus', label: 'household deprivation' },
  { id: 'imd_borough_avg_score', label: 'IMD 2019 score' },
  { id: 'bp_density', label: 'population density (GLA estimate, 2017)' },
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

/** The registry sources of the indicators kept, each once, those of the wanted geography (borough or ward). */
function indicatorSources(ids: string[], wanted: (sourceId: string) => boolean): FigureSource[] {
  const cat = loadCatalogue();
  const seen = new Map<string, FigureSource>();
  for (const id of ids) {
    const meta = cat.find((c) => c.id === id);
    if (!meta) continue;
    for (const s of meta.sources.split(';').filter(wanted))
      if (!seen.has(s)) seen.set(s, registrySource(s, `data for ${meta.period}`));
  }
  return [...seen.values()];
}

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
    sources: indicatorSources(st.variables, (id) => !/-(lsoa|msoa)$|lookup/.test(id)),
    variables: st.variables.map((id) => ({ id, label: labels[id]! })),
    dropped: st.dropped,
    k: g.k,
    neighbours: Object.fromEntries(
      [...nn].map(([c, xs]) => [c, xs.map((x) => ({ code: x.code, distance: Math.round(x.distance * 1000) / 1000 }))]),
    ),
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
        const t = totals
          .get(c)!
          .slice(start, end + 1)
          .reduce((a, b) => a + b, 0);
        return Math.round((t / pop.get(c)!) * 1000 * 100) / 100;
      }),
    ]),
  );
  input = {
    pas,
    similarity,
    crime: {
      rates,
      note: `Crime: every offence in the MPS borough file, the 12 months to the quarter end, per 1,000 usual residents at Census 2021; months from ${quarterText(crime.months[0]!)}.`,
    },
    outlines: outlinesOf(loadBoroughTopo(), 'boroughs'),
    n: PAS_ASSUMED_N,
    sources: {
      pas: registrySource(
        'mopac-pas-borough',
        `data for the rolling years to ${quarterText(pas.quarters[0]!)} – ${quarterText(pas.quarters.at(-1)!)}`,
      ),
      census: censusSource(),
      crime: sourceById(
        'mps-borough-historic',
        'MPS recorded crime: geographic breakdown',
        `data to ${quarterText(crime.months.at(-1)!)}`,
      ),
      boundaries: boroughBoundarySource(),
    },
  };
  return input;
}

/** The ward comparator's indicators, in priority order: the borough set without the IMD score (not published for 2022 wards), with density from the boundaries. */
export const WARD_VARIABLES: { id: string; label: string }[] = SIMILARITY_VARIABLES.flatMap((v) =>
  v.id === 'imd_borough_avg_score'
    ? []
    : v.id === 'bp_density'
      ? [{ id: 'density', label: 'residents per km² (from the generalised boundaries)' }]
      : [v],
);
export const WARD_NEIGHBOURS = 15;
/** Offence groups the ward files count too few of to compare between wards (most fraud is recorded nationally, by Action Fraud). */
const LEFT_OUT_GROUPS = ['crime_fraud_forgery_rate', 'crime_nfib_fraud_rate'];
const EARTH_KM = 6371.0088;

let wardData: WardData | undefined;
export function neighbourhoodsWardData(): WardData {
  if (wardData) return wardData;
  const { pas } = neighbourhoodsInput();
  const boroughNames = new Map(pas.boroughs.map((b) => [b.code, b.name]));
  const atlas = loadAtlasLevel('ward');
  const catalogue = loadCatalogue();
  const groups = catalogue.filter(
    (c) =>
      c.id.startsWith('crime_') &&
      c.id.endsWith('_rate') &&
      c.levels.split(';').includes('ward') &&
      !LEFT_OUT_GROUPS.includes(c.id),
  );
  const topo = loadLevelTopo('wards_2022.topo.json');
  const features = (
    feature(topo, topo.objects.areas as GeometryCollection) as unknown as {
      features: Feature<Geometry, { code?: string } | null>[];
    }
  ).features;
  const areaKm2 = new Map(features.map((f) => [f.properties?.code ?? String(f.id), geoArea(f) * EARTH_KM * EARTH_KM]));
  const col = (id: string) => atlas.values.get(id)!;
  // Met wards: every 2022 ward outside the City of London with every indicator and an area.
  const idx = atlas.areas.codes
    .map((_, i) => i)
    .filter((i) => boroughNames.has(atlas.areas.parents[i]!) && areaKm2.has(atlas.areas.codes[i]!));
  const valueOf = (id: string, i: number): number | null =>
    id === 'density' ? (col('pop_residents')[i] ?? NaN) / areaKm2.get(atlas.areas.codes[i]!)! : (col(id)[i] ?? null);
  const complete = idx.filter((i) => WARD_VARIABLES.every((v) => Number.isFinite(valueOf(v.id, i))));
  if (complete.length !== idx.length)
    throw new Error(
      `neighbourhoods: ${idx.length - complete.length} Met wards lack an indicator of the similarity set`,
    );
  const codes = complete.map((i) => atlas.areas.codes[i]!);
  const st = standardise(
    {
      codes,
      variables: WARD_VARIABLES.map((v) => v.id),
      values: complete.map((i) => WARD_VARIABLES.map((v) => valueOf(v.id, i)!)),
    },
    MAX_CORRELATION,
  );
  const nn = nearestNeighbours(st, WARD_NEIGHBOURS);
  const labels = Object.fromEntries(WARD_VARIABLES.map((v) => [v.id, v.label]));
  const period = catalogue.find((c) => c.id === 'crime_all_rate')!.period;
  const [from, to] = period.split(' to ') as [string, string];
  const monthWords = (m: string) =>
    new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  wardData = {
    period: `${monthWords(from)} to ${monthWords(to)}`,
    groups: groups.map((g) => ({ id: g.id, label: g.title.replace(/: crimes per 1,000 residents$/, '') })),
    wards: complete.map((i) => ({
      code: atlas.areas.codes[i]!,
      name: atlas.areas.names[i]!,
      borough: atlas.areas.parents[i]!,
      boroughName: boroughNames.get(atlas.areas.parents[i]!)!,
    })),
    rates: Object.fromEntries(complete.map((i) => [atlas.areas.codes[i]!, groups.map((g) => col(g.id)[i] ?? null)])),
    // A borough's rate from its wards' counts and residents, so that ward and borough are counted from the same file.
    boroughRates: Object.fromEntries(
      pas.boroughs.map((b) => {
        const mine = complete.filter((i) => atlas.areas.parents[i] === b.code);
        return [
          b.code,
          groups.map((g) => {
            const counts = col(g.id.replace(/_rate$/, '_count'));
            const rows = mine.filter((i) => counts[i] != null && col('pop_residents')[i] != null);
            if (!rows.length) return null;
            const crimes = rows.reduce((a, i) => a + counts[i]!, 0);
            const residents = rows.reduce((a, i) => a + col('pop_residents')[i]!, 0);
            return Math.round((crimes / residents) * 1000 * 100) / 100;
          }),
        ];
      }),
    ),
    neighbours: Object.fromEntries([...nn].map(([c, xs]) => [c, xs.map((x) => x.code)])),
    variables: st.variables.map((id) => ({ id, label: labels[id]! })),
    dropped: st.dropped,
    notes: [
      `Indicators left out because each correlates at |r| ≥ ${MAX_CORRELATION} with one kept before it: ${st.dropped.map((d) => `${labels[d.id]} (with ${labels[d.with]}, r = ${d.r.toFixed(2)})`).join('; ') || 'none'}.`,
      "The City of London's 25 wards are left out: the City of London Police's street-level records, the only ward-level data for them, are not comparable with the MPS ward files.",
      'Fraud is left out: the ward files count few fraud offences (most fraud is recorded nationally, by Action Fraud), so wards cannot be compared on it.',
      `Rates: crimes in the MPS ward files, ${monthWords(from)} to ${monthWords(to)}, per 1,000 usual residents at Census 2021 (wards by best fit of 2021 LSOAs). A borough's rate is the sum of its wards' crimes per 1,000 of their residents, from the same files (the borough files' own totals differ slightly).`,
    ],
    sources: [
      sourceById('mps-ward-recent', 'MPS recorded crime: geographic breakdown (wards)', `data to ${monthWords(to)}`),
      // Census indicators reach 2022 wards from LSOAs, through the best-fit lookup; density uses the ward boundaries.
      ...indicatorSources([...st.variables.filter((id) => id !== 'density'), 'pop_residents'], (id) =>
        /-lsoa$|lookup/.test(id),
      ),
      sourceById('ons-wards-2022', 'Wards, December 2022', 'boundaries of December 2022'),
    ],
  };
  return wardData;
}

/** What the page's (and an embed's) browser code is given: where to load the data, and the ward boundaries' source line. */
export function neighbourhoodsViewConfig(base: string) {
  const url = (p: string) => withBase(base, p);
  return {
    dataUrl: url('data/neighbourhoods/boroughs.json'),
    boroughsUrl: url('data/london_boroughs.topo.json'),
    boroughOutlinesUrl: url('data/outlines/borough.json'),
    wardsUrl: url('data/neighbourhoods/wards.json'),
    wardTopoUrl: url('data/wards_2022.topo.json'),
    wardBoundaries: sourceById('ons-wards-2022', 'Wards, December 2022', 'boundaries of December 2022'),
  };
}

export function neighbourhoodsDefaultFigures(): Figure[] {
  const v = neighbourhoodsInput();
  const s = defaultState(v.pas);
  const w = neighbourhoodsWardData();
  const ward = defaultWard(w, s.borough);
  return [
    ...neighbourhoodsFigures(v, s),
    allMeasuresFigure(v, s.quarter),
    wardFigure(w, ward),
    wardMapFigure(
      w,
      ward,
      loadBoroughTopo(),
      loadLevelTopo('wards_2022.topo.json'),
      sourceById('ons-wards-2022', 'Wards, December 2022', 'boundaries of December 2022'),
    ),
  ];
}
