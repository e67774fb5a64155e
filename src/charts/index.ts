/**
 * Every chart kind by name, so a figure can be rendered from a serialisable
 * description ({ kind, data, options }) at build time and again in the browser.
 */
import type { Topology } from 'topojson-specification';
import { changeByGroupChart } from './changeByGroup.ts';
import { monthlyTrendChart, type TrendPoint } from './monthlyTrend.ts';
import { rankedBarsChart, type RankedDatum } from './rankedBars.ts';
import { choroplethFromSpec, type ChoroplethSpec } from './choropleth.ts';
import { scatterFromSpec, type ScatterSpec } from './scatter.ts';
import { pairedDotsChart, type PairedDatum } from './pairedDots.ts';
import { releaseShareChart, type ShareDatum } from './releaseShare.ts';
import { rollingChart, type RollingDatum } from './rolling.ts';
import { divergingBarsChart, type DivergingDatum } from './changeByGroup.ts';
import { locatorChart } from './locator.ts';
import { hotspotMapChart, type HotspotMapSpec } from './hotspotMap.ts';
import { concentrationCurveChart, type CurvePoint } from './concentrationCurve.ts';
import { multiLineChart, type LineSeries } from './multiLine.ts';
import { stackedBarsChart, type StackedDatum } from './stackedBars.ts';
import { heatmapChart, type HeatCell } from './heatmap.ts';
import { pointMapChart, type MapPoint } from './pointMap.ts';
import {
  comparatorChart,
  funnelChart,
  intervalsChart,
  type ComparatorRow,
  type FunnelCurve,
  type IntervalDatum,
} from './funnel.ts';
import type { GroupChange } from '../lib/crime.ts';

export type ChartSpec =
  | { kind: 'changeByGroup'; data: GroupChange[] }
  | { kind: 'monthlyTrend'; data: TrendPoint[] }
  | { kind: 'rankedBars'; data: RankedDatum[]; xLabel: string; mark?: 'bar' | 'dot'; minHeight?: number }
  | ChoroplethSpec
  | ScatterSpec
  | { kind: 'pairedDots'; data: PairedDatum[]; xLabel: string; aLabel: string; bLabel: string; signed?: boolean }
  | { kind: 'releaseShare'; data: ShareDatum[]; yLabel: string }
  | { kind: 'rolling'; data: RollingDatum[] }
  | { kind: 'divergingBars'; data: DivergingDatum[]; xLabel: string; unit?: 'pct' | 'count'; textWidth?: number }
  | {
      kind: 'locator';
      base: Topology;
      baseObject: string;
      target: Topology;
      targetObject: string;
      code: string;
      neighbours: string[];
      label: string;
      neighbourFill?: boolean;
    }
  | ({ kind: 'hotspotMap' } & HotspotMapSpec)
  | { kind: 'concentration'; withCrime: CurvePoint[]; all: CurvePoint[]; placeWord: string }
  | {
      kind: 'multiLine';
      months: string[];
      series: LineSeries[];
      yLabel: string;
      unit: string;
      hoverFirstOnly?: boolean;
    }
  | {
      kind: 'heatmap';
      data: HeatCell[];
      rows: string[];
      cols: string[];
      xLabel: string;
      breaks: number[];
      legendLabel: string;
    }
  | {
      kind: 'pointMap';
      points: MapPoint[];
      base: Topology;
      baseObject: string;
      binAbove: number;
      unit: string;
      cells?: boolean;
      focus?: string[];
    }
  | {
      kind: 'funnel';
      data: (IntervalDatum & { n: number; beyond: boolean })[];
      target: number;
      targetLabel: string;
      curves: FunnelCurve[];
      xLabel: string;
      yLabel: string;
    }
  | { kind: 'comparator'; rows: ComparatorRow[]; xLabel: string; areaLabel: string; boroughLabel: string }
  | { kind: 'intervals'; data: IntervalDatum[]; target: number; targetLabel: string; xLabel: string }
  | {
      kind: 'stackedBars';
      data: StackedDatum[];
      categories: string[];
      series: string[];
      yLabel: string;
      unit: string;
      everyNth?: number;
      colours?: string[];
    };

export function renderChart(
  spec: ChartSpec,
  base: { width: number; document: Document; ariaLabel?: string; inline?: boolean; canvas?: boolean },
): SVGSVGElement {
  switch (spec.kind) {
    case 'changeByGroup':
      return changeByGroupChart(spec.data, base);
    case 'monthlyTrend':
      return monthlyTrendChart(spec.data, base);
    case 'rankedBars':
      return rankedBarsChart(spec.data, { ...base, xLabel: spec.xLabel, mark: spec.mark, minHeight: spec.minHeight });
    case 'choropleth':
      return choroplethFromSpec(spec, base);
    case 'scatter':
      return scatterFromSpec(spec, base);
    case 'pairedDots':
      return pairedDotsChart(spec.data, {
        ...base,
        xLabel: spec.xLabel,
        aLabel: spec.aLabel,
        bLabel: spec.bLabel,
        signed: spec.signed,
      });
    case 'releaseShare':
      return releaseShareChart(spec.data, { ...base, yLabel: spec.yLabel });
    case 'rolling':
      return rollingChart(spec.data, base);
    case 'locator':
      return locatorChart(spec.base, spec.target, {
        ...base,
        baseObject: spec.baseObject,
        targetObject: spec.targetObject,
        code: spec.code,
        neighbours: spec.neighbours,
        label: spec.label,
        neighbourFill: spec.neighbourFill,
      });
    case 'hotspotMap':
      return hotspotMapChart(spec, base);
    case 'concentration':
      return concentrationCurveChart(spec, base);
    case 'heatmap':
      return heatmapChart(spec.data, {
        ...base,
        rows: spec.rows,
        cols: spec.cols,
        xLabel: spec.xLabel,
        breaks: spec.breaks,
        legendLabel: spec.legendLabel,
      });
    case 'pointMap':
      return pointMapChart(spec.points, {
        ...base,
        base: spec.base,
        baseObject: spec.baseObject,
        binAbove: spec.binAbove,
        unit: spec.unit,
        cells: spec.cells,
        focus: spec.focus,
        canvas: base.canvas,
      });
    case 'multiLine':
      return multiLineChart(spec.months, spec.series, {
        ...base,
        yLabel: spec.yLabel,
        unit: spec.unit,
        hoverFirstOnly: spec.hoverFirstOnly,
      });
    case 'stackedBars':
      return stackedBarsChart(spec.data, {
        ...base,
        categories: spec.categories,
        series: spec.series,
        yLabel: spec.yLabel,
        unit: spec.unit,
        everyNth: spec.everyNth,
        colours: spec.colours,
      });
    case 'funnel':
      return funnelChart(spec.data, {
        ...base,
        target: spec.target,
        targetLabel: spec.targetLabel,
        curves: spec.curves,
        xLabel: spec.xLabel,
        yLabel: spec.yLabel,
      });
    case 'comparator':
      return comparatorChart(spec.rows, {
        ...base,
        xLabel: spec.xLabel,
        areaLabel: spec.areaLabel,
        boroughLabel: spec.boroughLabel,
      });
    case 'intervals':
      return intervalsChart(spec.data, {
        ...base,
        target: spec.target,
        targetLabel: spec.targetLabel,
        xLabel: spec.xLabel,
      });
    case 'divergingBars':
      return divergingBarsChart(spec.data, {
        ...base,
        xLabel: spec.xLabel,
        unit: spec.unit,
        textWidth: spec.textWidth,
      });
  }
}
