/** The hotspots page's figures at build time: the default view of the default data set, London's LSOAs, and coverage. */
import { loadBoroughTopo, loadLsoaContiguity } from '../../data/geo.ts';
import { analyse, defaultOptions, eachEvent, stabilityOf, type HotspotDataset } from '../../lib/hotspots/dataset.ts';
import { loadHotspotDataset, loadHotspotIndex } from '../../data/hotspots.ts';
import { loadCrime } from '../../data/crime.ts';
import { seriesBoroughs } from '../../lib/crime.ts';
import type { HotspotIndex } from '../../data/schema/hotspots.ts';
import { CLASS_LABEL, coldSpotCheck, giStar, hotColdClasses, pValues } from '../../lib/hotspots/gistar.ts';
import { HOTSPOTS_VIEW, HS_DEFAULT } from './state.ts';
import { loadAtlasLevel, loadCatalogue } from '../../data/atlas.ts';
import { loadLevelTopo } from '../atlas/build.ts';
import { registrySource, boroughBoundarySource } from '../sources.ts';
import {
  coldSpotSentence,
  GI_LEGEND,
  VIEW_FIGURES,
  typesInWords,
  monthText,
  typeSlug,
  type HotspotContext,
  type Method,
} from './figures.ts';
import type { Figure, FigureSource } from '../types.ts';
import { withBase } from '../../lib/paths.ts';
import { C, PALETTE } from '../../charts/common.ts';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Topology } from 'topojson-specification';

export type HotspotIndexEntry = HotspotIndex['datasets'][number];

export const DEFAULT_DATASET = HS_DEFAULT.data;
export const DEFAULT_METHOD: Method = HS_DEFAULT.method;

export { loadHotspotDataset, loadHotspotIndex };

/** Crime types with at least one record in some data set (the reference table also lists retired categories). */
export function typesWithRecords(): string[] {
  const seen = new Set<string>();
  for (const e of loadHotspotIndex().datasets) {
    const d = loadHotspotDataset(e.id);
    eachEvent(d, (_m, t) => seen.add(d.types[t]!));
  }
  return loadHotspotIndex().types.filter((t) => seen.has(t));
}

export function datasetSource(d: HotspotDataset): FigureSource {
  return registrySource(d.source, `data for ${monthText(d.months[0]!)} to ${monthText(d.months.at(-1)!)}`);
}

/** The citation of the street network drawn with a data set, or of its ward outlines. */
export function networkSource(d: HotspotDataset): FigureSource | null {
  return d.network ? registrySource(d.network.source, `OpenStreetMap data of ${d.network.date}`) : null;
}
export function wardSource(d: HotspotDataset): FigureSource | null {
  return !d.network && d.orientation
    ? registrySource('ons-wards-2013', `ward boundaries of ${d.orientation.vintage}`)
    : null;
}

/** The shared network drawing of a data set (src/pages/figures/base), under the site's base path. */
export function networkHref(d: HotspotDataset): string | null {
  return d.network ? withBase(import.meta.env.BASE_URL ?? '/', `figures/base/${d.id}`) : null;
}

let ctxCache: HotspotContext | undefined;
export function defaultContext(): HotspotContext {
  if (ctxCache) return ctxCache;
  const d = loadHotspotDataset(DEFAULT_DATASET);
  const o = defaultOptions(d);
  const a = analyse(d, o);
  ctxCache = {
    d,
    a,
    method: DEFAULT_METHOD,
    source: datasetSource(d),
    boundarySource: boroughBoundarySource(),
    networkSource: networkSource(d),
    wardSource: wardSource(d),
    networkHref: networkHref(d),
    typeWord: typesInWords(d, o.types),
    stab: stabilityOf(d, a),
  };
  return ctxCache;
}

export type LsoaVariant = 'rate' | 'log';
export const LSOA_VARIANTS: LsoaVariant[] = ['rate', 'log'];

