/** The knife-crime derive step on a small file in the dashboard data's format. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'csv-parse/sync';
import { deriveKnifeCrime } from '../../scripts/derive/mps_knife_crime_monthly.ts';

const FIXTURE = 'tests/fixtures/mps/knife_crime_dashboard.csv';
const WARDS = new Set(['E05013653']);

describe('knife crime by month, borough and Safer Neighbourhood Team', () => {
  it('trims the SNT codes, keeps unknown codes (marked), and writes one month column each', async () => {
    const d = await deriveKnifeCrime(FIXTURE, WARDS);
    const rows = parse<Record<string, string>>(d.text, { columns: true });
    expect(d.months).toEqual(['2025-01', '2025-02']);
    expect(d.read).toBe(8);
    // Every source row is one month cell: none dropped.
    const cells = rows.reduce((a, r) => a + d.months.filter((m) => r[m] !== '').length, 0);
    expect(cells).toBe(8);
    const bloomsbury = rows.find((r) => r.area_code === 'E05013653')!;
    expect(bloomsbury).toMatchObject({
      level: 'ward',
      borough: 'Camden',
      code_status: 'known',
      subtype: 'Knife Crime',
      measure: 'Offences',
      '2025-01': '6',
      '2025-02': '2',
    });
    const unknown = rows.filter((r) => r.code_status !== 'known');
    expect(unknown.map((r) => r.code_status).sort()).toEqual([
      'unknown code: ""',
      'unknown code: "E05000326"',
      'unknown code: "N/K"',
    ]);
    expect(unknown.every((r) => r.area_code === '')).toBe(true);
    expect(d.statuses).toEqual({
      'ward rows with unknown code: "N/K"': 1,
      'ward rows with unknown code: "E05000326"': 1,
      'borough rows with unknown code: ""': 1,
    });
    // A month with no row stays empty, not 0.
    const outcomes = rows.find((r) => r.level === 'borough' && r.measure === 'Positive Outcomes')!;
    expect([outcomes['2025-01'], outcomes['2025-02']]).toEqual(['4', '']);
  });

  it('stops on a bad count or a second row for the same cell, naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knife-'));
    const text = (await import('node:fs')).readFileSync(FIXTURE, 'utf8');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, text.replace(',Offences,fy24-25,24-25_11,25,', ',Offences,fy24-25,24-25_11,2.5,'));
    await expect(deriveKnifeCrime(bad, WARDS)).rejects.toThrow(/bad\.csv:3.*"2\.5".*whole number/s);
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, text + text.split('\n')[1] + '\n');
    await expect(deriveKnifeCrime(dup, WARDS)).rejects.toThrow(/dup\.csv:10: a second row for borough "Camden"/);
  });
});
