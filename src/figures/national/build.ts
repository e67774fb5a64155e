/**
 * "London Crime – A National Picture": the Metropolitan Police against England and
 * Wales in each ONS police force area release, and London's latest picture from the
 * MPS monthly data and the Community Safety Partnership table.
 */
import { boroughChanges, latestMonth, monthlyTotals, rolling12, window12 } from '../../lib/crime.ts';
import {
  formatInt,
  monthShort,
  formatPct,
  formatRate,
  inlineGroup,
  monthLong,
  periodLong,
  sentenceCase,
} from '../../lib/format.ts';
import { loadCounts2025, loadCsp2025, loadPfa, loadReleases } from '../../data/national.ts';
import { loadCrime, loadPopulation } from '../../data/crime.ts';
import { loadForceTopo } from '../../data/geo.ts';
import { outlinesOf } from '../../charts/outlines.ts';
import {
  compareGroups,
  EW,
  forceRates,
  GROUPS,
  MPS,
  shareSeries,
  sincePrevious,
  TOTAL,
  type ReleaseInfo,
} from '../../lib/national.ts';
import { quantileBreaks } from '../../charts/choropleth.ts';
import type { Fact, Figure, FigureSource, TableColumn } from '../types.ts';
import { censusSource, mpsSource, sourceById } from '../sources.ts';
import { CITY_CODE } from '../../lib/areas.ts';

/** The code the ONS table gives the Met's crimes not assigned to a borough. */
const MPS_UNASSIGNED = 'MPS-UNASSIGNED';

/** "2019-12" → "year ending December 2019" */
export const yearEnding = (p: string) => `year ending ${monthLong(p)}`;
/** "2019-12" → "Dec 2019" */
const shortYe = (p: string) => monthShort(p);

/** The page a release is published on: the latest at national/, the others at national/<period>/. */
export function releasePage(period: string): string {
  const latest = loadReleases().releases.at(-1)!.period;
  return period === latest ? 'national/' : `national/${period}/`;
}

function onsSource(r: ReleaseInfo): FigureSource {
  return sourceById(
    `ons-pfa-tables-${r.period}`,
    `Police Force Area data tables, ${yearEnding(r.period)}`,
    `data to ${monthLong(r.period)}`,
  );
}

export const FRAUD_NOTE = 'Fraud is excluded: it is recorded nationally by Action Fraud, not by police force areas.';
export const RECORDED_NOTE =
  'Police recorded crime is not a measure of all crime. Improvements in recording since 2014 (violence, sexual offences and public order above all) and new offences such as stalking and harassment have raised counts independently of crime itself.';
export const GMP_NOTE =
  'Greater Manchester Police could not supply data after moving to a new IT system in July 2019. In the years ending September and December 2019 its figures are missing and the England and Wales totals exclude it, so England and Wales figures there are not comparable with earlier releases, and the MPS share is of a smaller total.';
const DASH_NOTE =
  '"–" in the tables: % change not shown by ONS where the count a year earlier was under 50, or a value not published.';

const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + formatInt(Math.abs(v));
const pctOrDash = (v: unknown) => (v === null || v === undefined ? '–' : formatPct(v as number));
const rateOrDash = (v: unknown) => (v === null || v === undefined ? '–' : formatRate(v as number));
const intOrDash = (v: unknown) => (v === null || v === undefined ? '–' : formatInt(v as number));
const round = (v: number | null, d = 2) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
const groupLabel = (g: string) => (g === TOTAL ? 'Total recorded crime (excl. fraud)' : g);

/** What every figure of a release shares (memoised: each figure function asks for it). */
const basisCache = new Map<string, ReturnType<typeof makeReleaseBasis>>();
function makeReleaseBasis(r: ReleaseInfo) {
  const ix = loadPfa();
  const { releases, populations } = loadReleases();
  const cmp = compareGroups(ix, r.period);
  return {
    ix,
    releases,
    populations,
    page: releasePage(r.period),
    ye: yearEnding(r.period),
    ewName: r.partial ? 'England and Wales (excluding GMP)' : 'England and Wales',
    cmp,
    tot: cmp[0]!,
    notes: [FRAUD_NOTE, ...(r.partial ? [GMP_NOTE] : []), RECORDED_NOTE],
  };
}
const releaseBasis = (r: ReleaseInfo) =>
  basisCache.get(r.period) ?? (basisCache.set(r.period, makeReleaseBasis(r)), basisCache.get(r.period)!);

/** Figures for one release. */
export function releaseFigures(r: ReleaseInfo): Figure[] {
  const since = sincePreviousFigure(r);
  return [
    mpsVsEnglandWalesFigure(r),
    mpsShareFigure(r),
    forceRatesFigure(r),
    forceMapFigure(r),
    ...(since ? [since] : []),
  ];
}

