/**
 * The home page's figures: MPS recorded crime, latest 12 months, by offence group,
 * over time and by borough. Every number comes from data/derived/.
 */
import {
  boroughRates,
  changeByGroup,
  latestMonth,
  MIN_GROUP_FOR_CHANGE,
  monthlyTotals,
  type GroupChange,
} from '../../lib/crime.ts';
import { median } from '../../lib/stats.ts';
import {
  formatInt,
  formatPct,
  formatRate,
  inlineGroup,
  monthLong,
  periodLong,
  sentenceCase,
} from '../../lib/format.ts';
import { loadBoroughTopo } from '../../data/geo.ts';
import { loadCrime, loadPopulation } from '../../data/crime.ts';
import { quantileBreaks } from '../../charts/choropleth.ts';
import type { Fact, Figure } from '../types.ts';
import { choroplethFigure, rankedBarsFigure, trendFigure, trendPoints, trendWords } from '../kinds.ts';
import { boroughBoundarySource, censusSource, mpsSource } from '../sources.ts';

const RATE_CAVEAT =
  'Rates are per 1,000 usual residents (Census 2021). They overstate crime in central boroughs, where many victims and offenders are workers, shoppers and visitors rather than residents: Westminster above all, then Camden, Kensington and Chelsea and Islington.';
const CITY_NOTE = 'The City of London is policed by the City of London Police and is not in MPS data.';
const UNKNOWN_NOTE =
  'London totals include crimes the MPS could not attribute to a borough ("Unknown") and, until February 2024, those recorded at Heathrow and London City airports; borough figures exclude them.';
const RECORDED_NOTE =
  'Police recorded crime counts crimes reported to and recorded by the police; it is not a measure of all crime, and changes in reporting and recording practice move it.';

/** The numbers every home figure shares: the series, the latest month, and the latest and previous 12 months. */
function homeBasis() {
  const s = loadCrime();
  const latest = latestMonth(s);
  const ch = changeByGroup(s);
  return {
    s,
    latest,
    ch,
    latestLabel: periodLong(ch.latest[0], ch.latest[1]),
    prevLabel: periodLong(ch.previous[0], ch.previous[1]),
  };
}

