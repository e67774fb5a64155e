import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataError, missingSourceError } from './errors.ts';
import { ManifestSchema } from '../../src/data/schema/manifest.ts';
import { problemText, z } from '../../src/data/schema/zod.ts';
import { sha256File } from './hash.ts';
import { source, type SourceId } from '../sources.ts';

/** What a derive module is given: where raw files live and where reference files live. */
export interface DeriveContext {
  /** Folder holding raw files in the mirror layout (data/raw or --mirror DIR). */
  rawDir: string;
  /** Folder holding hand-kept reference files (data/reference). */
  referenceDir: string;
  /** Set when the raw folder is a mirror given on the command line. */
  isMirror: boolean;
  /**
   * The committed derived data (data/derived and its manifest): outputs of a source that
   * cannot be downloaded again are kept from here when the source is absent.
   */
  committedDir?: string;
  /** What the run wants the user to know (outputs kept, and why); printed at the end. */
  notices?: string[];
}

/** Is this registered source absent from the raw folder, and impossible to download again (made by hand)? */
export function unrecoverable(ctx: DeriveContext, id: SourceId): boolean {
  const s = source(id);
  return 'manual' in s.download && !existsSync(join(ctx.rawDir, s.path));
}

/**
 * Keeps committed outputs unchanged, for a source that cannot be downloaded again and
 * is not here: the files are copied from the committed derived data, their manifest
 * records kept with a note and a `kept` entry saying why. Fails when there is nothing
 * committed to keep.
 */
export function keepCommitted(
  ctx: DeriveContext,
  id: SourceId,
  files: (file: string) => boolean,
): { files: Record<string, string>; records: OutputRecord[] } {
  const dir = ctx.committedDir;
  const manifestFile = dir && join(dir, 'manifest.json');
  if (!manifestFile || !existsSync(manifestFile)) {
    throw missingSourceError(
      id,
      join(ctx.rawDir, source(id).path),
      'It cannot be downloaded again, and there are no committed outputs to keep.',
    );
  }
  const manifest = readManifestFile(manifestFile);
  const reason = `source "${id}" is not in ${ctx.rawDir} and cannot be downloaded again (${(source(id).download as { manual: string }).manual.split(';')[0]})`;
  const out = { files: {} as Record<string, string>, records: [] as OutputRecord[] };
  for (const r of manifest.outputs.filter((o) => files(o.file))) {
    out.files[r.file] = readFileSync(join(dir, r.file), 'utf8');
    const notes = r.notes.filter((n) => !n.startsWith('Kept from the committed data:'));
    out.records.push({
      ...r,
      kept: { reason, sha256: r.sha256 },
      notes: [...notes, `Kept from the committed data: ${reason}; the file is unchanged.`],
    });
  }
  if (!out.records.length)
    throw missingSourceError(
      id,
      join(ctx.rawDir, source(id).path),
      'It cannot be downloaded again, and no committed outputs of it were found to keep.',
    );
  ctx.notices?.push(`kept ${out.records.length} committed file(s) made from "${id}": ${reason}.`);
  return out;
}

export interface InputRecord {
  source: string;
  path: string;
  sha256: string;
  rows_read: number;
  rows_used: number;
  rows_rejected: number;
  rejected_reasons: Record<string, number>;
  [extra: string]: unknown;
}

/**
 * A manifest.json the pipeline wrote before (the committed one, or the output folder's),
 * checked against the schema the build reads it with: a damaged manifest stops the run
 * with the file and the place, instead of being carried into the next one.
 */
export function readManifestFile(file: string): { outputs: OutputRecord[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(`${file}: not valid JSON (${(e as Error).message}).`);
  }
  return parseWith(file, ManifestSchema, raw);
}

/** A value checked against a schema, or an error naming the file and the first place it fails. */
export function parseWith<T>(file: string, schema: z.core.$ZodType<T>, raw: unknown): T {
  const r = z.safeParse(schema, raw);
  if (!r.success) throw new DataError(`${file}: ${problemText(r.error)}.`);
  return r.data;
}

/** Manifest entry for one derived file. */
export interface OutputRecord {
  file: string;
  title: string;
  description: string;
  format: string;
  rows: number;
  columns: string[];
  coverage: { from: string; to: string } | { note: string };
  sources: string[];
  inputs: InputRecord[];
  notes: string[];
  [extra: string]: unknown;
}

export interface DeriveResult {
  /** File name inside data/derived/ to contents. */
  files: Record<string, string>;
  records: OutputRecord[];
}

export interface DeriveModule {
  /** The output file this module produces (the module is named after it). */
  output: string;
  derive(ctx: DeriveContext): Promise<DeriveResult>;
}

/** Resolves a registered source to a file path, failing clearly when it is absent. */
export function sourcePath(ctx: DeriveContext, id: SourceId): string {
  const s = source(id);
  const p = join(ctx.rawDir, s.path);
  if (!existsSync(p)) {
    const how = ctx.isMirror
      ? `The mirror folder ${ctx.rawDir} has no such file; check the --mirror path.`
      : `Run "npm run data:fetch" to download it from ${s.page}, or pass "--mirror <dir>" to read a mirror folder.`;
    throw missingSourceError(id, p, how);
  }
  return p;
}

export async function inputRecord(
  ctx: DeriveContext,
  id: SourceId,
  file: string,
  counts: { rows_read: number; rows_used: number; rejected_reasons?: Record<string, number> },
  extra: Record<string, unknown> = {},
): Promise<InputRecord> {
  const reasons = counts.rejected_reasons ?? {};
  const rejected = Object.values(reasons).reduce((a, b) => a + b, 0);
  if (counts.rows_used + rejected !== counts.rows_read) {
    throw new Error(
      `row accounting does not balance for ${id}: read ${counts.rows_read}, used ${counts.rows_used}, rejected ${rejected}`,
    );
  }
  return {
    source: id,
    path: relative(ctx.rawDir, file).split('\\').join('/'),
    sha256: await sha256File(file),
    rows_read: counts.rows_read,
    rows_used: counts.rows_used,
    rows_rejected: rejected,
    rejected_reasons: reasons,
    ...extra,
  };
}