/** Gi* of LSOA crime rates across London (queen contiguity, FDR), both variants: the hot and cold counts of each. */
function lsoaGi(variant: LsoaVariant) {
  const L = loadAtlasLevel('lsoa');
  const rates = L.values.get('crime_all_rate')!;
  const topo = loadLevelTopo('lsoa_2021.topo.json');
  // Neighbours from the boundary file itself, not from the simplified, quantised display topology.
  const contiguity = loadLsoaContiguity();
  const ids = [...contiguity.keys()];
  const index = new Map(ids.map((c, i) => [c, i]));
  const neighbours = ids.map((c) => contiguity.get(c)!.map((n) => index.get(n)!));
  const pos = new Map(L.areas.codes.map((c, i) => [c, i]));
  const missing = ids.filter((c) => !pos.has(c)).length + L.areas.codes.filter((c) => !index.has(c)).length;
  if (missing)
    throw new Error(
      `lsoa_2021_contiguity.csv and atlas_lsoa.csv list different LSOAs (${missing} in one and not the other)`,
    );
  // Areas with a rate only (the City's LSOAs have no MPS data); neighbours likewise.
  const keep = ids.map((c) => rates[pos.get(c)!] ?? null).map((v) => v !== null);
  const at = new Map<number, number>();
  ids.forEach((_, i) => keep[i] && at.set(i, at.size));
  const raw = ids.map((c) => rates[pos.get(c)!]).filter((v): v is number => v != null);
  const values = variant === 'log' ? raw.map((v) => Math.log1p(v)) : raw;
  const nb = ids
    .map((_, i) => i)
    .filter((i) => keep[i])
    .map((i) => neighbours[i]!.filter((j) => keep[j]).map((j) => at.get(j)!));
  const z = giStar(values, nb);
  const p = pValues(z, 'fdr');
  const cls = hotColdClasses(z, p);
  const codes = ids.filter((_, i) => keep[i]);
  const tally = GI_LEGEND.map((l) => codes.filter((_, i) => cls[i] === l.cls).length);
  const check = coldSpotCheck(
    values,
    nb.map((l) => l.length),
    z,
  );
  return {
    L,
    topo,
    ids,
    codes,
    z,
    cls,
    tally,
    check,
    hot: tally.slice(0, 3).reduce((a, b) => a + b, 0),
    cold: tally.slice(3).reduce((a, b) => a + b, 0),
  };
}

/**
 * The LSOA boundaries for a London-wide map: a copy keeping a fifth of the points
 * (Visvalingam, topojson-simplify). On a 720 px map a pixel is about 60 m, and the
 * full boundaries would make the page several times heavier for nothing visible.
 * The analysis itself uses the full topology (contiguity is unchanged by this).
 */
const simplified = new Map<Topology, Topology>();
function mapTopology(topo: Topology): Topology {
  let t = simplified.get(topo);
  if (!t) {
    type T = Parameters<typeof presimplify>[0];
    const pre = presimplify(topo as unknown as T);
    t = simplify(pre, quantile(pre, 0.8));
    simplified.set(topo, t);
  }
  return t;
}

const lsoaCache = new Map<LsoaVariant, ReturnType<typeof lsoaGi>>();
const lsoaResult = (v: LsoaVariant) => lsoaCache.get(v) ?? (lsoaCache.set(v, lsoaGi(v)), lsoaCache.get(v)!);

