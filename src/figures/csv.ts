/**
 * A figure's CSV and its CSV on the Web metadata: exactly its table, raw values, one
 * writer for the build and the browser. The header row holds the columns' labels in
 * words with their units ("Crimes, latest 12 months", "Change (%)"); the companion
 * `<name>.csv-metadata.json` (W3C CSVW, https://www.w3.org/TR/tabular-metadata/) maps
 * them to short names and types and carries the title, sources, licences, data dates
 * and the figure's address, so the CSV itself stays a plain table.
 */
import { toCsv } from '../lib/csv.ts';
import { SITE_NAME, sourceLine, sourceLines } from './export.ts';
import type { Figure } from './types.ts';

export function figureCsv(f: Pick<Figure, 'table'>): string {
  const cols = f.table.columns;
  return toCsv(
    cols.map((c) => c.label),
    f.table.rows.map((r) => cols.map((c) => r[c.key])),
  );
}

/** The downloads' base name: the view's file name, or the figure's id. */
export const downloadName = (f: Pick<Figure, 'id' | 'fileName'>) => f.fileName ?? f.id;

/** CSVW metadata for the figure's CSV (`url`: the figure's address). */
export function figureCsvMetadata(f: Figure, url: string): string {
  const name = downloadName(f);
  const numeric = (key: string) =>
    f.table.rows.every((r) => r[key] === null || r[key] === undefined || typeof r[key] === 'number');
  const meta = {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'en' }],
    url: `${name}.csv`,
    'dc:title': f.title,
    'dc:description': `${f.subtitle}. ${f.table.caption}.`,
    'dc:publisher': SITE_NAME,
    'dc:source': f.source.map((s) => ({
      'dc:title': s.name,
      'dc:publisher': s.publisher,
      'dc:license': s.licence,
      'dc:temporal': s.dataDate,
      'schema:url': s.url,
      'rdfs:comment': sourceLine(s),
    })),
    'dc:license': [...new Set(f.source.map((s) => s.licence))].join('; '),
    'schema:url': url,
    notes: f.notes.map((n) => ({ 'rdfs:comment': n })),
    dialect: { header: true, encoding: 'utf-8', lineTerminators: ['\n'] },
    tableSchema: {
      columns: f.table.columns.map((c) => ({
        name: c.key,
        titles: c.label,
        datatype: c.numeric && numeric(c.key) ? 'number' : 'string',
        required: false,
      })),
    },
  };
  return JSON.stringify(meta, null, 2) + '\n';
}

/**
 * The README of a figure's data with its notes: what the table is, its address, its sources
 * with their data dates and licences, its caveats and its columns, in plain text, for someone
 * who opens the CSV in a spreadsheet and has nothing else beside it.
 */
export function figureReadme(f: Figure, url: string): string {
  const name = downloadName(f);
  const rule = (s: string) => `${s}\n${'='.repeat(s.length)}`;
  const list = (xs: string[]) => xs.map((x) => `- ${x}`);
  return [
    rule(f.title),
    '',
    `${f.subtitle}.`,
    `${f.table.caption}.`,
    '',
    `Published by ${SITE_NAME}: ${url}`,
    '',
    'Files',
    ...list([
      `${name}.csv: the table, one row per line, the first line the columns' names (UTF-8, comma-separated).`,
      `${name}.csv-metadata.json: the same description for software (W3C CSV on the Web).`,
      'README.txt: this file.',
    ]),
    '',
    'Sources, data dates and licences',
    ...list(sourceLines(f.source)),
    ...(f.notes.length ? ['', 'Notes and caveats', ...list(f.notes)] : []),
    '',
    `Columns (the table has ${f.table.rows.length.toLocaleString('en-GB')} rows)`,
    ...list(f.table.columns.map((c) => c.label)),
    '',
  ].join('\n');
}
