import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { DataError } from './errors.ts';

export type Cell = string | number | null;

export interface Sheet {
  workbook: string;
  name: string;
  /** rows[r][c], 0-based; row r is spreadsheet row r + 1. */
  rows: Cell[][];
}

/** Column letters for a 0-based index: 0 → A, 27 → AB. */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
/** "pfatablesdec19.xlsx, sheet "Table P1", cell C44" */
export function where(sheet: Sheet, r: number, c: number): string {
  return `${basename(sheet.workbook)}, sheet "${sheet.name}", cell ${colName(c)}${r + 1}`;
}

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plain(v.result);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return JSON.stringify(v);
}

/** Reads whole workbooks with exceljs; each sheet becomes a grid of plain values. */
export async function readWorkbook(file: string): Promise<Map<string, Sheet>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new DataError(`${file}: not a readable xlsx workbook (${(e as Error).message}).`);
  }
  const out = new Map<string, Sheet>();
  for (const ws of wb.worksheets) {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const vals = (row.values as ExcelJS.CellValue[]).slice(1).map(plain);
      rows[n - 1] = vals;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    out.set(ws.name.trim(), { workbook: file, name: ws.name.trim(), rows });
  }
  return out;
}
