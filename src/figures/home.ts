/**
 * The home page's figures: MPS recorded crime, latest 12 months, by offence group,
 * over time and by borough. Every number comes from data/derived/.
 */
import { boroughRates, changeByGroup, latestMonth, monthlyTotals, rolling12Mean } from '../lib/crime.ts';
import { formatInt, formatPct, formatRate, inlineGroup, monthLong, periodLong, sentenceCase } from '../lib/format.ts';
import { loadBoroughTopo, loadCrime, loadPopulation } from '../lib/load.ts';
import { quantileBreaks } from '../charts/choropleth.ts';
import type { Figure } from './types.ts';
import { boroughBoundarySource, censusSource, mpsSource } from './sources.ts';

const RATE_CAVEAT =
  'Rates are per 1,000 usual residents (Census 2021). They overstate crime in central boroughs, where many victims and offenders are workers, shoppers and visitors rather than residents: Westminster above all, then Camden, Kensington and Chelsea and Islington.';
const CITY_NOTE = 'The City of London is policed by the City of London Police and is not in MPS data.';
const UNKNOWN_NOTE =
  'London totals include crimes the MPS could not attribute to a borough ("Unknown") and, until February 2024, those recorded at Heathrow and London City airports; borough figures exclude them.';
const RECORDED_NOTE =
  'Police recorded crime counts crimes reported to and recorded by the police; it is not a measure of all crime, and changes in reporting and recording practice move it.';

