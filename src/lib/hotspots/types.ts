/**
 * A street-level data set as the analysis reads it (data/derived/hotspots_<id>.json). The
 * data layer's schema (src/data/schema/hotspots.ts) checks a file, and tsc checks that what
 * the schema gives is of these types.
 */
export type LabelKind = 'street' | 'place' | 'station' | 'blank';

/** OpenStreetMap drivable segments of the study area, and each place's nearest one (Hot Blocking). */
export interface HotspotNetwork {
  /** the source registry id (osm-streets-city, osm-streets-westminster) */
  source: string;
  /** OSM data date, YYYY-MM-DD */
  date: string;
  /** metres: a place farther than this from every segment is unsnapped */
  threshold: number;
  segments: {
    id: string[];
    name: number[];
    names: string[];
    highway: number[];
    highways: string[];
    /** metres */
    length: number[];
    /** per segment: first point then differences, integer metres on the data set's plane */
    path: number[][];
  };
  /** per place: nearest segment within the threshold (−1 = unsnapped) and its distance in metres */
  snap: { segment: number[]; distance: (number | null)[] };
  stats: {
    places: number;
    snapped: number;
    unsnapped: number;
    ties: number;
    distanceQuantiles: { p50: number; p90: number; p95: number; p99: number; max: number };
    histogram: { from: number; to: number | null; places: number }[];
  };
}

export interface HotspotDataset {
  id: string;
  title: string;
  force: string;
  source: string;
  /** what a "street" is in this data set, in words */
  placeKind: string;
  /** which records belong to the study area, in words */
  membership: string;
  area: { code: string; name: string };
  centre: [number, number];
  projection: string;
  months: string[];
  types: string[];
  isCrime: boolean[];
  outline: [number, number][][];
  /** a place is a map point with one location label and one part (LSOA or queried ward); several places can share a point */
  places: { x: number[]; y: number[]; label: number[]; part: number[] };
  labels: { name: string[]; kind: LabelKind[] };
  parts: { kind: 'LSOA' | 'ward'; code: string[]; name: string[] };
  events: { offsets: number[]; placeDelta: number[]; n: number[] };
  used: number;
  excluded: Record<string, Record<string, number>>;
  coverage: {
    monthsBelow80PercentOfMedian: { month: string; records: number; shareOfMedian: number }[];
    medianMonthlyRecords: number;
    boundaryDisagreements: number;
  } | null;
  network: HotspotNetwork | null;
  /** ward outlines of the data's period, for orientation where there is no street network */
  orientation: { kind: 'wards'; vintage: string; names: string[]; rings: [number, number][][][] } | null;
}
