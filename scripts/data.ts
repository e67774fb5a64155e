/**
 * npm run data [-- --mirror DIR] [--only FILE]
 *
 * Derives data/derived/ from raw sources: data/raw/ (after `npm run data:fetch`),
 * or a mirror folder with the same layout given by --mirror or LCA_MIRROR.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDerive } from './run-derive.ts';
import { DataError } from './lib/errors.ts';

const { values } = parseArgs({
  options: {
    mirror: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const mirror = values.mirror ?? process.env.LCA_MIRROR;
const root = resolve(import.meta.dirname, '..');
const t0 = performance.now();
try {
  const { written, notices } = await runDerive({
    rawDir: mirror ? resolve(mirror) : resolve(root, 'data/raw'),
    isMirror: Boolean(mirror),
    outDir: resolve(values.out ?? resolve(root, 'data/derived')),
    referenceDir: resolve(root, 'data/reference'),
    committedDir: resolve(root, 'data/derived'),
    only: values.only,
  });
  for (const n of notices) console.log(`note: ${n}`);
  console.log(`wrote ${written.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  if (e instanceof DataError) {
    console.error(`data: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
