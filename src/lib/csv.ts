/**
 * The project's one CSV writer: the pipeline's derived files, the build's downloads and
 * the files the browser makes all go through it, so the same table gives the same bytes.
 * RFC 4180 quoting only where needed; numbers as integers or to at most 6 decimals, no
 * exponent, no thousands separators; a non-finite number is an error, never "NaN".
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * carriage return, or a sign followed by anything but a number) is written with a leading apostrophe, as OWASP advises; numbers are
 * never changed, so "-3.2" as a number stays -3.2.
 */
export type CsvValue = string | number | null | undefined;

/** Fixed number formatting: integers as integers, others to at most 6 decimals, no exponent. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write the non-finite number ${n} to a CSV`);
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

/** Would a spreadsheet read this text as a formula? A lone sign ("-", ONS's "not applicable") or a signed number is not one. */
export const looksLikeFormula = (s: string): boolean =>
  /^[=@\t\r]/.test(s) || (/^[+-]./s.test(s) && !/^[+-]\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s));

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = formatNumber(v);
  else {
    s = typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
    if (looksLikeFormula(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}
