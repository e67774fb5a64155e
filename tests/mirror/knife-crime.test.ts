/**
 * The derived knife-crime file against a direct recount of the raw dashboard data
 * (csv-parse and plain sums): every total by level, subtype and measure, London's
 * latest 12 months, and the rows kept under an unknown code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { source } from '../../scripts/sources.ts';
import { mirrorDir } from './mirror.ts';

describe('knife crime equals a recount of the MPS dashboard data', () => {
  const raw = parse<Record<string, string>>(readFileSync(join(mirrorDir(), source('mps-knife-crime-dashboard').path)), {
    columns: true,
    bom: true,
  });
  const derived = parse<Record<string, string>>(readFileSync('data/derived/mps_knife_crime_monthly.csv'), {
    columns: true,
  });
  const months = Object.keys(derived[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
  const level = (t: string) => (t === 'Borough' ? 'borough' : 'ward');

  it('has every total by level, subtype and measure, and every source row as one month cell', () => {
    const want = new Map<string, number>();
    for (const r of raw) {
      const k = `${level(r.area_type!)}|${r.crime_subtype}|${r.measure}`;
      want.set(k, (want.get(k) ?? 0) + Number(r.count));
    }
    const got = new Map<string, number>();
    let cells = 0;
    for (const r of derived) {
      const k = `${r.level}|${r.subtype}|${r.measure}`;
      for (const m of months) {
        if (r[m] === '') continue;
        cells++;
        got.set(k, (got.get(k) ?? 0) + Number(r[m]));
      }
    }
    expect(got).toEqual(want);
    expect(cells).toBe(raw.length);
  });

  it("has London's knife crime offences in the latest 12 months, by borough, with the codes trimmed", () => {
    const last12 = months.slice(-12);
    const rawSum = raw
      .filter(
        (r) =>
          r.area_type === 'Borough' &&
          r.crime_subtype === 'Knife Crime' &&
          r.measure === 'Offences' &&
          last12.includes(r.month_year!.slice(0, 7)),
      )
      .reduce((a, r) => a + Number(r.count), 0);
    const derivedSum = derived
      .filter((r) => r.level === 'borough' && r.subtype === 'Knife Crime' && r.measure === 'Offences')
      .reduce((a, r) => a + last12.reduce((b, m) => b + Number(r[m] || 0), 0), 0);
    expect(derivedSum).toBe(rawSum);
    expect(rawSum).toBeGreaterThan(1000);
    expect(
      derived
        .filter((r) => r.level === 'ward' && r.code_status === 'known')
        .every((r) => /^E05\d{6}$/.test(r.area_code!)),
    ).toBe(true);
    expect(raw.some((r) => r.area_type !== 'Borough' && r.area_code!.endsWith(' '))).toBe(true);
  });

  it('keeps the rows with an unknown area code, marked, never dropped', () => {
    const rawUnknown = raw.filter((r) => r.area_type !== 'Borough' && !/^E05\d{6}$/.test(r.area_code!.trim())).length;
    const derivedUnknownCells = derived
      .filter((r) => r.level === 'ward' && r.code_status!.startsWith('unknown code'))
      .reduce((a, r) => a + months.filter((m) => r[m] !== '').length, 0);
    // At least the blank and placeholder codes; retired ward codes are unknown too.
    expect(derivedUnknownCells).toBeGreaterThanOrEqual(rawUnknown);
  });
});
