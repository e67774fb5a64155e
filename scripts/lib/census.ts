/**
 * Readers for Census 2021 bulk tables (Nomis): wide files (date, geography,
 * geography code, one column per category) and the long TS021 file by local
 * authority. Headers are normalised to the category label without the table
 * prefix ("Tenure of household: Owned: Owns outright" → "Owned: Owns outright";
 * "…; measures: Value" dropped; spacing after colons made uniform).
 */
import { readCsv, checkHeader } from './csv.ts';
import { valueError, DataError } from './errors.ts';

export interface CensusTable {
  file: string;
  /** Normalised category labels in file order. */
  labels: string[];
  /** code → label → count */
  values: Map<string, Map<string, number>>;
  names: Map<string, string>;
  rowsRead: number;
}

export function normaliseLabel(header: string): string {
  const h = header
    .replace(/; measures: Value$/, '')
    .replace(/:\s*/g, ': ')
    .trim();
  const i = h.indexOf(': ');
  return i < 0 ? h : h.slice(i + 2);
}

export async function readCensusWide(
  file: string,
  keep: (code: string) => boolean,
): Promise<CensusTable & { rejected: number }> {
  let header: string[] = [];
  let labels: string[] = [];
  const values = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  let rowsRead = 0;
  let rejected = 0;
  for await (const r of readCsv(file, {
    onHeader: (h) => {
      header = h.columns;
      checkHeader(file, header, ['date', 'geography', 'geography code']);
      labels = header.slice(3).map(normaliseLabel);
      if (new Set(labels).size !== labels.length)
        throw new DataError(`${file}:1: two columns have the same category label after normalising.`);
    },
  })) {
    rowsRead++;
    const code = r.cells['geography code']!.trim();
    if (!keep(code)) {
      rejected++;
      continue;
    }
    const m = new Map<string, number>();
    header.slice(3).forEach((col, i) => {
      const raw = r.cells[col] ?? '';
      if (!/^\d+$/.test(raw.trim())) throw valueError(file, r.line, col, raw, 'a whole number');
      m.set(labels[i]!, Number(raw));
    });
    values.set(code, m);
    names.set(code, r.cells.geography!.trim());
  }
  return { file, labels, values, names, rowsRead, rejected };
}

/** TS021 by local authority, long format: code × 20 categories → wide with the five high-level groups summed. */
export async function readEthnicLong(
  file: string,
  keep: (code: string) => boolean,
): Promise<CensusTable & { rejected: number }> {
  let header: string[] = [];
  const values = new Map<string, Map<string, number>>();
  const names = new Map<string, string>();
  let rowsRead = 0;
  let rejected = 0;
  const cols = [
    'Lower Tier Local Authorities Code',
    'Lower Tier Local Authorities',
    'Ethnic group (20 categories)',
    'Observation',
  ];
  for await (const r of readCsv(file, { onHeader: (h) => (header = h.columns) })) {
    checkHeader(file, header, cols);
    rowsRead++;
    const code = r.cells[cols[0]!]!.trim();
    if (!keep(code)) {
      rejected++;
      continue;
    }
    const cat = r.cells[cols[2]!]!.trim();
    const raw = r.cells.Observation ?? '';
    if (!/^\d+$/.test(raw.trim())) throw valueError(file, r.line, 'Observation', raw, 'a whole number');
    const n = Number(raw);
    const m = values.get(code) ?? new Map<string, number>();
    values.set(code, m);
    names.set(code, r.cells[cols[1]!]!.trim());
    if (cat === 'Does not apply') continue;
    // "Asian, Asian British or Asian Welsh: Bangladeshi" → high-level group "Asian, Asian British or Asian Welsh"
    const group = cat.split(':')[0]!.trim();
    m.set(group, (m.get(group) ?? 0) + n);
    m.set('Total: All usual residents', (m.get('Total: All usual residents') ?? 0) + n);
  }
  const labels = [...new Set([...values.values()].flatMap((m) => [...m.keys()]))];
  return { file, labels, values, names, rowsRead, rejected };
}
