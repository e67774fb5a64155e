import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Serialises a value as JSON with keys sorted at every level: same input, same bytes. */
export function stableJson(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** CSV: the project's one writer (src/lib/csv.ts), shared with the build and the browser. */
export { csvCell, formatNumber, toCsv } from '../../src/lib/csv.ts';

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
