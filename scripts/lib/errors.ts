/**
 * Errors raised by the data pipeline. Every message names the file and, where it
 * applies, the line, the column, the value found and what was expected, so a user
 * can open the file and see the problem without reading the code.
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

export function missingSourceError(id: string, expected: string, howToGet: string): DataError {
  return new DataError(`Source "${id}" is missing: expected a file at ${expected}. ${howToGet}`);
}

/**
 * A header without a column the reader needs: names only what is missing (compared without
 * regard to case) and what the file has instead (its columns that match no expected one).
 */
export function headerError(file: string, expected: readonly string[], found: readonly string[]): DataError {
  const lower = (xs: readonly string[]) => new Set(xs.map((c) => c.toLowerCase()));
  const have = lower(found);
  const want = lower(expected);
  const missing = expected.filter((c) => !have.has(c.toLowerCase()));
  // Columns of data named by a period (202401, 2024-01) are expected extras in wide files, not candidates.
  const others = found.filter((c) => !want.has(c.toLowerCase()) && !/^\d{4}-?\d{2}$/.test(c));
  // What stands in for a missing column: the others sharing a word with it ("Crime category" for "Crime type"), else all of them.
  const words = (c: string) =>
    c
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const near = others.filter((c) => missing.some((m) => words(m).some((w) => words(c).includes(w))));
  const instead = (near.length ? near : others).slice(0, 5);
  const list = (xs: readonly string[]) => xs.map((c) => JSON.stringify(c)).join(', ');
  return new DataError(
    `${file}:1: the header has changed: ${missing.length === 1 ? 'column' : 'columns'} ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing` +
      (instead.length ? `; the file has ${list(instead)} instead` : '; the file has no other columns') +
      ` (${found.length} columns found).`,
  );
}

export function valueError(file: string, line: number, column: string, value: string, expected: string): DataError {
  return new DataError(`${file}:${line}: column "${column}" has value ${JSON.stringify(value)}; expected ${expected}.`);
}

/** Bytes that are not UTF-8 at a line (a file saved in another encoding). */
export function notUtf8Error(file: string, line: number): DataError {
  return new DataError(
    `${file}:${line}: bytes that are not UTF-8; expected a UTF-8 file (convert it from its encoding, e.g. Windows-1252, first).`,
  );
}
