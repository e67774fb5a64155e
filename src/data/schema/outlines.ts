/** A geography's projected outlines (src/lib/outlines.ts), as the build publishes them in data/outlines/. */
import { z } from './mini.ts';
import type { Outlines } from '../../lib/outlines.ts';

const positive = z.number().check(z.positive());
export const outlinesSchema: z.ZodMiniType<Outlines> = z
  .object({
    width: positive,
    height: positive,
    box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    codes: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    names: z.optional(z.array(z.string())),
    d: z.array(z.string()),
  })
  .check(
    z.refine(
      (o) => o.d.length === o.codes.length && (!o.names || o.names.length === o.codes.length),
      'expected one path (and one name, if any) for every code',
    ),
  );
