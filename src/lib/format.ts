/** en-GB formatting for prose, tables and chart labels. Months are YYYY-MM strings. */
const intFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneFmt = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const formatInt = (n: number): string => intFmt.format(Math.round(n));
export const formatRate = (n: number): string => oneFmt.format(n);
/** Signed percentage with one decimal: "+3.2%", "−4.0%" (true minus sign). */
export function formatPct(n: number): string {
  const s = oneFmt.format(Math.abs(n));
  if (Math.abs(n) < 0.05) return `${oneFmt.format(0)}%`;
  return `${n > 0 ? '+' : '−'}${s}%`;
}
/** "2026-02" → "February 2026" */
export function monthLong(m: string): string {
  const [y, mm] = m.split('-');
  return `${MONTHS[Number(mm) - 1]} ${y}`;
}
/** "2026-02" → "Feb 2026" */
export function monthShort(m: string): string {
  const [y, mm] = m.split('-');
  return `${MONTHS[Number(mm) - 1]!.slice(0, 3)} ${y}`;
}
/** "2025-03", "2026-02" → "March 2025 to February 2026" */
export function periodLong(from: string, to: string): string {
  return `${monthLong(from)} to ${monthLong(to)}`;
}
/** YYYY-MM → UTC Date at the first of the month (never local time). */
export function monthDate(m: string): Date {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mm - 1, 1));
}
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
/** "VIOLENCE AGAINST THE PERSON" → "Violence against the person" */
export function sentenceCase(s: string): string {
  const lower = s.toLowerCase();
  return (lower.charAt(0).toUpperCase() + lower.slice(1)).replace(/\bnfib\b/gi, 'NFIB');
}
/** Offence group inside a sentence: "theft", "NFIB fraud". */
export function inlineGroup(s: string): string {
  const t = sentenceCase(s);
  return t.startsWith('NFIB') ? t : t.charAt(0).toLowerCase() + t.slice(1);
}

/** Words as a file-name part: "Burglary, per 1,000 (ward)" → "burglary-per-1000-ward". */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(\d),(\d)/g, '$1$2')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Formatters made once (making an Intl.NumberFormat per value cost 0.5 ms each in a 4,994-area view). */
const FORMATS = [0, 1, 2].map(
  (d) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }),
);
const nf = (d: 0 | 1 | 2) => FORMATS[d]!;
/** An integer with thousands separators ("4,994"). */
export const countText = (n: number): string => FORMATS[0]!.format(n);
/** A value in its unit: "£31,000", "12.3%", "0.42" (scores), "4,994" (counts). */
export function formatValue(unit: string, v: number): string {
  // A true minus sign (U+2212), never a hyphen.
  return formatValueAbs(unit, v).replace(/^-/, '−').replace('£-', '−£');
}
function formatValueAbs(unit: string, v: number): string {
  if (unit === '£') return `£${nf(0).format(v)}`;
  if (unit === 'people' || unit === 'crimes' || unit.startsWith('rank') || unit === 'decile') return nf(0).format(v);
  if (unit === '%') return `${nf(1).format(v)}%`;
  if (unit === 'score') return nf(2).format(v);
  return nf(1).format(v);
}
