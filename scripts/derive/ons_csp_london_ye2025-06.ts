/**
 * data/derived/ons_csp_london_ye2025-06.csv
 *
 * Police recorded crime by Community Safety Partnership, year ending June 2025
 * (ONS/Home Office Table C2), for London: the Metropolitan Police total, its 32
 * borough CSPs and the City of London, by offence group (long format).
 */
import { checkHeader } from '../lib/csv.ts';
import { DataError } from '../lib/errors.ts';
import { offenceGroupColumns, onsNumber, readOnsCsv, cleanName } from '../lib/ons-csv.ts';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule } from '../lib/context.ts';
import { readGroupMap } from '../lib/ons-pfa.ts';
import { join } from 'node:path';
import { source } from '../sources.ts';
import { CITY_FORCE_CODE, MET_FORCE_CODE } from '../../src/lib/areas.ts';

export const OUTPUT = 'ons_csp_london_ye2025-06.csv';
const PERIOD = '2025-06';

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const file = sourcePath(ctx, 'ons-csp-c2-ye2025-06');
    const groups = readGroupMap(join(ctx.referenceDir, 'ons_offence_groups.csv'));
    const t = readOnsCsv(file, /^Police Force Area code$/i);
    const cols = checkHeader(file, t.header, source('ons-csp-c2-ye2025-06').expectedColumns);
    const idx = (name: string) => t.header.indexOf(cols.get(name) ?? name);
    const groupCols = offenceGroupColumns(file, t, groups, idx('Total recorded crime (excluding fraud)'));
    const reasons: Record<string, number> = {};
    const out: (string | number | null)[][] = [];
    let used = 0;
    for (const r of t.rows) {
      const pfa = r.cells[0]!.trim();
      if (pfa !== MET_FORCE_CODE && pfa !== CITY_FORCE_CODE) {
        reasons['outside London (another police force area)'] =
          (reasons['outside London (another police force area)'] ?? 0) + 1;
        continue;
      }
      const csp = (r.cells[idx('Community Safety Partnership code')] ?? '').trim();
      const la = (r.cells[idx('Local Authority code')] ?? '').trim();
      const laName = cleanName(r.cells[idx('Local Authority name')] ?? '');
      const cspName = cleanName(r.cells[idx('Community Safety Partnership name')] ?? '');
      // The force total has no CSP at all; "Unassigned Metropolitan police" has a name but no code.
      const isTotal = !csp && !cspName;
      const isUnassigned = !csp && Boolean(cspName);
      if (isTotal && pfa === CITY_FORCE_CODE) {
        // The City's force total repeats its single CSP row.
        reasons['City of London force total (same as its one CSP)'] =
          (reasons['City of London force total (same as its one CSP)'] ?? 0) + 1;
        continue;
      }
      used++;
      if (!isTotal && !isUnassigned && !/^E09\d{6}$/.test(la)) {
        throw new DataError(
          `${file}:${r.line}: column "Local Authority code" has value ${JSON.stringify(la)}; expected a London borough code (E09…).`,
        );
      }
      const code = isTotal ? pfa : isUnassigned ? 'MPS-UNASSIGNED' : la;
      const name = isTotal
        ? 'Metropolitan Police (force total)'
        : isUnassigned
          ? 'Unassigned to a borough (Metropolitan Police)'
          : laName;
      const type = isTotal ? 'force' : isUnassigned ? 'other' : 'borough';
      for (const g of groupCols) {
        out.push([PERIOD, code, name, type, csp, g.g, onsNumber(file, r.line, g.h, r.cells[g.i])]);
      }
    }
    out.sort((a, b) => (a[1] !== b[1] ? (String(a[1]) < String(b[1]) ? -1 : 1) : String(a[5]) < String(b[5]) ? -1 : 1));
    const columns = ['period_end', 'area_code', 'area_name', 'area_type', 'csp_code', 'offence_group', 'count'];
    return {
      files: { [OUTPUT]: toCsv(columns, out) },
      records: [
        {
          file: OUTPUT,
          title: 'Police recorded crime by borough (Community Safety Partnership), London, year ending June 2025',
          description:
            'Long CSV: the Metropolitan Police force total, its 32 borough CSPs and the City of London, by offence group, year ending June 2025.',
          format: 'csv',
          rows: out.length,
          columns,
          coverage: { from: PERIOD, to: PERIOD },
          sources: ['ons-csp-c2-ye2025-06'],
          inputs: [
            await inputRecord(ctx, 'ons-csp-c2-ye2025-06', file, {
              rows_read: t.rows.length,
              rows_used: used,
              rejected_reasons: reasons,
            }),
          ],
          notes: [
            'Boroughs are keyed by their local authority code (E09…); the CSP code is kept alongside.',
            'The MPS row "Unassigned Metropolitan police" (crimes not attributed to a borough) is kept as its own area, MPS-UNASSIGNED; the force total includes it.',
            'Fraud is excluded.',
          ],
          licence: 'Open Government Licence v3.0',
          attribution: 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
        },
      ],
    };
  },
};
export default mod;
