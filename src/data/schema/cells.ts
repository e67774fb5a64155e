/**
 * Cell rules for the derived CSVs, as zod schemas from the cell's text to its value.
 * Pure (no file system): the data layer (src/data/*.ts) reads the files with them,
 * and tests use them on hand-made rows. Nothing here turns a bad value into NaN or 0:
 * a cell that breaks its rule fails the build with the file, row and column.
 */
import { z } from './zod.ts';

export type Cell<T> = z.ZodType<T, string>;

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Any text, possibly empty. */
export const text: Cell<string> = z.string();
/** Text that must not be empty. */
export const required: Cell<string> = z.string().min(1, 'expected a value, found an empty cell');
/** A whole number of 0 or more, written as digits. */
export const count: Cell<number> = z
  .string()
  .regex(/^\d+$/, 'expected a whole number of 0 or more (digits only)')
  .transform(Number);
/** A decimal number. */
export const number: Cell<number> = z.string().regex(NUMBER, 'expected a number').transform(Number);
/** A decimal number, or empty for "no value". */
export const numberOrNull: Cell<number | null> = z
  .string()
  .refine((s) => s === '' || NUMBER.test(s), 'expected a number or an empty cell')
  .transform((s) => (s === '' ? null : Number(s)));
/** A whole number of 0 or more, or empty. */
export const countOrNull: Cell<number | null> = z
  .string()
  .refine((s) => s === '' || /^\d+$/.test(s), 'expected a whole number of 0 or more, or an empty cell')
  .transform((s) => (s === '' ? null : Number(s)));
/** A month, YYYY-MM. */
export const month: Cell<string> = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
/** A GSS code of one of the given prefixes (E09, E05, …), or a code the file documents. */
export const code = (prefixes: readonly string[], also: readonly string[] = []): Cell<string> =>
  z
    .string()
    .refine(
      (s) => also.includes(s) || prefixes.some((p) => new RegExp(`^${p}\\d{6}$`).test(s)),
      `expected a code ${[...prefixes.map((p) => `${p}xxxxxx`), ...also].join(' or ')}`,
    );
/** One of a fixed set of words. */
export const oneOf = <T extends string>(values: readonly T[]): Cell<T> =>
  z.string().refine((s): s is T => (values as readonly string[]).includes(s), `expected one of ${values.join(', ')}`);