/** 1. Change by offence group, latest 12 months against the previous 12, in crimes and %. */
export function changeByGroupFigure(): Figure {
  const { latest, ch, latestLabel, prevLabel } = homeBasis();
  const [pFrom, pTo] = ch.previous;
  const [lFrom, lTo] = ch.latest;
  // Groups too small for a % change to mean much go to a note, not the chart.
  const groups = ch.groups.filter((g) => g.previous >= MIN_GROUP_FOR_CHANGE);
  const small = ch.groups.filter((g) => g.previous < MIN_GROUP_FOR_CHANGE);
  const byChange = [...groups].sort((a, b) => a.change - b.change);
  const fall = byChange[0]!.change < 0 ? byChange[0]! : null;
  const rise = byChange.at(-1)!.change > 0 ? byChange.at(-1)! : null;
  const nRises = groups.filter((g) => g.change > 0).length;
  const nFalls = groups.filter((g) => g.change < 0).length;
  const biggest = groups[0]!;
  const tot = ch.total;
  const moveText = (g: GroupChange) =>
    `${inlineGroup(g.group)} (${signedInt(g.change)} crimes, ${formatPct(g.pctChange!)})`;
  const description =
    `In the 12 months from ${latestLabel} the Metropolitan Police recorded ${formatInt(tot.latest)} crimes, ` +
    `${signedInt(tot.change)} (${formatPct(tot.pctChange!)}) on the ${formatInt(tot.previous)} of the previous 12 months (${prevLabel}). ` +
    `The largest group was ${inlineGroup(biggest.group)} (${formatInt(biggest.latest)}, ${formatPct(biggest.pctChange!)}). ` +
    `Counting crimes, not percentages, ` +
    (fall ? `the largest fall was in ${moveText(fall)}` : 'no group fell') +
    (rise ? ` and the largest rise in ${moveText(rise)}. ` : ' and no group rose. ') +
    `${nRises} of the ${groups.length} groups with at least ${formatInt(MIN_GROUP_FOR_CHANGE)} crimes in the earlier year rose and ${nFalls} fell.`;
  return {
    id: 'mps-change-by-offence-group',
    page: '',
    title: `Recorded crime ${tot.pctChange! >= 0 ? 'rose' : 'fell'} ${formatPct(Math.abs(tot.pctChange!)).replace(/^[+−]/, '')} in the 12 months to ${monthLong(lTo)}`,
    subtitle: `Change in crimes recorded by the Metropolitan Police, ${latestLabel} against ${prevLabel}, by offence group (ordered by number of crimes): the change in crimes, with the % change`,
    description,
    chart: { kind: 'changeByGroup', data: groups },
    table: {
      caption: `MPS recorded crime by offence group (groups with at least ${formatInt(MIN_GROUP_FOR_CHANGE)} crimes in the earlier year): ${latestLabel} against ${prevLabel}`,
      columns: [
        { key: 'group', label: 'Offence group' },
        {
          key: 'previous',
          label: `Crimes, ${periodLong(pFrom, pTo)}`,
          numeric: true,
          format: (v) => formatInt(v as number),
        },
        {
          key: 'latest',
          label: `Crimes, ${periodLong(lFrom, lTo)}`,
          numeric: true,
          format: (v) => formatInt(v as number),
        },
        { key: 'change', label: 'Change (crimes)', numeric: true, format: (v) => signedInt(v as number) },
        {
          key: 'pct_change',
          label: 'Change (%)',
          numeric: true,
          format: (v) => (v === null ? 'n/a' : formatPct(v as number)),
        },
      ],
      rows: groups.map((g) => ({
        group: sentenceCase(g.group),
        previous: g.previous,
        latest: g.latest,
        change: g.change,
        pct_change: g.pctChange === null ? null : Math.round(g.pctChange * 100) / 100,
      })),
    },
    source: [mpsSource(latest)],
    notes: [
      `The latest month in the data is ${monthLong(latest)}. Each release revises recent months slightly.`,
      ...(small.length
        ? [
            `Left out of the chart and table because they had fewer than ${formatInt(MIN_GROUP_FOR_CHANGE)} crimes in the earlier 12 months, where a few crimes make a large percentage: ` +
              small
                .map((g) => `${inlineGroup(g.group)} (${formatInt(g.previous)} → ${formatInt(g.latest)})`)
                .join('; ') +
              '. The total in the description includes them.',
          ]
        : []),
      'Fraud: "NFIB fraud" and "fraud and forgery" are the few fraud offences the MPS records itself; most fraud is recorded nationally by Action Fraud and is not here.',
      UNKNOWN_NOTE,
      RECORDED_NOTE,
    ],
  };
}

/** 2. London's monthly total since the series starts, with its 12-month average. */
export function monthlyTotalFigure(): Figure {
  const { s, latest } = homeBasis();
  const trend = trendPoints(monthlyTotals(s));
  return trendFigure({
    id: 'mps-monthly-total',
    page: '',
    title: `Recorded crime in London month by month since ${monthLong(trend[0]!.month)}`,
    subtitle: `Crimes recorded by the Metropolitan Police each month, with the average of the 12 months to each month, ${monthLong(trend[0]!.month)} to ${monthLong(latest)}`,
    description: `Monthly crimes recorded by the Metropolitan Police from ${monthLong(trend[0]!.month)} to ${monthLong(latest)}. ${trendWords(trend, 'the Metropolitan Police', ' in London')}`,
    trend,
    caption: `MPS recorded crime by month, ${periodLong(trend[0]!.month, latest)}, with the trailing 12-month average`,
    widths: [360, 720],
    source: [mpsSource(latest)],
    notes: [
      `The average is the mean of the 12 months ending in each month, so it starts in ${monthLong(trend.find((t) => t.rolling !== null)!.month)} and smooths out seasonal swings.`,
      'Counts since April 2010 are under the offence classification current at publication, so the series is consistent across the whole period.',
      'April 2020 to early 2021: COVID-19 restrictions cut recorded crime sharply.',
      UNKNOWN_NOTE,
    ],
  });
}

