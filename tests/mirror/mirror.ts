import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The raw-data mirror the tests in this folder recount from: LCA_MIRROR, else
 * ../shared/data. A missing mirror is a failure, not a skip: these tests are the
 * independent check of the published numbers.
 */
export function mirrorDir(): string {
  const dir = resolve(process.env.LCA_MIRROR ?? '../shared/data');
  if (!existsSync(dir))
    throw new Error(
      `The raw-data mirror is missing: expected it at ${dir} (set LCA_MIRROR). These tests recount the published figures from the raw files and cannot run without them.`,
    );
  return dir;
}