/** 1. The MPS against England and Wales, by offence group. */
export function mpsVsEnglandWalesFigure(r: ReleaseInfo): Figure {
  const { populations, page, ye, ewName, cmp, tot, notes } = releaseBasis(r);
  const main = cmp.filter((c) => c.level === 1 && c.mpsPct !== null && c.ewPct !== null);
  const diverge = [...main].sort((a, b) => Math.abs(b.mpsPct! - b.ewPct!) - Math.abs(a.mpsPct! - a.ewPct!))[0]!;
  const mpsRise = [...main].sort((a, b) => b.mpsPct! - a.mpsPct!)[0]!;
  const mpsFall = [...main].sort((a, b) => a.mpsPct! - b.mpsPct!)[0]!;
  return {
    id: `national-${r.period}-mps-vs-england-wales`,
    page,
    title: `Recorded crime ${tot.mpsPct! >= 0 ? 'rose' : 'fell'} ${formatPct(Math.abs(tot.mpsPct!)).replace(/^[+−]/, '')} in the Met, against ${formatPct(tot.ewPct!)} in ${ewName}`,
    subtitle: `Change on the previous year in police recorded crime, ${ye}, Metropolitan Police and ${ewName}, by offence group`,
    description:
      `In the ${ye} the Metropolitan Police recorded ${formatInt(tot.mpsCount!)} crimes (excluding fraud), ${formatPct(tot.mpsPct!)} on the year before; ${ewName} recorded ${formatInt(tot.ewCount!)}, ${formatPct(tot.ewPct!)}. ` +
      `The MPS rate was ${formatRate(tot.mpsRate!)} crimes per 1,000 population against ${formatRate(tot.ewRate!)}, and the MPS recorded ${tot.share!.toFixed(1)}% of the total. ` +
      `Among the main offence groups the MPS rose most in ${inlineGroup(mpsRise.group)} (${formatPct(mpsRise.mpsPct!)}) and ${mpsFall.mpsPct! < 0 ? `fell most in ${inlineGroup(mpsFall.group)} (${formatPct(mpsFall.mpsPct!)})` : `rose least in ${inlineGroup(mpsFall.group)} (${formatPct(mpsFall.mpsPct!)})`}; ` +
      `it differed most from ${ewName} in ${inlineGroup(diverge.group)} (${formatPct(diverge.mpsPct!)} against ${formatPct(diverge.ewPct!)}).`,
    chart: {
      kind: 'pairedDots',
      xLabel: 'Change on the previous year (%) →',
      aLabel: 'Metropolitan Police',
      bLabel: ewName,
      data: cmp.map((c) => ({
        label: `${c.level === 2 ? '· ' : ''}${groupLabel(c.group)}`,
        a: fewBefore(c.mpsCount, c.mpsPct) ? null : c.mpsPct,
        b: fewBefore(c.ewCount, c.ewPct) ? null : c.ewPct,
        title: `${groupLabel(c.group)}: MPS ${pctOrDash(c.mpsPct)}, ${ewName} ${pctOrDash(c.ewPct)}${fewBefore(c.mpsCount, c.mpsPct) || fewBefore(c.ewCount, c.ewPct) ? ` (a change on fewer than ${FEW} offences is not drawn)` : ''}`,
      })),
    },
    table: {
      caption: `Police recorded crime, Metropolitan Police and ${ewName}, ${ye}: number, % change on the previous year, rate per 1,000 population and MPS share`,
      columns: [
        { key: 'offence_group', label: 'Offence group' },
        { key: 'mps_count', label: 'MPS number', numeric: true, format: intOrDash },
        { key: 'mps_pct_change', label: 'MPS % change', numeric: true, format: pctOrDash },
        { key: 'mps_rate', label: 'MPS rate per 1,000', numeric: true, format: rateOrDash },
        { key: 'ew_count', label: `${ewName} number`, numeric: true, format: intOrDash },
        { key: 'ew_pct_change', label: `${ewName} % change`, numeric: true, format: pctOrDash },
        { key: 'ew_rate', label: `${ewName} rate per 1,000`, numeric: true, format: rateOrDash },
        {
          key: 'mps_share',
          label: 'MPS share (%)',
          numeric: true,
          format: (v) => (v === null ? '–' : (v as number).toFixed(1)),
        },
      ],
      rows: cmp.map((c) => ({
        offence_group: `${c.level === 2 ? '· ' : ''}${groupLabel(c.group)}`,
        mps_count: c.mpsCount,
        mps_pct_change: round(c.mpsPct, 6),
        mps_rate: round(c.mpsRate, 6),
        ew_count: c.ewCount,
        ew_pct_change: round(c.ewPct, 6),
        ew_rate: round(c.ewRate, 6),
        mps_share: round(c.share, 4),
      })),
    },
    source: [onsSource(r)],
    notes: [
      ...notes,
      `% changes are as ONS published them (Table P2). Rates use the ${r.populationVintage.replace(/ \(as stated in the release\)/, '')}: ${formatInt(populations.get(`${r.period}|${MPS}`)!)} for the MPS area.`,
      DASH_NOTE,
      ...fewNote(cmp, ewName),
    ],
  };
}

/**
 * The chart leaves out a % change on fewer than FEW offences a year earlier (ONS's own rule
 * for its dashes, which a release does not always keep): one such change (the MPS's death or
 * serious injury by unlawful driving, about 19 to 1 in the year ending December 2019, −94.7 %)
 * would stretch the axis to −100 % for changes that are otherwise within ±30 %. The table and
 * the CSV keep the published value. The count a year earlier is the count over 1 + change
 * (a fall of 100 % gives none: it is drawn, as the earlier count cannot be known).
 */
const FEW = 50;
function fewBefore(count: number | null, pct: number | null): boolean {
  if (count === null || pct === null || pct <= -100) return false;
  return count / (1 + pct / 100) < FEW - 0.5;
}
function fewNote(cmp: ReturnType<typeof makeReleaseBasis>['cmp'], ewName: string): string[] {
  const one = (who: string, group: string, count: number | null, pct: number | null) =>
    fewBefore(count, pct)
      ? [
          `${who} ${inlineGroup(group)} (about ${formatInt(Math.round(count! / (1 + pct! / 100)))} → ${formatInt(count!)}, ${formatPct(pct!)})`,
        ]
      : [];
  const left = cmp.flatMap((c) => [
    ...one("the MPS's", c.group, c.mpsCount, c.mpsPct),
    ...one(`${ewName}'s`, c.group, c.ewCount, c.ewPct),
  ]);
  return left.length
    ? [
        `Not drawn: a change on fewer than ${FEW} offences a year earlier, too few for a percentage to mean much: ${left.join('; ')}. The table has it as published.`,
      ]
    : [];
}

