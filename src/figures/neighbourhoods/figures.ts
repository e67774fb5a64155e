/**
 * The Neighbourhood Confidence Comparator's figures as pure functions of a view (measure,
 * borough, quarter, overdispersion on or off) and its data. The build calls them for the
 * default view (src/figures/neighbourhoods/build.ts); the browser calls the same
 * functions for every other view (src/figures/neighbourhoods/view.ts), through the same figure
 * anatomy.
 *
 * Every survey figure rests on one stated assumption: PAS_ASSUMED_N interviews behind each
 * borough's rolling-year value (the dashboard publishes no base sizes).
 */
import type { Topology } from 'topojson-specification';
import type { Outlines } from '../../lib/outlines.ts';
import {
  changeWords,
  funnelBand,
  funnelLimits,
  measureById,
  overdispersion,
  PAS_MEASURES,
  quarterText,
  twoProportionTest,
  wilson,
  yearBefore,
  Z95,
  Z998,
  type FunnelBand,
  type PasTable,
} from '../../lib/pas.ts';
import { median } from '../../lib/stats.ts';
import type { NbState } from './state.ts';
import { quantileBreaks } from '../../lib/breaks.ts';
import { slug } from '../../lib/format.ts';
import type { Figure, FigureSource } from '../types.ts';
import type { IntervalDatum } from '../../charts/funnel.ts';

export interface Similarity {
  /** the indicators used (after the reduction), with their short names */
  variables: { id: string; label: string }[];
  dropped: { id: string; with: string; r: number }[];
  k: number;
  neighbours: Record<string, { code: string; distance: number }[]>;
  groups: Record<string, number>;
  groupNames: string[];
  silhouette: number;
  tried: { k: number; silhouette: number }[];
  /** the sources of the indicators used */
  sources: FigureSource[];
}

export interface NeighbourhoodsInput {
  pas: PasTable;
  similarity: Similarity;
  /** all offences per 1,000 residents in the 12 months to each quarter end, by borough (null where the months are not all published) */
  crime: { rates: Record<string, (number | null)[]>; note: string };
  /** the boroughs' outlines (the maps) */
  outlines: Outlines;
  /** interviews assumed per borough and rolling year */
  n: number;
  sources: { pas: FigureSource; census: FigureSource; crime: FigureSource; boundaries: FigureSource };
}

const pct = (p: number) => `${(p * 100).toFixed(0)}%`;
const pct1 = (p: number) => Math.round(p * 1000) / 10;
const nameOf = (pas: PasTable, code: string) => pas.boroughs.find((b) => b.code === code)?.name ?? code;

export interface BoroughRow {
  code: string;
  name: string;
  value: number;
  lo: number;
  hi: number;
  before: number | null;
  change: ReturnType<typeof twoProportionTest> | null;
  band: FunnelBand;
  group: number;
}

/** Every borough's value for the view, with its interval, change flag and funnel band. */
export function boroughRows(
  v: NeighbourhoodsInput,
  s: NbState,
): { rows: BoroughRow[]; london: number; tau2: number; phi: number } {
  const { pas, n } = v;
  const qi = pas.quarters.indexOf(s.quarter);
  const bi = pas.quarters.indexOf(yearBefore(s.quarter));
  const series = pas.values[s.measure]!;
  const london = series[pas.london]![qi]!;
  const present = pas.boroughs.filter((b) => series[b.code]?.[qi] != null);
  const ps = present.map((b) => series[b.code]![qi]!);
  const od = overdispersion(
    ps,
    ps.map(() => n),
    london,
  );
  const tau2 = s.od ? od.tau2 : 0;
  const rows = present.map((b, i) => {
    const value = ps[i]!;
    const before = bi >= 0 ? (series[b.code]![bi] ?? null) : null;
    const [lo, hi] = wilson(value, n);
    return {
      code: b.code,
      name: b.name,
      value,
      lo,
      hi,
      before,
      change: before === null ? null : twoProportionTest(before, value, n, n),
      band: funnelBand(value, london, n, tau2),
      group: v.similarity.groups[b.code] ?? -1,
    };
  });
  rows.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'en-GB'));
  return { rows, london, tau2: od.tau2, phi: od.phi };
}

const BAND_WORDS: Record<FunnelBand, string> = {
  within: 'Within the limits',
  'above-95': 'Above the 95% limit',
  'above-99.8': 'Above the 99.8% limit',
  'below-95': 'Below the 95% limit',
  'below-99.8': 'Below the 99.8% limit',
};

function roleOf(v: NeighbourhoodsInput, s: NbState, code: string): IntervalDatum['role'] {
  if (code === s.borough) return 'selected';
  return v.similarity.neighbours[s.borough]?.some((x) => x.code === code) ? 'similar' : 'other';
}

function common(v: NeighbourhoodsInput, s: NbState) {
  const m = measureById(s.measure)!;
  const when = quarterText(s.quarter);
  const name = nameOf(v.pas, s.borough);
  const similar = (v.similarity.neighbours[s.borough] ?? []).map((x) => nameOf(v.pas, x.code));
  return { m, when, name, similar };
}

