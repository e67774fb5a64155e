/**
 * The ISTV page's default view (build time): the synthetic extract, the police violence
 * with injury by borough and month that partners' files are set beside, and the ISTV
 * figures of the synthetic extract, made by the same functions the browser's worker runs.
 */
import { feature } from 'topojson-client';
import { geoContains } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { loadBoroughTopo, loadTopology } from '../../data/geo.ts';
import { loadCrime } from '../../data/crime.ts';
import { latestMonth } from '../../lib/crime.ts';
import { bngToWgs84 } from '../../lib/bng.ts';
import {
  analyse,
  boroughOfIncident,
  guessMapping,
  isSynthetic,
  LONDON_BNG,
  readExtract,
  type IstvAnalysis,
  type PoliceMonthly,
} from '../../lib/istv.ts';
import { loadWardVwiMonthly } from '../../data/crime.ts';
import { loadAtlasLevel } from '../../data/atlas.ts';
import { parseCsvText } from '../../lib/istv-file.ts';
import { syntheticExtract } from '../../lib/istv-synthetic.ts';
import { withBase } from '../../lib/paths.ts';
import { toCsv } from '../../lib/csv.ts';
import { boroughBoundarySource, mpsSource, sourceById } from '../sources.ts';
import { monthLong } from '../../lib/format.ts';
import { istvFigures, ISTV_IDS, type IstvContext } from './figures.ts';
import { MIN_THRESHOLD } from '../../lib/suppress.ts';
import { ISTV_FIELDS } from '../../lib/istv.ts';
import type { Figure } from '../types.ts';
import type { IstvState } from './state.ts';

export const SYNTHETIC_FILE = 'synthetic-istv-extract.csv';
export const SYNTHETIC_ROWS = 3000;
export const VWI = 'VIOLENCE WITH INJURY';

/** Borough code of a WGS84 point, from the borough boundaries; null outside London. */
export function boroughLocator(): (lon: number, lat: number) => string | null {
  const topo = loadBoroughTopo();
  const fc = feature(
    topo,
    topo.objects.boroughs as GeometryCollection<{ code: string }>,
  ) as unknown as FeatureCollection;
  const fs = fc.features;
  return (lon, lat) =>
    (fs.find((f) => geoContains(f, [lon, lat]))?.properties as { code: string } | undefined)?.code ?? null;
}

/** 2022 ward code of a WGS84 point, from the ward boundaries; null outside London's wards. */
export function wardLocator(): (lon: number, lat: number) => string | null {
  const topo = loadTopology('wards_2022.topo.json');
  const fs = (feature(topo, topo.objects.areas as GeometryCollection) as unknown as FeatureCollection).features;
  return (lon, lat) => {
    const f = fs.find((x) => geoContains(x, [lon, lat]));
    return f ? String(f.id) : null;
  };
}

let csv: string | undefined;
export function syntheticCsv(): string {
  if (csv) return csv;
  const where = boroughLocator();
  const ward = wardLocator();
  const ex = syntheticExtract(SYNTHETIC_ROWS, latestMonth(loadCrime()), {
    randomPoint: (r) => {
      for (;;) {
        const e = LONDON_BNG.west + r() * (LONDON_BNG.east - LONDON_BNG.west);
        const n = LONDON_BNG.south + r() * (LONDON_BNG.north - LONDON_BNG.south);
        if (where(...bngToWgs84(e, n))) return [e, n];
      }
    },
    boroughOf: (e, n) => where(...bngToWgs84(e, n)),
    wardOf: (e, n) => ward(...bngToWgs84(e, n)),
  });
  return (csv = toCsv(ex.header, ex.rows));
}

/** Violence with injury recorded by the Met, by borough and month (the comparison's police side). */
let police: PoliceMonthly | undefined;
export function policeMonthly(): PoliceMonthly {
  return (police ??= policeMonthlyOnce());
}
function policeMonthlyOnce(): PoliceMonthly {
  const s = loadCrime();
  const boroughs: PoliceMonthly['boroughs'] = {};
  for (const r of s.rows) {
    if (r.areaKind !== 'borough' || r.minor !== VWI) continue;
    const b = (boroughs[r.areaCode] ??= { name: r.areaName, counts: s.months.map(() => 0) });
    r.counts.forEach((c, i) => (b.counts[i]! += c));
  }
  // Wards: the latest five years (what an extract is likely to cover), with names and boroughs from the atlas's 2022 wards.
  const w = loadWardVwiMonthly();
  const wardMonths = w.months.slice(-WARD_MONTHS);
  const areas = loadAtlasLevel('ward').areas;
  const wards: NonNullable<PoliceMonthly['wards']> = {};
  areas.codes.forEach((code, i) => {
    const counts = w.by.get(code);
    if (counts) wards[code] = { name: areas.names[i]!, borough: areas.parents[i]!, counts: counts.slice(-WARD_MONTHS) };
  });
  return { months: s.months, boroughs, wardMonths, wards };
}