/** 2. The MPS share of England and Wales over the releases, and in the year ending June 2025. */
export function mpsShareFigure(r: ReleaseInfo): Figure {
  const { ix, releases, page, ye } = releaseBasis(r);
  const series = shareSeries(ix, releases);
  const { mps: mps25, ew: ew25, period: p25 } = mpsShare2025();
  const sharePts = [
    ...series.map((p) => ({ ...p, segment: 0 })),
    { period: p25, mps: mps25, ew: ew25, share: (mps25 / ew25) * 100, partial: false, segment: 1 },
  ];
  const sel = series.find((p) => p.period === r.period)!;
  const first = series[0]!;
  return {
    id: `national-${r.period}-mps-share`,
    page,
    title: `The Met recorded ${sel.share.toFixed(1)}% of crime in England and Wales in the ${ye}`,
    subtitle:
      'Metropolitan Police recorded crime as a share of England and Wales (excluding fraud), each ONS release, %',
    description:
      `The MPS share of police recorded crime in England and Wales was ${first.share.toFixed(1)}% in the ${yearEnding(first.period)} and ${sel.share.toFixed(1)}% in the ${ye}. ` +
      (series.some((p) => p.partial)
        ? `In the ${series
            .filter((p) => p.partial)
            .map((p) => yearEnding(p.period))
            .join(
              ' and ',
            )} the England and Wales total excludes Greater Manchester, which inflates the share (marked * and drawn hollow). `
        : '') +
      `The latest ONS table found, for the year ending June 2025, gives ${((mps25 / ew25) * 100).toFixed(1)}% (${formatInt(mps25)} of ${formatInt(ew25)}); no police force area tables between 2020 and early 2025 are held, so the line breaks there.`,
    chart: {
      kind: 'releaseShare',
      yLabel: '↑ MPS share of England and Wales (%)',
      data: sharePts.map((p) => ({
        period: p.period,
        share: Math.round(p.share * 100) / 100,
        partial: p.partial,
        selected: p.period === r.period,
        segment: p.segment,
        text: p.share.toFixed(1),
        title: `${shortYe(p.period)}: ${p.share.toFixed(2)}% (${formatInt(p.mps)} of ${formatInt(p.ew)})${p.partial ? '; England and Wales excludes GMP' : ''}`,
      })),
    },
    table: {
      caption:
        'Metropolitan Police share of police recorded crime in England and Wales (excluding fraud), by ONS release',
      columns: [
        { key: 'release', label: 'Release (12 months ending)' },
        { key: 'mps', label: 'MPS (crimes)', numeric: true, format: intOrDash },
        { key: 'england_and_wales', label: 'England and Wales (crimes)', numeric: true, format: intOrDash },
        { key: 'share_pct', label: 'MPS share (%)', numeric: true, format: (v) => (v as number).toFixed(2) },
        { key: 'scope', label: 'England and Wales total covers' },
      ],
      rows: sharePts.map((p) => ({
        release: p.period,
        mps: p.mps,
        england_and_wales: p.ew,
        share_pct: Math.round(p.share * 10000) / 10000,
        scope: p.partial ? 'all forces except Greater Manchester' : 'all forces and British Transport Police',
      })),
    },
    source: [
      onsSource(r),
      sourceById(
        'ons-pfa-p1-ye2025-06',
        'Police Force Area data tables, year ending June 2025, Table P1',
        'data to June 2025',
      ),
    ],
    notes: [FRAUD_NOTE, GMP_NOTE, 'England and Wales totals include British Transport Police.'],
  };
}

/** The force rates of a release, shared by the ranked dots and the map. */
function forceRateBasis(r: ReleaseInfo) {
  const { ix, populations, ye, ewName, tot } = releaseBasis(r);
  const { ranked, missing } = forceRates(ix, r.period);
  const mpsRank = ranked.find((f) => f.code === MPS)!;
  const top = ranked[0]!;
  const bottom = ranked.at(-1)!;
  const ewRate = tot.ewRate!;
  const missingText = missing.map((m) => `${m.name} (${m.reason})`).join('; ');
  const rateRows = ranked.map((f) => ({
    rank: f.rank,
    force: f.name,
    code: f.code,
    crimes: f.count,
    population: populations.get(`${r.period}|${f.code}`) ?? null,
    rate_per_1000: round(f.rate, 4),
  }));
  const rateCols: TableColumn[] = [
    { key: 'rank', label: 'Rank', numeric: true },
    { key: 'force', label: 'Police force area' },
    { key: 'code', label: 'Code' },
    { key: 'crimes', label: 'Crimes (excl. fraud)', numeric: true, format: intOrDash },
    { key: 'population', label: 'Population used by ONS', numeric: true, format: intOrDash },
    { key: 'rate_per_1000', label: 'Rate per 1,000', numeric: true, format: rateOrDash },
  ];
  const rateDesc =
    `Police recorded crime per 1,000 population in the ${ye}, for the ${ranked.length} police force areas with a published rate. ` +
    `${top.name} was highest at ${formatRate(top.rate)} and ${bottom.name} lowest at ${formatRate(bottom.rate)}. ` +
    `The Metropolitan Police ranked ${ordinal(mpsRank.rank)} with ${formatRate(mpsRank.rate)}, against ${formatRate(ewRate)} for ${ewName}.` +
    (missing.length ? ` No rate: ${missingText}.` : '');
  return { ranked, missing, mpsRank, top, missingText, rateRows, rateCols, rateDesc };
}