const assumption = (n: number) =>
  `Intervals and tests assume ${n} interviews behind each borough's rolling-year value: the dashboard publishes no base sizes, and MOPAC interviews about 12,800 Londoners a year, about ${n} in each borough. With fewer interviews the intervals would be wider.`;
const rounding = 'Values are published as whole percentages, so a difference of one point may be rounding.';
const rolling = (when: string) =>
  `Each value covers the 12 months to the end of ${when} (rolling year), as the dashboard publishes it.`;

/** All boroughs ranked, each with its 95 % Wilson interval, the chosen borough and its most similar marked; the table carries the change flags. */
export function rankedFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { m, when, name, similar } = common(v, s);
  const { rows, london } = boroughRows(v, s);
  const rank = rows.findIndex((r) => r.code === s.borough) + 1;
  const sel = rows.find((r) => r.code === s.borough);
  const ups = rows.filter((r) => r.change?.direction === 'up').length;
  const downs = rows.filter((r) => r.change?.direction === 'down').length;
  return {
    id: 'neighbourhoods-ranked',
    fileName: slug(`pas ${m.label} by borough ${when}`),
    page: 'neighbourhoods/',
    title: `${m.short}: all boroughs, 12 months to ${when}`,
    subtitle: `% of respondents, with 95% intervals · ◆ ${name} · ■ its ${similar.length} most similar boroughs · line: London (${pct(london)})`,
    description: sel
      ? `${name}: ${pct(sel.value)} (95% interval ${pct(sel.lo)} to ${pct(sel.hi)}), ${rank} of ${rows.length} boroughs; London ${pct(london)}. Against a year earlier, ${ups} borough${ups === 1 ? '' : 's'} rose and ${downs} fell by more than chance would explain at the assumed sample size (with ${rows.length} boroughs tested at the 5% level, about ${(rows.length * 0.05).toFixed(1)} would be flagged by chance alone).`
      : `${name} has no value for ${when}.`,
    chart: {
      kind: 'intervals',
      data: rows.map((r) => ({
        code: r.code,
        label: r.name,
        value: pct1(r.value),
        lo: pct1(r.lo),
        hi: pct1(r.hi),
        role: roleOf(v, s, r.code),
        title: `${r.name}: ${pct(r.value)} (95% interval ${pct(r.lo)}–${pct(r.hi)}); ${changeWords(r.change)} on a year earlier`,
      })),
      target: pct1(london),
      targetLabel: `London ${pct(london)}`,
      xLabel: `${m.label} (% of respondents)`,
    },
    widths: [360, 720],
    table: {
      caption: `${m.short}, by borough, 12 months to ${when}, highest first, with the change on a year earlier`,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'percent', label: '% of respondents', numeric: true },
        { key: 'lower_95', label: '95% interval, lower', numeric: true },
        { key: 'upper_95', label: '95% interval, upper', numeric: true },
        { key: 'percent_year_before', label: '% a year earlier', numeric: true },
        { key: 'change_points', label: 'Change (points)', numeric: true },
        {
          key: 'change_p_value',
          label: 'p-value of the change',
          numeric: true,
          format: (x) => (x === null ? '' : Number(x) < 0.001 ? '<0.001' : Number(x).toFixed(3)),
        },
        { key: 'change', label: 'Significantly changed?' },
        { key: 'funnel', label: `Against London (${s.od ? 'overdispersed' : 'binomial'} funnel)` },
        { key: 'group', label: 'Group of similar boroughs' },
      ],
      rows: rows.map((r, i) => ({
        rank: i + 1,
        borough: r.name,
        code: r.code,
        percent: pct1(r.value),
        lower_95: pct1(r.lo),
        upper_95: pct1(r.hi),
        percent_year_before: r.before === null ? null : pct1(r.before),
        change_points: r.change ? Math.round(r.change.diff * 100) : null,
        change_p_value: r.change ? Math.round(r.change.p * 10000) / 10000 : null,
        change: changeWords(r.change),
        funnel: BAND_WORDS[r.band],
        group: v.similarity.groupNames[r.group] ?? '',
      })),
    },
    source: [v.sources.pas],
    notes: [
      rolling(when),
      assumption(v.n),
      `Intervals are 95% Wilson score intervals. "Significantly changed?" is a two-sided two-proportion z-test of this quarter's value against the same quarter a year earlier (${quarterText(yearBefore(s.quarter))}), at the 5% level, assuming ${v.n} interviews in each; the two rolling years do not overlap.`,
      rounding,
      `Most similar boroughs: nearest neighbours on ${v.similarity.variables.length} standardised indicators (see the method note on this page).`,
    ],
  };
}

