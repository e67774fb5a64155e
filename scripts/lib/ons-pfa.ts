/**
 * Reader for the ONS "Police Force Area data tables" workbooks (years ending March
 * 2018 to December 2019): Table P1 (numbers), P2 (percentage change on the year
 * before) and P3 (rates per 1,000 population, with the mid-year population used).
 *
 * What real workbooks do, and what this reader does about it:
 *  - title rows above the header: the header row is found by "Area Code" in column A;
 *  - footnote markers glued to names ("Essex10", "fraud3", "Stalking and harassment 5",
 *    "ENGLAND AND WALES7,8") are stripped; names are joined on area codes, not names;
 *  - offence groups renamed between releases are mapped by data/reference/ons_offence_groups.csv;
 *  - ".." (not available) and "-" (base under 50) are kept as empty values with a flag;
 *  - any other non-numeric cell is an error naming workbook, sheet and cell.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataError } from './errors.ts';
import { readWorkbook, where, type Cell, type Sheet } from './xlsx.ts';

const MONTHS: Record<string, string> = {
  january: '01',
  february: '02',
  march: '03',
  april: '04',
  may: '05',
  june: '06',
  july: '07',
  august: '08',
  september: '09',
  sept: '09',
  sep: '09',
  october: '10',
  november: '11',
  december: '12',
};

export const FLAGS: Record<string, string> = {
  '..': 'not available',
  '-': 'not shown: base fewer than 50',
  '+': 'suppressed: City of London rate (small resident population)',
};

export type Measure = 'count' | 'pct_change' | 'rate_per_1000';
const TABLES: { id: string; measure: Measure }[] = [
  { id: 'P1', measure: 'count' },
  { id: 'P2', measure: 'pct_change' },
  { id: 'P3', measure: 'rate_per_1000' },
];

export interface PfaValue {
  measure: Measure;
  areaCode: string;
  areaName: string;
  group: string;
  value: number | null;
  flag: string;
}
export interface PfaPopulation {
  areaCode: string;
  population: number | null;
  households: number | null;
  vintage: string;
}
export interface PfaWorkbook {
  file: string;
  periodEnd: string;
  scopeNote: string;
  values: PfaValue[];
  populations: PfaPopulation[];
  /** Data rows read per table (areas). */
  rowsRead: number;
  /** Columns read but not kept, with the reason. */
  skippedColumns: { table: string; column: string; reason: string }[];
  flagged: Record<string, number>;
}

