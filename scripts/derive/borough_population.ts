/**
 * data/derived/borough_population.csv
 *
 * Usual resident population of the 33 London local authorities at Census 2021
 * (TS007A "Age: Total"), the denominator for rates per 1,000 residents.
 */
import { checkHeader, readCsv } from '../lib/csv.ts';
import { valueError } from '../lib/errors.ts';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveContext, type DeriveModule } from '../lib/context.ts';
import { source } from '../sources.ts';
import { join } from 'node:path';
import { expectAreas, londonAuthorityCodes, readAreas } from './mps_borough_monthly.ts';

export const OUTPUT = 'borough_population.csv';
export const VINTAGE = 'Census 2021 (21 March 2021), usual residents';

export async function derivePopulation(ctx: DeriveContext, file: string) {
  let header: string[] = [];
  let cols = new Map<string, string>();
  const out: (string | number)[][] = [];
  const reasons: Record<string, number> = {};
  let read = 0;
  for await (const r of readCsv(file, {
    onHeader: (h) => {
      header = h.columns;
      cols = checkHeader(file, header, source('census-2021-ts007a-ltla').expectedColumns);
    },
  })) {
    read++;
    const code = r.cells[cols.get('geography code')!]!.trim();
    if (!/^E09\d{6}$/.test(code)) {
      reasons['not a London local authority (code not E09…)'] =
        (reasons['not a London local authority (code not E09…)'] ?? 0) + 1;
      continue;
    }
    const raw = r.cells[cols.get('Age: Total')!]!;
    if (!/^\d+$/.test(raw.trim()))
      throw valueError(file, r.line, cols.get('Age: Total')!, raw, 'a whole number of residents');
    const date = r.cells[cols.get('date')!]!.trim();
    if (date !== '2021') throw valueError(file, r.line, cols.get('date')!, date, '2021');
    out.push([code, r.cells[cols.get('geography')!]!.trim(), Number(raw), VINTAGE]);
  }
  out.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  const list = join(ctx.referenceDir, 'mps_areas.csv');
  expectAreas(
    file,
    `the London local authorities (the boroughs of ${list} and the City of London)`,
    londonAuthorityCodes(await readAreas(list)),
    out.map((r) => String(r[0])),
  );
  const columns = ['area_code', 'area_name', 'population', 'vintage'];
  const text = toCsv(columns, out);
  return {
    text,
    record: {
      file: OUTPUT,
      title: 'Resident population of London boroughs, Census 2021',
      description:
        'Usual residents of each of the 33 London local authorities on Census Day, 21 March 2021 (TS007A, all ages).',
      format: 'csv',
      rows: out.length,
      columns,
      coverage: { from: '2021-03', to: '2021-03' },
      sources: ['census-2021-ts007a-ltla'],
      inputs: [
        await inputRecord(ctx, 'census-2021-ts007a-ltla', file, {
          rows_read: read,
          rows_used: out.length,
          rejected_reasons: reasons,
        }),
      ],
      notes: [
        'Population vintage: ' + VINTAGE + '. Used as the denominator of every rate per 1,000 residents on this site.',
      ],
      licence: source('census-2021-ts007a-ltla').licence,
      attribution: source('census-2021-ts007a-ltla').attribution,
    },
  };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const { text, record } = await derivePopulation(ctx, sourcePath(ctx, 'census-2021-ts007a-ltla'));
    return { files: { [OUTPUT]: text }, records: [record] };
  },
};
export default mod;
