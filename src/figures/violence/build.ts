/**
 * /violence/: knife crime by month, borough and ward (MPS Monthly Crime Dashboard data),
 * violence against the person since 2010 (MPS borough series), and people proceeded
 * against for homicide (MPS Homicide dashboard data). One function per figure.
 */
import { formatInt, formatPct, monthLong, periodLong, sentenceCase } from '../../lib/format.ts';
import { latestMonth, window12 } from '../../lib/crime.ts';
import { addMonths } from '../../lib/format.ts';
import {
  ageOrder,
  completeYears,
  homicideBy,
  knifeAreaWindows,
  knifeLabel,
  knifeLondonMonthly,
  knifeShort,
  pctChange,
  per1000,
  rollingMonths,
  rollingSums,
  type KnifeMeasure,
} from '../../lib/violence.ts';
import { loadHomicide, loadKnifeCrime } from '../../data/violence.ts';
import { loadCrime } from '../../data/crime.ts';
import { loadAtlasLevel } from '../../data/atlas.ts';
import { loadBoroughTopo, loadTopology } from '../../data/geo.ts';
import { quantileBreaks } from '../../charts/choropleth.ts';
import { median } from '../../lib/stats.ts';
import { choroplethFigure, rankedBarsFigure } from '../kinds.ts';
import { boroughBoundarySource, censusSource, mpsSource, sourceById } from '../sources.ts';
import type { Fact, Figure, FigureSource } from '../types.ts';

export const VIOLENCE_PAGE = 'violence/';
/** The ward figures have their own page: a map of 679 wards would take the main page past its size budget. */
export const VIOLENCE_WARDS_PAGE = 'violence/wards/';
const page = VIOLENCE_PAGE;

const int = (v: unknown) => (v === null || v === undefined ? '–' : formatInt(v as number));
const pct = (v: unknown) => (v === null || v === undefined ? '–' : formatPct(v as number));
const rate2 = (v: unknown) =>
  v === null || v === undefined
    ? '–'
    : (v as number).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const round = (v: number | null, d = 2) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
const verb = (p: number | null) => (p === null ? 'changed' : p < 0 ? 'fell' : p > 0 ? 'rose' : 'was unchanged');
const absPct = (p: number | null) => (p === null ? '' : formatPct(Math.abs(p)).replace('+', ''));
const signedInt = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + formatInt(Math.abs(v));

const KNIFE = 'Knife Crime';
const WITH_INJURY = 'Knife Crime with Injury';
const YOUNG = 'Knife Injury Victims (non DA 1-24)';
const NO_BOROUGH = 'No borough: place not known, aviation security, other forces';

/* ------------------------------------------------------------------ sources */

const knifeSource = (end: string): FigureSource =>
  sourceById('mps-knife-crime-dashboard', 'MPS Monthly Crime Dashboard data: knife crime', `data to ${monthLong(end)}`);
const wardCensusSource = (): FigureSource =>
  sourceById(
    'census-2021-ts007a-lsoa',
    'Census 2021, TS007A (LSOAs summed to 2022 wards by best fit)',
    'Census Day, 21 March 2021',
  );
const wardLookupSource = (): FigureSource =>
  sourceById(
    'ons-lsoa21-ward24-lookup',
    'LSOA (2021) to ward lookup',
    'best-fit lookup of 2024 (London codes as in 2022)',
  );
const wardBoundarySource = (): FigureSource =>
  sourceById('ons-wards-2022', 'Wards, December 2022', 'boundaries of December 2022');
const homicideSource = (last: string): FigureSource =>
  sourceById(
    'mps-homicide-dashboard',
    'MPS Homicide dashboard data: people proceeded against',
    `data to ${monthLong(last)}`,
  );

const KNIFE_NOTES = {
  london:
    'London totals are the sum of every borough row of the dashboard data, including the rows that carry no borough (aviation security, legacy "not known" and non-Met rows), so they are the Met\'s totals; borough and ward figures leave those rows out.',
  empty: 'The dashboard data list only the months with a count: a month with no row for an area is counted as 0.',
  victims:
    'Knife injury victims aged 1–24 count victims of knife crime with injury, not offences; the site uses the non-domestic count (non-DA: domestic abuse cases excluded), the measure the MPS and MOPAC report.',
  knife:
    'Knife crime: offences of violence against the person, robbery or sexual offences in which a knife or sharp instrument was used or threatened, as the Home Office defines it; possession of a knife alone is not knife crime.',
  outcomes:
    "Positive outcomes are recorded in the month of the outcome, not of the offence: positive outcomes per 100 offences in a year is a ratio of two counts, not the share of that year's offences solved.",
  noBorough: (n: number) =>
    `${formatInt(n)} offences of the latest 12 months are in the dashboard's rows with no borough ("Other / NK": crimes whose place is not known, the Met's aviation security command (SO18), offences another force recorded); they count in London's total, the Met's, and in no borough.`,
  rates:
    'Rates use residents on Census Day 2021. Crimes are counted where they happen and residents where they live, so places with many visitors and few residents (the West End, stations, town centres) have high rates per resident.',
};

/* ------------------------------------------------------------------- basis */

function knifeBasis() {
  const s = loadKnifeCrime();
  const end = s.months.at(-1)!;
  const latest = window12(end);
  const previous = window12(addMonths(end, -12));
  return { s, end, latest, previous, latestLabel: periodLong(...latest), previousLabel: periodLong(...previous) };
}

function population(level: 'borough' | 'ward') {
  const d = loadAtlasLevel(level);
  const res = d.values.get('pop_residents');
  const young = d.values.get('pop_count_0_24');
  if (!res || !young) throw new Error(`atlas_${level}.csv lacks pop_residents or pop_count_0_24`);
  const out = new Map<string, { residents: number | null; young: number | null; name: string; parent: string }>();
  d.areas.codes.forEach((c, i) =>
    out.set(c, {
      residents: res[i] ?? null,
      young: young[i] ?? null,
      name: d.areas.names[i]!,
      parent: d.areas.parents[i]!,
    }),
  );
  return out;
}

