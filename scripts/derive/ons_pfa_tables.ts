/**
 * data/derived/ons_pfa_tables.csv
 *
 * ONS police recorded crime by police force area and offence group for the eight
 * rolling-12-month releases from year ending March 2018 to year ending December
 * 2019: number, % change on the previous year and rate per 1,000 population, as
 * published (Tables P1, P2, P3). Symbols the tables use for missing values are kept
 * in the *_note columns: ".." not available, "-" base under 50, "+" suppressed.
 */
import { toCsv } from '../lib/write.ts';
import type { DeriveModule } from '../lib/context.ts';
import { latestNames, parseAllPfa } from '../lib/ons-pfa-all.ts';
import { FLAGS, type Measure } from '../lib/ons-pfa.ts';
import { CITY_FORCE_CODE, ENGLAND_CODE, ENGLAND_WALES_CODE, WALES_CODE } from '../../src/lib/areas.ts';

export const OUTPUT = 'ons_pfa_tables.csv';

const SYMBOL = Object.fromEntries(Object.entries(FLAGS).map(([k, v]) => [v, k]));

export function areaType(code: string): string {
  if (code === ENGLAND_WALES_CODE) return 'england_and_wales';
  if (code === ENGLAND_CODE || code === WALES_CODE) return 'country';
  if (code.startsWith('E12')) return 'region';
  if (code.startsWith('E23') || code.startsWith('W15')) return 'force';
  return 'other';
}

/** Display names by code: ONS spells some differently across releases. */
export const AREA_NAMES: Record<string, string> = {
  [ENGLAND_WALES_CODE]: 'England and Wales',
  [ENGLAND_CODE]: 'England',
  [WALES_CODE]: 'Wales',
  [CITY_FORCE_CODE]: 'City of London',
  BTP: 'British Transport Police',
};

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const { books, inputs } = await parseAllPfa(ctx);
    const rows = new Map<string, (string | number | null)[]>();
    const names = latestNames(books);
    const idx: Record<Measure, number> = { count: 5, pct_change: 7, rate_per_1000: 9 };
    for (const b of books) {
      for (const v of b.values) {
        const k = `${b.periodEnd}|${v.areaCode}|${v.group}`;
        let r = rows.get(k);
        if (!r) {
          const name = AREA_NAMES[v.areaCode] ?? names.get(v.areaCode)!;
          r = [b.periodEnd, v.areaCode, name, areaType(v.areaCode), v.group, null, '', null, '', null, ''];
          rows.set(k, r);
        }
        r[idx[v.measure]] = v.value;
        r[idx[v.measure] + 1] = v.flag ? SYMBOL[v.flag]! : '';
      }
    }
    const out = [...rows.values()].sort((a, b) => {
      for (const i of [0, 1, 4]) if (a[i] !== b[i]) return String(a[i]) < String(b[i]) ? -1 : 1;
      return 0;
    });
    const columns = [
      'period_end',
      'area_code',
      'area_name',
      'area_type',
      'offence_group',
      'count',
      'count_note',
      'pct_change',
      'pct_change_note',
      'rate_per_1000',
      'rate_note',
    ];
    const text = toCsv(columns, out);
    return {
      files: { [OUTPUT]: text },
      records: [
        {
          file: OUTPUT,
          title: 'Police recorded crime by police force area and offence group, eight ONS releases',
          description:
            'Long CSV: one row per release (period_end = last month of the rolling 12 months) × area × offence group, with the number of offences (Table P1), % change on the previous year (P2) and rate per 1,000 population (P3) as published.',
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
            'Area names are the latest release\'s, with footnote markers removed; areas are joined across releases on their GSS codes. British Transport Police has no code and is given "BTP".',
            'Offence groups renamed between releases are harmonised with data/reference/ons_offence_groups.csv ("All other theft offences" → "Other theft offences"; "Miscellaneous crimes" → "Miscellaneous crimes against society"; the misspelt "Residental burglary" → "Residential burglary").',
            'Notes: ".." = not available (Greater Manchester Police, years ending September and December 2019); "-" = % change not shown as the base is fewer than 50; "+" = City of London rate suppressed for its small resident population.',
            'The rate per 1,000 households for residential burglary in Table P3 is not carried (a different denominator).',
            ...books
              .filter((b) => b.scopeNote !== 'England and Wales')
              .map((b) => `Year ending ${b.periodEnd}: totals are for ${b.scopeNote}.`),
          ],
          licence: 'Open Government Licence v3.0',
          attribution: 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
        },
      ],
    };
  },
};
export default mod;
