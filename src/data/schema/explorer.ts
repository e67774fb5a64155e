/**
 * The incident explorer's counts (data/derived/explorer_<id>.json): the records of a
 * street-level data set by month, crime type, outcome and place. Checked by the build's
 * data layer and by the page on every file it fetches.
 */
import { z } from './mini.ts';

const ints = z.array(z.int().check(z.nonnegative()));

export const explorerFileSchema = z
  .object({
    id: z.string(),
    /** the hotspot data set file whose places, months and types the counts refer to */
    dataset: z.string().check(z.regex(/^hotspots_[a-z0-9_E]+\.json$/i)),
    outcomeSource: z.string(),
    outcomes: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    groups: z.object({
      offsets: ints,
      placeDelta: z.array(z.int()),
      o: ints,
      n: z.array(z.int().check(z.positive())),
    }),
    used: z.int().check(z.nonnegative()),
  })
  .check(
    z.superRefine((f, ctx) => {
      const g = f.groups;
      const len = g.n.length;
      if (g.placeDelta.length !== len || g.o.length !== len)
        ctx.addIssue({
          code: 'custom',
          message: `groups: placeDelta, o and n differ in length (${g.placeDelta.length}, ${g.o.length}, ${len})`,
        });
      if (g.offsets.at(-1) !== len)
        ctx.addIssue({
          code: 'custom',
          message: `groups.offsets ends at ${g.offsets.at(-1)}, not at the ${len} groups`,
        });
      for (let i = 1; i < g.offsets.length; i++)
        if (g.offsets[i]! < g.offsets[i - 1]!)
          ctx.addIssue({ code: 'custom', message: `groups.offsets decreases at ${i}` });
      const bad = g.o.findIndex((o) => o >= f.outcomes.length);
      if (bad >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `groups.o[${bad}] = ${g.o[bad]} is not one of the ${f.outcomes.length} outcomes`,
        });
      const sum = g.n.reduce((a, b) => a + b, 0);
      if (sum !== f.used)
        ctx.addIssue({ code: 'custom', message: `the groups hold ${sum} records, "used" says ${f.used}` });
    }),
  );
export type ExplorerFile = z.infer<typeof explorerFileSchema>;