/** Gi* of LSOA crime rates across London (queen contiguity, FDR), the MPS LSOA file's latest 12 months; on the rates, or on log(1 + rate). */
export function lsoaFigure(variant: LsoaVariant = 'rate'): Figure {
  const meta = loadCatalogue().find((c) => c.id === 'crime_all_rate')!;
  // "2025-03 to 2026-02" → "March 2025 to February 2026"
  const periodText = meta.period.replace(/(\d{4}-\d{2})/g, (m) => monthText(m));
  const { L, topo, ids, codes, z, cls, tally, check, hot, cold } = lsoaResult(variant);
  const other = lsoaResult(variant === 'rate' ? 'log' : 'rate');
  const rates = L.values.get('crime_all_rate')!;
  const counts = L.values.get('crime_all_count')!;
  const pos = new Map(L.areas.codes.map((c, i) => [c, i]));
  const classes: Record<string, number> = {};
  const rows: Record<string, string | number | null>[] = [];
  codes.forEach((c, i) => {
    if (!cls[i]) return;
    classes[c] = GI_LEGEND.findIndex((l) => l.cls === cls[i]);
    const k = pos.get(c)!;
    rows.push({
      lsoa: c,
      name: L.areas.names[k]!,
      crimes: counts[k] ?? null,
      rate: rates[k] ?? null,
      z: Math.round(z[i]! * 1000) / 1000,
      class: CLASS_LABEL[cls[i]]!,
    });
  });
  rows.sort((a, b) => (b.z as number) - (a.z as number));
  const boroughOf = new Map(L.areas.codes.map((c, i) => [c, L.areas.parents[i]!]));
  const bNames = new Map(
    loadAtlasLevel('borough').areas.codes.map((c, i) => [c, loadAtlasLevel('borough').areas.names[i]!]),
  );
  const hotBoroughs = new Map<string, number>();
  codes.forEach(
    (c, i) => cls[i]! > 0 && hotBoroughs.set(boroughOf.get(c)!, (hotBoroughs.get(boroughOf.get(c)!) ?? 0) + 1),
  );
  const topB = [...hotBoroughs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([b, n]) => `${bNames.get(b) ?? b} (${n})`);
  const log = variant === 'log';
  const otherWords = `On ${log ? 'the rates themselves' : 'log(1 + rate)'}: ${other.hot.toLocaleString('en-GB')} hot and ${other.cold.toLocaleString('en-GB')} cold.`;
  return {
    id: log ? 'hotspots-lsoa-log' : 'hotspots-lsoa',
    page: 'hotspots/london/',
    title: log
      ? 'Area-level hot and cold spots across London: log(1 + crimes per 1,000 residents) by LSOA'
      : 'Area-level hot spots across London: crime per 1,000 residents by LSOA',
    subtitle: `Getis-Ord Gi* on each LSOA's ${log ? 'log(1 + rate), which tames the very skewed rates,' : 'rate'} with its queen-contiguous neighbours, false discovery rate adjusted · ${periodText} · MPS LSOA files`,
    description: `${hot.toLocaleString('en-GB')} of ${codes.length.toLocaleString('en-GB')} LSOAs are hot spots at 90% confidence or more and ${cold.toLocaleString('en-GB')} are cold spots. Most hot-spot LSOAs are in ${topB.join(', ')}. ${otherWords}`,
    chart: {
      kind: 'hotspotMap',
      layer: {
        type: 'areas',
        topology: mapTopology(topo),
        objectName: 'areas',
        classes,
        base: { topology: mapTopology(loadBoroughTopo()), objectName: 'boroughs' },
      },
      legend: GI_LEGEND.map((l, i) => ({
        label: `${CLASS_LABEL[l.cls]} (${tally[i]!.toLocaleString('en-GB')})`,
        colour: l.colour,
      })),
      legendTitle: 'Gi* class of the LSOA (grey: not significant, or no MPS data)',
    },
    widths: [360, 720],
    tableLimit: 50,
    table: {
      caption: `Hot and cold spot LSOAs, hottest first (${rows.length.toLocaleString('en-GB')} of ${codes.length.toLocaleString('en-GB')})`,
      columns: [
        { key: 'lsoa', label: 'LSOA' },
        { key: 'name', label: 'Name' },
        { key: 'crimes', label: 'Crimes', numeric: true, format: (v) => (v as number).toLocaleString('en-GB') },
        { key: 'rate', label: 'Per 1,000 residents', numeric: true, format: (v) => (v as number).toFixed(1) },
        { key: 'z', label: 'Gi* z', numeric: true, format: (v) => (v as number).toFixed(2) },
        { key: 'class', label: 'Class' },
      ],
      rows,
    },
    source: [
      registrySource('mps-lsoa-recent', `data for ${periodText}`),
      registrySource('census-2021-ts007a-lsoa', 'Census Day, 21 March 2021'),
      registrySource('ons-lsoa-2021', 'boundaries of 2021'),
    ],
    notes: [
      `Rates: crimes in the MPS LSOA file (sexual offences and fraud are not published at LSOA level) per 1,000 usual residents (Census 2021). Central LSOAs with few residents and many visitors have very high resident rates: a hot spot here is a high rate, not necessarily many crimes.`,
      `Neighbours: queen contiguity (sharing a boundary or a corner) on the 2021 LSOA boundaries as ONS publishes them (generalised to 20 m; lsoa_2021_contiguity.csv), not on the simplified outlines this map draws; each LSOA's own value is included (Gi*). The City of London's ${ids.length - codes.length} LSOAs have no MPS data and are left out, as are their borders.`,
      'p-values adjusted by the Benjamini–Hochberg false discovery rate across all LSOAs; classes at 99, 95 and 90% confidence.',
      `Cold spots: ${coldSpotSentence(check, 'LSOA')}`,
      log
        ? `Why log(1 + rate): resident rates are very skewed (a few central LSOAs with few residents have rates hundreds of times the median), so the mean and spread that Gi* compares against are set by a handful of areas, and a low-crime neighbourhood barely differs from the mean. The logarithm puts a halving and a doubling on the same footing. ${otherWords}`
        : `The rates are very skewed, which limits what Gi* can find below the mean; the log(1 + rate) variant beside this one is the variance-stabilised alternative. ${otherWords}`,
    ],
  };
}

