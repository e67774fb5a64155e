/**
 * data/derived/ons_pfa_releases.csv
 *
 * One row per ONS PFA release per area: the population each release used for its
 * rates (Table P3, mid-year estimate rounded to 100, vintage as stated), and the
 * release's scope (e.g. "England and Wales (excluding Greater Manchester Police)").
 */
import { basename } from 'node:path';
import { toCsv } from '../lib/write.ts';
import type { DeriveModule } from '../lib/context.ts';
import { latestNames, parseAllPfa } from '../lib/ons-pfa-all.ts';
import { AREA_NAMES } from './ons_pfa_tables.ts';

export const OUTPUT = 'ons_pfa_releases.csv';

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const { books, inputs } = await parseAllPfa(ctx);
    const names = latestNames(books);
    const out: (string | number | null)[][] = [];
    for (const b of books) {
      for (const p of b.populations) {
        out.push([
          b.periodEnd,
          basename(b.file),
          b.scopeNote,
          p.areaCode,
          AREA_NAMES[p.areaCode] ?? names.get(p.areaCode)!,
          p.population,
          p.households,
          p.vintage,
        ]);
      }
    }
    out.sort((a, b) => (a[0] !== b[0] ? (String(a[0]) < String(b[0]) ? -1 : 1) : String(a[3]) < String(b[3]) ? -1 : 1));
    const columns = [
      'period_end',
      'workbook',
      'scope',
      'area_code',
      'area_name',
      'population',
      'households',
      'population_vintage',
    ];
    return {
      files: { [OUTPUT]: toCsv(columns, out) },
      records: [
        {
          file: OUTPUT,
          title: 'ONS PFA releases: scope and the populations used for rates',
          description:
            'One row per release × area: the workbook, the scope of its totals, and the mid-year population and households the release used for its rates per 1,000 (Table P3).',
          format: 'csv',
          rows: out.length,
          columns,
          coverage: {
            from: books.map((b) => b.periodEnd).sort()[0]!,
            to: books
              .map((b) => b.periodEnd)
              .sort()
              .at(-1)!,
          },
          sources: inputs.map((i) => i.source),
          inputs,
          notes: [
            'Populations are as each release states them (mid-2016 for year ending March 2018, mid-2017 for June 2018 to March 2019, mid-2018 for June to December 2019), rounded to 100.',
          ],
          licence: 'Open Government Licence v3.0',
          attribution: 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
        },
      ],
    };
  },
};
export default mod;
