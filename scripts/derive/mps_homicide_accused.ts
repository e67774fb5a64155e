/**
 * data/derived/mps_homicide_accused.csv
 *
 * The MPS Homicide dashboard's accused records — people charged or summonsed for a
 * homicide in London (or whose case closed because the accused died) — counted by
 * month of proceedings, offence, method of proceedings, sex and age group. One source
 * row is one person proceeded against (`count_of_ppa`, 1 in every row so far); the
 * output sums `count_of_ppa`, so its total equals the source's. These are people
 * accused, not victims and not homicides. The source's borough and self-classified
 * ethnicity are not carried (the site publishes the London breakdowns named in its
 * brief; the source has them for anyone who needs them).
 */
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

export const OUTPUT = 'mps_homicide_accused.csv';
const ID = 'mps-homicide-dashboard';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const HOMICIDE_COLUMNS = ['month', 'offence_type', 'proceedings', 'sex', 'age_group', 'people'] as const;

export async function deriveHomicide(file: string) {
  const cols = new Map<string, string>();
  const sums = new Map<string, { key: string[]; people: number }>();
  let read = 0;
  let people = 0;
  for await (const r of readCsv(file, {
    onHeader: (h) => checkHeader(file, h.columns, source(ID).expectedColumns).forEach((v, k) => cols.set(k, v)),
  })) {
    read++;
    const cell = (c: string) => r.cells[cols.get(c)!]!.trim();
    const d = /^([A-Z][a-z]{2})-(\d{2})$/.exec(cell('proceedings_date'));
    const mi = d ? MONTHS.indexOf(d[1]!) : -1;
    if (!d || mi < 0)
      throw valueError(
        file,
        r.line,
        cols.get('proceedings_date')!,
        cell('proceedings_date'),
        'a month as Mon-YY (e.g. "Jan-03")',
      );
    const month = `20${d[2]}-${String(mi + 1).padStart(2, '0')}`;
    const n = cell('count_of_ppa');
    if (!/^[1-9]\d*$/.test(n))
      throw valueError(file, r.line, cols.get('count_of_ppa')!, n, 'a whole number of people, 1 or more');
    const key = [month, cell('offence_type'), cell('charged_summonsed'), cell('gender'), cell('age_group')];
    for (const [i, c] of (['offence_type', 'charged_summonsed', 'gender', 'age_group'] as const).entries()) {
      if (!key[i + 1]) throw valueError(file, r.line, cols.get(c)!, '', `a value (the ${c.replace('_', ' ')})`);
    }
    const k = key.join('\u0000');
    const s = sums.get(k) ?? { key, people: 0 };
    s.people += Number(n);
    people += Number(n);
    sums.set(k, s);
  }
  if (!read)
    throw new DataError(
      `${file}: no rows after the header; expected one row per person proceeded against for homicide.`,
    );
  const rows = [...sums.values()].sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
    return 0;
  });
  const months = rows.map((r) => r.key[0]!);
  return {
    text: toCsv(
      [...HOMICIDE_COLUMNS],
      rows.map((r) => [...r.key, r.people]),
    ),
    read,
    people,
    rows: rows.length,
    from: months[0]!,
    to: months.at(-1)!,
  };
}

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx: DeriveContext) {
    if (unrecoverable(ctx, ID)) return keepCommitted(ctx, ID, (f) => f === OUTPUT);
    const file = sourcePath(ctx, ID);
    const d = await deriveHomicide(file);
    const s = source(ID);
    return {
      files: { [OUTPUT]: d.text },
      records: [
        {
          file: OUTPUT,
          title:
            'People proceeded against for homicide in London, by month, offence, method of proceedings, sex and age group',
          description:
            'The MPS Homicide dashboard accused records summed by month of proceedings, offence type (murder, manslaughter…), method of proceedings (charge or summons; accused deceased), sex and age group of the accused.',
          format: 'csv',
          rows: d.rows,
          columns: [...HOMICIDE_COLUMNS],
          coverage: { from: d.from, to: d.to },
          sources: [ID],
          inputs: [
            await inputRecord(
              ctx,
              ID,
              file,
              { rows_read: d.read, rows_used: d.read, rejected_reasons: {} },
              { people: d.people },
            ),
          ],
          notes: [
            `${d.read} source rows (${d.people} people proceeded against), summed into ${d.rows} rows; none rejected.`,
            'People accused (charged, summonsed, or whose case closed because the accused died), not victims and not homicides: one homicide can have several accused or none.',
            'Month of proceedings, not of the homicide. The latest months are likely to be incomplete: cases are charged long after the event.',
            "The source's borough and self-classified ethnicity are not carried into this file.",
          ],
          licence: s.licence,
          attribution: s.attribution,
        },
      ],
    };
  },
};
export default mod;
