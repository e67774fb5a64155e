import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { missingSourceError } from './errors.ts';
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