/** 3. Rates per 1,000 for all forces, ranked. */
export function forceRatesFigure(r: ReleaseInfo): Figure {
  const { page, ye } = releaseBasis(r);
  const { ranked, mpsRank, rateRows, rateCols, rateDesc } = forceRateBasis(r);
  return {
    id: `national-${r.period}-force-rates`,
    page,
    title: `The Met ranked ${ordinal(mpsRank.rank)} of ${ranked.length} forces by recorded crime per 1,000 people`,
    subtitle: `Police recorded crime (excluding fraud) per 1,000 population, ${ye}, police force areas of England and Wales, highest first; Metropolitan Police highlighted`,
    description: rateDesc,
    chart: {
      kind: 'rankedBars',
      mark: 'dot',
      xLabel: 'Crimes per 1,000 population →',
      data: ranked.map((f) => ({
        label: f.code === MPS ? 'Metropolitan Police ◀' : f.name,
        value: Math.round(f.rate * 10) / 10,
        text: formatRate(f.rate),
        title: `${f.name}: ${formatRate(f.rate)} per 1,000 (${formatInt(f.count)} crimes); rank ${f.rank} of ${ranked.length}`,
        highlight: f.code === MPS,
      })),
    },
    widths: [360, 560],
    table: {
      caption: `Police recorded crime per 1,000 population by police force area, ${ye}`,
      columns: rateCols,
      rows: rateRows,
    },
    source: [onsSource(r)],
    notes: [
      FRAUD_NOTE,
      ...(r.partial ? [GMP_NOTE] : []),
      "The City of London's rate is suppressed by ONS because its resident population is tiny beside its daytime population.",
      'Rates per resident overstate crime where many people visit or work, as in London.',
    ],
  };
}

/** 4. The same rates on a map. */
export function forceMapFigure(r: ReleaseInfo): Figure {
  const { page, ye } = releaseBasis(r);
  const { ranked, top, missingText, rateRows, rateCols, rateDesc } = forceRateBasis(r);
  const breaks = quantileBreaks(
    ranked.map((f) => f.rate),
    5,
  ).map((b) => Math.round(b * 10) / 10);
  return {
    id: `national-${r.period}-force-map`,
    page,
    title: 'Recorded crime per 1,000 people across England and Wales',
    subtitle: `Police recorded crime (excluding fraud) per 1,000 population, ${ye}, by police force area, in five quantile classes`,
    description:
      rateDesc + ` On the map the darkest class runs from ${formatRate(breaks[3]!)} to ${formatRate(top.rate)}.`,
    chart: {
      kind: 'choropleth',
      outlines: outlinesOf(loadForceTopo(), 'forces'),
      breaks,
      legendLabel: 'Crimes per 1,000 population',
      noDataLabel: 'No rate',
      data: ranked.map((f) => ({
        code: f.code,
        value: f.rate,
        title: `${f.name}: ${formatRate(f.rate)} per 1,000 (rank ${f.rank} of ${ranked.length})`,
      })),
    },
    widths: [360, 560],
    table: {
      caption: `Police recorded crime per 1,000 population by police force area, ${ye} (map data)`,
      columns: rateCols,
      rows: rateRows,
    },
    source: [
      onsSource(r),
      sourceById('ons-pfa-boundaries-2020', 'Police Force Areas, December 2020', 'boundaries of December 2020'),
    ],
    notes: [
      FRAUD_NOTE,
      `No rate: ${missingText || 'none'}.`,
      `Class breaks (quantiles of the force rates): ${breaks.map(formatRate).join(', ')}.`,
    ],
  };
}