/** Areas of a level with their two 12-month totals and the rate per 1,000 in the latest. */
function knifeAreas(
  level: 'borough' | 'ward',
  subtype: string,
  measure: KnifeMeasure,
  denominator: 'residents' | 'young',
) {
  const { s, end } = knifeBasis();
  const w = knifeAreaWindows(s, level, subtype, measure, end);
  const pop = population(level);
  const boroughName = population('borough');
  const areas = w.areas.map((a) => {
    const p = pop.get(a.code);
    if (!p)
      throw new Error(`knife crime: ${level} ${a.code} (${a.name}) has no Census population in atlas_${level}.csv`);
    // The dashboard's borough_snt column joins borough and team names ("Westminster West End"): the borough comes from the ward's code.
    const borough = level === 'borough' ? a.name : (boroughName.get(p.parent)?.name ?? '');
    if (!borough) throw new Error(`knife crime: ward ${a.code} (${a.name}) has no borough in atlas_ward.csv`);
    const d = p[denominator];
    return {
      ...a,
      name: p.name,
      borough,
      population: d,
      rate: per1000(a.latest, d),
      change: a.latest - a.previous,
      pct: pctChange(a.previous, a.latest),
    };
  });
  return { areas, unknown: w.unknown };
}

/* ----------------------------------------------------------------- figures */

const TREND_SUBTYPES = [KNIFE, WITH_INJURY, YOUNG];

/** 1. London's knife crime, rolling 12-month totals of three measures. */
export function knifeTrendFigure(): Figure {
  const { s, end, latestLabel } = knifeBasis();
  const monthly = TREND_SUBTYPES.map((t) => knifeLondonMonthly(s, t, 'Offences').map((m) => m.total));
  const months = rollingMonths(s.months);
  const rolled = monthly.map(rollingSums);
  const k = rolled[0]!;
  const [now, yearAgo] = [k.at(-1)!, k.at(-13)];
  const first = k[0]!;
  const change = yearAgo === undefined ? null : pctChange(yearAgo, now);
  // The chart key's names, short enough for a 320 px column (the table has the dashboard's full names).
  const lbl = ['Knife crime', 'Knife crime with injury', 'Victims aged 1–24, non-domestic'];
  const describe = (i: number) =>
    `${knifeLabel(TREND_SUBTYPES[i]!).toLowerCase()} ${formatInt(rolled[i]!.at(-1)!)}${rolled[i]!.at(-13) !== undefined ? ` (${formatPct(pctChange(rolled[i]!.at(-13)!, rolled[i]!.at(-1)!)!)} on the year before)` : ''}`;
  return {
    id: 'violence-knife-trend',
    page,
    title:
      change === null
        ? `Knife crime in London: ${formatInt(now)} offences in the 12 months to ${monthLong(end)}`
        : `Knife crime in London ${change < 0 ? 'fell' : 'rose'} ${absPct(change)} in the 12 months to ${monthLong(end)}`,
    subtitle: `Offences (victims for the 1–24 measure) in the 12 months to each month, Metropolitan Police area, ${monthLong(months[0]!)} to ${monthLong(end)}`,
    description:
      `In the 12 months to ${monthLong(end)} (${latestLabel}) the Met recorded ${describe(0)}, ${describe(1)}, and ${describe(2)}. ` +
      `In the first 12 months of the data, to ${monthLong(months[0]!)}, knife crime was ${formatInt(first)}.`,
    chart: {
      kind: 'multiLine',
      months,
      series: lbl.map((label, i) => ({ label, values: rolled[i]! })),
      yLabel: '↑ In the 12 months to each month',
      unit: 'in the 12 months to this month',
    },
    widths: [360, 720],
    table: {
      caption: `Knife crime in London by month, ${periodLong(s.months[0]!, end)}: each month and the 12 months to it`,
      columns: [
        { key: 'month', label: 'Month' },
        ...TREND_SUBTYPES.flatMap((t) => [
          { key: `${slugOf(t)}_month`, label: `${knifeLabel(t)}, in the month`, numeric: true, format: int },
          {
            key: `${slugOf(t)}_12_months`,
            label: `${knifeLabel(t)}, 12 months to the month`,
            numeric: true,
            format: int,
          },
        ]),
      ],
      rows: s.months.map((m, j) => ({
        month: m,
        ...Object.fromEntries(
          TREND_SUBTYPES.flatMap((t, i) => [
            [`${slugOf(t)}_month`, monthly[i]![j]!],
            [`${slugOf(t)}_12_months`, j >= 11 ? rolled[i]![j - 11]! : null],
          ]),
        ),
      })),
    },
    source: [knifeSource(end)],
    notes: [
      KNIFE_NOTES.knife,
      KNIFE_NOTES.victims,
      KNIFE_NOTES.london,
      KNIFE_NOTES.empty,
      `The series starts in ${monthLong(s.months[0]!)}, so the first 12-month total is for the year to ${monthLong(months[0]!)}.`,
    ],
  };
}

const slugOf = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** 2. Every measure of the dashboard: the latest 12 months on the previous 12. */
export function knifeYearOnYearFigure(): Figure {
  const { s, end, latestLabel, previousLabel } = knifeBasis();
  const rows = knifeMeasureRows();
  const k = rows.find((r) => r.subtype === KNIFE && r.measure === 'Offences')!;
  const po = rows.find((r) => r.subtype === KNIFE && r.measure === 'Positive Outcomes')!;
  return {
    id: 'violence-knife-year-on-year',
    page,
    title: `Knife crime ${verb(k.pct)} ${absPct(k.pct)} in the 12 months to ${monthLong(end)}; positive outcomes ${verb(po.pct)} ${absPct(po.pct)}`,
    subtitle: `Change in the Metropolitan Police area, ${latestLabel} against ${previousLabel}, %`,
    description:
      rows.map((r) => `${r.label}: ${formatInt(r.previous)} to ${formatInt(r.latest)} (${pct(r.pct)})`).join('; ') +
      '.',
    chart: {
      kind: 'divergingBars',
      xLabel: 'Change on the previous 12 months (%) →',
      textWidth: 64,
      data: rows.map((r) => ({
        label: r.short,
        value: round(r.pct, 2) ?? 0,
        text: pct(r.pct),
        title: `${r.label}: ${formatInt(r.previous)} → ${formatInt(r.latest)} (${pct(r.pct)})`,
      })),
    },
    widths: [360, 640],
    table: {
      caption: `Knife crime measures, Metropolitan Police area, ${latestLabel} against ${previousLabel}`,
      columns: [
        { key: 'measure', label: 'Measure' },
        { key: 'subtype', label: 'Dashboard subtype' },
        { key: 'kind', label: 'Offences or positive outcomes' },
        { key: 'previous_12_months', label: `${previousLabel}`, numeric: true, format: int },
        { key: 'latest_12_months', label: `${latestLabel}`, numeric: true, format: int },
        { key: 'change', label: 'Change', numeric: true, format: (v) => signedInt(v as number) },
        { key: 'pct_change', label: 'Change (%)', numeric: true, format: pct },
      ],
      rows: rows.map((r) => ({
        measure: r.label,
        subtype: r.subtype,
        kind: r.measure,
        previous_12_months: r.previous,
        latest_12_months: r.latest,
        change: r.latest - r.previous,
        pct_change: round(r.pct, 4),
      })),
    },
    source: [knifeSource(end)],
    notes: [
      KNIFE_NOTES.london,
      KNIFE_NOTES.outcomes,
      KNIFE_NOTES.victims,
      `Measures are the dashboard's subtypes: knife crime with injury is part of knife crime, and its personal-robbery part is part of it. ${s.months.length} months of data, ${periodLong(s.months[0]!, end)}.`,
    ],
  };
}