/** Months of the ward series the ISTV page loads. */
export const WARD_MONTHS = 60;

/** The full addresses of the published synthetic extract and of the ISTV page's file section, on the site at `site` under `base`. */
export const istvFileUrls = (site: string | undefined, base: string): IstvContext['fileUrls'] => {
  if (!site) throw new Error("the ISTV figures' source lines need the site's address (site in astro.config.mjs)");
  const abs = (p: string) => new URL(withBase(base, p), site).href;
  return { synthetic: abs(`violence/istv/${SYNTHETIC_FILE}`), own: abs('violence/istv/#istv-file') };
};

export function istvContext(): IstvContext {
  const w = loadWardVwiMonthly().months;
  return {
    boroughs: loadBoroughTopo(),
    boundaries: boroughBoundarySource(),
    fileUrls: istvFileUrls(import.meta.env.SITE, import.meta.env.BASE_URL),
    police: { ...mpsSource(latestMonth(loadCrime())), name: 'MPS recorded crime: violence with injury by borough' },
    policeWards: sourceById(
      'mps-ward-recent',
      'MPS ward-level recorded crime: violence with injury by ward',
      `data to ${monthLong(w.at(-1)!)}`,
    ),
  };
}

/** The place of an incident for the police comparison: its own E09 code, the borough of its ward code, else its point's borough. */
export function incidentBorough(where: (lon: number, lat: number) => string | null, police: PoliceMonthly) {
  return boroughOfIncident(where, police);
}

let analysis: IstvAnalysis | undefined;
/** The analysis of the synthetic extract with no filter: the page's first view. */
export function istvDefaultAnalysis(): IstvAnalysis {
  if (analysis) return analysis;
  const { header, rows } = parseCsvText(syntheticCsv(), SYNTHETIC_FILE);
  const read = readExtract(rows, guessMapping(header), bngToWgs84);
  return (analysis = analyse(
    read,
    { file: SYNTHETIC_FILE, synthetic: isSynthetic(header, rows) },
    {},
    incidentBorough(boroughLocator(), policeMonthly()),
    policeMonthly(),
  ));
}

/**
 * The page's first view: presentation mode at the minimum threshold, which is what leaves a
 * browser too (the build's files and embeds), so the page shows what its downloads hold.
 */
export const ISTV_FIRST_STATE: IstvState = { filter: {}, present: true, k: MIN_THRESHOLD };

let figures: Figure[] | undefined;
/** The page's figures of the synthetic extract (every one applies to it), disclosure-controlled at the minimum threshold. */
export function istvDefaultFigures(): Figure[] {
  if (figures) return figures;
  const by = istvFigures(istvDefaultAnalysis(), istvContext(), ISTV_FIRST_STATE.k);
  const missing = ISTV_IDS.filter((id) => !by[id]);
  if (missing.length) throw new Error(`the synthetic ISTV extract does not make every figure: ${missing.join(', ')}`);
  return (figures = ISTV_IDS.map((id) => by[id]!));
}

/** The ISTV view's configuration on a page (src/figures/istv/view.ts reads it): files, fields and source lines. */
export function istvViewConfig(base: string) {
  const ctx = istvContext();
  return {
    policeSource: ctx.police!,
    policeWardSource: ctx.policeWards!,
    boundarySource: ctx.boundaries,
    fileUrls: ctx.fileUrls,
    synthetic: withBase(base, `violence/istv/${SYNTHETIC_FILE}`),
    syntheticName: SYNTHETIC_FILE,
    boroughs: withBase(base, 'data/london_boroughs.topo.json'),
    police: withBase(base, 'data/violence/police-vwi.json'),
    areaCentres: withBase(base, 'data/violence/area-centres.json'),
    fields: ISTV_FIELDS.map((x) => ({ key: x.key, label: x.label })),
  };
}