/** Funnel plot: every borough against London, with 95 % and 99.8 % limits, binomial or overdispersion-adjusted. */
export function funnelFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { m, when, name } = common(v, s);
  const { rows, london, tau2, phi } = boroughRows(v, s);
  const t2 = s.od ? tau2 : 0;
  // Curves from 50 to 1,200 interviews: three times the assumed sample, enough to show the funnel narrowing.
  const ns = Array.from({ length: 24 }, (_, i) => 50 * (i + 1));
  const curves = [
    { label: '95%', z: Z95 },
    { label: '99.8%', z: Z998 },
  ].map((c) => ({
    label: `${c.label} limits`,
    points: ns.map((n) => ({
      n,
      lo: pct1(funnelLimits(london, n, c.z, t2)[0]),
      hi: pct1(funnelLimits(london, n, c.z, t2)[1]),
    })),
  }));
  const beyond = rows.filter((r) => r.band !== 'within');
  const beyond998 = rows.filter((r) => r.band.endsWith('99.8'));
  const [l95, u95] = funnelLimits(london, v.n, Z95, t2);
  const [l998, u998] = funnelLimits(london, v.n, Z998, t2);
  // The other limits' count, for the note that says why these are shown.
  const other = boroughRows(v, { ...s, od: !s.od }).rows.filter((r) => r.band.endsWith('99.8')).length;
  const spread =
    tau2 > 0
      ? `The boroughs' values vary more than the survey's sampling error explains (φ = ${phi.toFixed(2)}; φ = 1 would be sampling error alone)`
      : `The boroughs' values vary no more than the survey's sampling error explains (φ = ${phi.toFixed(2)}), so the two kinds of limits are the same`;
  const why = s.od
    ? `Why these limits: ${spread}${tau2 > 0 ? `, so these limits widen the funnel by the extra variation, and ask which boroughs stand out from the spread of London's boroughs. With binomial limits (sampling error only) ${other} of ${rows.length} boroughs fall outside the 99.8% limits.` : '.'}`
    : `Why these limits: binomial limits are the default because they answer the question the page asks of a borough, whether its value differs from London's by more than its interviews' sampling error. ${spread}${tau2 > 0 ? `: with the overdispersion-adjusted limits, which ask whether a borough stands out from the spread of London's boroughs, ${other} of ${rows.length} ${other === 1 ? 'falls' : 'fall'} outside the 99.8% limits` : ''}. Choose the limits above the figure; the page's "Every measure" figure has every measure under both.`;
  const kind = !s.od
    ? 'binomial limits'
    : tau2 > 0
      ? `overdispersion-adjusted limits (τ² = ${tau2.toFixed(5)} on the arcsine scale, φ = ${phi.toFixed(2)})`
      : `binomial limits: no overdispersion found (φ = ${phi.toFixed(2)}, τ² = 0)`;
  return {
    id: 'neighbourhoods-funnel',
    fileName: slug(`pas funnel ${m.label} ${when} ${s.od ? 'overdispersed' : 'binomial'}`),
    page: 'neighbourhoods/',
    title: `${m.short}: which boroughs differ from London beyond chance? 12 months to ${when}`,
    subtitle: `Funnel plot, ${kind} · every borough at the assumed ${v.n} interviews · ◆ ${name}`,
    description: `At ${v.n} interviews, the 95% limits around London's ${pct(london)} run from ${pct1(l95)}% to ${pct1(u95)}% and the 99.8% limits from ${pct1(l998)}% to ${pct1(u998)}%. ${beyond.length} of ${rows.length} boroughs fall outside the 95% limits${beyond.length ? ` (${beyond.map((r) => `${r.name} ${pct(r.value)}`).join(', ')})` : ''}, ${beyond998.length} outside the 99.8% limits.${s.od ? '' : ` With ${rows.length} boroughs, about ${(rows.length * 0.05).toFixed(1)} would fall outside the 95% limits by chance alone.`}`,
    chart: {
      kind: 'funnel',
      data: rows.map((r) => ({
        code: r.code,
        label: r.name,
        value: pct1(r.value),
        lo: pct1(r.lo),
        hi: pct1(r.hi),
        role: roleOf(v, s, r.code),
        title: `${r.name}: ${pct(r.value)}, ${BAND_WORDS[r.band].toLowerCase()}`,
        n: v.n,
        beyond: r.band.endsWith('99.8'),
      })),
      target: pct1(london),
      targetLabel: `London ${pct(london)}`,
      curves,
      xLabel: 'Interviews in the rolling year',
      yLabel: `${m.label} (%)`,
    },
    widths: [360, 720],
    table: {
      caption: `Boroughs against London's ${pct(london)}: ${kind}, at ${v.n} interviews`,
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'percent', label: '% of respondents', numeric: true },
        { key: 'london_percent', label: 'London %', numeric: true },
        { key: 'lower_998', label: '99.8% limit, lower', numeric: true },
        { key: 'lower_95', label: '95% limit, lower', numeric: true },
        { key: 'upper_95', label: '95% limit, upper', numeric: true },
        { key: 'upper_998', label: '99.8% limit, upper', numeric: true },
        { key: 'against_london', label: 'Against London' },
      ],
      rows: rows.map((r) => ({
        borough: r.name,
        code: r.code,
        percent: pct1(r.value),
        london_percent: pct1(london),
        lower_998: pct1(l998),
        lower_95: pct1(l95),
        upper_95: pct1(u95),
        upper_998: pct1(u998),
        against_london: BAND_WORDS[r.band],
      })),
    },
    source: [v.sources.pas],
    notes: [
      rolling(when),
      assumption(v.n),
      "Binomial limits: London ± z·√(p(1−p)/n), z = 1.96 (95%) and 3.09 (99.8%). Overdispersion-adjusted limits follow Spiegelhalter (2005): z-scores on the arcsine-square-root scale, winsorised at the 10th and 90th percentiles, φ their mean square, and τ² = (kφ − (k − 1)) / (Σw − Σw²/Σw) added to each borough's variance. With the same assumed sample size for every borough, every borough stands in one column; the curves show how the limits would narrow with more interviews.",
      why,
      'The London value is the MPS-wide survey result, which is itself an estimate; the limits treat it as the target.',
      "A borough outside the limits differs from London by more than the survey's sampling error would explain at the assumed sample size; it says nothing about why.",
      rounding,
    ],
  };
}

