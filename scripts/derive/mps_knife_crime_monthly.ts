/**
 * data/derived/mps_knife_crime_monthly.csv
 *
 * Knife crime from the MPS Monthly Crime Dashboard data: offences and positive outcomes
 * for knife crime, knife crime with injury (and its personal-robbery part) and knife
 * injury victims aged 1–24, by month, for each borough and each Safer Neighbourhood Team
 * (whose codes are the 2022 ward codes, written with a trailing space in the source).
 *
 * Wide, like the MPS borough and ward files: one row per area × subtype × measure, a
 * column per month. Nothing is dropped: rows whose area code is blank, a placeholder
 * ("-1", "N/K", "NON ATHENA FORCE") or a retired ward code are kept, marked with
 * `code_status` "unknown code" and the code as written, so London totals include them.
 * The dashboard data list only the months with a count: a month with no row is left
 * empty, not written as 0 (the source does not say it is zero).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { checkHeader, readCsv } from '../lib/csv.ts';
import { DataError, valueError } from '../lib/errors.ts';
import { toCsv } from '../lib/write.ts';
import {
  inputRecord,
  keepCommitted,
  sourcePath,
  unrecoverable,
  type DeriveContext,
  type DeriveModule,
} from '../lib/context.ts';
import { source } from '../sources.ts';
import { CITY_CODE } from '../../src/lib/areas.ts';
import { readGeoJson } from '../lib/geo.ts';

export const OUTPUT = 'mps_knife_crime_monthly.csv';
const ID = 'mps-knife-crime-dashboard';
const LEVELS: Record<string, 'borough' | 'ward'> = { Borough: 'borough', 'Safer Neighbourhood Teams': 'ward' };
const MEASURES = new Set(['Offences', 'Positive Outcomes']);

interface Key {
  level: 'borough' | 'ward';
  code: string;
  status: string;
  name: string;
  borough: string;
  subtype: string;
  measure: string;
}

/** `wardCodes`: the 2022 ward codes (an SNT code outside them is unknown). */
export async function deriveKnifeCrime(file: string, wardCodes: Set<string>) {
  const cols = new Map<string, string>();
  const rows = new Map<string, { key: Key; months: Map<string, number> }>();
  const months = new Set<string>();
  const statuses: Record<string, number> = {};
  let read = 0;
  for await (const r of readCsv(file, {
    onHeader: (h) => checkHeader(file, h.columns, source(ID).expectedColumns).forEach((v, k) => cols.set(k, v)),
  })) {
    read++;
    const cell = (c: string) => r.cells[cols.get(c)!]!;
    const m = /^(\d{4}-(0[1-9]|1[0-2]))-01$/.exec(cell('month_year').trim());
    if (!m)
      throw valueError(
        file,
        r.line,
        cols.get('month_year')!,
        cell('month_year'),
        'the first day of a month, YYYY-MM-01',
      );
    const level = LEVELS[cell('area_type').trim()];
    if (!level)
      throw valueError(
        file,
        r.line,
        cols.get('area_type')!,
        cell('area_type'),
        '"Borough" or "Safer Neighbourhood Teams"',
      );
    if (cell('crime_type').trim() !== 'Knife Crime')
      throw valueError(
        file,
        r.line,
        cols.get('crime_type')!,
        cell('crime_type'),
        '"Knife Crime" (the file holds knife crime only)',
      );
    const measure = cell('measure').trim();
    if (!MEASURES.has(measure))
      throw valueError(file, r.line, cols.get('measure')!, measure, '"Offences" or "Positive Outcomes"');
    const countText = cell('count').trim();
    if (!/^\d+$/.test(countText))
      throw valueError(file, r.line, cols.get('count')!, countText, 'a whole number (0 or more)');
    // The SNT rows carry the ward code with a trailing space: trimmed here.
    const code = cell('area_code').trim();
    const known = level === 'borough' ? /^E09\d{6}$/.test(code) && code !== CITY_CODE : wardCodes.has(code);
    const status = known ? 'known' : `unknown code: "${code}"`;
    if (!known) statuses[`${level} rows with ${status}`] = (statuses[`${level} rows with ${status}`] ?? 0) + 1;
    const key: Key = {
      level,
      code: known ? code : '',
      status,
      name: cell('area_name').trim(),
      borough: cell('borough_snt').trim(),
      subtype: cell('crime_subtype').trim(),
      measure,
    };
    const k = JSON.stringify(key);
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { key, months: new Map() }));
    const month = m[1]!;
    if (row.months.has(month))
      throw new DataError(
        `${file}:${r.line}: a second row for ${level} "${key.name}" (${code || 'no code'}), ${key.subtype}, ${measure}, ${month}; the dashboard data hold one row per area, subtype, measure and month.`,
      );
    row.months.set(month, Number(countText));
    months.add(month);
  }
  if (!rows.size)
    throw new DataError(
      `${file}: no rows after the header; expected knife-crime counts by borough and Safer Neighbourhood Team.`,
    );
  const monthList = [...months].sort();
  const order = (a: Key, b: Key) =>
    (a.level < b.level ? -1 : a.level > b.level ? 1 : 0) ||
    (a.status === 'known' ? 0 : 1) - (b.status === 'known' ? 0 : 1) ||
    a.code.localeCompare(b.code) ||
    a.name.localeCompare(b.name) ||
    a.borough.localeCompare(b.borough) ||
    a.subtype.localeCompare(b.subtype) ||
    a.measure.localeCompare(b.measure) ||
    a.status.localeCompare(b.status);
  const sorted = [...rows.values()].sort((a, b) => order(a.key, b.key));
  const columns = ['level', 'area_code', 'area_name', 'borough', 'code_status', 'subtype', 'measure', ...monthList];
  const out = sorted.map(({ key, months: mm }) => [
    key.level,
    key.code,
    key.name,
    key.borough,
    key.status,
    key.subtype,
    key.measure,
    ...monthList.map((mo) => mm.get(mo) ?? null),
  ]);
  const cellsWritten = sorted.reduce((a, r) => a + r.months.size, 0);
  if (cellsWritten !== read) throw new Error(`${file}: ${read} rows read but ${cellsWritten} month cells written`);
  return { text: toCsv(columns, out), read, rows: out.length, months: monthList, statuses };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx: DeriveContext) {
    if (unrecoverable(ctx, ID)) return keepCommitted(ctx, ID, (f) => f === OUTPUT);
    const file = sourcePath(ctx, ID);
    const wardFile = sourcePath(ctx, 'ons-wards-2022');
    const wards = readGeoJson<Polygon | MultiPolygon>(wardFile, ['Polygon', 'MultiPolygon']);
    const wardCodes = new Set(wards.features.map((f) => String((f.properties as Record<string, unknown>).WD22CD)));
    const d = await deriveKnifeCrime(file, wardCodes);
    const s = source(ID);
    const unknownRows = Object.values(d.statuses).reduce((a, b) => a + b, 0);
    return {
      files: { [OUTPUT]: d.text },
      records: [
        {
          file: OUTPUT,
          title: 'MPS knife crime by month, borough and Safer Neighbourhood Team',
          description:
            'Knife crime offences and positive outcomes (knife crime, knife crime with injury, its personal-robbery part, knife injury victims aged 1–24) from the MPS Monthly Crime Dashboard data, one row per area, subtype and measure, one column per month.',
          format: 'csv',
          rows: d.rows,
          columns: ['level', 'area_code', 'area_name', 'borough', 'code_status', 'subtype', 'measure', ...d.months],
          coverage: { from: d.months[0]!, to: d.months.at(-1)! },
          sources: [ID, 'ons-wards-2022'],
          inputs: [
            // Every source row becomes one month cell: none is rejected; rows with an unknown area code are kept and marked.
            await inputRecord(
              ctx,
              ID,
              file,
              { rows_read: d.read, rows_used: d.read, rejected_reasons: {} },
              { kept_with_unknown_code: d.statuses },
            ),
            await inputRecord(ctx, 'ons-wards-2022', wardFile, {
              rows_read: wards.features.length,
              rows_used: wards.features.length,
            }),
          ],
          notes: [
            'Safer Neighbourhood Team codes are the 2022 ward codes, trimmed of the trailing space the source writes.',
            `${unknownRows} source rows have an area code that is blank, a placeholder or not a 2022 ward; they are kept with code_status "unknown code: …" and the code as written, so that London totals include them.`,
            'An empty month cell: the dashboard data have no row for that area, subtype, measure and month. They list months with a count; an empty cell is most likely zero, but the source does not say so.',
            'Knife injury victims (1–24) count victims, not offences.',
          ],
          licence: s.licence,
          attribution: s.attribution,
        },
      ],
    };
  },
};
export default mod;
