/**
 * The build checks the derived data against its manifest before making any page: every
 * file in data/derived is listed in data/derived/manifest.json, and its bytes and SHA-256
 * are the ones recorded when `npm run data` wrote it. A hand-edited, truncated or stray
 * file stops the build with the file and what differs; the remedy is `npm run data`
 * (which rewrites file and manifest together), never editing the manifest.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { problemText, z } from '../../src/data/schema/zod.ts';
import { ManifestOutputSchema } from '../../src/data/schema/manifest.ts';
import { sha256File } from '../lib/hash.ts';

/** What this check needs of the manifest (the site's data layer checks the rest when it reads it). */
const manifestSchema = z.object({
  outputs: z.array(ManifestOutputSchema.pick({ file: true, bytes: true, sha256: true })).min(1),
});

/** The problems found (none when the derived data are as their manifest records). */
export async function derivedProblems(dir: string): Promise<string[]> {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile))
    return [`${manifestFile}: missing; run "npm run data" to derive the data and write it.`];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    return [`${manifestFile}: not valid JSON (${(e as Error).message}).`];
  }
  const m = manifestSchema.safeParse(parsed);
  if (!m.success) return [`${manifestFile}: ${problemText(m.error)}.`];
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const o of m.data.outputs) {
    listed.add(o.file);
    const file = join(dir, o.file);
    if (!existsSync(file)) {
      problems.push(`${file}: listed in the manifest but missing.`);
      continue;
    }
    const sha = await sha256File(file);
    if (sha !== o.sha256)
      problems.push(
        `${file}: its SHA-256 is ${sha.slice(0, 12)}…, the manifest records ${o.sha256.slice(0, 12)}… (${statSync(file).size.toLocaleString('en-GB')} bytes; the manifest ${o.bytes.toLocaleString('en-GB')}): the file was changed after it was derived.`,
      );
  }
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const rel = join(f.parentPath, f.name).slice(dir.length + 1);
    if (rel !== 'manifest.json' && !listed.has(rel))
      problems.push(`${join(dir, rel)}: not in the manifest (a file the pipeline did not write).`);
  }
  return problems;
}

export function verifyDerivedData(dir = join(process.cwd(), 'data/derived')): AstroIntegration {
  return {
    name: 'lca-verify-derived',
    hooks: {
      'astro:build:start': async ({ logger }) => {
        const problems = await derivedProblems(dir);
        if (problems.length)
          throw new Error(
            `The derived data do not match their manifest; run "npm run data" to derive them again:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
          );
        logger.info('derived data match the checksums in data/derived/manifest.json');
      },
    },
  };
}