/** The London LSOA hot and cold spots in words, for the link from the street-level page. */
export function lsoaSummary(): string {
  const r = lsoaResult('rate');
  const l = lsoaResult('log');
  const n = (v: number) => v.toLocaleString('en-GB');
  return `${n(r.hot)} hot and ${n(r.cold)} cold spots among ${n(r.codes.length)} LSOAs on crime rates; ${n(l.hot)} hot and ${n(l.cold)} cold on log(1 + rate)`;
}

/** Where the street-level data sets reach: the City archive, the 25 boroughs of the Met API extract, and the gaps. */
export function coverageFigure(): Figure {
  const idx = loadHotspotIndex();
  const B = loadAtlasLevel('borough').areas;
  const byArea = new Map(idx.datasets.map((d) => [d.area.code, d]));
  const classes: Record<string, number> = {};
  const rows = B.codes.map((code, i) => {
    const d = byArea.get(code);
    classes[code] = !d ? 2 : d.id === 'city' ? 1 : 0;
    const gaps = d?.coverage?.monthsBelow80PercentOfMedian ?? [];
    return {
      borough: B.names[i]!,
      code,
      dataset: d ? d.title : 'No street-level data here',
      records: d ? d.used : null,
      gaps: d
        ? gaps.length
          ? gaps.map((g) => `${g.month} (${Math.round(g.shareOfMedian * 100)}% of a typical month)`).join('; ')
          : 'none'
        : 'all months',
    };
  });
  const missing = rows.filter((r) => classes[r.code] === 2).map((r) => r.borough);
  const partial = [
    ...new Set(idx.datasets.flatMap((d) => d.coverage?.monthsBelow80PercentOfMedian.map((g) => g.month) ?? [])),
  ].sort();
  return {
    id: 'hotspots-coverage',
    page: 'hotspots/',
    title: 'Where the street-level data reach',
    subtitle:
      'The City of London Police archive files (April 2022 to March 2025) and the Metropolitan Police API extract (January 2016 to June 2018), by borough',
    description: `The Metropolitan Police API extract covers ${idx.datasets.length - 1} of the ${B.codes.length - 1} MPS boroughs; it has no data for ${missing.join(', ')}. Months with under 80% of a borough's typical records per day: ${partial.join(', ') || 'none'}. Never read these maps as London-wide.`,
    chart: {
      kind: 'hotspotMap',
      layer: { type: 'areas', topology: mapTopology(loadBoroughTopo()), objectName: 'boroughs', classes },
      legend: [
        { label: `Met API extract, 2016–18 (${idx.datasets.length - 1} boroughs)`, colour: PALETTE.pair[0] },
        { label: 'City of London Police archive, 2022–25', colour: PALETTE.pair[1] },
        { label: `No street-level data (${missing.length})`, colour: C.nodata },
      ],
      legendTitle: 'Street-level data available',
    },
    widths: [360, 720],
    table: {
      caption: 'Street-level data by borough',
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'dataset', label: 'Data set' },
        {
          key: 'records',
          label: 'Records used',
          numeric: true,
          format: (v) => (v === null ? '–' : (v as number).toLocaleString('en-GB')),
        },
        { key: 'gaps', label: 'Incomplete months' },
      ],
      rows,
    },
    source: [
      registrySource('policeuk-street-city', 'data for April 2022 to March 2025'),
      registrySource('policeuk-api-met', 'data for January 2016 to June 2018'),
      boroughBoundarySource(),
    ],
    notes: [
      "The API extract was gathered ward by ward; the project that gathered it has no data for the missing boroughs, and its March 2016 holds only some wards. Points of neighbouring boroughs' ward queries that fall in a missing borough are not published as a data set (see hotspots_index.json).",
      'A month is flagged when a borough has under 80% of its median records per day (per day, so that February is not flagged for being short).',
    ],
  };
}

