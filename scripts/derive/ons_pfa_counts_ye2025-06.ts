/**
 * data/derived/ons_pfa_counts_ye2025-06.csv
 *
 * Police recorded crime by police force area and offence group, year ending June
 * 2025 (ONS Table P1, numbers only), for the latest national context.
 */
import { join } from 'node:path';
import { checkHeader } from '../lib/csv.ts';
import { DataError } from '../lib/errors.ts';
import { offenceGroupColumns, onsNumber, readOnsCsv, cleanName } from '../lib/ons-csv.ts';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule } from '../lib/context.ts';
import { readGroupMap } from '../lib/ons-pfa.ts';
import { source } from '../sources.ts';
import { AREA_NAMES, areaType } from './ons_pfa_tables.ts';

export const OUTPUT = 'ons_pfa_counts_ye2025-06.csv';
const PERIOD = '2025-06';

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const file = sourcePath(ctx, 'ons-pfa-p1-ye2025-06');
    const groups = readGroupMap(join(ctx.referenceDir, 'ons_offence_groups.csv'));
    const t = readOnsCsv(file, /^Area Code$/i);
    checkHeader(file, t.header, source('ons-pfa-p1-ye2025-06').expectedColumns);
    const groupCols = offenceGroupColumns(file, t, groups, 2);
    const out: (string | number | null)[][] = [];
    for (const r of t.rows) {
      const name = cleanName(r.cells[1] ?? '');
      const code = (r.cells[0] ?? '').trim() || (/^British Transport Police/i.test(name) ? 'BTP' : '');
      if (!code) throw new DataError(`${file}:${r.line}: area ${JSON.stringify(name)} has no area code.`);
      for (const g of groupCols)
        out.push([
          PERIOD,
          code,
          AREA_NAMES[code] ?? name,
          areaType(code),
          g.g,
          onsNumber(file, r.line, g.h, r.cells[g.i]),
        ]);
    }
    out.sort((a, b) => (a[1] !== b[1] ? (String(a[1]) < String(b[1]) ? -1 : 1) : String(a[4]) < String(b[4]) ? -1 : 1));
    const columns = ['period_end', 'area_code', 'area_name', 'area_type', 'offence_group', 'count'];
    return {
      files: { [OUTPUT]: toCsv(columns, out) },
      records: [
        {
          file: OUTPUT,
          title: 'Police recorded crime by police force area, year ending June 2025',
          description:
            'Long CSV: numbers of offences by area (England and Wales, countries, regions, 43 forces, British Transport Police) and offence group, year ending June 2025 (ONS Table P1).',
          format: 'csv',
          rows: out.length,
          columns,
          coverage: { from: PERIOD, to: PERIOD },
          sources: ['ons-pfa-p1-ye2025-06'],
          inputs: [
            await inputRecord(ctx, 'ons-pfa-p1-ye2025-06', file, {
              rows_read: t.rows.length,
              rows_used: t.rows.length,
            }),
          ],
          notes: [
            'Numbers only: this table has no rates or % change. Greater Manchester Police is included. The England and Wales total includes British Transport Police.',
          ],
          licence: 'Open Government Licence v3.0',
          attribution: 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
        },
      ],
    };
  },
};
export default mod;
