/**
 * Reader for ONS tables exported from a workbook sheet to CSV: title lines above
 * the header (found by its first cell), header cells over several lines, "[note N]"
 * markers, thousands separators and trailing spaces in numbers, "[x]" for
 * unavailable values.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError, valueError } from './errors.ts';

export interface OnsCsvTable {
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

export const cleanName = (s: string): string =>
  s
    .replace(/\[note \d+\]/gi, '')
    .replace(/\s+/g, ' ')
    .trim();

export function readOnsCsv(file: string, firstHeaderCell: RegExp): OnsCsvTable {
  const records = parse(readFileSync(file), {
    bom: true,
    relax_column_count: true,
    info: true,
    skip_empty_lines: false,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const h = records.findIndex((r) => firstHeaderCell.test(cleanName(r.record[0] ?? '')));
  if (h < 0) throw new DataError(`${file}: no header row (expected a first cell matching ${firstHeaderCell}).`);
  const header = records[h]!.record.map(cleanName);
  const rows = records
    .slice(h + 1)
    .filter((r) => r.record.some((c) => c.trim() !== ''))
    .map((r) => ({ line: r.info.lines, cells: r.record }));
  return { header, headerLine: records[h]!.info.lines, rows };
}

/** "940,619 " → 940619; "[x]" → null. Anything else is an error naming file:line and column. */
export function onsNumber(file: string, line: number, column: string, raw: string | undefined): number | null {
  const s = (raw ?? '').trim();
  if (s === '[x]' || s === '[z]' || s === '[c]') return null;
  const n = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(n))
    throw valueError(file, line, column, raw ?? '', 'a number (thousands separators allowed) or [x]');
  return Number(n);
}

/**
 * The offence-group columns of an ONS table, from `firstIndex` on, each mapped to the
 * harmonised group name; a header that is not in the mapping is an error.
 */
export function offenceGroupColumns(
  file: string,
  t: OnsCsvTable,
  groups: Map<string, string>,
  firstIndex: number,
): { h: string; i: number; g: string }[] {
  return t.header.slice(firstIndex).map((h, k) => {
    const g = groups.get(h);
    if (!g) {
      throw new DataError(
        `${file}:${t.headerLine}: unknown offence group header ${JSON.stringify(h)}; add it to data/reference/ons_offence_groups.csv if it is a renamed group.`,
      );
    }
    return { h, i: firstIndex + k, g };
  });
}
