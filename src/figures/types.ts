import type { ChartSpec } from '../charts/index.ts';

export interface TableColumn {
  key: string;
  label: string;
  numeric?: boolean;
  /** Display formatting in the HTML table; CSV downloads carry the raw value. */
  format?: (v: unknown) => string;
}

export interface FigureSource {
  /** Short name of the data, e.g. "MPS recorded crime". */
  name: string;
  publisher: string;
  attribution: string;
  licence: string;
  url: string;
  /** The data date the figure depends on, in words ("data to February 2026"). */
  dataDate: string;
}

/** Everything a page, an embed page and a download needs to publish one figure. */
export interface Figure {
  /** Stable id: embed URL, download file names and tests use it. */
  id: string;
  /**
   * The downloads' file name without extension, recording the view it shows
   * ("atlas-burglary-crimes-per-1000-residents-by-ward-march-2025-to-february-2026");
   * defaults to the id.
   */
  fileName?: string;
  /** Page the figure is published on (path under the base, e.g. "" for home). */
  page: string;
  title: string;
  subtitle: string;
  /** Text description generated from the data. */
  description: string;
  chart: ChartSpec;
  /**
   * The widths the chart is designed for; its widest (720 unless it says) is the drawing for
   * large columns, and it is drawn at 300 and 480 px for small and medium ones (drawnWidths in
   * figures/anatomy.ts).
   */
  widths?: number[];
  table: { caption: string; columns: TableColumn[]; rows: Record<string, string | number | null>[] };
  /**
   * Rows shown in the page's table when the table is long (the first ones; the
   * caption then says how many of how many). The CSV download always has every row.
   */
  tableLimit?: number;
  /**
   * Long ranked tables: the page shows the top `head` rows, the bottom `tail` rows and
   * the row whose `key` column equals `keep` (named `keepWord` in the caption), with the
   * gaps marked and every row on demand. The CSV download always has every row.
   */
  tableExcerpt?: { head: number; tail: number; key: string; keep: string | null; keepWord: string };
  /** Show the table open beside the chart (on wide screens) instead of collapsed below it: the atlas's ranked table. */
  tableBeside?: boolean;
  source: FigureSource[];
  notes: string[];
}

/**
 * A headline number published in a page's text: computed once, by a function, with
 * its source and the numbers it comes from, like a figure without a chart.
 */
export interface Fact {
  /** stable id: the page's facts CSV and the tests use it */
  id: string;
  /** the number as computed (the CSV carries it) */
  value: number;
  /** the number as printed ("906,960", "−2.7%") */
  text: string;
  /** the words that follow it */
  label: string;
  /** unit of `value`, for the CSV ("crimes", "%", "per 1,000 residents") */
  unit: string;
  source: FigureSource[];
}