/** The borough rates, with their table, shared by the ranked bars and the map. */
function boroughRateBasis() {
  const { s, latest, ch, latestLabel } = homeBasis();
  const rates = boroughRates(s, loadPopulation());
  const top = rates[0]!;
  const second = rates[1]!;
  const bottom = rates.at(-1)!;
  const n = rates.length;
  const londonRate = (rates.reduce((a, r) => a + r.crimes, 0) / rates.reduce((a, r) => a + r.population, 0)) * 1000;
  const description =
    `Crimes recorded in each of the ${n} London boroughs policed by the Metropolitan Police in the 12 months to ${monthLong(ch.latest[1])}, per 1,000 residents (Census 2021). ` +
    `${top.name} had the highest rate, ${formatRate(top.rate)} per 1,000 (${formatInt(top.crimes)} crimes), ${(top.rate / second.rate).toFixed(1)} times the next, ${second.name} (${formatRate(second.rate)}). ` +
    `${bottom.name} had the lowest, ${formatRate(bottom.rate)}. The ${n} boroughs together: ${formatRate(londonRate)} per 1,000.`;
  const table = {
    caption: `Recorded crime per 1,000 residents by borough, ${latestLabel}`,
    columns: [
      { key: 'rank', label: 'Rank', numeric: true },
      { key: 'borough', label: 'Borough' },
      { key: 'code', label: 'Code' },
      { key: 'crimes', label: `Crimes, ${latestLabel}`, numeric: true, format: (v: unknown) => formatInt(v as number) },
      {
        key: 'population',
        label: 'Residents (Census 2021)',
        numeric: true,
        format: (v: unknown) => formatInt(v as number),
      },
      {
        key: 'rate_per_1000',
        label: 'Crimes per 1,000 residents',
        numeric: true,
        format: (v: unknown) => formatRate(v as number),
      },
    ],
    rows: rates.map((r) => ({
      rank: r.rank,
      borough: r.name,
      code: r.code,
      crimes: r.crimes,
      population: r.population,
      rate_per_1000: Math.round(r.rate * 100) / 100,
    })),
  };
  return { latest, latestLabel, rates, top, n, londonRate, description, table };
}

/** 3. Borough rates ranked. */
export function boroughRatesFigure(): Figure {
  const { latest, latestLabel, rates, top, n, description, table } = boroughRateBasis();
  const med = median(rates.map((r) => r.rate));
  return rankedBarsFigure({
    id: 'mps-borough-rates',
    page: '',
    title: `${top.name} has by far the highest recorded crime rate per resident`,
    subtitle: `Crimes recorded per 1,000 residents, ${latestLabel}, London boroughs policed by the Metropolitan Police, highest first`,
    description,
    xLabel: 'Crimes per 1,000 residents →',
    bars: rates.map((r) => ({
      label: r.name,
      value: Math.round(r.rate * 10) / 10,
      text: formatRate(r.rate),
      title: `${r.name}: ${formatRate(r.rate)} per 1,000 residents (${formatInt(r.crimes)} crimes; ${formatInt(r.population)} residents); rank ${r.rank} of ${n}`,
    })),
    table,
    source: [mpsSource(latest), censusSource()],
    notes: [
      RATE_CAVEAT,
      CITY_NOTE,
      `The median of the ${n} borough rates: ${formatRate(med)} per 1,000 (as the atlas computes it: the middle value, or the mean of the two middle values).`,
    ],
  });
}