/** 5. What moved since the previous release (none for the first release held). */
export function sincePreviousFigure(r: ReleaseInfo): Figure | null {
  const { ix, releases, page, ye, ewName } = releaseBasis(r);
  const moved = sincePrevious(ix, releases, r.period);
  {
    if (!moved.previous) return null;
    const prev = moved.previous;
    const rowOf = (m: (typeof moved.rows)[number]) => m;
    const share = rowOf(moved.rows[2]!);
    const rank = rowOf(moved.rows[5]!);
    const rate = rowOf(moved.rows[3]!);
    const pctOf = (g: (typeof moved.groups)[number]) => ((g.count! - g.prevCount!) / g.prevCount!) * 100;
    // Largest relative move among groups big enough for a percentage to mean something.
    const grpMoves = moved.groups.filter((g) => g.count !== null && g.prevCount !== null && g.prevCount >= 1000);
    const biggest = [...grpMoves].sort((a, b) => Math.abs(pctOf(b)) - Math.abs(pctOf(a)))[0]!;
    // The chart and the table: every group with a count in both releases.
    const plotted = moved.groups.filter((g) => g.count !== null && g.prevCount);
    return {
      id: `national-${r.period}-since-previous`,
      page,
      title: `Since the previous update: the Met's rate ${rate.change! >= 0 ? 'rose' : 'fell'} from ${formatRate(rate.previous!)} to ${formatRate(rate.current!)} per 1,000`,
      subtitle: `Change in Metropolitan Police recorded crime by offence group between the previous release (${yearEnding(prev)}) and this one (${ye}), %`,
      description:
        `Between the release for the ${yearEnding(prev)} and this one, the MPS 12-month total moved from ${formatInt(moved.rows[0]!.previous!)} to ${formatInt(moved.rows[0]!.current!)} (${signed(moved.rows[0]!.change!)}), ` +
        `its rate per 1,000 from ${formatRate(rate.previous!)} to ${formatRate(rate.current!)}, its share of ${ewName} from ${share.previous!.toFixed(1)}% to ${share.current!.toFixed(1)}%, ` +
        `and its rank among forces by rate from ${rank.previous} to ${rank.current}. Among offence groups with at least 1,000 crimes, the largest move was in ${inlineGroup(biggest.group)} (${formatInt(biggest.prevCount!)} to ${formatInt(biggest.count!)}, ${formatPct(pctOf(biggest))}).` +
        (r.partial && !releases.find((x) => x.period === prev)!.partial
          ? ' The England and Wales figures in this release exclude Greater Manchester, so its comparisons with the previous release are not like for like.'
          : ''),
      chart: {
        kind: 'divergingBars',
        xLabel: 'Change since the previous release (%) →',
        data: plotted.map((g) => {
          const pct = ((g.count! - g.prevCount!) / g.prevCount!) * 100;
          const label = `${GROUPS.find((x) => x.group === g.group)!.level === 2 ? '· ' : ''}${g.group}`;
          return {
            label,
            value: round(pct, 3)!,
            text: formatPct(pct),
            title: `${g.group}: ${formatInt(g.prevCount!)} → ${formatInt(g.count!)} (${formatPct(pct)}); rate ${rateOrDash(g.prevRate)} → ${rateOrDash(g.rate)} per 1,000`,
          };
        }),
      },
      table: {
        caption: `Metropolitan Police recorded crime by offence group in the ${yearEnding(prev)} and the ${ye}: crimes, change and rate per 1,000 population`,
        columns: [
          { key: 'offence_group', label: 'Offence group' },
          { key: 'previous', label: `Crimes, previous release (${shortYe(prev)})`, numeric: true, format: intOrDash },
          { key: 'current', label: `Crimes, this release (${shortYe(r.period)})`, numeric: true, format: intOrDash },
          {
            key: 'change',
            label: 'Change (crimes)',
            numeric: true,
            format: (v) => (v === null ? '–' : signed(v as number)),
          },
          { key: 'pct_change', label: 'Change (%)', numeric: true, format: pctOrDash },
          {
            key: 'previous_rate',
            label: `Crimes per 1,000 population, previous release`,
            numeric: true,
            format: rateOrDash,
          },
          { key: 'rate', label: `Crimes per 1,000 population, this release`, numeric: true, format: rateOrDash },
        ],
        rows: plotted.map((g) => ({
          offence_group: g.group,
          previous: g.prevCount,
          current: g.count,
          change: g.count! - g.prevCount!,
          pct_change: round(((g.count! - g.prevCount!) / g.prevCount!) * 100, 4),
          previous_rate: round(g.prevRate, 4),
          rate: round(g.rate, 4),
        })),
      },
      source: [onsSource(r), onsSource(releases.find((x) => x.period === prev)!)],
      notes: [
        'Each release covers the 12 months to its end month; consecutive releases overlap by nine months, so a change between them reflects the newest quarter against the same quarter a year before.',
        'Rank 1 is the force with the highest rate.',
        ...(r.partial ? [GMP_NOTE] : []),
        FRAUD_NOTE,
      ],
    };
  }
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** London's latest picture: figures that do not depend on the selected release. */
export function londonNowFigures(): Figure[] {
  return [rollingFigure(), keyBoroughsFigure(), boroughFallsRisesFigure(), csp2025Figure()];
}

const LONDON_NOW_PAGE = 'national/';

/** The MPS's rolling 12-month total to the latest month, and its change on a year earlier. */
export function rollingFigure(): Figure {
  const s = loadCrime();
  const latest = latestMonth(s);
  const page = LONDON_NOW_PAGE;
  const roll = rolling12(monthlyTotals(s));
  const last = roll.at(-1)!;
  const peak = roll.reduce((a, b) => (b.rolling > a.rolling ? b : a));
  const low = roll.reduce((a, b) => (b.rolling < a.rolling ? b : a));
  return {
    id: 'national-mps-rolling-12-months',
    page,
    title: `Crimes in the 12 months to ${monthLong(latest)}: ${formatInt(last.rolling)}, ${formatPct(last.pct!)} on a year earlier`,
    subtitle: `Metropolitan Police recorded crime, each month the total of the 12 months to it, ${monthLong(roll[0]!.month)} to ${monthLong(latest)}, and its change on a year earlier`,
    description:
      `The rolling 12-month total of crimes recorded by the Metropolitan Police was ${formatInt(roll[0]!.rolling)} in the 12 months to ${monthLong(roll[0]!.month)} and ${formatInt(last.rolling)} in the 12 months to ${monthLong(latest)} (${formatPct(last.pct!)} on a year earlier). ` +
      `It peaked at ${formatInt(peak.rolling)} (12 months to ${monthLong(peak.month)}) and was lowest at ${formatInt(low.rolling)} (12 months to ${monthLong(low.month)}).`,
    chart: { kind: 'rolling', data: roll.map((r) => ({ month: r.month, rolling: r.rolling, pct: round(r.pct, 3) })) },
    // Drawn for a phone and for its half of the page's two columns (544 px at 1,280 px; one column of at most 768 px
    // below 1,120 px): no common width draws it again on load.
    widths: [360, 544],
    table: {
      caption: `Metropolitan Police recorded crime, rolling 12-month totals, ${periodLong(roll[0]!.month, latest)}`,
      columns: [
        { key: 'month', label: '12 months to' },
        { key: 'rolling_12_months', label: 'Crimes', numeric: true, format: intOrDash },
        { key: 'pct_change_on_year', label: 'Change on a year earlier (%)', numeric: true, format: pctOrDash },
      ],
      rows: roll.map((r) => ({ month: r.month, rolling_12_months: r.rolling, pct_change_on_year: round(r.pct, 4) })),
    },
    source: [mpsSource(latest)],
    notes: [
      "Includes every offence the MPS records, fraud and forgery among them, and crimes not attributed to a borough: it is the MPS's own monthly series, not the ONS table, so it differs slightly from the ONS counts above.",
      'The change on a year earlier compares each 12-month total with the one ending 12 months before.',
    ],
  };
}

/** The numbers both borough-change figures share. */
function boroughChangeBasis() {
  const s = loadCrime();
  const latest = latestMonth(s);
  const bc = boroughChanges(s, loadPopulation());
  const [lFrom, lTo] = window12(latest);
  return { latest, bc, period: periodLong(lFrom, lTo) };
}

const groupName = (g: string) => (g === 'Total' ? 'All offences' : sentenceCase(g));
const CHART_GROUP: Record<string, string> = {
  'All offences': 'All',
  'Violence against the person': 'Violence',
  'Vehicle offences': 'Vehicle',
  'Public order offences': 'Public order',
  'Arson and criminal damage': 'Arson, damage',
  'Drug offences': 'Drugs',
  'Sexual offences': 'Sexual',
  'Miscellaneous crimes against society': 'Misc.',
  'Possession of weapons': 'Weapons',
  'Fraud and forgery': 'Fraud',
  'Nfib fraud': 'NFIB fraud',
};

/** Every borough's change in all recorded crime, latest 12 months on the 12 before. */
export function keyBoroughsFigure(): Figure {
  const { latest, bc, period } = boroughChangeBasis();
  const totals = bc
    .filter((b) => b.group === 'Total' && b.pctChange !== null)
    .sort((a, b) => a.pctChange! - b.pctChange!);
  const fall = totals[0]!;
  const rise = totals.at(-1)!;
  const nFalls = totals.filter((t) => t.pctChange! < 0).length;
  const nRises = totals.filter((t) => t.pctChange! > 0).length;
  const nBoroughs = totals.length;
  return {
    id: 'national-key-boroughs',
    page: LONDON_NOW_PAGE,
    title: `${nFalls} of ${nBoroughs} boroughs recorded fewer crimes in the 12 months to ${monthLong(latest)}`,
    subtitle: `Change in crimes recorded by the Metropolitan Police by borough, ${period} against the 12 months before, all offences, %`,
    description:
      `${fall.name} had the largest fall in recorded crime (${formatPct(fall.pctChange!)}, to ${formatInt(fall.latest)}; ${formatRate(fall.rate)} per 1,000 residents) and ${rise.name} ${rise.pctChange! > 0 ? 'the largest rise' : 'the smallest fall'} (${formatPct(rise.pctChange!)}, to ${formatInt(rise.latest)}; ${formatRate(rise.rate)} per 1,000). ` +
      `${nFalls} boroughs fell, ${nRises} rose` +
      (nBoroughs - nFalls - nRises ? ` and ${nBoroughs - nFalls - nRises} did not change.` : '.'),
    chart: {
      kind: 'divergingBars',
      xLabel: 'Change on the previous 12 months (%) →',
      data: totals.map((b) => ({
        label: b.name,
        value: round(b.pctChange, 2)!,
        text: formatPct(b.pctChange!),
        title: `${b.name}: ${formatPct(b.pctChange!)} (${formatInt(b.previous)} → ${formatInt(b.latest)}); ${formatRate(b.rate)} per 1,000 residents`,
      })),
    },
    widths: [360, 560],
    table: {
      caption: `Recorded crime by borough, all offences, ${period} against the previous 12 months, largest fall first`,
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'previous_12_months', label: 'Crimes, previous 12 months', numeric: true, format: intOrDash },
        { key: 'latest_12_months', label: 'Crimes, latest 12 months', numeric: true, format: intOrDash },
        { key: 'pct_change', label: 'Change (%)', numeric: true, format: pctOrDash },
        {
          key: 'rate_per_1000',
          label: 'Crimes per 1,000 residents, latest 12 months',
          numeric: true,
          format: rateOrDash,
        },
      ],
      rows: totals.map((b) => ({
        borough: b.name,
        code: b.code,
        previous_12_months: b.previous,
        latest_12_months: b.latest,
        pct_change: round(b.pctChange, 4),
        rate_per_1000: round(b.rate, 4),
      })),
    },
    source: [mpsSource(latest), censusSource()],
    notes: [
      'Rates per 1,000 residents (Census 2021) overstate central boroughs with large worker and visitor populations, Westminster above all.',
      'The City of London is policed by the City of London Police and is not in MPS data.',
    ],
  };
}