/** The dashboard's subtype × measure pairs that have data, with London's two 12-month totals. */
export function knifeMeasureRows() {
  const { s, end } = knifeBasis();
  const out: {
    label: string;
    short: string;
    subtype: string;
    measure: KnifeMeasure;
    previous: number;
    latest: number;
    pct: number | null;
  }[] = [];
  if (s.months.length < 24)
    throw new Error(
      `knife crime: the year-on-year figures need 24 months of data; mps_knife_crime_monthly.csv has ${s.months.length}`,
    );
  const subtypes = [...new Set(s.rows.map((r) => r.subtype))].sort((a, b) => order(a) - order(b));
  for (const measure of ['Offences', 'Positive Outcomes'] as const) {
    for (const t of subtypes) {
      if (!s.rows.some((r) => r.subtype === t && r.measure === measure && r.level === 'borough')) continue;
      const monthly = knifeLondonMonthly(s, t, measure).map((m) => m.total);
      const i = s.months.indexOf(end);
      const latest = monthly.slice(i - 11, i + 1).reduce((a, b) => a + b, 0);
      const previous = monthly.slice(i - 23, i - 11).reduce((a, b) => a + b, 0);
      out.push({
        label: measure === 'Offences' ? knifeLabel(t) : `Positive outcomes: ${knifeLabel(t).toLowerCase()}`,
        short:
          measure === 'Offences'
            ? knifeShort(t)
            : `Outcomes: ${knifeShort(t)
                .replace(/^With injury: /, '')
                .toLowerCase()}`,
        subtype: t,
        measure,
        previous,
        latest,
        pct: pctChange(previous, latest),
      });
    }
  }
  return out;
}
const SUBTYPE_ORDER = [
  'Knife Crime',
  'Knife Crime with Injury',
  'Knife Crime with Injury (Personal Robbery)',
  'Knife Injury Victims (1-24)',
  'Knife Injury Victims (non DA 1-24)',
];
const order = (t: string) => (SUBTYPE_ORDER.includes(t) ? SUBTYPE_ORDER.indexOf(t) : SUBTYPE_ORDER.length);

function boroughRateTable(
  areas: ReturnType<typeof knifeAreas>['areas'],
  what: string,
  popWord: string,
  latestLabel: string,
) {
  const ranked = [...areas].sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (a.code < b.code ? -1 : 1));
  return {
    ranked,
    table: {
      caption: `${what} per 1,000 ${popWord}, ${latestLabel}, by borough, highest first`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'count', label: `${what}, ${latestLabel}`, numeric: true, format: int },
        { key: 'population', label: `${sentenceCase(popWord)} (Census 2021)`, numeric: true, format: int },
        { key: 'rate_per_1000', label: `Per 1,000 ${popWord}`, numeric: true, format: rate2 },
      ],
      rows: ranked.map((a, i) => ({
        rank: i + 1,
        borough: a.name,
        code: a.code,
        count: a.latest,
        population: a.population,
        rate_per_1000: round(a.rate, 3),
      })),
    },
  };
}

/** 3. Knife crime per 1,000 residents by borough, on a map. */
export function knifeBoroughMapFigure(): Figure {
  const { end, latestLabel } = knifeBasis();
  const { areas } = knifeAreas('borough', KNIFE, 'Offences', 'residents');
  const { ranked, table } = boroughRateTable(areas, 'Knife crime offences', 'residents', latestLabel);
  const rates = ranked.map((a) => a.rate!);
  const breaks = quantileBreaks(rates, 5).map((b) => Math.round(b * 100) / 100);
  const top = ranked[0]!;
  const low = ranked.at(-1)!;
  const n = ranked.length;
  return choroplethFigure({
    id: 'violence-knife-borough-map',
    page,
    title: `Knife crime per resident is highest in ${top.name}`,
    subtitle: `Knife crime offences per 1,000 residents, ${latestLabel}, by borough, in five quantile classes`,
    description: `${top.name} recorded ${formatInt(top.latest)} knife crime offences in the 12 months, ${rate2(top.rate)} per 1,000 residents, the highest rate of the ${n} boroughs; ${low.name} had the lowest, ${rate2(low.rate)} (${formatInt(low.latest)} offences). The City of London is policed by the City of London Police and is not in MPS data.`,
    data: ranked.map((a, i) => ({
      code: a.code,
      value: a.rate!,
      title: `${a.name}: ${rate2(a.rate)} knife crime offences per 1,000 residents (${formatInt(a.latest)} offences; rank ${i + 1} of ${n})`,
    })),
    topology: loadBoroughTopo(),
    breaks,
    legendLabel: 'Knife crime offences per 1,000 residents',
    noDataLabel: 'No MPS data',
    table,
    unit: 'per 1,000 residents',
    source: [knifeSource(end), censusSource(), boroughBoundarySource()],
    notes: [
      KNIFE_NOTES.knife,
      KNIFE_NOTES.rates,
      `Class breaks (quantiles of the ${n} borough rates): ${breaks.map((b) => rate2(b)).join(', ')}.`,
    ],
  });
}