export function homeFigures(): Figure[] {
  const s = loadCrime();
  const latest = latestMonth(s);
  const ch = changeByGroup(s);
  const [lFrom, lTo] = ch.latest;
  const [pFrom, pTo] = ch.previous;
  const latestLabel = periodLong(lFrom, lTo);
  const prevLabel = periodLong(pFrom, pTo);

  // 1. Change by offence group.
  const groups = ch.groups;
  const rises = groups.filter((g) => (g.pctChange ?? 0) > 0).sort((a, b) => b.pctChange! - a.pctChange!);
  const falls = groups.filter((g) => (g.pctChange ?? 0) < 0).sort((a, b) => a.pctChange! - b.pctChange!);
  const biggest = groups[0]!;
  const tot = ch.total;
  const desc1 =
    `In the 12 months from ${latestLabel} the Metropolitan Police recorded ${formatInt(tot.latest)} crimes, ` +
    `${formatPct(tot.pctChange!)} on the ${formatInt(tot.previous)} of the previous 12 months (${prevLabel}). ` +
    `The largest group was ${inlineGroup(biggest.group)} (${formatInt(biggest.latest)}, ${formatPct(biggest.pctChange!)}). ` +
    (rises.length ? `The largest rise was in ${inlineGroup(rises[0]!.group)} (${formatPct(rises[0]!.pctChange!)}). ` : 'No group rose. ') +
    (falls.length ? `The largest fall was in ${inlineGroup(falls[0]!.group)} (${formatPct(falls[0]!.pctChange!)}). ` : 'No group fell. ') +
    `${rises.length} of ${groups.length} groups rose and ${falls.length} fell.`;
  const fig1: Figure = {
    id: 'mps-change-by-offence-group',
    page: '',
    title: `Recorded crime ${tot.pctChange! >= 0 ? 'rose' : 'fell'} ${formatPct(Math.abs(tot.pctChange!)).replace(/^[+−]/, '')} in the 12 months to ${monthLong(lTo)}`,
    subtitle: `Change in crimes recorded by the Metropolitan Police, ${latestLabel} against ${prevLabel}, by offence group (ordered by number of crimes)`,
    description: desc1,
    chart: { kind: 'changeByGroup', data: groups },
    rerender: true,
    table: {
      caption: `MPS recorded crime by offence group: ${latestLabel} against ${prevLabel}`,
      columns: [
        { key: 'group', label: 'Offence group' },
        { key: 'previous', label: `${periodLong(pFrom, pTo)}`, numeric: true, format: (v) => formatInt(v as number) },
        { key: 'latest', label: `${periodLong(lFrom, lTo)}`, numeric: true, format: (v) => formatInt(v as number) },
        { key: 'change', label: 'Change', numeric: true, format: (v) => (v as number > 0 ? '+' : v as number < 0 ? '−' : '') + formatInt(Math.abs(v as number)) },
        { key: 'pct_change', label: 'Change (%)', numeric: true, format: (v) => (v === null ? 'n/a' : formatPct(v as number)) },
      ],
      rows: [...groups, tot].map((g) => ({
        group: g.group === 'Total' ? 'Total recorded crime' : sentenceCase(g.group),
        previous: g.previous,
        latest: g.latest,
        change: g.change,
        pct_change: g.pctChange === null ? null : Math.round(g.pctChange * 100) / 100,
      })),
    },
    source: [mpsSource(latest)],
    notes: [
      `The latest month in the data is ${monthLong(latest)}. Each release revises recent months slightly.`,
      'Fraud: "NFIB fraud" and "fraud and forgery" are the few fraud offences the MPS records itself; most fraud is recorded nationally by Action Fraud and is not here.',
      UNKNOWN_NOTE,
      RECORDED_NOTE,
    ],
  };

  // 2. Monthly trend with a 12-month rolling average.
  const totals = monthlyTotals(s);
  const roll = rolling12Mean(totals.map((t) => t.total));
  const trend = totals.map((t, i) => ({ month: t.month, total: t.total, rolling: roll[i] === null ? null : Math.round(roll[i]! * 10) / 10 }));
  const maxM = trend.reduce((a, b) => (b.total > a.total ? b : a));
  const minM = trend.reduce((a, b) => (b.total < a.total ? b : a));
  const rolled = trend.filter((t) => t.rolling !== null);
  const firstR = rolled[0]!;
  const lastR = rolled.at(-1)!;
  const desc2 =
    `Monthly crimes recorded by the Metropolitan Police from ${monthLong(trend[0]!.month)} to ${monthLong(latest)}. ` +
    `The highest month was ${monthLong(maxM.month)} (${formatInt(maxM.total)}) and the lowest ${monthLong(minM.month)} (${formatInt(minM.total)}). ` +
    `The 12-month average was ${formatInt(firstR.rolling!)} a month in the year to ${monthLong(firstR.month)} and ${formatInt(lastR.rolling!)} in the year to ${monthLong(lastR.month)} ` +
    `(${formatPct(((lastR.rolling! - firstR.rolling!) / firstR.rolling!) * 100)}). ${monthLong(latest)}: ${formatInt(trend.at(-1)!.total)} crimes.`;
  const fig2: Figure = {
    id: 'mps-monthly-total',
    page: '',
    title: 'Recorded crime in London month by month since April 2010',
    subtitle: `Crimes recorded by the Metropolitan Police each month, with the average of the 12 months to each month, ${monthLong(trend[0]!.month)} to ${monthLong(latest)}`,
    description: desc2,
    chart: { kind: 'monthlyTrend', data: trend },
    rerender: true,
    table: {
      caption: `MPS recorded crime by month, ${periodLong(trend[0]!.month, latest)}, with the trailing 12-month average`,
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'total', label: 'Crimes recorded', numeric: true, format: (v) => formatInt(v as number) },
        { key: 'rolling_12m_average', label: '12-month average', numeric: true, format: (v) => (v === null ? '–' : formatInt(v as number)) },
      ],
      rows: trend.map((t) => ({ month: t.month, total: t.total, rolling_12m_average: t.rolling })),
    },
    source: [mpsSource(latest)],
    notes: [
      'The average is the mean of the 12 months ending in each month, so it starts in March 2011 and smooths out seasonal swings.',
      'Counts since April 2010 are under the offence classification current at publication, so the series is consistent across the whole period.',
      'April 2020 to early 2021: COVID-19 restrictions cut recorded crime sharply.',
      UNKNOWN_NOTE,
    ],
  };

  // 3. Borough rates ranked, and 4. the same on a map.
  const rates = boroughRates(s, loadPopulation());
  const top = rates[0]!;
  const second = rates[1]!;
  const bottom = rates.at(-1)!;
  const med = rates[Math.floor(rates.length / 2)]!;
  const londonCrimes = rates.reduce((a, r) => a + r.crimes, 0);
  const londonPop = rates.reduce((a, r) => a + r.population, 0);
  const londonRate = (londonCrimes / londonPop) * 1000;
  const desc3 =
    `Crimes recorded in each of the 32 London boroughs policed by the Metropolitan Police in the 12 months to ${monthLong(lTo)}, per 1,000 residents (Census 2021). ` +
    `${top.name} had the highest rate, ${formatRate(top.rate)} per 1,000 (${formatInt(top.crimes)} crimes), ${(top.rate / second.rate).toFixed(1)} times the next, ${second.name} (${formatRate(second.rate)}). ` +
    `${bottom.name} had the lowest, ${formatRate(bottom.rate)}. The 32 boroughs together: ${formatRate(londonRate)} per 1,000.`;
  const rateRows = rates.map((r) => ({ rank: r.rank, borough: r.name, code: r.code, crimes: r.crimes, population: r.population, rate_per_1000: Math.round(r.rate * 100) / 100 }));
  const rateColumns = [
    { key: 'rank', label: 'Rank', numeric: true },
    { key: 'borough', label: 'Borough' },
    { key: 'code', label: 'Code' },
    { key: 'crimes', label: `Crimes, ${latestLabel}`, numeric: true, format: (v: unknown) => formatInt(v as number) },
    { key: 'population', label: 'Residents (Census 2021)', numeric: true, format: (v: unknown) => formatInt(v as number) },
    { key: 'rate_per_1000', label: 'Crimes per 1,000 residents', numeric: true, format: (v: unknown) => formatRate(v as number) },
  ];
  const fig3: Figure = {
    id: 'mps-borough-rates',
    page: '',
    title: `${top.name} has by far the highest recorded crime rate per resident`,
    subtitle: `Crimes recorded per 1,000 residents, ${latestLabel}, London boroughs policed by the Metropolitan Police, highest first`,
    description: desc3,
    chart: {
      kind: 'rankedBars',
      xLabel: 'Crimes per 1,000 residents →',
      data: rates.map((r) => ({
        label: r.name,
        value: Math.round(r.rate * 10) / 10,
        text: formatRate(r.rate),
        title: `${r.name}: ${formatRate(r.rate)} per 1,000 residents (${formatInt(r.crimes)} crimes; ${formatInt(r.population)} residents); rank ${r.rank} of ${rates.length}`,
      })),
    },
    rerender: true,
    widths: [360, 560],
    table: { caption: `Recorded crime per 1,000 residents by borough, ${latestLabel}`, columns: rateColumns, rows: rateRows },
    source: [mpsSource(latest), censusSource()],
    notes: [RATE_CAVEAT, CITY_NOTE, `Median borough: ${med.name}, ${formatRate(med.rate)} per 1,000.`],
  };

  const breaks = quantileBreaks(rates.map((r) => r.rate), 5).map((b) => Math.round(b * 10) / 10);
  const fig4: Figure = {
    id: 'mps-borough-rate-map',
    page: '',
    title: 'Recorded crime per 1,000 residents across London',
    subtitle: `Crimes recorded by the Metropolitan Police per 1,000 residents, ${latestLabel}, by borough, in five quantile classes`,
    description:
      desc3 +
      ` On the map the boroughs fall into five classes of about six or seven boroughs each; the darkest class runs from ${formatRate(breaks[3]!)} to ${formatRate(top.rate)} per 1,000. The City of London has no MPS data.`,
    chart: {
      kind: 'choropleth',
      data: rates.map((r) => ({ code: r.code, value: r.rate, title: `${r.name}: ${formatRate(r.rate)} crimes per 1,000 residents (rank ${r.rank} of ${rates.length})` })),
      topology: loadBoroughTopo(),
      breaks,
      legendLabel: 'Crimes per 1,000 residents',
      noDataLabel: 'No MPS data',
    },
    rerender: false,
    widths: [560],
    table: { caption: `Recorded crime per 1,000 residents by borough, ${latestLabel} (map data)`, columns: rateColumns, rows: rateRows },
    source: [mpsSource(latest), censusSource(), boroughBoundarySource()],
    notes: [RATE_CAVEAT, CITY_NOTE, `Class breaks (quantiles of the 32 borough rates): ${breaks.map(formatRate).join(', ')}.`],
  };
  return [fig1, fig2, fig3, fig4];
}
