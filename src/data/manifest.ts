/**
 * data/derived/manifest.json, checked against its schema and against the files: the
 * checksum the pipeline recorded for every derived file must match the file, so a
 * hand-edited derived file stops the build instead of being published.
 */
import { createHash } from 'node:crypto';
import { readDerivedBytes, readJson, DerivedDataError } from './read.ts';
import { problemText } from './schema/zod.ts';
import { ManifestSchema, MpsReleaseInputSchema, type Manifest, type MpsReleaseInput } from './schema/manifest.ts';

export type { Manifest, ManifestOutput, ManifestSource, MpsReleaseInput } from './schema/manifest.ts';

let cache: Manifest | undefined;

export function loadManifest(): Manifest {
  if (cache) return cache;
  const m = readJson('manifest.json', ManifestSchema);
  for (const o of m.outputs) {
    const bytes = readDerivedBytes(o.file);
    const sum = createHash('sha256').update(bytes).digest('hex');
    if (sum !== o.sha256)
      throw new DerivedDataError(
        `data/derived/${o.file}: its checksum (${sum.slice(0, 12)}…) is not the one the pipeline recorded in manifest.json (${o.sha256.slice(0, 12)}…): the file was changed by hand. Run "npm run data" to make it again.`,
      );
  }
  cache = m;
  return m;
}

export function resetManifest(): void {
  cache = undefined;
}

/** An output's rows read, used and rejected, over all its inputs. */
export function inputTotals(o: Pick<Manifest['outputs'][number], 'inputs'>): {
  read: number;
  used: number;
  rejected: number;
} {
  return o.inputs.reduce(
    (a, i) => ({ read: a.read + i.rows_read, used: a.used + i.rows_used, rejected: a.rejected + i.rows_rejected }),
    { read: 0, used: 0, rejected: 0 },
  );
}

/**
 * The MPS monthly releases stitched into mps_borough_monthly.csv, each with its months and
 * crimes accounting, checked against their schema (a manifest without them stops the build).
 */
export function mpsReleaseInputs(): MpsReleaseInput[] {
  const o = loadManifest().outputs.find((x) => x.file === 'mps_borough_monthly.csv');
  if (!o) throw new DerivedDataError('data/derived/manifest.json: no entry for mps_borough_monthly.csv.');
  if (!o.inputs.length)
    throw new DerivedDataError(
      'data/derived/manifest.json: no MPS release recorded for mps_borough_monthly.csv (its inputs are empty).',
    );
  return o.inputs.map((input, k) => {
    const r = MpsReleaseInputSchema.safeParse(input);
    if (!r.success)
      throw new DerivedDataError(
        `data/derived/manifest.json: ${problemText(r.error, `outputs[mps_borough_monthly.csv].inputs.${k}`)}.`,
      );
    return r.data;
  });
}