/** 4. Young knife-injury victims per 1,000 residents aged 0–24, boroughs ranked. */
export function knifeYoungVictimsFigure(): Figure {
  const { end, latestLabel } = knifeBasis();
  const { areas, unknown } = knifeAreas('borough', YOUNG, 'Offences', 'young');
  const { ranked, table } = boroughRateTable(
    areas,
    'Knife injury victims aged 1–24 (non-domestic)',
    'residents aged 0 to 24',
    latestLabel,
  );
  const total = areas.reduce((a, b) => a + b.latest, 0);
  const few = ranked.filter((a) => a.latest < 10);
  return rankedBarsFigure({
    id: 'violence-knife-young-victims-boroughs',
    page,
    title: `Young knife-injury victims per young resident: ${ranked[0]!.name} highest`,
    subtitle: `Non-domestic knife injury victims aged 1–24 per 1,000 residents aged 0 to 24, ${latestLabel}, by borough, highest first`,
    description:
      `${formatInt(total)} victims aged 1–24 of non-domestic knife crime with injury were recorded in the boroughs in the 12 months (${formatInt(unknown.latest)} more in rows with no borough). ${ranked[0]!.name} had the highest rate, ${rate2(ranked[0]!.rate)} per 1,000 residents aged 0 to 24 (${formatInt(ranked[0]!.latest)} victims); ${ranked.at(-1)!.name} the lowest, ${rate2(ranked.at(-1)!.rate)} (${formatInt(ranked.at(-1)!.latest)}).` +
      (few.length
        ? ` ${few.length === 1 ? `One borough (${few[0]!.name}) recorded` : `${few.length} boroughs recorded`} fewer than 10 victims, where one more or fewer moves the rate a lot.`
        : ''),
    xLabel: 'Victims per 1,000 residents aged 0 to 24 →',
    bars: ranked.map((a) => ({
      label: a.name,
      value: round(a.rate, 3)!,
      text: rate2(a.rate),
      title: `${a.name}: ${rate2(a.rate)} per 1,000 residents aged 0 to 24 (${formatInt(a.latest)} victims; ${formatInt(a.population ?? 0)} residents aged 0 to 24)`,
    })),
    table,
    source: [knifeSource(end), censusSource()],
    notes: [
      KNIFE_NOTES.victims,
      'The denominator is residents aged 0 to 24: Census 2021 publishes age in five-year bands, so under-ones (about one in 25 of the 0–24s) cannot be taken out of the youngest band, which makes every rate a little lower than a rate per resident aged 1–24.',
      'Victims are counted where the offence happened, not where they live.',
      `Small numbers: rates from fewer than 10 victims (${few.length} ${few.length === 1 ? 'borough' : 'boroughs'}) move a lot with one victim more or fewer.`,
    ],
  });
}

/** 5. Change in knife crime by borough, every borough. */
export function knifeBoroughChangeFigure(): Figure {
  const { end, latestLabel, previousLabel } = knifeBasis();
  const { areas, unknown } = knifeAreas('borough', KNIFE, 'Offences', 'residents');
  const london = {
    previous: unknown.previous + areas.reduce((t, a) => t + a.previous, 0),
    latest: unknown.latest + areas.reduce((t, a) => t + a.latest, 0),
  };
  const sumRow = (kind: string, borough: string, w: { previous: number; latest: number }) => ({
    kind,
    borough,
    code: '',
    previous_12_months: w.previous,
    latest_12_months: w.latest,
    change: w.latest - w.previous,
    pct_change: round(pctChange(w.previous, w.latest), 4),
  });
  const sorted = [...areas].sort((a, b) => (a.pct ?? 0) - (b.pct ?? 0) || (a.code < b.code ? -1 : 1));
  const fell = sorted.filter((a) => a.latest < a.previous);
  const rose = sorted.filter((a) => a.latest > a.previous);
  const n = sorted.length;
  return {
    id: 'violence-knife-borough-change',
    page,
    title: `Knife crime fell in ${fell.length} of ${n} boroughs and rose in ${rose.length} in the 12 months to ${monthLong(end)}`,
    subtitle: `Change in knife crime offences, ${latestLabel} against ${previousLabel}, %, by borough, largest fall first`,
    description:
      (fell[0]
        ? `The largest fall was in ${fell[0].name} (${formatInt(fell[0].previous)} to ${formatInt(fell[0].latest)}, ${pct(fell[0].pct)})`
        : 'No borough fell') +
      (rose.length
        ? `, the largest rise in ${rose.at(-1)!.name} (${formatInt(rose.at(-1)!.previous)} to ${formatInt(rose.at(-1)!.latest)}, ${pct(rose.at(-1)!.pct)}).`
        : ', and none rose.'),
    chart: {
      kind: 'divergingBars',
      xLabel: 'Change on the previous 12 months (%) →',
      data: sorted.map((a) => ({
        label: a.name,
        value: round(a.pct, 2) ?? 0,
        text: pct(a.pct),
        title: `${a.name}: ${formatInt(a.previous)} → ${formatInt(a.latest)} knife crime offences (${pct(a.pct)})`,
      })),
    },
    widths: [360, 560],
    table: {
      caption: `Knife crime offences by borough, ${latestLabel} against ${previousLabel}, largest fall first; then the offences with no borough, and London, which the rows add up to`,
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'previous_12_months', label: previousLabel, numeric: true, format: int },
        { key: 'latest_12_months', label: latestLabel, numeric: true, format: int },
        { key: 'change', label: 'Change', numeric: true, format: (v) => signedInt(v as number) },
        { key: 'pct_change', label: 'Change (%)', numeric: true, format: pct },
        { key: 'kind', label: 'Kind of row' },
      ],
      rows: [
        ...sorted.map((a) => ({
          kind: 'borough',
          borough: a.name,
          code: a.code,
          previous_12_months: a.previous,
          latest_12_months: a.latest,
          change: a.change,
          pct_change: round(a.pct, 4),
        })),
        sumRow('no borough', NO_BOROUGH, unknown),
        sumRow('London', "London (the Met's total)", london),
      ],
    },
    source: [knifeSource(end)],
    notes: [
      KNIFE_NOTES.knife,
      `Boroughs are the ${sorted.length} the Metropolitan Police covers. ${KNIFE_NOTES.noBorough(unknown.latest)} They are a row of the table, not a bar of the chart: the boroughs' change, ${pct(pctChange(london.previous - unknown.previous, london.latest - unknown.latest))}, and London's, ${pct(pctChange(london.previous, london.latest))}, differ by them.`,
    ],
  };
}