/** The numbers the hotspots page's introduction quotes: records, and which areas and months the street data cover. */
export function hotspotsIntro() {
  const idx = loadHotspotIndex();
  const city = idx.datasets.find((x) => x.id === DEFAULT_DATASET)!;
  const met = idx.datasets.filter((x) => x.force === 'Metropolitan Police Service');
  const metMonths = met.map((x) => x.months);
  return {
    records: idx.datasets.reduce((a, x) => a + x.used, 0),
    city: { from: city.months[0], to: city.months[1] },
    metDatasets: met.length,
    metBoroughs: seriesBoroughs(loadCrime()).length,
    met: met.length
      ? {
          from: metMonths.map((m) => m[0]).sort()[0]!,
          to: metMonths
            .map((m) => m[1])
            .sort()
            .at(-1)!,
        }
      : null,
  };
}

export function hotspotFigures(): Figure[] {
  const ctx = defaultContext();
  return [
    ...HOTSPOTS_VIEW.figures.map((id) => VIEW_FIGURES[id]!(ctx)),
    lsoaFigure('rate'),
    lsoaFigure('log'),
    coverageFigure(),
  ];
}

/** What the page script needs to rebuild the street-level figures: each data set's file and citation, the boundary citation. */
/** The hotspots view's configuration on a page (src/figures/hotspots/view.ts reads it): the data sets, their files, types and sources. */
export function hotspotsViewConfig(base: string) {
  return {
    datasets: loadHotspotIndex().datasets.map((x) => {
      const d = loadHotspotDataset(x.id);
      return {
        id: x.id,
        file: withBase(base, `data/${x.file}`),
        title: x.title,
        area: x.area,
        months: x.months,
        types: d.types.map(typeSlug),
        crimes: d.types.filter((_, i) => d.isCrime[i]).map(typeSlug),
        source: registrySource(
          x.id === 'city' ? 'policeuk-street-city' : 'policeuk-api-met',
          `data for ${monthText(x.months[0])} to ${monthText(x.months[1])}`,
        ),
        networkSource: networkSource(d),
        networkHref: networkHref(d),
        wardSource: wardSource(d),
      };
    }),
    boundarySource: boroughBoundarySource(),
    typeSlugs: loadHotspotIndex().types.map(typeSlug),
  };
}
