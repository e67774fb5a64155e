/** The atlas catalogue (data/derived/indicators.json). */
import { z } from './zod.ts';
import { LEVEL_ORDER } from '../../lib/atlas.ts';

const level = z.enum(LEVEL_ORDER as [string, ...string[]]);

export const indicatorMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  theme: z.string().min(1),
  title: z.string().min(1),
  definition: z.string().min(1),
  unit: z.string().min(1),
  higher_is_better: z.enum(['yes', 'no', 'neither']),
  levels: z.string().refine((s) => s.split(';').every((l) => level.safeParse(l).success), 'expected levels separated by ";", each one of the atlas levels'),
  vintage: z.string(),
  period: z.string(),
  sources: z.string(),
  licence: z.string(),
  areas_with_value: z.record(z.string(), z.number().int().nonnegative()),
});

export const catalogueSchema = z.object({ indicators: z.array(indicatorMetaSchema).min(1) });

/** A level's areas (data/atlas/<level>/areas.json): codes, names and borough codes, in the order of every indicator file's values. */
export const atlasAreasSchema = z
  .object({ codes: z.array(z.string().regex(/^[EW]\d{8}$/)), names: z.array(z.string()), parents: z.array(z.string()) })
  .refine((a) => a.names.length === a.codes.length && a.parents.length === a.codes.length, 'expected as many names and boroughs as codes');

const breaksByCount = z.record(z.string().regex(/^\d+$/), z.array(z.number()));
/** One indicator at one level (data/atlas/<level>/<id>.json): values aligned with the areas, and class breaks. */
export const atlasIndicatorDataSchema = z.object({
  values: z.array(z.number().nullable()),
  breaks: z.object({ ckmeans: breaksByCount, quantile: breaksByCount, equal: breaksByCount }),
});