/** 6. Knife crime per 1,000 residents by ward, on a map. */
export function knifeWardMapFigure(): Figure {
  const { s, end, latestLabel } = knifeBasis();
  const { areas, unknown } = knifeAreas('ward', KNIFE, 'Offences', 'residents');
  const topo = loadTopology('wards_2022.topo.json');
  const wardNames = Object.fromEntries([...population('ward')].map(([c, p]) => [c, p.name]));
  const withRate = areas.filter((a) => a.rate !== null).sort((a, b) => b.rate! - a.rate! || (a.code < b.code ? -1 : 1));
  const breaks = quantileBreaks(
    withRate.map((a) => a.rate!),
    5,
  ).map((b) => Math.round(b * 100) / 100);
  const n = withRate.length;
  const top = withRate[0]!;
  const middle = median(withRate.map((a) => a.rate!));
  const zero = withRate.filter((a) => a.latest === 0).length;
  const unknownRows = s.rows.filter(
    (r) => r.level === 'ward' && !r.known && r.subtype === KNIFE && r.measure === 'Offences',
  ).length;
  return choroplethFigure({
    id: 'violence-knife-ward-map',
    page: VIOLENCE_WARDS_PAGE,
    title: 'Knife crime per resident by ward',
    subtitle: `Knife crime offences per 1,000 residents, ${latestLabel}, by 2022 ward, in five quantile classes`,
    description: `Across ${n} wards the median rate was about ${rate2(middle)} knife crime offences per 1,000 residents; ${top.name} (${top.borough}) had the highest, ${rate2(top.rate)} (${formatInt(top.latest)} offences).${zero ? ` ${zero} wards recorded none.` : ''} ${formatInt(unknown.latest)} offences in the 12 months are in Safer Neighbourhood Team rows with no valid ward code and are not on the map.`,
    data: withRate.map((a, i) => ({
      code: a.code,
      value: a.rate!,
      title: `${a.name} (${a.borough}): ${rate2(a.rate)} per 1,000 residents (${formatInt(a.latest)} offences; rank ${i + 1} of ${n})`,
    })),
    topology: topo,
    objectName: 'areas',
    names: wardNames,
    breaks,
    legendLabel: 'Knife crime offences per 1,000 residents',
    noDataLabel: 'No MPS data (City of London)',
    unit: 'per 1,000 residents',
    // 679 wards: drawn at most 640 px wide (a page fetches only the drawing its column shows).
    widths: [640],
    table: {
      caption: `Knife crime offences per 1,000 residents by ward, ${latestLabel}, highest first`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'ward', label: 'Ward' },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'offences', label: `Offences, ${latestLabel}`, numeric: true, format: int },
        { key: 'residents', label: 'Residents (Census 2021)', numeric: true, format: int },
        { key: 'rate_per_1000', label: 'Per 1,000 residents', numeric: true, format: rate2 },
      ],
      rows: withRate.map((a, i) => ({
        rank: i + 1,
        ward: a.name,
        borough: a.borough,
        code: a.code,
        offences: a.latest,
        residents: a.population,
        rate_per_1000: round(a.rate, 3),
      })),
    },
    source: [knifeSource(end), wardCensusSource(), wardLookupSource(), wardBoundarySource()],
    notes: [
      KNIFE_NOTES.rates,
      'Wards are the Safer Neighbourhood Teams of the dashboard data, whose codes are the 2022 ward codes; rows of one code (a team renamed, or listed under two boroughs) are summed.',
      `${unknownRows} ward rows have a blank, placeholder or retired code; their ${formatInt(unknown.latest)} offences in the 12 months count in London's total but belong to no ward.`,
      "Ward residents are Census 2021 LSOA counts summed to wards by the ONS best-fit lookup, so a ward's population can differ a little from its exact boundary.",
      `Class breaks (quantiles of the ${n} ward rates): ${breaks.map((b) => rate2(b)).join(', ')}.`,
    ],
  });
}

const WARD_LIST = 10;
/** Wards of at least this many offences in one of the two years are ranked (small counts swing). */
export const MIN_WARD_OFFENCES = 10;

/** 7. The wards with the largest falls and rises in knife crime (counts). */
export function knifeWardRisesFallsFigure(): Figure {
  const { end, latestLabel, previousLabel } = knifeBasis();
  const { areas } = knifeAreas('ward', KNIFE, 'Offences', 'residents');
  const eligible = areas.filter((a) => Math.max(a.previous, a.latest) >= MIN_WARD_OFFENCES);
  type A = (typeof areas)[number];
  const byChange = (a: A, b: A) => a.change - b.change || (a.code < b.code ? -1 : 1);
  const falls = eligible
    .filter((a) => a.change < 0)
    .sort(byChange)
    .slice(0, WARD_LIST);
  const rises = eligible
    .filter((a) => a.change > 0)
    .sort((a, b) => b.change - a.change || (a.code < b.code ? -1 : 1))
    .slice(0, WARD_LIST);
  const rows = [
    ...falls.map((a, i) => ({ a, direction: 'fall' as const, rank: i + 1 })),
    ...rises.map((a, i) => ({ a, direction: 'rise' as const, rank: i + 1 })),
  ];
  const label = (a: A) => `${a.name} (${a.borough})`;
  return {
    id: 'violence-knife-ward-rises-falls',
    page: VIOLENCE_WARDS_PAGE,
    title: `The wards where knife crime fell and rose most, 12 months to ${monthLong(end)}`,
    subtitle: `Change in knife crime offences, ${latestLabel} against ${previousLabel}: the ${WARD_LIST} largest falls and the ${WARD_LIST} largest rises, among wards with at least ${MIN_WARD_OFFENCES} offences in one of the two years`,
    description:
      (falls[0]
        ? `The largest fall was in ${label(falls[0])}, ${formatInt(falls[0].previous)} to ${formatInt(falls[0].latest)} offences; `
        : 'No ward fell; ') +
      (rises[0]
        ? `the largest rise in ${label(rises[0])}, ${formatInt(rises[0].previous)} to ${formatInt(rises[0].latest)}. `
        : 'no ward rose. ') +
      `${eligible.length} of ${areas.length} wards had at least ${MIN_WARD_OFFENCES} offences in one of the two years; ${eligible.filter((a) => a.change < 0).length} of them fell and ${eligible.filter((a) => a.change > 0).length} rose.`,
    chart: {
      kind: 'divergingBars',
      unit: 'count',
      xLabel: 'Change in offences on the previous 12 months →',
      data: rows.map(({ a }) => ({
        label: label(a),
        value: a.change,
        text: signedInt(a.change),
        title: `${label(a)}: ${formatInt(a.previous)} → ${formatInt(a.latest)} offences (${signedInt(a.change)})`,
      })),
    },
    widths: [360, 640],
    table: {
      caption: `Wards with the largest falls and rises in knife crime offences, ${latestLabel} against ${previousLabel}`,
      columns: [
        { key: 'direction', label: 'Fall or rise' },
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'ward', label: 'Ward' },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'previous_12_months', label: previousLabel, numeric: true, format: int },
        { key: 'latest_12_months', label: latestLabel, numeric: true, format: int },
        { key: 'change', label: 'Change', numeric: true, format: (v) => signedInt(v as number) },
      ],
      rows: rows.map(({ a, direction, rank }) => ({
        direction,
        rank,
        ward: a.name,
        borough: a.borough,
        code: a.code,
        previous_12_months: a.previous,
        latest_12_months: a.latest,
        change: a.change,
      })),
    },
    source: [knifeSource(end)],
    notes: [
      'Ranked by the change in the number of offences, not the percentage: in a ward a handful of offences more or fewer makes a large percentage.',
      `A list of falls holds only wards where knife crime fell, a list of rises only wards where it rose; equal changes are ordered by ward code, so a tie at the tenth place lists the ward with the lower code.`,
      'Year-to-year changes in a single ward are often chance: a rise or fall here is a reason to look, not a trend.',
    ],
  };
}

