import { mkdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from './derive/index.ts';
import { readManifestFile, type DeriveContext, type OutputRecord } from './lib/context.ts';
import { sha256Text } from './lib/hash.ts';
import { stableJson, writeText } from './lib/write.ts';
import { SOURCES } from './sources.ts';

export interface RunOptions {
  rawDir: string;
  isMirror: boolean;
  outDir: string;
  referenceDir: string;
  /** committed derived data, whose outputs of an unrecoverable, absent source are kept */
  committedDir?: string;
  only?: string;
}

/** Runs the derive modules and writes their files plus manifest.json into outDir. */
export async function runDerive(opts: RunOptions): Promise<{ written: string[]; notices: string[] }> {
  const notices: string[] = [];
  const ctx: DeriveContext = {
    rawDir: opts.rawDir,
    referenceDir: opts.referenceDir,
    isMirror: opts.isMirror,
    committedDir: opts.committedDir ?? opts.outDir,
    notices,
  };
  mkdirSync(opts.outDir, { recursive: true });
  const manifestPath = join(opts.outDir, 'manifest.json');
  const previous: { outputs?: OutputRecord[] } = existsSync(manifestPath) ? readManifestFile(manifestPath) : {};
  const records = new Map<string, OutputRecord>((previous.outputs ?? []).map((r) => [r.file, r]));
  const modules = opts.only
    ? MODULES.filter((m) => m.output === opts.only || m.output.startsWith(opts.only + '.'))
    : MODULES;
  if (opts.only && modules.length === 0) {
    throw new Error(
      `--only ${opts.only}: no derive module produces that file. Known: ${MODULES.map((m) => m.output).join(', ')}`,
    );
  }
  const written: string[] = [];
  for (const m of modules) {
    const t0 = performance.now();
    const res = await m.derive(ctx);
    if (process.env.LCA_TIMING === '1')
      console.error(`${(performance.now() - t0).toFixed(0).padStart(7)} ms  ${m.output}`);
    for (const [name, text] of Object.entries(res.files)) {
      writeText(join(opts.outDir, name), text);
      written.push(name);
    }
    // Files this module made before but no longer makes: their records and the files go.
    for (const [file, r] of records) {
      if (r.module === m.output && !(file in res.files)) {
        records.delete(file);
        rmSync(join(opts.outDir, file), { force: true });
      }
    }
    for (const r of res.records) {
      r.sha256 = sha256Text(res.files[r.file]!);
      r.bytes = Buffer.byteLength(res.files[r.file]!);
      r.module = m.output;
      records.set(r.file, r);
    }
  }
  const usedSources = new Set([...records.values()].flatMap((r) => r.sources));
  const manifest = {
    about:
      'Derived data of London Crime Analysis. Each output lists its inputs (with sha256), rows read, used and rejected with reasons, coverage and licence. Regenerate with "npm run data".',
    outputs: [...records.values()].sort((a, b) => (a.file < b.file ? -1 : 1)),
    sources: SOURCES.filter((s) => usedSources.has(s.id)).map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      licence: s.licence,
      attribution: s.attribution,
      page: s.page,
      cadence: s.cadence,
      coverage: s.coverage,
      caveats: s.caveats,
    })),
  };
  writeText(manifestPath, stableJson(manifest));
  written.push('manifest.json');
  return { written, notices };
}
