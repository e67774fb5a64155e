/**
 * Violence: the homicide derive step on a real-format fixture, and the pure knife-crime
 * and homicide functions on worked examples.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'csv-parse/sync';
import { deriveHomicide } from '../../scripts/derive/mps_homicide_accused.ts';
import {
  ageOrder,
  completeYears,
  homicideBy,
  knifeAreaWindows,
  knifeLondonMonthly,
  pctChange,
  per1000,
  rollingMonths,
  rollingSums,
  type HomicideRow,
  type KnifeRow,
  type KnifeSeries,
} from '../../src/lib/violence.ts';
import { parseCsv } from '../../src/data/read.ts';
import { KNIFE_SPEC } from '../../src/data/violence.ts';

const FIXTURE = 'tests/fixtures/mps/homicide_accused.csv';

describe('people proceeded against for homicide: the derive step', () => {
  it('sums people by month, offence, proceedings, sex and age group, none dropped', async () => {
    const d = await deriveHomicide(FIXTURE);
    const rows = parse<Record<string, string>>(d.text, { columns: true });
    expect(d.read).toBe(10);
    expect(d.people).toBe(10);
    expect(rows.reduce((a, r) => a + Number(r.people), 0)).toBe(10);
    expect([d.from, d.to]).toEqual(['2003-01', '2024-01']);
    // The two identical Sep-23 rows become one row of 2; the two Jan-24 rows differ by age group.
    expect(rows.find((r) => r.month === '2023-09')).toMatchObject({
      offence_type: 'Corporate Manslaughter',
      proceedings: 'Charge or Summons',
      sex: 'Unrecorded',
      age_group: '15 to 19',
      people: '2',
    });
    expect(rows.filter((r) => r.month === '2024-01').map((r) => r.age_group)).toEqual(['15 to 19', '25 to 29']);
    expect(rows.map((r) => r.proceedings)).toContain('Recording Error');
    expect(Object.keys(rows[0]!)).toEqual(['month', 'offence_type', 'proceedings', 'sex', 'age_group', 'people']);
  });

  it('stops on a bad month or count, naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homicide-'));
    const text = readFileSync(FIXTURE, 'utf8');
    const bad = join(dir, 'bad-month.csv');
    writeFileSync(bad, text.replace('Murder,Charge or Summons,Jan-24', 'Murder,Charge or Summons,2024-01'));
    await expect(deriveHomicide(bad)).rejects.toThrow(/bad-month\.csv:9.*"2024-01".*Mon-YY/s);
    const badCount = join(dir, 'bad-count.csv');
    writeFileSync(badCount, text.replace('1,Lambeth', 'one,Lambeth'));
    await expect(deriveHomicide(badCount)).rejects.toThrow(/bad-count\.csv:9.*"one".*whole number/s);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, text.split('\n')[0] + '\n');
    await expect(deriveHomicide(empty)).rejects.toThrow(/empty\.csv: no rows after the header/);
  });
});

const row = (o: Partial<KnifeRow>): KnifeRow => ({
  level: 'borough',
  areaCode: 'E09000007',
  areaName: 'Camden',
  borough: 'Camden',
  known: true,
  status: 'known',
  subtype: 'Knife Crime',
  measure: 'Offences',
  counts: [],
  ...o,
});

describe('knife crime: London, areas and windows', () => {
  // 26 months: the latest window is months 15–26 (indexes 14–25), the previous 3–14.
  const months = Array.from(
    { length: 26 },
    (_, i) => `20${String(23 + Math.floor((i + 0) / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}`,
  );
  const ones = (n: number | null) => months.map(() => n);
  const s: KnifeSeries = {
    months,
    rows: [
      row({ counts: ones(2) }),
      row({
        areaCode: '',
        areaName: 'N/K (Legacy Only)',
        borough: 'Other / NK',
        known: false,
        status: 'unknown code: ""',
        counts: months.map((_, i) => (i < 20 ? 1 : null)),
      }),
      row({
        level: 'ward',
        areaCode: 'E05013653',
        areaName: 'Bloomsbury',
        borough: 'Camden Bloomsbury',
        counts: ones(1),
      }),
      // The same ward under a second team name: summed with the first.
      row({
        level: 'ward',
        areaCode: 'E05013653',
        areaName: 'Bloomsbury (old)',
        borough: 'Camden Bloomsbury',
        counts: months.map((_, i) => (i === 25 ? 5 : null)),
      }),
      row({
        level: 'ward',
        areaCode: '',
        areaName: 'NON ATHENA FORCE',
        known: false,
        status: 'unknown code: "NON ATHENA FORCE"',
        counts: ones(3),
      }),
      row({ measure: 'Positive Outcomes', counts: ones(9) }),
    ],
  };

  it('London sums every borough row, those with no borough included, empty months as 0', () => {
    const l = knifeLondonMonthly(s, 'Knife Crime', 'Offences');
    expect(l[0]).toEqual({ month: months[0], total: 3 });
    expect(l[25]).toEqual({ month: months[25], total: 2 });
  });

  it('areas: rows of one code summed, named by the row with most offences; unknown codes apart', () => {
    const w = knifeAreaWindows(s, 'ward', 'Knife Crime', 'Offences', months[25]!);
    expect(w.areas).toEqual([{ code: 'E05013653', name: 'Bloomsbury', latest: 12 + 5, previous: 12 }]);
    expect(w.unknown).toEqual({ latest: 36, previous: 36 });
    const b = knifeAreaWindows(s, 'borough', 'Knife Crime', 'Offences', months[25]!);
    expect(b.areas[0]).toMatchObject({ latest: 24, previous: 24 });
    // Unknown borough rows: months 15–20 in the latest window (6), 3–14 in the previous (12).
    expect(b.unknown).toEqual({ latest: 6, previous: 12 });
    expect(() => knifeAreaWindows(s, 'ward', 'Knife Crime', 'Offences', '2030-01')).toThrow(/outside the series/);
  });

  it('rates, changes and rolling sums', () => {
    expect(per1000(5, 2000)).toBe(2.5);
    expect(per1000(5, null)).toBeNull();
    expect(pctChange(200, 150)).toBe(-25);
    expect(pctChange(0, 3)).toBeNull();
    expect(rollingSums([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])).toEqual([78, 90, 102]);
    expect(rollingMonths(months)).toHaveLength(15);
    expect(rollingMonths(months)[0]).toBe(months[11]);
  });
});

describe('homicide: years and groups', () => {
  const r = (month: string, sex: string, ageGroup: string, people = 1): HomicideRow => ({
    month,
    offenceType: 'Murder',
    proceedings: 'Charge or Summons',
    sex,
    ageGroup,
    people,
  });
  const rows = [
    r('2003-04', 'Male', '20 to 24'),
    r('2004-01', 'Male', '65 and over'),
    r('2004-12', 'Female', '10 to 14', 2),
    r('2005-06', 'Male', '20 to 24'),
  ];

  it('whole calendar years only: a year the records start or end inside is partial', () => {
    expect(completeYears(rows)).toEqual({
      years: ['2004'],
      first: '2003-04',
      last: '2005-06',
      partial: ['2003', '2005'],
    });
    expect(homicideBy(rows, ['2004'], (x) => x.sex)).toEqual(
      new Map([
        ['Male', 1],
        ['Female', 2],
      ]),
    );
  });

  it('age groups in age order', () => {
    expect(ageOrder(['65 and over', '20 to 24', '10 to 14', '5 to 9'])).toEqual([
      '5 to 9',
      '10 to 14',
      '20 to 24',
      '65 and over',
    ]);
  });
});

describe('the knife-crime data layer refuses a malformed file', () => {
  const header = 'level,area_code,area_name,borough,code_status,subtype,measure,2025-01';
  const good = 'ward,E05013653,Bloomsbury,Camden Bloomsbury,known,Knife Crime,Offences,3';
  it('reads a good row, and names the row and column of a bad cell', () => {
    expect(parseCsv('mps_knife_crime_monthly.csv', `${header}\n${good}\n`, KNIFE_SPEC).rows).toHaveLength(1);
    expect(() =>
      parseCsv('mps_knife_crime_monthly.csv', `${header}\n${good.replace('ward,', 'county,')}\n`, KNIFE_SPEC),
    ).toThrow(/row 1.*level/s);
    expect(() =>
      parseCsv('mps_knife_crime_monthly.csv', `${header}\n${good.replace(',3', ',3.5')}\n`, KNIFE_SPEC),
    ).toThrow(/row 1.*2025-01/s);
    expect(() =>
      parseCsv('mps_knife_crime_monthly.csv', `${header}\n${good.replace('E05013653', 'X1')}\n`, KNIFE_SPEC),
    ).toThrow(/row 1.*area_code/s);
  });
});