/* ------------------------------------------------------ violence against the person */

const VAP = 'VIOLENCE AGAINST THE PERSON';

let vap: ReturnType<typeof vapBasisOnce> | undefined;
const vapBasis = () => (vap ??= vapBasisOnce());
function vapBasisOnce() {
  const s = loadCrime();
  const end = latestMonth(s);
  const minors = [...new Set(s.rows.filter((r) => r.major === VAP).map((r) => r.minor))];
  const monthly = new Map(
    minors.map((m) => [
      m,
      s.months.map((_, i) =>
        s.rows.filter((r) => r.major === VAP && r.minor === m).reduce((a, r) => a + r.counts[i]!, 0),
      ),
    ]),
  );
  const total = s.months.map((_, i) => [...monthly.values()].reduce((a, v) => a + v[i]!, 0));
  const months = rollingMonths(s.months);
  const rolledTotal = rollingSums(total);
  const rolled = new Map([...monthly].map(([m, v]) => [m, rollingSums(v)]));
  const ranked = [...rolled.entries()].sort((a, b) => b[1].at(-1)! - a[1].at(-1)!);
  return { s, end, months, monthly, total, rolled, rolledTotal, ranked };
}

/** 8. Violence against the person since 2010, and its three largest parts. */
export function vapTrendFigure(): Figure {
  const { s, end, months, monthly, total, rolled, rolledTotal, ranked } = vapBasis();
  const shown = ranked.slice(0, 3);
  const rest = ranked.slice(3);
  const now = rolledTotal.at(-1)!;
  const first = rolledTotal[0]!;
  const peakI = rolledTotal.reduce((best, v, i) => (v > rolledTotal[best]! ? i : best), 0);
  const minors = [...monthly.keys()].sort((a, b) => rolled.get(b)!.at(-1)! - rolled.get(a)!.at(-1)!);
  return {
    id: 'violence-vap-trend',
    page,
    title: `Violence against the person: ${formatInt(now)} offences in the 12 months to ${monthLong(end)}, ${now > first ? 'more' : 'fewer'} than in the 12 months to ${monthLong(months[0]!)}`,
    subtitle: `Offences recorded by the Metropolitan Police in the 12 months to each month, ${monthLong(months[0]!)} to ${monthLong(end)}: all violence against the person and its three largest subcategories`,
    description:
      `Violence against the person recorded by the Met was ${formatInt(first)} in the 12 months to ${monthLong(months[0]!)} and ${formatInt(now)} in the 12 months to ${monthLong(end)} (${formatPct(pctChange(first, now)!)}); the highest 12-month total was ${formatInt(rolledTotal[peakI]!)}, to ${monthLong(months[peakI]!)}. ` +
      shown.map(([m, v]) => `${sentenceCase(m)}: ${formatInt(v[0]!)} to ${formatInt(v.at(-1)!)}`).join('; ') +
      `. ${rest.map(([m, v]) => `${sentenceCase(m)} (${formatInt(v.at(-1)!)})`).join(' and ')} are too small to draw on this scale; they are in the table.`,
    chart: {
      kind: 'multiLine',
      months,
      series: [
        { label: 'All violence against the person', values: rolledTotal },
        ...shown.map(([m, v]) => ({ label: sentenceCase(m), values: v })),
      ],
      yLabel: '↑ Offences in the 12 months to each month',
      unit: 'offences in the 12 months to this month',
      hoverFirstOnly: true,
    },
    widths: [360, 720],
    table: {
      caption: `Violence against the person by subcategory, offences in the 12 months to each month, ${periodLong(months[0]!, end)}`,
      columns: [
        { key: 'month', label: '12 months to' },
        { key: 'all', label: 'All violence against the person', numeric: true, format: int },
        ...minors.map((m) => ({ key: slugOf(m), label: sentenceCase(m), numeric: true, format: int })),
        { key: 'all_in_month', label: 'All violence against the person, in the month', numeric: true, format: int },
      ],
      rows: months.map((m, j) => ({
        month: m,
        all: rolledTotal[j]!,
        ...Object.fromEntries(minors.map((k) => [slugOf(k), rolled.get(k)![j]!])),
        all_in_month: total[j + 11]!,
      })),
    },
    source: [mpsSource(end)],
    notes: [
      'Police recorded violence follows recording practice as much as violence: improvements in recording since 2014 and changes in how harassment and malicious communications are counted raised the recorded numbers. The ONS advises using the Crime Survey for England and Wales for the trend in violence itself.',
      `London totals include the Met's offences at Heathrow and those with no borough. The series starts in ${monthLong(s.months[0]!)}, so the first 12-month total is to ${monthLong(months[0]!)}.`,
    ],
  };
}

