/**
 * data/derived/pas_borough_quarterly.csv
 *
 * The Public Attitude Survey dashboard's eight measures for the 32 Met boroughs and for
 * the whole Metropolitan Police area, quarterly (rolling 12 months to each quarter end).
 * Borough names are cleaned to codes through data/reference/mps_areas.csv
 * ("City of Westminster", two spellings of Richmond); the MPS value comes from the MPS
 * sheet and is checked against the copy the borough sheet carries in each row.
 */
import { join } from 'node:path';
import { checkHeader, readCsv } from '../lib/csv.ts';
import { valueError } from '../lib/errors.ts';
import { toCsv } from '../lib/write.ts';
import {
  inputRecord,
  keepCommitted,
  sourcePath,
  unrecoverable,
  type DeriveContext,
  type DeriveModule,
} from '../lib/context.ts';
import { boroughCodes, expectAreas, readAreas } from './mps_borough_monthly.ts';
import { source } from '../sources.ts';
import { measureByLabel, pasBoroughCode, PAS_MEASURES } from '../../src/lib/pas.ts';
import { MET_FORCE_CODE } from '../../src/lib/areas.ts';

export const OUTPUT = 'pas_borough_quarterly.csv';
const MPS_CODE = MET_FORCE_CODE;
const MPS_NAME = 'Metropolitan Police area';

const DATE = /^(\d{4})-(03-31|06-30|09-30|12-31)$/;
const PROPORTION = /^(0(\.\d+)?|1(\.0+)?)$/;

function quarterOf(file: string, line: number, column: string, raw: string): string {
  const m = DATE.exec(raw.trim());
  if (!m) throw valueError(file, line, column, raw, 'a quarter end date (YYYY-03-31, -06-30, -09-30 or -12-31)');
  return `${m[1]}-${m[2]!.slice(0, 2)}`;
}
function proportionOf(file: string, line: number, column: string, raw: string): number {
  if (!PROPORTION.test(raw.trim()))
    throw valueError(file, line, column, raw, 'a proportion between 0 and 1 (e.g. 0.67)');
  return Number(raw.trim());
}
function measureOf(file: string, line: number, column: string, raw: string): string {
  const m = measureByLabel(raw.trim());
  if (!m)
    throw valueError(
      file,
      line,
      column,
      raw,
      `one of the eight dashboard measures (${PAS_MEASURES.map((x) => x.label).join(', ')})`,
    );
  return m.label;
}

