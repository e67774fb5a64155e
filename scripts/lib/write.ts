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
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** RFC 4180 quoting, only when needed. */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? formatNumber(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Fixed number formatting: integers as integers, others to at most 6 decimals, no exponent. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot serialise non-finite number ${n}`);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