/** Boroughs with at least this many crimes of a group in the earlier year are ranked for it. */
const MIN_BOROUGH_GROUP = 50;

/**
 * The three largest falls and the three largest rises in each offence group: a list of
 * falls holds only boroughs whose crime fell, a list of rises only those where it rose.
 */
export function boroughFallsRisesFigure(): Figure {
  const { latest, bc, period } = boroughChangeBasis();
  const groups = ['Total', ...[...new Set(bc.map((b) => b.group))].filter((g) => g !== 'Total').sort()];
  const rows: { group: string; direction: 'fall' | 'rise'; rank: number; b: (typeof bc)[number] }[] = [];
  const short: string[] = [];
  for (const g of groups) {
    const ranked = bc
      .filter((b) => b.group === g && b.pctChange !== null && b.previous >= MIN_BOROUGH_GROUP)
      .sort((a, b) => a.pctChange! - b.pctChange!);
    const falls = ranked.filter((b) => b.pctChange! < 0).slice(0, 3);
    const rises = ranked
      .filter((b) => b.pctChange! > 0)
      .reverse()
      .slice(0, 3);
    falls.forEach((b, i) => rows.push({ group: g, direction: 'fall', rank: i + 1, b }));
    rises.forEach((b, i) => rows.push({ group: g, direction: 'rise', rank: i + 1, b }));
    if (falls.length < 3)
      short.push(
        `${groupName(g)}: ${falls.length === 0 ? 'no borough' : falls.length === 1 ? 'one borough' : 'two boroughs'} fell`,
      );
    if (rises.length < 3)
      short.push(
        `${groupName(g)}: ${rises.length === 0 ? 'no borough' : rises.length === 1 ? 'one borough' : 'two boroughs'} rose`,
      );
  }
  // Short group names in the chart's row labels (the table has them whole): the rows stay readable and distinct in a narrow column.
  const label = (r: (typeof rows)[number]) => `${CHART_GROUP[groupName(r.group)] ?? groupName(r.group)}: ${r.b.name}`;
  const total = (d: 'fall' | 'rise') => rows.find((r) => r.group === 'Total' && r.direction === d);
  const f0 = total('fall');
  const r0 = total('rise');
  return {
    id: 'national-borough-falls-rises',
    page: LONDON_NOW_PAGE,
    title: `The largest falls and rises by borough in each offence group, 12 months to ${monthLong(latest)}`,
    subtitle: `Change in crimes recorded by the Metropolitan Police, ${period} against the 12 months before, %: up to three falls and three rises per group, among boroughs with at least ${MIN_BOROUGH_GROUP} crimes of the group in the earlier year`,
    description:
      (f0
        ? `In all offences, ${f0.b.name} fell most (${formatPct(f0.b.pctChange!)})`
        : 'In all offences no borough fell') +
      (r0 ? ` and ${r0.b.name} rose most (${formatPct(r0.b.pctChange!)}). ` : ' and none rose. ') +
      `Falls are listed only where crime fell and rises only where it rose` +
      (short.length ? `; where fewer than three boroughs moved one way the list is shorter (see the notes).` : '.'),
    chart: {
      kind: 'divergingBars',
      xLabel: 'Change on the previous 12 months (%) →',
      data: rows.map((r) => ({
        label: label(r),
        value: round(r.b.pctChange, 2)!,
        text: formatPct(r.b.pctChange!),
        title: `${label(r)}: ${formatPct(r.b.pctChange!)} (${formatInt(r.b.previous)} → ${formatInt(r.b.latest)})`,
      })),
    },
    widths: [360, 560],
    table: {
      caption: `Largest falls and rises by borough and offence group, ${period} against the previous 12 months (boroughs with at least ${MIN_BOROUGH_GROUP} crimes of the group in the earlier year)`,
      columns: [
        { key: 'offence_group', label: 'Offence group' },
        { key: 'direction', label: 'Fall or rise' },
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'previous_12_months', label: 'Crimes, previous 12 months', numeric: true, format: intOrDash },
        { key: 'latest_12_months', label: 'Crimes, latest 12 months', numeric: true, format: intOrDash },
        { key: 'pct_change', label: 'Change (%)', numeric: true, format: pctOrDash },
      ],
      rows: rows.map((r) => ({
        offence_group: groupName(r.group),
        direction: r.direction,
        rank: r.rank,
        borough: r.b.name,
        code: r.b.code,
        previous_12_months: r.b.previous,
        latest_12_months: r.b.latest,
        pct_change: round(r.b.pctChange, 4),
      })),
    },
    source: [mpsSource(latest)],
    notes: [
      `Boroughs with fewer than ${MIN_BOROUGH_GROUP} crimes of a group in the earlier 12 months are left out of that group's ranking: small counts swing by large percentages.`,
      ...(short.length ? [`Fewer than three boroughs moved one way in: ${short.join('; ')}.`] : []),
      'The City of London is policed by the City of London Police and is not in MPS data.',
    ],
  };
}