/** The chosen borough's trend against the mean of its most similar boroughs and London. */
export function trendFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { m, name, similar } = common(v, s);
  const { pas } = v;
  const series = pas.values[s.measure]!;
  const nb = (v.similarity.neighbours[s.borough] ?? []).map((x) => x.code);
  const start = pas.quarters.findIndex((_, i) => series[pas.london]![i] !== null);
  const quarters = pas.quarters.slice(start);
  const own = quarters.map((_, j) => series[s.borough]?.[start + j] ?? null);
  const nbMean = quarters.map((_, j) => {
    const xs = nb.map((c) => series[c]?.[start + j] ?? null).filter((x): x is number => x !== null);
    return xs.length === nb.length && xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  });
  const lon = quarters.map((_, j) => series[pas.london]![start + j] ?? null);
  const last = own.at(-1);
  const first = own.find((x) => x !== null);
  return {
    id: 'neighbourhoods-trend',
    fileName: slug(`pas ${m.label} ${name} trend`),
    page: 'neighbourhoods/',
    title: `${m.short}: ${name} against its most similar boroughs and London`,
    subtitle: `% of respondents, rolling 12 months to each quarter end, ${quarterText(quarters[0]!)} to ${quarterText(quarters.at(-1)!)} · band: ${name}'s 95% interval`,
    description:
      last != null && first != null
        ? `${name}: ${pct(first)} in the 12 months to ${quarterText(quarters[own.indexOf(first)]!)}, ${pct(last)} in the 12 months to ${quarterText(quarters.at(-1)!)}; the mean of its most similar boroughs (${similar.join(', ')}) ${nbMean.at(-1) != null ? pct(nbMean.at(-1)!) : 'has no value'}, London ${pct(lon.at(-1)!)}.`
        : `${name} has no values for this measure.`,
    chart: {
      kind: 'multiLine',
      months: quarters,
      series: [
        {
          label: name,
          values: own.map((x) => (x === null ? null : pct1(x))),
          band: {
            lo: own.map((x) => (x === null ? null : pct1(wilson(x, v.n)[0]))),
            hi: own.map((x) => (x === null ? null : pct1(wilson(x, v.n)[1]))),
          },
        },
        { label: `Mean of its ${nb.length} most similar`, values: nbMean.map((x) => (x === null ? null : pct1(x))) },
        { label: 'London (MPS)', values: lon.map((x) => (x === null ? null : pct1(x))) },
      ],
      yLabel: '% of respondents',
      unit: '%',
    },
    widths: [360, 720],
    table: {
      caption: `${m.short}: ${name}, its most similar boroughs and London, by quarter (newest first)`,
      columns: [
        { key: 'quarter_end', label: 'Quarter end' },
        { key: 'borough_percent', label: `${name} %`, numeric: true },
        { key: 'lower_95', label: '95% interval, lower', numeric: true },
        { key: 'upper_95', label: '95% interval, upper', numeric: true },
        { key: 'similar_mean_percent', label: 'Mean of most similar %', numeric: true },
        { key: 'london_percent', label: 'London %', numeric: true },
      ],
      rows: quarters
        .map((q, j) => {
          const x = own[j] ?? null;
          const [lo, hi] = x === null ? [null, null] : wilson(x, v.n);
          return {
            quarter_end: q,
            borough_percent: x === null ? null : pct1(x),
            lower_95: lo === null ? null : pct1(lo),
            upper_95: hi === null ? null : pct1(hi),
            similar_mean_percent: nbMean[j] == null ? null : Math.round(nbMean[j] * 10000) / 100,
            london_percent: lon[j] == null ? null : pct1(lon[j]),
          };
        })
        .reverse(),
    },
    tableLimit: 12,
    source: [v.sources.pas],
    notes: [
      assumption(v.n),
      `London's own interval, at about ${(v.n * v.pas.boroughs.length).toLocaleString('en-GB')} interviews a year (${v.pas.boroughs.length} boroughs × ${v.n}), is about ±1 point.`,
      `Most similar boroughs: ${similar.join(', ')}.`,
      rounding,
    ],
  };
}

