/**
 * The data layer's readers: every derived file under data/derived/ is read here, and
 * only here, at build time, and checked against its schema. A malformed file stops
 * the build with the file, the row and the column (CSV) or the path (JSON), the
 * value found and what was expected. Nothing else in src/ touches the file system
 * for derived data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParseRows } from 'd3-dsv';
import { problemText, z } from './schema/zod.ts';
import type { Cell } from './schema/cells.ts';

/** Resolved from the project root (the working directory of astro, vitest and tsx). */
export const DERIVED_DIR = (): string => join(process.env.LCA_ROOT ?? process.cwd(), 'data/derived');

export class DerivedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerivedDataError';
  }
}

export function readDerivedText(name: string): string {
  try {
    return readFileSync(join(DERIVED_DIR(), name), 'utf8');
  } catch (e) {
    throw new DerivedDataError(
      `data/derived/${name}: cannot be read (${(e as Error).message}); run "npm run data" to make it.`,
    );
  }
}

export function readDerivedBytes(name: string): Buffer {
  return readFileSync(join(DERIVED_DIR(), name));
}

/** A JSON file checked against its schema; the first problem is named by its path in the file. */
export function readJson<T>(name: string, schema: z.core.$ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readDerivedText(name));
  } catch (e) {
    if (e instanceof DerivedDataError) throw e;
    throw new DerivedDataError(`data/derived/${name}: not valid JSON (${(e as Error).message}).`);
  }
  const r = z.safeParse(schema, raw);
  if (!r.success) {
    throw new DerivedDataError(`data/derived/${name}: ${problemText(r.error)}.`);
  }
  return r.data;
}

/**
 * The columns of a derived CSV and each one's cell rule. The row type follows from the
 * rules: `C` the named columns' values, `X` the value of each further column.
 */
export interface CsvSpec<C extends Record<string, unknown> = Record<string, unknown>, X = unknown> {
  /** columns that must be present, each with its cell rule */
  columns: { [K in keyof C]: Cell<C[K]> };
  /** further columns matching a pattern (months, indicators), all with one rule */
  rest?: { pattern: RegExp; cell: Cell<X>; what: string };
}

/**
 * A row of a spec's file: the named columns' values, and the further columns' values by
 * name. Without further columns, only the named ones (a misspelled column is a type error).
 */
export type CsvRow<C, X> = [X] extends [never] ? C : C & Record<string, X>;

export interface CsvFile<R> {
  header: string[];
  /** the columns matched by `rest`, in file order */
  rest: string[];
  rows: R[];
}

/**
 * A CSV file checked cell by cell. Row numbers count data rows from 1 (the header is
 * row 0). Columns not in the spec and not matching `rest` are an error too: a
 * derived file's layout is part of its contract.
 */
export function readCsv<C extends Record<string, unknown>, X = never>(
  name: string,
  spec: CsvSpec<C, X>,
): CsvFile<CsvRow<C, X>> {
  return parseCsv(`data/derived/${name}`, readDerivedText(name), spec);
}

export function parseCsv<C extends Record<string, unknown>, X = never>(
  label: string,
  text: string,
  spec: CsvSpec<C, X>,
): CsvFile<CsvRow<C, X>> {
  const records = csvParseRows(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (!header || !header.length) throw new DerivedDataError(`${label}: empty; expected a header row.`);
  const fixed = Object.keys(spec.columns);
  const missing = fixed.filter((c) => !header.includes(c));
  if (missing.length)
    throw new DerivedDataError(
      `${label}: row 0 (header): missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; found ${header.map((h) => `"${h}"`).join(', ')}.`,
    );
  const rest = header.filter((h) => !fixed.includes(h) && spec.rest?.pattern.test(h));
  const unknown = header.filter((h) => !fixed.includes(h) && !rest.includes(h));
  if (unknown.length)
    throw new DerivedDataError(
      `${label}: row 0 (header): unexpected column${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')}${spec.rest ? `; further columns must be ${spec.rest.what}` : ''}.`,
    );
  if (new Set(header).size !== header.length)
    throw new DerivedDataError(`${label}: row 0 (header): a column name appears twice.`);
  const rules: Record<string, Cell<unknown>> = spec.columns;
  const rows: CsvRow<C, X>[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length === 1 && rec[0] === '') continue; // the final line break
    if (rec.length !== header.length)
      throw new DerivedDataError(
        `${label}: row ${r}: ${rec.length} cells; expected ${header.length} as in the header.`,
      );
    const out: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) {
      const col = header[c]!;
      const rule = rules[col] ?? spec.rest!.cell;
      const p = rule.safeParse(rec[c]!);
      if (!p.success)
        throw new DerivedDataError(
          `${label}: row ${r}, column "${col}": ${p.error.issues[0]!.message}; found ${JSON.stringify(rec[c])}.`,
        );
      out[col] = p.data;
    }
    // Every named column and every further one was parsed by its rule above, so the row has the spec's type.
    rows.push(out as CsvRow<C, X>);
  }
  if (!rows.length) throw new DerivedDataError(`${label}: a header but no rows.`);
  return { header, rest, rows };
}
