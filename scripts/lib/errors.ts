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
  return new DataError(
    `Source "${id}" is missing: expected a file at ${expected}. ${howToGet}`,
  );
}

export function headerError(file: string, expected: readonly string[], found: readonly string[]): DataError {
  const missing = expected.filter((c) => !found.includes(c));
  return new DataError(
    `${file}:1: the header has changed. Expected columns [${expected.join(', ')}]; ` +
      `found [${found.join(', ')}]` +
      (missing.length ? `; missing [${missing.join(', ')}]` : ''),
  );
}

export function valueError(file: string, line: number, column: string, value: string, expected: string): DataError {
  return new DataError(`${file}:${line}: column "${column}" has value ${JSON.stringify(value)}; expected ${expected}.`);
}