/** The measure on a borough map, in five quantile classes. */
export function mapFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { m, when, name } = common(v, s);
  const { rows, london } = boroughRows(v, s);
  const values = rows.map((r) => pct1(r.value));
  const breaks = quantileBreaks(values, 5).map((b) => Math.round(b * 10) / 10);
  return {
    id: 'neighbourhoods-map',
    fileName: slug(`pas map ${m.label} ${when}`),
    page: 'neighbourhoods/',
    title: `${m.short}, by borough, 12 months to ${when}`,
    subtitle: `% of respondents, five classes of about equal numbers of boroughs · outlined: ${name} · no survey in the City of London`,
    description: `Highest: ${rows[0]!.name} ${pct(rows[0]!.value)}; lowest: ${rows.at(-1)!.name} ${pct(rows.at(-1)!.value)}; London ${pct(london)}.${rows.some((r) => r.code === s.borough) ? ` ${name}: ${pct(rows.find((r) => r.code === s.borough)!.value)}.` : ''}`,
    chart: {
      kind: 'choropleth',
      outlines: v.outlines,
      breaks,
      classes: 5,
      unit: '%',
      legendLabel: `${m.label} (% of respondents)`,
      noDataLabel: 'Not surveyed (City of London)',
      highlight: s.borough,
      data: rows.map((r) => ({
        code: r.code,
        value: pct1(r.value),
        title: `${r.name}: ${pct(r.value)} (95% interval ${pct(r.lo)}–${pct(r.hi)})`,
      })),
    },
    widths: [360, 720],
    table: {
      caption: `${m.short} by borough, 12 months to ${when}`,
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'percent', label: '% of respondents', numeric: true },
      ],
      rows: rows.map((r) => ({ borough: r.name, code: r.code, percent: pct1(r.value) })),
    },
    source: [v.sources.pas, v.sources.boundaries],
    notes: [
      rolling(when),
      `Classes are quantiles of the ${rows.length} boroughs' values; neighbouring classes often differ by less than the survey's sampling error (see the intervals above).`,
      rounding,
    ],
  };
}

/** Confidence against crime: the measure against all offences per 1,000 residents in the same 12 months. */
export function crimeFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { m, when, name } = common(v, s);
  const { rows } = boroughRows(v, s);
  const qi = v.pas.quarters.indexOf(s.quarter);
  const data = rows
    .filter((r) => v.crime.rates[r.code]?.[qi] != null)
    .map((r) => ({
      code: r.code,
      name: r.name,
      x: Math.round(v.crime.rates[r.code]![qi]! * 10) / 10,
      y: pct1(r.value),
    }));
  const nb = new Set((v.similarity.neighbours[s.borough] ?? []).map((x) => x.code));
  const n = data.length;
  const mx = data.reduce((a, d) => a + d.x, 0) / n;
  const my = data.reduce((a, d) => a + d.y, 0) / n;
  const r =
    data.reduce((a, d) => a + (d.x - mx) * (d.y - my), 0) /
    Math.sqrt(data.reduce((a, d) => a + (d.x - mx) ** 2, 0) * data.reduce((a, d) => a + (d.y - my) ** 2, 0));
  return {
    id: 'neighbourhoods-crime',
    fileName: slug(`pas ${m.label} against crime ${when}`),
    page: 'neighbourhoods/',
    title: `${m.short} against recorded crime, by borough, 12 months to ${when}`,
    subtitle: `Each dot a borough · ringed: ${name} · line: least squares · r = ${r.toFixed(2)}`,
    description: n
      ? `Across ${n} boroughs the correlation between ${m.label.toLowerCase()} and all offences per 1,000 residents in the same 12 months is r = ${r.toFixed(2)}.`
      : `No crime rates are published for the 12 months to ${when}.`,
    chart: {
      kind: 'scatter',
      data,
      xLabel: 'All offences per 1,000 residents',
      yLabel: `${m.label} (%)`,
      selected: s.borough,
    },
    widths: [360, 720],
    table: {
      caption: `${m.short} and all offences per 1,000 residents, by borough, 12 months to ${when}`,
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'crimes_per_1000', label: 'All offences per 1,000 residents', numeric: true },
        { key: 'percent', label: '% of respondents', numeric: true },
        { key: 'similar', label: `Most similar to ${name}` },
      ],
      rows: data.map((d) => ({
        borough: d.name,
        code: d.code,
        crimes_per_1000: d.x,
        percent: d.y,
        similar: d.code === s.borough ? 'Chosen borough' : nb.has(d.code) ? 'Yes' : '',
      })),
    },
    source: [v.sources.pas, v.sources.crime, v.sources.census],
    notes: [
      rolling(when),
      v.crime.note,
      "A correlation across boroughs describes boroughs, not people: it does not show that the people who meet more crime have less confidence, nor that either causes the other. Central boroughs' rates are inflated by visitors and workers, who are counted in the crimes but not in the residents.",
    ],
  };
}