/** Normalises a published header or name: newlines, double spaces, footnote markers. */
export function clean(s: string): string {
  return (
    s
      .replace(/\s+/g, ' ')
      // Footnote markers are one or two digits: glued to a word ("Essex10", "fraud3)") or after a space.
      .replace(/(?<=[A-Za-z)])\d{1,2}(?:,\s?\d{1,2})*(?=\)|\s|$)/g, '')
      .replace(/\s\d{1,2}(?:,\d{1,2})*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * "…, year ending December 20191,2" or "year ending March 181,2,3" → YYYY-MM. Table P2
 * names two years ("year ending June 2017 compared with year ending June 2018", and
 * once the other way round): the later one is the release's period.
 */
export function periodFromTitle(title: string, context: string): string {
  const all = [...title.matchAll(/year ending (\w+) (\d{2,4})/gi)];
  if (!all.length)
    throw new DataError(
      `${context}: cannot find "year ending <month> <year>" in the title ${JSON.stringify(title.slice(0, 160))}.`,
    );
  const periods = all.map((m) => {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (!month) throw new DataError(`${context}: unknown month ${JSON.stringify(m[1])} in the title.`);
    // The year is glued to footnote digits: "20191,2" → 2019; "181,2,3" → 18 → 2018.
    const digits = m[2]!;
    const year = digits.length >= 4 && /^20\d\d/.test(digits) ? digits.slice(0, 4) : `20${digits.slice(0, 2)}`;
    return `${year}-${month}`;
  });
  return periods.sort().at(-1)!;
}

export function readGroupMap(file: string): Map<string, string> {
  const rows = parse<{ published_header: string; offence_group: string }>(readFileSync(file), {
    columns: true,
    bom: true,
  });
  return new Map(rows.map((r) => [r.published_header, r.offence_group]));
}

function text(v: Cell): string {
  return v === null ? '' : String(v);
}

function findHeaderRow(sheet: Sheet): number {
  for (let r = 0; r < Math.min(sheet.rows.length, 15); r++) {
    if (text(sheet.rows[r]![0] ?? null).trim() === 'Area Code') return r;
  }
  throw new DataError(
    `${basename(sheet.workbook)}, sheet "${sheet.name}": no header row (expected "Area Code" in column A within rows 1–15).`,
  );
}

function parseTable(sheet: Sheet, measure: Measure, groups: Map<string, string>, out: PfaWorkbook): void {
  const h = findHeaderRow(sheet);
  const header = sheet.rows[h]!;
  if (clean(text(header[1] ?? null)) !== 'Area Name') {
    throw new DataError(
      `${where(sheet, h, 1)}: expected "Area Name", found ${JSON.stringify(text(header[1] ?? null))}.`,
    );
  }
  const cols: { c: number; group?: string; pop?: 'population' | 'households' }[] = [];
  let vintage = '';
  for (let c = 2; c < header.length; c++) {
    const raw = text(header[c] ?? null);
    if (!raw.trim()) continue;
    const name = clean(raw);
    const popMatch = /^(Population|Household) figures \(mid-(\d{4})\)/i.exec(name);
    if (popMatch) {
      cols.push({ c, pop: popMatch[1]!.toLowerCase() === 'population' ? 'population' : 'households' });
      if (popMatch[1]!.toLowerCase() === 'population')
        vintage = `ONS mid-${popMatch[2]} population estimate, rounded to 100 (as stated in the release)`;
      continue;
    }
    if (/^Residential burglary \(households\)$/i.test(name)) {
      out.skippedColumns.push({
        table: sheet.name,
        column: name,
        reason: 'rate per 1,000 households, not per 1,000 population',
      });
      continue;
    }
    const group = groups.get(name);
    if (!group) {
      throw new DataError(
        `${where(sheet, h, c)}: unknown offence group header ${JSON.stringify(name)}; add it to data/reference/ons_offence_groups.csv if it is a renamed group.`,
      );
    }
    cols.push({ c, group });
  }
  if (!cols.some((x) => x.group === 'Total recorded crime (excluding fraud)')) {
    throw new DataError(
      `${basename(sheet.workbook)}, sheet "${sheet.name}", row ${h + 1}: no "Total recorded crime (excluding fraud)" column.`,
    );
  }
  let areas = 0;
  for (let r = h + 2; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const first = text(row[0] ?? null).trim();
    const nameRaw = text(row[1] ?? null);
    if (/^Source/i.test(first) || /^\d+\./.test(first)) break;
    if (!nameRaw.trim()) continue;
    let areaName = clean(nameRaw);
    // "British Transport Police(2006)" in one release: a bracketed note on the name.
    if (/^British Transport Police\b/i.test(areaName)) areaName = 'British Transport Police';
    let areaCode = first;
    if (!areaCode) {
      if (areaName === 'British Transport Police') areaCode = 'BTP';
      else throw new DataError(`${where(sheet, r, 0)}: area ${JSON.stringify(areaName)} has no area code.`);
    } else if (/^[EKW]\d{8}\d{1,2}$/.test(areaCode)) {
      // A footnote marker glued to the code: "E230000118" is E23000011 with note 8.
      areaCode = areaCode.slice(0, 9);
    } else if (!/^[EKW]\d{8}$/.test(areaCode)) {
      throw new DataError(
        `${where(sheet, r, 0)}: expected a GSS area code (e.g. E23000001), found ${JSON.stringify(areaCode)}.`,
      );
    }
    areas++;
    const pop: Partial<PfaPopulation> = { areaCode, vintage };
    for (const col of cols) {
      const v = row[col.c] ?? null;
      let value: number | null = null;
      let flag = '';
      if (typeof v === 'number') value = v;
      else if (v === null || String(v).trim() === '') {
        throw new DataError(`${where(sheet, r, col.c)}: empty cell for ${areaName}; expected a number, ".." or "-".`);
      } else {
        const s = String(v).trim();
        if (s in FLAGS) flag = FLAGS[s]!;
        else if (/^-?\d+(\.\d+)?$/.test(s.replace(/,/g, ''))) value = Number(s.replace(/,/g, ''));
        else
          throw new DataError(
            `${where(sheet, r, col.c)}: value ${JSON.stringify(s)} for ${areaName}; expected a number, ".." or "-".`,
          );
      }
      if (col.pop) {
        pop[col.pop] = value;
        continue;
      }
      if (flag) out.flagged[flag] = (out.flagged[flag] ?? 0) + 1;
      out.values.push({ measure, areaCode, areaName, group: col.group!, value, flag });
    }
    if (measure === 'rate_per_1000') out.populations.push(pop as PfaPopulation);
  }
  out.rowsRead += areas;
}

export async function parsePfaWorkbook(file: string, groups: Map<string, string>): Promise<PfaWorkbook> {
  const wb = await readWorkbook(file);
  const out: PfaWorkbook = {
    file,
    periodEnd: '',
    scopeNote: '',
    values: [],
    populations: [],
    rowsRead: 0,
    skippedColumns: [],
    flagged: {},
  };
  for (const t of TABLES) {
    const sheet = wb.get(`Table ${t.id}`);
    if (!sheet) {
      throw new DataError(`${basename(file)}: no sheet "Table ${t.id}" (sheets: ${[...wb.keys()].join(', ')}).`);
    }
    const title = text(sheet.rows[0]?.[0] ?? null);
    const period = periodFromTitle(title, where(sheet, 0, 0));
    if (out.periodEnd && period !== out.periodEnd) {
      throw new DataError(
        `${where(sheet, 0, 0)}: title says year ending ${period}, but Table P1 says ${out.periodEnd}.`,
      );
    }
    out.periodEnd = period;
    if (t.id === 'P1') out.scopeNote = clean(text(sheet.rows[2]?.[0] ?? null)) || 'England and Wales';
    parseTable(sheet, t.measure, groups, out);
  }
  return out;
}
