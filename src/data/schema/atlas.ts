/** The atlas catalogue (data/derived/indicators.json). */
import { z } from './zod.ts';
import { LEVEL_ORDER } from '../../lib/atlas-view.ts';

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