/** The k-means groups of similar boroughs on a map, the chosen borough outlined. */
export function groupsFigure(v: NeighbourhoodsInput, s: NbState): Figure {
  const { name } = common(v, s);
  const sim = v.similarity;
  const members = sim.groupNames.map((_, g) => v.pas.boroughs.filter((b) => sim.groups[b.code] === g));
  const mine = sim.groups[s.borough];
  return {
    id: 'neighbourhoods-groups',
    page: 'neighbourhoods/',
    title: `${sim.k} groups of similar boroughs`,
    subtitle: `k-means on ${sim.variables.length} standardised indicators, k chosen by silhouette (${sim.silhouette.toFixed(2)}) · outlined: ${name}`,
    description:
      members.map((m, g) => `${sim.groupNames[g]}: ${m.length} boroughs`).join('; ') +
      (mine === undefined ? '.' : `. ${name} is in the group "${sim.groupNames[mine]}".`),
    chart: {
      kind: 'choropleth',
      outlines: v.outlines,
      breaks: sim.groupNames.slice(1).map((_, i) => i + 0.5),
      categories: sim.groupNames,
      legendLabel: 'Group',
      noDataLabel: 'Not surveyed (City of London)',
      highlight: s.borough,
      data: v.pas.boroughs.map((b) => ({
        code: b.code,
        value: sim.groups[b.code]!,
        title: `${b.name}: ${sim.groupNames[sim.groups[b.code]!]}`,
      })),
    },
    widths: [360, 720],
    table: {
      caption: "Each surveyed borough's group",
      columns: [
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'group', label: 'Group' },
      ],
      rows: v.pas.boroughs.map((b) => ({ borough: b.name, code: b.code, group: sim.groupNames[sim.groups[b.code]!]! })),
    },
    source: [...sim.sources, v.sources.boundaries],
    notes: [
      `Indicators: ${sim.variables.map((x) => x.label).join(', ')}.`,
      `k-means with k-means++ starts, seed 2024, 50 starts for each k from 3 to 8; mean silhouette ${sim.tried.map((t) => `k = ${t.k}: ${t.silhouette.toFixed(2)}`).join(', ')}. A silhouette near 0.3 means the groups overlap: boroughs near a group's edge could sit in the next one.`,
      `Each group is named by rule after its two indicators furthest from the average of the ${v.pas.boroughs.length} boroughs. Groups describe boroughs; they do not explain confidence or crime.`,
    ],
  };
}

/**
 * Every measure at once, for the latest quarter: each borough's value, its change on the
 * year with the test's flag, and where it falls against London under both kinds of funnel
 * limits; the chart counts the boroughs outside the 99.8% limits under each. Static: the
 * page's views show one measure and one kind of limits at a time, this figure (and its
 * CSV) all of them.
 */
export function allMeasuresFigure(v: NeighbourhoodsInput, quarter: string): Figure {
  const when = quarterText(quarter);
  const before = quarterText(yearBefore(quarter));
  const per = PAS_MEASURES.filter(
    (m) => v.pas.values[m.id]?.[v.pas.london]?.[v.pas.quarters.indexOf(quarter)] != null,
  ).map((m) => {
    const s = { measure: m.id, borough: v.pas.boroughs[0]!.code, quarter, od: false };
    const bin = boroughRows(v, s);
    const adj = boroughRows(v, { ...s, od: true });
    const bandAdj = new Map(adj.rows.map((r) => [r.code, r.band]));
    return { m, bin, adj, bandAdj };
  });
  const outside = (rows: BoroughRow[]) => rows.filter((r) => r.band.endsWith('99.8')).length;
  const changed = per.reduce((a, p) => a + p.bin.rows.filter((r) => r.change?.significant).length, 0);
  const tested = per.reduce((a, p) => a + p.bin.rows.filter((r) => r.change).length, 0);
  const most = [...per].sort((a, b) => outside(b.bin.rows) - outside(a.bin.rows))[0]!;
  return {
    id: 'neighbourhoods-all-measures',
    page: 'neighbourhoods/',
    title: `Every measure: boroughs beyond London's limits, binomial and adjusted, 12 months to ${when}`,
    subtitle: `Boroughs outside the 99.8% funnel limits around London, by measure: ● binomial limits (sampling error only), □ overdispersion-adjusted · at the assumed ${v.n} interviews`,
    description: `Under binomial limits “${most.m.short}” has the most boroughs outside London's 99.8% limits (${outside(most.bin.rows)} of ${most.bin.rows.length}); under the overdispersion-adjusted limits ${outside(most.adj.rows)}. Across the ${per.length} measures, ${changed} of ${tested} borough values changed on the year by more than chance (two-proportion test, 5% level); by chance alone about ${Math.round(tested * 0.05)} would.`,
    chart: {
      kind: 'pairedDots',
      signed: false,
      xLabel: 'Boroughs outside 99.8% limits →',
      aLabel: 'Binomial',
      bLabel: 'Overdispersion-adjusted',
      data: per.map((p) => ({
        label: p.m.label,
        a: outside(p.bin.rows),
        b: outside(p.adj.rows),
        title: `${p.m.label}: ${outside(p.bin.rows)} boroughs outside the binomial 99.8% limits, ${outside(p.adj.rows)} outside the adjusted (φ = ${p.bin.phi.toFixed(2)})`,
      })),
    },
    widths: [360, 720],
    tableLimit: 40,
    table: {
      caption: `Every measure and borough, 12 months to ${when}: the value, its change on ${before}, and where it falls against London under binomial and overdispersion-adjusted limits`,
      columns: [
        { key: 'measure', label: 'Measure' },
        { key: 'borough', label: 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'percent', label: '% of respondents', numeric: true },
        { key: 'year_before', label: `% a year before (${before})`, numeric: true },
        { key: 'change_points', label: 'Change (points)', numeric: true },
        { key: 'change_p', label: 'Change: p-value', numeric: true },
        { key: 'change', label: 'Change on the year' },
        { key: 'binomial', label: 'Against London, binomial limits' },
        { key: 'adjusted', label: 'Against London, adjusted limits' },
        { key: 'phi', label: 'φ (overdispersion) of the measure', numeric: true },
      ],
      rows: per.flatMap((p) =>
        p.bin.rows.map((r) => ({
          measure: p.m.label,
          borough: r.name,
          code: r.code,
          percent: pct1(r.value),
          year_before: r.before === null ? null : pct1(r.before),
          change_points: r.change ? Math.round(r.change.diff * 1000) / 10 : null,
          change_p: r.change ? Math.round(r.change.p * 10000) / 10000 : null,
          change: changeWords(r.change),
          binomial: BAND_WORDS[r.band],
          adjusted: BAND_WORDS[p.bandAdj.get(r.code)!],
          phi: Math.round(p.bin.phi * 100) / 100,
        })),
      ),
    },
    source: [v.sources.pas],
    notes: [
      rolling(when),
      assumption(v.n),
      "Binomial limits ask whether a borough differs from London by more than its interviews' sampling error; overdispersion-adjusted limits (Spiegelhalter 2005) widen them by the extra variation between boroughs (φ above 1) and ask which boroughs stand out from the spread of London's boroughs. The page's funnel shows one measure with either kind.",
      `A change is flagged when a two-proportion z-test of the value against the value a year before (${before}) gives p < 0.05, with ${v.n} interviews assumed in each year; with many boroughs and measures tested, some flags are chance.`,
      rounding,
    ],
  };
}