/** 9. The mix of violence against the person then and now. */
export function vapMixFigure(): Figure {
  const { end, months, rolled, rolledTotal } = vapBasis();
  const then = months[0]!;
  const minors = [...rolled.keys()].sort((a, b) => rolled.get(b)!.at(-1)! - rolled.get(a)!.at(-1)!);
  const share = (m: string, j: number) => (rolled.get(m)![j]! / rolledTotal[j]!) * 100;
  const last = months.length - 1;
  const rows = minors.map((m) => ({
    m,
    a: share(m, 0),
    b: share(m, last),
    nA: rolled.get(m)![0]!,
    nB: rolled.get(m)![last]!,
  }));
  const biggestShift = [...rows].sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a))[0]!;
  const f1 = (v: number) => v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const thenLabel = periodLong(...window12(then));
  const nowLabel = periodLong(...window12(end));
  return {
    id: 'violence-vap-mix',
    page,
    title: `${sentenceCase(biggestShift.m)} went from ${f1(biggestShift.a)}% to ${f1(biggestShift.b)}% of violence against the person`,
    subtitle: `Share of violence against the person by subcategory, %: ${thenLabel} and ${nowLabel}, Metropolitan Police`,
    description:
      rows
        .map((r) => `${sentenceCase(r.m)}: ${f1(r.a)}% (${formatInt(r.nA)}) then, ${f1(r.b)}% (${formatInt(r.nB)}) now`)
        .join('; ') + '.',
    chart: {
      kind: 'pairedDots',
      xLabel: 'Share of violence against the person (%) →',
      aLabel: `12 months to ${monthLong(end)}`,
      bLabel: `12 months to ${monthLong(then)}`,
      signed: false,
      data: rows.map((r) => ({
        label: sentenceCase(r.m),
        a: round(r.b, 2),
        b: round(r.a, 2),
        title: `${sentenceCase(r.m)}: ${f1(r.a)}% to ${monthLong(then)}, ${f1(r.b)}% to ${monthLong(end)}`,
      })),
    },
    widths: [360, 640],
    table: {
      caption: `Violence against the person by subcategory, ${thenLabel} and ${nowLabel}`,
      columns: [
        { key: 'subcategory', label: 'Subcategory' },
        { key: 'offences_then', label: `Offences, ${thenLabel}`, numeric: true, format: int },
        { key: 'share_then_pct', label: 'Share then (%)', numeric: true, format: (v) => f1(v as number) },
        { key: 'offences_now', label: `Offences, ${nowLabel}`, numeric: true, format: int },
        { key: 'share_now_pct', label: 'Share now (%)', numeric: true, format: (v) => f1(v as number) },
      ],
      rows: rows.map((r) => ({
        subcategory: sentenceCase(r.m),
        offences_then: r.nA,
        share_then_pct: round(r.a, 3),
        offences_now: r.nB,
        share_now_pct: round(r.b, 3),
      })),
    },
    source: [mpsSource(end)],
    notes: [
      "Shares of the Met's violence against the person in each 12 months; a larger share can come from recording changes (see the trend's note) as well as from more offences.",
    ],
  };
}

/* ---------------------------------------------------------------- homicide */

const SEX_ORDER = ['Male', 'Female', 'Unrecorded'];
/** "15 to 19" → "15–19", "65 and over" → "65+": the chart's axis labels (the table keeps the source's words). */
const ageShort = (a: string) => a.replace(/^(\d+) to (\d+)$/, '$1–$2').replace(/^(\d+) and over$/, '$1+');
const sexes = (found: Iterable<string>) =>
  [...new Set(found)].sort(
    (a, b) => (SEX_ORDER.indexOf(a) + 1 || 99) - (SEX_ORDER.indexOf(b) + 1 || 99) || (a < b ? -1 : 1),
  );

function homicideBasis() {
  const rows = loadHomicide();
  const span = completeYears(rows);
  const sexList = sexes(rows.map((r) => r.sex));
  const partialPeople = rows
    .filter((r) => span.partial.includes(r.month.slice(0, 4)))
    .reduce((a, r) => a + r.people, 0);
  return { rows, span, sexList, partialPeople, period: `${span.years[0]}–${span.years.at(-1)}` };
}

const HOMICIDE_NOTES = {
  accused:
    'These are people proceeded against for homicide (charged or summonsed, or whose case closed because the accused died), not victims and not homicides: one homicide can have several accused, or none.',
  date: 'Counted by the month of proceedings, which can be long after the homicide; the latest year in the data is likely to grow as cases are charged.',
};

/** 10. People proceeded against for homicide by year and sex. */
export function homicideYearFigure(): Figure {
  const { rows, span, sexList, partialPeople, period } = homicideBasis();
  const bySexYear = homicideBy(rows, span.years, (r) => `${r.month.slice(0, 4)}|${r.sex}`);
  const get = (m: Map<string, number>, k: string) => m.get(k) ?? 0;
  const byOffence = homicideBy(rows, span.years, (r) => `${r.month.slice(0, 4)}|${r.offenceType}`);
  const byProc = homicideBy(rows, span.years, (r) => `${r.month.slice(0, 4)}|${r.proceedings}`);
  const offences = [...new Set(rows.map((r) => r.offenceType))].sort();
  const procs = [...new Set(rows.map((r) => r.proceedings))].sort();
  const totals = span.years.map((y) => ({ y, n: sexList.reduce((a, s) => a + get(bySexYear, `${y}|${s}`), 0) }));
  const all = totals.reduce((a, t) => a + t.n, 0);
  const male = span.years.reduce((a, y) => a + get(bySexYear, `${y}|Male`), 0);
  const hi = totals.reduce((a, b) => (b.n > a.n ? b : a));
  const lo = totals.reduce((a, b) => (b.n < a.n ? b : a));
  return {
    id: 'violence-homicide-accused-year',
    page,
    title: `${formatInt(all)} people were proceeded against for homicide in London, ${period}; ${Math.round((male / all) * 100)}% were male`,
    subtitle: `People charged or summonsed for homicide (or whose case closed on the accused's death), by year of proceedings and sex, ${period}`,
    description:
      `${formatInt(all)} people in ${span.years.length} years, from ${formatInt(lo.n)} in ${lo.y} to ${formatInt(hi.n)} in ${hi.y}; ${formatInt(totals.at(-1)!.n)} in ${totals.at(-1)!.y}. ${formatInt(male)} (${Math.round((male / all) * 100)}%) were male.` +
      (span.partial.length
        ? ` ${formatInt(partialPeople)} people in ${span.partial.join(' and ')} (part years in the data) are left out.`
        : ''),
    chart: {
      kind: 'stackedBars',
      categories: span.years,
      series: sexList,
      data: span.years.flatMap((y) =>
        sexList.map((s) => ({ category: y, series: s, value: get(bySexYear, `${y}|${s}`) })),
      ),
      yLabel: '↑ People proceeded against',
      unit: 'people',
    },
    widths: [360, 560],
    table: {
      caption: `People proceeded against for homicide in London by year of proceedings, ${period}: by sex, offence and method of proceedings`,
      columns: [
        { key: 'year', label: 'Year' },
        { key: 'people', label: 'People', numeric: true, format: int },
        ...sexList.map((s) => ({ key: `sex_${slugOf(s)}`, label: s, numeric: true, format: int })),
        ...offences.map((o) => ({ key: `offence_${slugOf(o)}`, label: o, numeric: true, format: int })),
        ...procs.map((p) => ({ key: `proceedings_${slugOf(p)}`, label: p, numeric: true, format: int })),
      ],
      rows: totals.map(({ y, n }) => ({
        year: y,
        people: n,
        ...Object.fromEntries(sexList.map((s) => [`sex_${slugOf(s)}`, get(bySexYear, `${y}|${s}`)])),
        ...Object.fromEntries(offences.map((o) => [`offence_${slugOf(o)}`, get(byOffence, `${y}|${o}`)])),
        ...Object.fromEntries(procs.map((p) => [`proceedings_${slugOf(p)}`, get(byProc, `${y}|${p}`)])),
      })),
    },
    source: [homicideSource(span.last)],
    notes: [
      HOMICIDE_NOTES.accused,
      HOMICIDE_NOTES.date,
      `Whole calendar years only: the records run from ${monthLong(span.first)} to ${monthLong(span.last)}${span.partial.length ? `, so ${span.partial.join(' and ')} ${span.partial.length > 1 ? 'are' : 'is'} left out of the chart and table (${formatInt(partialPeople)} people; they are in the derived data file)` : ''}.`,
      `Method of proceedings as the source records it, ${period}: ${procs.map((p) => `"${p}" ${formatInt(span.years.reduce((a, y) => a + get(byProc, `${y}|${p}`), 0))}`).join(', ')}.`,
    ],
  };
}