/** The borough picture for the year ending June 2025 (ONS Table C2). */
export function csp2025Figure(): Figure {
  const page = LONDON_NOW_PAGE;
  const share = mpsShare2025();
  const csp = loadCsp2025();
  const pop = new Map(loadPopulation().map((p) => [p.areaCode, p.population]));
  const cspTotal = csp.filter((c) => c.group === TOTAL);
  const force = cspTotal.find((c) => c.type === 'force')!;
  const unassigned = cspTotal.find((c) => c.code === MPS_UNASSIGNED);
  const boroughs = cspTotal
    .filter((c) => c.type === 'borough' && c.code !== CITY_CODE)
    .map((c) => ({ ...c, rate: (c.count! / pop.get(c.code)!) * 1000 }))
    .sort((a, b) => b.rate - a.rate);
  const byGroup = (code: string, g: string) => csp.find((c) => c.code === code && c.group === g)?.count ?? null;
  const city = cspTotal.find((c) => c.code === CITY_CODE);
  return {
    id: 'national-csp-boroughs-2025-06',
    page,
    title: `Year ending ${monthLong(share.period)}: ${formatInt(force.count!)} crimes recorded by the Met, ${share.pct.toFixed(1)}% of England and Wales`,
    subtitle:
      'Police recorded crime (excluding fraud) per 1,000 residents by London borough (Community Safety Partnership), year ending June 2025, highest first',
    description:
      `In the year ending ${monthLong(share.period)} the Metropolitan Police recorded ${formatInt(force.count!)} crimes excluding fraud (ONS/Home Office), ${share.pct.toFixed(1)}% of the ${formatInt(share.ew)} in England and Wales. ` +
      `${boroughs[0]!.name} had the most per resident (${formatRate(boroughs[0]!.rate)} per 1,000; ${formatInt(boroughs[0]!.count!)} crimes) and ${boroughs.at(-1)!.name} the fewest (${formatRate(boroughs.at(-1)!.rate)}). ` +
      (unassigned ? `${formatInt(unassigned.count!)} crimes were not assigned to a borough.` : ''),
    chart: {
      kind: 'rankedBars',
      xLabel: 'Crimes per 1,000 residents →',
      data: boroughs.map((b) => ({
        label: b.name,
        value: Math.round(b.rate * 10) / 10,
        text: formatRate(b.rate),
        title: `${b.name}: ${formatRate(b.rate)} per 1,000 (${formatInt(b.count!)} crimes)`,
      })),
    },
    widths: [360, 560],
    table: {
      caption: 'Police recorded crime by London borough (Community Safety Partnership), year ending June 2025',
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'total', label: 'All crime (excl. fraud)', numeric: true, format: intOrDash },
        { key: 'rate_per_1000', label: 'Per 1,000 residents', numeric: true, format: rateOrDash },
        { key: 'violence_against_the_person', label: 'Violence against the person', numeric: true, format: intOrDash },
        { key: 'theft_offences', label: 'Theft offences', numeric: true, format: intOrDash },
        { key: 'robbery', label: 'Robbery', numeric: true, format: intOrDash },
        { key: 'burglary', label: 'Burglary', numeric: true, format: intOrDash },
      ],
      rows: [
        ...boroughs.map((b) => ({
          borough: b.name,
          code: b.code,
          total: b.count,
          rate_per_1000: round(b.rate, 4),
          violence_against_the_person: byGroup(b.code, 'Violence against the person'),
          theft_offences: byGroup(b.code, 'Theft offences'),
          robbery: byGroup(b.code, 'Robbery'),
          burglary: byGroup(b.code, 'Burglary'),
        })),
      ],
    },
    source: [
      sourceById(
        'ons-csp-c2-ye2025-06',
        'Police recorded crime by Community Safety Partnership area, Table C2',
        'data to June 2025',
      ),
      sourceById('ons-pfa-p1-ye2025-06', 'Police Force Area data tables, Table P1', 'data to June 2025'),
      censusSource(),
    ],
    notes: [
      `The Met's force total (${formatInt(force.count!)} crimes, code ${force.code})` +
        (unassigned
          ? ` and the ${formatInt(unassigned.count!)} crimes not assigned to a borough (code ${unassigned.code}) are`
          : ' is') +
        ' not drawn, so they are not in the table.',
      FRAUD_NOTE,
      'Rates here are per 1,000 residents at Census 2021, computed by this site: the ONS table gives numbers only.',
      city
        ? `The City of London (City of London Police) recorded ${formatInt(city.count!)} crimes; it is not in the MPS total.`
        : '',
      RECORDED_NOTE,
    ].filter(Boolean),
  };
}