export function neighbourhoodsFigures(v: NeighbourhoodsInput, s: NbState): Figure[] {
  return [
    rankedFigure(v, s),
    funnelFigure(v, s),
    trendFigure(v, s),
    mapFigure(v, s),
    crimeFigure(v, s),
    groupsFigure(v, s),
  ];
}

/** The ward crime comparator's data: every Met ward's rates by offence group, its borough's, and its most similar wards. */
export interface WardData {
  /** the 12 months the rates cover, in words */
  period: string;
  groups: { id: string; label: string }[];
  wards: { code: string; name: string; borough: string; boroughName: string }[];
  /** crimes per 1,000 residents by ward, one per group (null: no rate) */
  rates: Record<string, (number | null)[]>;
  boroughRates: Record<string, (number | null)[]>;
  /** each ward's most similar wards, nearest first */
  neighbours: Record<string, string[]>;
  variables: { id: string; label: string }[];
  dropped: { id: string; with: string; r: number }[];
  notes: string[];
  sources: FigureSource[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** One row per offence group: the ward's rate, its similar wards' median, lowest and highest, and its borough's. */
export function wardRows(w: WardData, ward: string) {
  const me = w.wards.find((x) => x.code === ward)!;
  const nb = w.neighbours[ward] ?? [];
  return w.groups.map((g, gi) => {
    const rate = w.rates[ward]?.[gi] ?? null;
    const others = nb.map((c) => w.rates[c]?.[gi] ?? null).filter((x): x is number => x !== null);
    const med = others.length ? median(others) : null;
    return {
      group: g.label,
      rate,
      median: med,
      lo: others.length ? Math.min(...others) : null,
      hi: others.length ? Math.max(...others) : null,
      n: others.length,
      borough: w.boroughRates[me.borough]?.[gi] ?? null,
    };
  });
}

/** The ward comparator: a ward's crime rates by offence group against its most similar wards and its borough. */
export function wardFigure(w: WardData, ward: string): Figure {
  const me = w.wards.find((x) => x.code === ward)!;
  const nb = w.neighbours[ward] ?? [];
  const rows = wardRows(w, ward);
  const idx = (x: number | null, m: number | null) => (x === null || m === null || m === 0 ? null : r1((x / m) * 100));
  const drawn = rows.filter((r) => r.median !== null && r.median > 0);
  const above = rows.filter((r) => r.rate !== null && r.hi !== null && r.rate > r.hi).map((r) => r.group);
  const below = rows.filter((r) => r.rate !== null && r.lo !== null && r.rate < r.lo).map((r) => r.group);
  const all = rows[0]!;
  return {
    id: 'neighbourhoods-ward',
    fileName: slug(`ward crime comparator ${me.name} ${me.code} ${w.period}`),
    page: 'neighbourhoods/',
    title: `Crime in ${me.name} (${me.boroughName}) against the ${nb.length} wards most like it, ${w.period}`,
    subtitle: `Crimes per 1,000 residents by offence group, as % of the median of the ${nb.length} most similar wards · ◆ ${me.name} · ■ ${me.boroughName}`,
    description: `${me.name}: ${all.rate === null ? 'no rate' : `${r1(all.rate)} crimes per 1,000 residents`}; the median of its ${nb.length} most similar wards ${all.median === null ? 'has no rate' : r1(all.median)}, ${me.boroughName} ${all.borough === null ? 'no rate' : r1(all.borough)}. ${above.length ? `Above every similar ward: ${above.join(', ')}.` : 'Above every similar ward: none.'} ${below.length ? `Below every similar ward: ${below.join(', ')}.` : 'Below every similar ward: none.'}`,
    chart: {
      kind: 'comparator',
      rows: drawn.map((r) => ({
        label: r.group,
        value: idx(r.rate, r.median),
        lo: idx(r.lo, r.median)!,
        hi: idx(r.hi, r.median)!,
        borough: idx(r.borough, r.median),
        title: `${r.group}: ${me.name} ${r.rate === null ? 'no rate' : r1(r.rate)}, similar wards' median ${r1(r.median!)} (range ${r1(r.lo!)}–${r1(r.hi!)}), ${me.boroughName} ${r.borough === null ? 'no rate' : r1(r.borough)} per 1,000 residents`,
      })),
      xLabel: "% of the similar wards' median",
      areaLabel: me.name,
      boroughLabel: me.boroughName,
    },
    widths: [360, 720],
    table: {
      caption: `Crimes per 1,000 residents, ${w.period}: ${me.name}, its ${nb.length} most similar wards and ${me.boroughName}`,
      columns: [
        { key: 'offence_group', label: 'Offence group' },
        { key: 'ward_rate', label: `${me.name}`, numeric: true },
        { key: 'similar_median', label: 'Similar wards: median', numeric: true },
        { key: 'similar_lowest', label: 'lowest', numeric: true },
        { key: 'similar_highest', label: 'highest', numeric: true },
        { key: 'borough_rate', label: me.boroughName, numeric: true },
        { key: 'ward_as_pct_of_median', label: '% of the median', numeric: true },
      ],
      rows: rows.map((r) => ({
        offence_group: r.group,
        ward_rate: r.rate === null ? null : r1(r.rate),
        similar_median: r.median === null ? null : r1(r.median),
        similar_lowest: r.lo === null ? null : r1(r.lo),
        similar_highest: r.hi === null ? null : r1(r.hi),
        borough_rate: r.borough === null ? null : r1(r.borough),
        ward_as_pct_of_median: idx(r.rate, r.median),
      })),
    },
    source: w.sources,
    notes: [
      `Most similar wards: the ${nb.length} nearest on ${w.variables.length} standardised indicators (${w.variables.map((v) => v.label).join(', ')}), by Euclidean distance, among the ${w.wards.length} Met wards.`,
      ...w.notes,
      'Rates per resident overstate crime where many people work, shop or visit; similar wards share resident characteristics, not footfall.',
      ...(drawn.length < rows.length
        ? [
            `Not drawn (the similar wards' median is 0 or missing): ${rows
              .filter((r) => !drawn.includes(r))
              .map((r) => r.group)
              .join(', ')}; their rates are in the table.`,
          ]
        : []),
    ],
  };
}

/** Where the ward and its most similar wards are. */
export function wardMapFigure(
  w: WardData,
  ward: string,
  boroughs: Topology,
  wards: Topology,
  boundaries: FigureSource,
): Figure {
  const me = w.wards.find((x) => x.code === ward)!;
  const nb = w.neighbours[ward] ?? [];
  const name = (c: string) => w.wards.find((x) => x.code === c)?.name ?? c;
  const boroughOf = (c: string) => w.wards.find((x) => x.code === c)?.boroughName ?? '';
  const sameBorough = nb.filter((c) => w.wards.find((x) => x.code === c)?.borough === me.borough).length;
  return {
    id: 'neighbourhoods-ward-map',
    fileName: slug(`wards most like ${me.name} ${me.code}`),
    page: 'neighbourhoods/',
    title: `The ${nb.length} wards most like ${me.name}`,
    subtitle: `${me.name} in the highlight colour · its most similar wards shaded · every ward is listed, nearest first, in the table`,
    description: `${nb.length} wards, ${sameBorough} of them in ${me.boroughName}; the nearest is ${name(nb[0] ?? '')} (${boroughOf(nb[0] ?? '')}).`,
    chart: {
      kind: 'locator',
      base: boroughs,
      baseObject: 'boroughs',
      target: wards,
      targetObject: 'areas',
      code: ward,
      neighbours: nb,
      label: me.name,
      neighbourFill: true,
    },
    widths: [360, 720],
    table: {
      caption: `The ${nb.length} wards most like ${me.name}, nearest first`,
      columns: [
        { key: 'order', label: 'Nearest', numeric: true },
        { key: 'ward', label: 'Ward' },
        { key: 'code', label: 'Code' },
        { key: 'borough', label: 'Borough' },
      ],
      rows: nb.map((c, i) => ({ order: i + 1, ward: name(c), code: c, borough: boroughOf(c) })),
    },
    source: [boundaries],
    notes: [
      "Similar wards are chosen on the residents' characteristics, not on distance: they may be anywhere in London.",
    ],
  };
}
