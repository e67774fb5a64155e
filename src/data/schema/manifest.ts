/** data/derived/manifest.json: every derived file, its inputs and their accounting, the sources. */
import { z } from './zod.ts';

const InputSchema = z
  .object({
    source: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    rows_read: z.number().int().nonnegative(),
    rows_used: z.number().int().nonnegative(),
    rows_rejected: z.number().int().nonnegative(),
    rejected_reasons: z.record(z.string(), z.number().int().nonnegative()),
  })
  .loose()
  .refine((i) => i.rows_used + i.rows_rejected === i.rows_read, {
    message: 'rows_used + rows_rejected must equal rows_read',
  });

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

/**
 * The further accounting of an MPS monthly release (mps_borough_monthly.csv's inputs): the
 * months in the file and used, months dropped as incomplete or replaced by a newer
 * release, and the crimes read and used.
 */
export const MpsReleaseInputSchema = z.object({
  path: z.string(),
  months_in_file: z.object({ count: z.number().int().nonnegative(), from: yearMonth, to: yearMonth }),
  months_used: z.number().int().nonnegative(),
  months_dropped_incomplete: z.array(
    z.object({ month: yearMonth, total: z.number().int().nonnegative(), median_month_total: z.number().nonnegative() }),
  ),
  months_superseded_by_newer_release: z.array(z.object({ month: yearMonth, by: z.string() })),
  rows_read: z.number().int().nonnegative(),
  rows_used: z.number().int().nonnegative(),
  rows_rejected: z.number().int().nonnegative(),
  crimes_read: z.number().int().nonnegative(),
  crimes_used: z.number().int().nonnegative(),
});

export const ManifestOutputSchema = z
  .object({
    file: z.string(),
    title: z.string(),
    description: z.string(),
    format: z.string(),
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    columns: z.array(z.string()),
    coverage: z.union([z.object({ from: z.string(), to: z.string() }), z.object({ note: z.string() })]),
    sources: z.array(z.string()),
    inputs: z.array(InputSchema),
    notes: z.array(z.string()),
    licence: z.string(),
    attribution: z.string(),
  })
  .loose();

export const ManifestSourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  licence: z.string(),
  attribution: z.string(),
  page: z.url(),
  cadence: z.string(),
  coverage: z.string(),
  caveats: z.array(z.string()),
});

export const ManifestSchema = z.object({
  about: z.string().optional(),
  outputs: z.array(ManifestOutputSchema),
  sources: z.array(ManifestSourceSchema),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestOutput = z.infer<typeof ManifestOutputSchema>;
export type ManifestSource = z.infer<typeof ManifestSourceSchema>;
export type MpsReleaseInput = z.infer<typeof MpsReleaseInputSchema>;