export async function derivePas(ctx: DeriveContext, boroughFile: string, mpsFile: string) {
  const areas = await readAreas(join(ctx.referenceDir, 'mps_areas.csv'));
  const codeByName = new Map([...areas.values()].filter((a) => a.kind === 'borough').map((a) => [a.name, a.code]));
  const nameByCode = new Map([...codeByName].map(([n, c]) => [c, n]));

  // The MPS sheet first: the borough sheet's mps_proportion is checked against it.
  const mps = new Map<string, number>();
  let mpsRead = 0;
  let cols = new Map<string, string>();
  for await (const r of readCsv(mpsFile, {
    onHeader: (h) => (cols = checkHeader(mpsFile, h.columns, source('mopac-pas-mps').expectedColumns)),
  })) {
    mpsRead++;
    const area = r.cells[cols.get('borough')!]!.trim();
    if (area !== 'MPS') throw valueError(mpsFile, r.line, cols.get('borough')!, area, '"MPS"');
    const q = quarterOf(mpsFile, r.line, cols.get('quarter_end')!, r.cells[cols.get('quarter_end')!]!);
    const m = measureOf(mpsFile, r.line, cols.get('measure')!, r.cells[cols.get('measure')!]!);
    const key = `${q}|${m}`;
    if (mps.has(key))
      throw valueError(mpsFile, r.line, cols.get('measure')!, m, `one row per quarter and measure (${q} is repeated)`);
    mps.set(key, proportionOf(mpsFile, r.line, cols.get('proportion')!, r.cells[cols.get('proportion')!]!));
  }

  const rows = new Map<string, (string | number)[]>();
  const reasons: Record<string, number> = {};
  const renamed: Record<string, number> = {};
  let read = 0;
  let mismatched = 0;
  for await (const r of readCsv(boroughFile, {
    onHeader: (h) => (cols = checkHeader(boroughFile, h.columns, source('mopac-pas-borough').expectedColumns)),
  })) {
    read++;
    const name = r.cells[cols.get('borough')!]!.trim();
    const code = pasBoroughCode(name, codeByName);
    if (!code)
      throw valueError(
        boroughFile,
        r.line,
        cols.get('borough')!,
        name,
        'a London borough named in data/reference/mps_areas.csv (or "City of Westminster")',
      );
    if (name !== nameByCode.get(code))
      renamed[`"${name}" → ${nameByCode.get(code)}`] = (renamed[`"${name}" → ${nameByCode.get(code)}`] ?? 0) + 1;
    const q = quarterOf(boroughFile, r.line, cols.get('quarter_end')!, r.cells[cols.get('quarter_end')!]!);
    const m = measureOf(boroughFile, r.line, cols.get('measure')!, r.cells[cols.get('measure')!]!);
    const p = proportionOf(boroughFile, r.line, cols.get('proportion')!, r.cells[cols.get('proportion')!]!);
    const copy = proportionOf(boroughFile, r.line, cols.get('mps_proportion')!, r.cells[cols.get('mps_proportion')!]!);
    const key = `${q}|${code}|${m}`;
    const seen = rows.get(key);
    if (seen) {
      // A repeat of the same value is counted as rejected; a different value for the same cell is a contradiction the file must not hide.
      if (seen[4] !== p)
        throw valueError(
          boroughFile,
          r.line,
          cols.get('proportion')!,
          String(p),
          `the same value as the earlier row for ${name}, ${q}, ${m} (${seen[4]})`,
        );
      reasons['a repeat of an earlier row (same quarter, borough, measure and value)'] =
        (reasons['a repeat of an earlier row (same quarter, borough, measure and value)'] ?? 0) + 1;
      continue;
    }
    const m0 = mps.get(`${q}|${m}`);
    if (m0 === undefined)
      throw valueError(boroughFile, r.line, cols.get('measure')!, m, `a quarter and measure the MPS sheet has (${q})`);
    if (m0 !== copy) mismatched++;
    rows.set(key, [q, code, nameByCode.get(code)!, m, p]);
  }
  for (const [key, p] of mps) {
    const [q, m] = key.split('|') as [string, string];
    rows.set(`${q}|${MPS_CODE}|${m}`, [q, MPS_CODE, MPS_NAME, m, p]);
  }
  const order = new Map(PAS_MEASURES.map((m, i) => [m.label as string, i]));
  const out = [...rows.values()].sort(
    (a, b) =>
      String(a[0]).localeCompare(String(b[0])) ||
      String(a[1]).localeCompare(String(b[1])) ||
      order.get(String(a[3]))! - order.get(String(b[3]))!,
  );
  const quarters = [...new Set(out.map((r) => String(r[0])))].sort();
  expectAreas(boroughFile, `the Met boroughs of ${join(ctx.referenceDir, 'mps_areas.csv')}`, boroughCodes(areas), [
    ...new Set(out.map((r) => String(r[1])).filter((c) => c.startsWith('E09'))),
  ]);
  const used = read - Object.values(reasons).reduce((a, b) => a + b, 0);
  const columns = ['quarter_end', 'area_code', 'area_name', 'measure', 'proportion'];
  return {
    text: toCsv(columns, out),
    record: {
      file: OUTPUT,
      title: 'Public Attitude Survey: trust and confidence by borough, quarterly',
      description: `The eight measures of the PAS trust and confidence dashboard for the ${boroughCodes(areas).size} Met boroughs and the Metropolitan Police area (code ${MET_FORCE_CODE}), as proportions of respondents, rolling 12 months to each quarter end (quarter_end as YYYY-MM).`,
      format: 'csv',
      rows: out.length,
      columns,
      coverage: { from: quarters[0]!, to: quarters.at(-1)! },
      sources: ['mopac-pas-borough', 'mopac-pas-mps'],
      inputs: [
        await inputRecord(ctx, 'mopac-pas-borough', boroughFile, {
          rows_read: read,
          rows_used: used,
          rejected_reasons: reasons,
        }),
        await inputRecord(ctx, 'mopac-pas-mps', mpsFile, { rows_read: mpsRead, rows_used: mps.size }),
      ],
      notes: [
        `Borough names cleaned to codes through data/reference/mps_areas.csv: ${
          Object.entries(renamed)
            .map(([k, n]) => `${k} (${n} rows)`)
            .join('; ') || 'none needed'
        }.`,
        `The borough sheet's copy of the MPS value (mps_proportion) differs from the MPS sheet in ${mismatched} of ${used} rows; the MPS sheet's value is used.`,
        'No City of London: the PAS covers the Metropolitan Police area only.',
        'Proportions as published, to two decimal places; the dashboard publishes no base sizes.',
      ],
      licence: source('mopac-pas-borough').licence,
      attribution: source('mopac-pas-borough').attribution,
    },
  };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    if (unrecoverable(ctx, 'mopac-pas-borough') || unrecoverable(ctx, 'mopac-pas-mps'))
      return keepCommitted(
        ctx,
        unrecoverable(ctx, 'mopac-pas-borough') ? 'mopac-pas-borough' : 'mopac-pas-mps',
        (f) => f === OUTPUT,
      );
    const { text, record } = await derivePas(
      ctx,
      sourcePath(ctx, 'mopac-pas-borough'),
      sourcePath(ctx, 'mopac-pas-mps'),
    );
    return { files: { [OUTPUT]: text }, records: [record] };
  },
};
export default mod;
