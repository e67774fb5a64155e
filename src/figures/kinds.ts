/**
 * Builders for the figure kinds the site repeats: a monthly series with its 12-month
 * average, ranked bars, and a choropleth. Each makes the chart, the table (exactly
 * the plotted data) and the standard parts, so that every page's figures of one
 * kind read and download alike.
 */
import { rolling12Mean } from '../lib/crime.ts';
import { formatInt, formatPct, monthLong, periodLong } from '../lib/format.ts';
import type { Topology } from 'topojson-specification';
import { outlinesOf } from '../charts/outlines.ts';
import type { Figure, FigureSource, TableColumn } from './types.ts';
import type { RankedDatum } from '../charts/rankedBars.ts';
import type { ChoroplethDatum } from '../charts/choropleth.ts';

interface Common {
  id: string;
  page: string;
  title: string;
  subtitle: string;
  source: FigureSource[];
  notes: string[];
}

/** A monthly series: counts each month and the mean of the 12 months to each month. */
export interface TrendPoint {
  month: string;
  total: number;
  rolling: number | null;
}

export function trendPoints(series: { month: string; total: number }[]): TrendPoint[] {
  const roll = rolling12Mean(series.map((m) => m.total));
  return series.map((m, i) => ({
    month: m.month,
    total: m.total,
    rolling: roll[i] === null ? null : Math.round(roll[i]! * 10) / 10,
  }));
}

/**
 * A monthly trend in words, the latest year first: its 12 months against the 12 before,
 * then the latest month, then the long run (the first 12-month average against the last)
 * and the highest and lowest months. The series is a run of consecutive months.
 */
export function trendWords(trend: TrendPoint[], who: string, where: string): string {
  const last = trend.at(-1)!;
  const max = trend.reduce((a, b) => (b.total > a.total ? b : a));
  const min = trend.reduce((a, b) => (b.total < a.total ? b : a));
  const rolled = trend.filter((t) => t.rolling !== null);
  const firstR = rolled[0];
  const lastR = rolled.at(-1);
  const sum = (from: number, to: number) => trend.slice(from, to).reduce((a, t) => a + t.total, 0);
  const n = trend.length;
  const year =
    n >= 24
      ? (() => {
          const now = sum(n - 12, n);
          const before = sum(n - 24, n - 12);
          const change = before > 0 ? ` (${formatPct(((now - before) / before) * 100)})` : '';
          return `In the 12 months to ${monthLong(last.month)} ${who} recorded ${formatInt(now)} crimes${where}, against ${formatInt(before)} in the 12 months before${change}. ${monthLong(last.month)} alone: ${formatInt(last.total)}. `;
        })()
      : `In ${monthLong(last.month)} ${who} recorded ${formatInt(last.total)} crimes${where}. `;
  return (
    year +
    // The long run only when it reaches back before the year compared, and starts from more than none.
    (firstR && lastR && n > 24 && firstR.rolling! > 0
      ? `Over the longer run, the 12-month average was ${formatInt(lastR.rolling!)} a month in the year to ${monthLong(lastR.month)}, against ${formatInt(firstR.rolling!)} in the year to ${monthLong(firstR.month)} (${formatPct(((lastR.rolling! - firstR.rolling!) / firstR.rolling!) * 100)}). `
      : '') +
    `The highest month was ${monthLong(max.month)} (${formatInt(max.total)}) and the lowest ${monthLong(min.month)} (${formatInt(min.total)}).`
  );
}

export function trendFigure(
  o: Common & { trend: TrendPoint[]; description: string; caption?: string; widths?: number[] },
): Figure {
  const t = o.trend;
  return {
    id: o.id,
    page: o.page,
    title: o.title,
    subtitle: o.subtitle,
    description: o.description,
    chart: { kind: 'monthlyTrend', data: t },
    widths: o.widths,
    table: {
      caption:
        o.caption ??
        `Crimes recorded by month, ${periodLong(t[0]!.month, t.at(-1)!.month)}, with the trailing 12-month average`,
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'total', label: 'Crimes recorded', numeric: true, format: (v) => formatInt(v as number) },
        {
          key: 'rolling_12m_average',
          label: '12-month average (crimes a month)',
          numeric: true,
          format: (v) => (v === null ? '–' : formatInt(v as number)),
        },
      ],
      rows: t.map((p) => ({ month: p.month, total: p.total, rolling_12m_average: p.rolling })),
    },
    source: o.source,
    notes: o.notes,
  };
}

export function rankedBarsFigure(
  o: Common & {
    description: string;
    bars: RankedDatum[];
    xLabel: string;
    mark?: 'bar' | 'dot';
    table: { caption: string; columns: TableColumn[]; rows: Record<string, string | number | null>[] };
    widths?: number[];
    minHeight?: number;
  },
): Figure {
  return {
    id: o.id,
    page: o.page,
    title: o.title,
    subtitle: o.subtitle,
    description: o.description,
    chart: { kind: 'rankedBars', data: o.bars, xLabel: o.xLabel, mark: o.mark, minHeight: o.minHeight },
    widths: o.widths ?? [360, 560],
    table: o.table,
    source: o.source,
    notes: o.notes,
  };
}

export function choroplethFigure(
  o: Common & {
    description: string;
    data: ChoroplethDatum[];
    topology: Topology;
    objectName?: string;
    breaks: number[];
    legendLabel: string;
    noDataLabel: string;
    names?: Record<string, string>;
    table: { caption: string; columns: TableColumn[]; rows: Record<string, string | number | null>[] };
    widths?: number[];
    unit?: string;
    highlight?: string | null;
    classes?: number;
  },
): Figure {
  return {
    id: o.id,
    page: o.page,
    title: o.title,
    subtitle: o.subtitle,
    description: o.description,
    chart: {
      kind: 'choropleth',
      data: o.data,
      outlines: outlinesOf(o.topology, o.objectName ?? 'boroughs'),
      breaks: o.breaks,
      legendLabel: o.legendLabel,
      noDataLabel: o.noDataLabel,
      names: o.names,
      unit: o.unit,
      highlight: o.highlight,
      classes: o.classes,
    },
    widths: o.widths ?? [360, 560],
    table: o.table,
    source: o.source,
    notes: o.notes,
  };
}
