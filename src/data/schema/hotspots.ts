/**
 * The street-level data sets (data/derived/hotspots_index.json and hotspots_<id>.json):
 * schemas for the build's data layer and for the page, which checks a data set it
 * fetches with the same rules before analysing it.
 */
import { z } from './mini.ts';
import type { HotspotDataset, HotspotNetwork, LabelKind } from '../../lib/hotspots/types.ts';

const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const count = z.int().check(z.nonnegative());
const ints = z.array(z.int());
const area = z.object({ code: z.string(), name: z.string() });
const coverage = z.nullable(
  z.object({
    monthsBelow80PercentOfMedian: z.array(z.object({ month, records: count, shareOfMedian: z.number() })),
    medianMonthlyRecords: count,
    boundaryDisagreements: count,
  }),
);

export const labelKindSchema: z.ZodMiniType<LabelKind> = z.enum(['street', 'place', 'station', 'blank']);

/** OpenStreetMap drivable segments of the study area, and each place's nearest one (Hot Blocking). */
export const hotspotNetworkSchema: z.ZodMiniType<HotspotNetwork> = z.object({
  /** the source registry id (osm-streets-city, osm-streets-westminster) */
  source: z.string(),
  /** OSM data date, YYYY-MM-DD */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** metres: a place farther than this from every segment is unsnapped */
  threshold: z.number().check(z.positive()),
  segments: z.object({
    id: z.array(z.string()),
    name: ints,
    names: z.array(z.string()),
    highway: ints,
    highways: z.array(z.string()),
    /** metres */
    length: z.array(z.number().check(z.nonnegative())),
    /** per segment: first point then differences, integer metres on the data set's plane */
    path: z.array(ints),
  }),
  /** per place: nearest segment within the threshold (−1 = unsnapped) and its distance in metres */
  snap: z.object({ segment: ints, distance: z.array(z.nullable(z.number())) }),
  stats: z.object({
    places: count,
    snapped: count,
    unsnapped: count,
    ties: count,
    distanceQuantiles: z.object({
      p50: z.number(),
      p90: z.number(),
      p95: z.number(),
      p99: z.number(),
      max: z.number(),
    }),
    histogram: z.array(z.object({ from: z.number(), to: z.nullable(z.number()), places: count })),
  }),
});

export const hotspotDatasetSchema: z.ZodMiniType<HotspotDataset> = z
  .object({
    id: z.string(),
    title: z.string(),
    force: z.string(),
    source: z.string(),
    /** what a "street" is in this data set, in words */
    placeKind: z.string(),
    /** which records belong to the study area, in words */
    membership: z.string(),
    area,
    centre: z.tuple([z.number(), z.number()]),
    projection: z.string(),
    months: z.array(month).check(z.minLength(1)),
    types: z.array(z.string()).check(z.minLength(1)),
    isCrime: z.array(z.boolean()),
    outline: z.array(z.array(z.tuple([z.number(), z.number()]))),
    /** a place is a map point with one location label and one part (LSOA or queried ward); several places can share a point */
    places: z.object({ x: z.array(z.number()), y: z.array(z.number()), label: ints, part: ints }),
    labels: z.object({ name: z.array(z.string()), kind: z.array(labelKindSchema) }),
    parts: z.object({ kind: z.enum(['LSOA', 'ward']), code: z.array(z.string()), name: z.array(z.string()) }),
    events: z.object({ offsets: ints, placeDelta: ints, n: z.array(count) }),
    used: count,
    excluded: z.record(z.string(), z.record(month, count)),
    coverage,
    network: z.nullable(hotspotNetworkSchema),
    /** ward outlines of the data's period, for orientation where there is no street network */
    orientation: z.nullable(
      z.object({
        kind: z.literal('wards'),
        vintage: z.string(),
        names: z.array(z.string()),
        rings: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
      }),
    ),
  })
  .check(
    z.superRefine((d, ctx) => {
      const P = d.places.x.length;
      const same = (n: number, what: string) =>
        n !== P && ctx.addIssue({ code: 'custom', message: `${what} has ${n} entries for ${P} places` });
      same(d.places.y.length, 'places.y');
      same(d.places.label.length, 'places.label');
      same(d.places.part.length, 'places.part');
      if (d.isCrime.length !== d.types.length)
        ctx.addIssue({ code: 'custom', message: 'isCrime and types differ in length' });
      if (d.events.offsets.length !== d.months.length * d.types.length + 1)
        ctx.addIssue({
          code: 'custom',
          message: `events.offsets should have months × types + 1 = ${d.months.length * d.types.length + 1} entries`,
        });
      if (d.events.placeDelta.length !== d.events.n.length)
        ctx.addIssue({ code: 'custom', message: 'events.placeDelta and events.n differ in length' });
      if (d.events.n.reduce((a, b) => a + b, 0) !== d.used)
        ctx.addIssue({ code: 'custom', message: 'the events do not add up to "used"' });
      if (d.places.label.some((l) => l < 0 || l >= d.labels.name.length))
        ctx.addIssue({ code: 'custom', message: 'a place points to no label' });
      if (d.places.part.some((p) => p < 0 || p >= d.parts.code.length))
        ctx.addIssue({ code: 'custom', message: 'a place points to no part' });
      if (d.network && d.network.snap.segment.length !== P)
        ctx.addIssue({ code: 'custom', message: 'network.snap.segment has one entry per place' });
    }),
  );
export type { HotspotDataset, HotspotNetwork, LabelKind };

export const hotspotIndexSchema = z.object({
  datasets: z.array(
    z.object({
      id: z.string(),
      file: z.string().check(z.regex(/^hotspots_[a-z0-9_-]+\.json$/i)),
      title: z.string(),
      force: z.string(),
      area,
      months: z.tuple([month, month]),
      used: count,
      places: count,
      labels: count,
      network: z.nullable(z.string()),
      excluded: z.record(z.string(), count),
      coverage,
    }),
  ),
  types: z.array(z.string()),
  spilledRecords: z.record(z.string(), count),
});
export type HotspotIndex = z.infer<typeof hotspotIndexSchema>;