/** The Met's count and its share of England and Wales in the latest Table P1 (computed once, used by the figures and the page). */
let share2025: { mps: number; ew: number; pct: number; period: string } | undefined;
export function mpsShare2025(): { mps: number; ew: number; pct: number; period: string } {
  if (share2025) return share2025;
  const p25 = loadCounts2025();
  const mps = p25.find((x) => x.code === MPS && x.group === TOTAL)!.count!;
  const ew = p25.find((x) => x.code === EW && x.group === TOTAL)!.count!;
  share2025 = { mps, ew, pct: (mps / ew) * 100, period: p25[0]!.period };
  return share2025;
}

/** The headline numbers of a release page. */
export function releaseFacts(r: ReleaseInfo): Fact[] {
  const { ix, ewName, tot } = releaseBasis(r);
  const { ranked } = forceRates(ix, r.period);
  const rank = ranked.find((f) => f.code === MPS)!;
  const ye = yearEnding(r.period);
  const src = [onsSource(r)];
  const ew = r.partial ? 'England and Wales (excluding Greater Manchester)' : ewName;
  return [
    {
      id: `${r.period}-mps-crimes`,
      value: tot.mpsCount!,
      text: formatInt(tot.mpsCount!),
      label: `crimes recorded by the Met (excluding fraud), ${ye}: ${formatPct(tot.mpsPct!)} on the year before`,
      unit: 'crimes',
      source: src,
    },
    {
      id: `${r.period}-england-wales-crimes`,
      value: tot.ewCount!,
      text: formatInt(tot.ewCount!),
      label: `in ${ew}: ${formatPct(tot.ewPct!)}`,
      unit: 'crimes',
      source: src,
    },
    {
      id: `${r.period}-mps-rate`,
      value: tot.mpsRate!,
      text: formatRate(tot.mpsRate!),
      label: `Met crimes per 1,000 population, against ${formatRate(tot.ewRate!)} nationally; ${rank.rank} of ${ranked.length} forces`,
      unit: 'crimes per 1,000 population',
      source: src,
    },
    {
      id: `${r.period}-mps-share`,
      value: Math.round(tot.share! * 100) / 100,
      text: `${tot.share!.toFixed(1)}%`,
      label: `the Met's share of ${ew}${r.partial ? ' (a smaller total: not comparable)' : ''}`,
      unit: '%',
      source: src,
    },
  ];
}

/** The newest numbers the national page leads with: the latest ONS year and the Met's own series to its latest month. */
export function londonNowFacts(): Fact[] {
  const share = mpsShare2025();
  const s = loadCrime();
  const latest = latestMonth(s);
  const roll = rolling12(monthlyTotals(s));
  const last = roll.at(-1)!;
  const p1 = [
    sourceById('ons-pfa-p1-ye2025-06', 'Police Force Area data tables, Table P1', `data to ${monthLong(share.period)}`),
  ];
  return [
    {
      id: 'p1-mps-crimes',
      value: share.mps,
      text: formatInt(share.mps),
      label: `crimes recorded by the Met (excluding fraud) in the year ending ${monthLong(share.period)}`,
      unit: 'crimes',
      source: p1,
    },
    {
      id: 'p1-mps-share',
      value: Math.round(share.pct * 100) / 100,
      text: `${share.pct.toFixed(1)}%`,
      label: `of the ${formatInt(share.ew)} in England and Wales`,
      unit: '%',
      source: p1,
    },
    {
      id: 'mps-rolling-12-months',
      value: last.rolling,
      text: formatInt(last.rolling),
      label: `crimes in the 12 months to ${monthLong(latest)} (the Met's monthly data, fraud it records included)`,
      unit: 'crimes',
      source: [mpsSource(latest)],
    },
    {
      id: 'mps-rolling-12-months-change',
      value: Math.round(last.pct! * 100) / 100,
      text: formatPct(last.pct!),
      label: `on the 12 months to ${monthLong(roll.at(-13)?.month ?? latest)}`,
      unit: '%',
      source: [mpsSource(latest)],
    },
  ];
}

export function nationalFigures(): Figure[] {
  return [...loadReleases().releases.flatMap(releaseFigures), ...londonNowFigures()];
}
