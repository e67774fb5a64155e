/** The police series the ISTV page sets beside a partner's file (data/violence/police-vwi.json, written by the build). */
import { z } from './mini.ts';

const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const counts = z.array(z.int().check(z.nonnegative()));

export const policeMonthlySchema = z.object({
  months: z.array(month),
  boroughs: z.record(z.string(), z.object({ name: z.string(), counts })),
  wardMonths: z.optional(z.array(month)),
  wards: z.optional(z.record(z.string(), z.object({ name: z.string(), borough: z.string(), counts }))),
});

/** Centres, names and boroughs of the areas an ISTV extract's codes name (data/violence/area-centres.json, written by the build). */
export const areaCentresSchema = z.record(z.string(), z.tuple([z.number(), z.number(), z.string(), z.string()]));