/** 4. The same rates on a map. */
export function boroughRateMapFigure(): Figure {
  const { latest, latestLabel, rates, top, n, description, table } = boroughRateBasis();
  const breaks = quantileBreaks(
    rates.map((r) => r.rate),
    5,
  ).map((b) => Math.round(b * 10) / 10);
  return choroplethFigure({
    id: 'mps-borough-rate-map',
    page: '',
    title: 'Recorded crime per 1,000 residents across London',
    subtitle: `Crimes recorded by the Metropolitan Police per 1,000 residents, ${latestLabel}, by borough, in five quantile classes`,
    description: `${description} On the map the ${n} boroughs fall into five classes of about ${Math.floor(n / 5)} or ${Math.ceil(n / 5)} boroughs each; the darkest class runs from ${formatRate(breaks[3]!)} to ${formatRate(top.rate)} per 1,000. The City of London has no MPS data.`,
    data: rates.map((r) => ({
      code: r.code,
      value: r.rate,
      title: `${r.name}: ${formatRate(r.rate)} crimes per 1,000 residents (rank ${r.rank} of ${n})`,
    })),
    topology: loadBoroughTopo(),
    breaks,
    legendLabel: 'Crimes per 1,000 residents',
    noDataLabel: 'No MPS data',
    table: { ...table, caption: `${table.caption} (map data)` },
    source: [mpsSource(latest), censusSource(), boroughBoundarySource()],
    notes: [
      RATE_CAVEAT,
      CITY_NOTE,
      `Class breaks (quantiles of the ${n} borough rates): ${breaks.map(formatRate).join(', ')}.`,
    ],
  });
}

export function homeFigures(): Figure[] {
  return [changeByGroupFigure(), monthlyTotalFigure(), boroughRatesFigure(), boroughRateMapFigure()];
}

/** The home page's headline numbers and the sentences around them. */
export function homeFacts(): { facts: Fact[]; lede: string; description: string } {
  const { s, latest, ch, latestLabel } = homeBasis();
  const { n, londonRate } = boroughRateBasis();
  const totals = monthlyTotals(s);
  const last = totals.at(-1)!;
  const yearBefore = totals.at(-13)!;
  const monthPct = ((last.total - yearBefore.total) / yearBefore.total) * 100;
  const src = [mpsSource(latest)];
  const tot = ch.total;
  const facts: Fact[] = [
    {
      id: 'crimes-latest-12-months',
      value: tot.latest,
      text: formatInt(tot.latest),
      label: `crimes recorded, ${latestLabel}`,
      unit: 'crimes',
      source: src,
    },
    {
      id: 'change-on-previous-12-months',
      value: Math.round(tot.pctChange! * 100) / 100,
      text: formatPct(tot.pctChange!),
      label: `on the previous 12 months (${formatInt(tot.previous)})`,
      unit: '%',
      source: src,
    },
    {
      id: 'crimes-latest-month',
      value: last.total,
      text: formatInt(last.total),
      label: `crimes in ${monthLong(last.month)} (${formatPct(monthPct)} on ${monthLong(yearBefore.month)})`,
      unit: 'crimes',
      source: src,
    },
    {
      id: 'rate-per-1000-boroughs',
      value: Math.round(londonRate * 100) / 100,
      text: formatRate(londonRate),
      label: `crimes per 1,000 residents across the ${n} boroughs`,
      unit: 'crimes per 1,000 residents',
      source: [...src, censusSource()],
    },
  ];
  return {
    facts,
    lede: `The Metropolitan Police recorded ${formatInt(tot.latest)} crimes in London in the 12 months from ${latestLabel}, ${tot.change < 0 ? 'down' : 'up'} ${formatInt(Math.abs(tot.change))} (${formatPct(tot.pctChange!)}) on the previous 12 months.`,
    description: `Crimes recorded by the Metropolitan Police in the 12 months to ${monthLong(latest)}: ${formatInt(tot.latest)}, ${formatPct(tot.pctChange!)} on the year before, by offence group and borough.`,
  };
}

const signedInt = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + formatInt(Math.abs(v));
