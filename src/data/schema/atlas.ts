/** The atlas catalogue (data/derived/indicators.json). */
import { z } from './mini.ts';
import { LEVEL_ORDER } from '../../lib/atlas.ts';

const level = z.enum(LEVEL_ORDER as [string, ...string[]]);
const text = z.string().check(z.minLength(1));

export const indicatorMetaSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9_]+$/)),
  theme: text,
  title: text,
  definition: text,
  unit: text,
  higher_is_better: z.enum(['yes', 'no', 'neither']),
  levels: z
    .string()
    .check(
      z.refine(
        (s) => s.split(';').every((l) => level.safeParse(l).success),
        'expected levels separated by ";", each one of the atlas levels',
      ),
    ),
  vintage: z.string(),
  period: z.string(),
  sources: z.string(),
  licence: z.string(),
  areas_with_value: z.record(z.string(), z.int().check(z.nonnegative())),
});

export const catalogueSchema = z.object({ indicators: z.array(indicatorMetaSchema).check(z.minLength(1)) });

/** A level's areas (data/atlas/<level>/areas.json): codes, names and borough codes, in the order of every indicator file's values. */
export const atlasAreasSchema = z
  .object({
    codes: z.array(z.string().check(z.regex(/^[EW]\d{8}$/))),
    names: z.array(z.string()),
    parents: z.array(z.string()),
  })
  .check(
    z.refine(
      (a) => a.names.length === a.codes.length && a.parents.length === a.codes.length,
      'expected as many names and boroughs as codes',
    ),
  );

const breaksByCount = z.record(z.string().check(z.regex(/^\d+$/)), z.array(z.number()));
/** One indicator at one level (data/atlas/<level>/<id>.json): values aligned with the areas, and class breaks. */
export const atlasIndicatorDataSchema = z.object({
  values: z.array(z.nullable(z.number())),
  breaks: z.object({ ckmeans: breaksByCount, quantile: breaksByCount, equal: breaksByCount }),
});
