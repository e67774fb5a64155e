/**
 * The confidence comparator's files as the page loads them (data/neighbourhoods/boroughs.json
 * and wards.json, written by the build from the data layer): checked before any figure is
 * made from them.
 */
import { z } from './mini.ts';
import { sourceSchema } from './source.ts';

const series = z.array(z.nullable(z.number()));
const bySeries = z.record(z.string(), series);
const variable = z.object({ id: z.string(), label: z.string() });
const dropped = z.object({ id: z.string(), with: z.string(), r: z.number() });
const quarter = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

export const pasTableSchema = z
  .object({
    quarters: z.array(quarter).check(z.minLength(1)),
    boroughs: z.array(z.object({ code: z.string(), name: z.string() })).check(z.minLength(1)),
    london: z.string(),
    values: z.record(z.string(), bySeries),
  })
  .check(
    z.refine(
      (t) =>
        Object.values(t.values).every(
          (m) => t.london in m && Object.values(m).every((v) => v.length === t.quarters.length),
        ),
      'expected a value or null for every quarter, London included',
    ),
  );

export const boroughsFileSchema = z.object({
  pas: pasTableSchema,
  similarity: z.object({
    variables: z.array(variable),
    dropped: z.array(dropped),
    k: z.int().check(z.positive()),
    neighbours: z.record(z.string(), z.array(z.object({ code: z.string(), distance: z.number() }))),
    groups: z.record(z.string(), z.int().check(z.nonnegative())),
    groupNames: z.array(z.string()),
    silhouette: z.number(),
    tried: z.array(z.object({ k: z.number(), silhouette: z.number() })),
    sources: z.array(sourceSchema),
  }),
  crime: z.object({ rates: bySeries, note: z.string() }),
  n: z.int().check(z.positive()),
  sources: z.object({ pas: sourceSchema, census: sourceSchema, crime: sourceSchema, boundaries: sourceSchema }),
});

export const wardsFileSchema = z.object({
  period: z.string(),
  groups: z.array(variable).check(z.minLength(1)),
  wards: z
    .array(z.object({ code: z.string(), name: z.string(), borough: z.string(), boroughName: z.string() }))
    .check(z.minLength(1)),
  rates: bySeries,
  boroughRates: bySeries,
  neighbours: z.record(z.string(), z.array(z.string())),
  variables: z.array(variable),
  dropped: z.array(dropped),
  notes: z.array(z.string()),
  sources: z.array(sourceSchema),
});