/** 11. People proceeded against for homicide by age group and sex. */
export function homicideAgeFigure(): Figure {
  const { rows, span, sexList, period } = homicideBasis();
  const by = homicideBy(rows, span.years, (r) => `${r.ageGroup}|${r.sex}`);
  const ages = ageOrder(rows.map((r) => r.ageGroup));
  const get = (k: string) => by.get(k) ?? 0;
  const totals = ages.map((a) => ({ a, n: sexList.reduce((s, x) => s + get(`${a}|${x}`), 0) }));
  const all = totals.reduce((s, t) => s + t.n, 0);
  const top = [...totals].sort((x, y) => y.n - x.n)[0]!;
  const under25 = totals
    .filter((t) => /^(\d+)/.test(t.a) && Number(/^(\d+)/.exec(t.a)![1]) < 25)
    .reduce((s, t) => s + t.n, 0);
  return {
    id: 'violence-homicide-accused-age',
    page,
    title: `${Math.round((under25 / all) * 100)}% of the people proceeded against for homicide were under 25`,
    subtitle: `People proceeded against for homicide in London by age group and sex, ${period} (all years together)`,
    description: `Of ${formatInt(all)} people proceeded against in ${period}, ${formatInt(under25)} (${Math.round((under25 / all) * 100)}%) were aged under 25; the largest age group was ${top.a} (${formatInt(top.n)}).`,
    chart: {
      kind: 'stackedBars',
      categories: ages.map(ageShort),
      series: sexList,
      data: ages.flatMap((a) => sexList.map((s) => ({ category: ageShort(a), series: s, value: get(`${a}|${s}`) }))),
      yLabel: '↑ People proceeded against',
      unit: 'people',
    },
    widths: [360, 560],
    table: {
      caption: `People proceeded against for homicide in London by age group and sex, ${period}`,
      columns: [
        { key: 'age_group', label: 'Age group' },
        { key: 'people', label: 'People', numeric: true, format: int },
        {
          key: 'share_pct',
          label: 'Share (%)',
          numeric: true,
          format: (v) => (v as number).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        },
        ...sexList.map((s) => ({ key: `sex_${slugOf(s)}`, label: s, numeric: true, format: int })),
      ],
      rows: totals.map(({ a, n }) => ({
        age_group: a,
        people: n,
        share_pct: round((n / all) * 100, 3),
        ...Object.fromEntries(sexList.map((s) => [`sex_${slugOf(s)}`, get(`${a}|${s}`)])),
      })),
    },
    source: [homicideSource(span.last)],
    notes: [
      HOMICIDE_NOTES.accused,
      "Age at the time of proceedings, in the source's age groups.",
      `Whole calendar years ${period} only (see the figure by year).`,
    ],
  };
}

export function violenceFigures(): Figure[] {
  return [
    knifeTrendFigure(),
    knifeYearOnYearFigure(),
    knifeBoroughMapFigure(),
    knifeBoroughChangeFigure(),
    knifeYoungVictimsFigure(),
    knifeWardMapFigure(),
    knifeWardRisesFallsFigure(),
    vapTrendFigure(),
    vapMixFigure(),
    homicideYearFigure(),
    homicideAgeFigure(),
  ];
}

/** The page's headline numbers. */
export function violenceFacts(): Fact[] {
  const { end, latestLabel } = knifeBasis();
  const m = knifeMeasureRows();
  const get = (t: string, measure: KnifeMeasure) => m.find((r) => r.subtype === t && r.measure === measure)!;
  const k = get(KNIFE, 'Offences');
  const inj = get(WITH_INJURY, 'Offences');
  const y = get(YOUNG, 'Offences');
  const po = get(KNIFE, 'Positive Outcomes');
  const src = [knifeSource(end)];
  // London's total is the Met's: it includes offences in no borough, which the borough figures leave out.
  const { areas, unknown } = knifeAreas('borough', KNIFE, 'Offences', 'residents');
  const boroughsPct = pctChange(k.previous - unknown.previous, k.latest - unknown.latest);
  return [
    {
      id: 'knife-crime-latest-12-months',
      value: k.latest,
      text: formatInt(k.latest),
      label: `knife crime offences, ${latestLabel} (${pct(k.pct)} on the year before); ${formatInt(unknown.latest)} of them in no borough (place not known, aviation security, another force), and over the ${areas.length} boroughs the change was ${pct(boroughsPct)}`,
      unit: 'offences',
      source: src,
    },
    {
      id: 'knife-crime-with-injury-latest-12-months',
      value: inj.latest,
      text: formatInt(inj.latest),
      label: `with injury (${pct(inj.pct)})`,
      unit: 'offences',
      source: src,
    },
    {
      id: 'knife-injury-victims-1-24-non-domestic',
      value: y.latest,
      text: formatInt(y.latest),
      label: `knife injury victims aged 1–24, non-domestic (${pct(y.pct)})`,
      unit: 'victims',
      source: src,
    },
    {
      id: 'knife-crime-positive-outcomes-per-100',
      value: round((po.latest / k.latest) * 100, 2)!,
      text: ((po.latest / k.latest) * 100).toLocaleString('en-GB', {
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
      }),
      label: `positive outcomes per 100 knife crime offences in the same 12 months (${formatInt(po.latest)} outcomes)`,
      unit: 'per 100 offences',
      source: src,
    },
  ];
}
