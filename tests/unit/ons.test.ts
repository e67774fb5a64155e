import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { clean, parsePfaWorkbook, periodFromTitle, readGroupMap } from '../../scripts/lib/ons-pfa.ts';
import cspModule from '../../scripts/derive/ons_csp_london_ye2025-06.ts';
import { PFA_WORKBOOKS } from '../../scripts/sources.ts';

const GROUPS = readGroupMap(resolve('data/reference/ons_offence_groups.csv'));
const MIRROR = resolve(process.env.LCA_MIRROR ?? '../shared/data');
const hasMirror = existsSync(join(MIRROR, 'ons/pfa_tables_xlsx'));
const dir = mkdtempSync(join(tmpdir(), 'lca-ons-'));

type Row = (string | number | null)[];
/**
 * Writes a workbook with the layout of the real year ending December 2019 tables
 * (rows cut from it): title with footnote digits, scope line, group header row,
 * "Area Code" header, units row, data rows, "Source:" footer.
 */
async function writeWorkbook(file: string, opts: { headerRow?: number; dropSheet?: string; badCell?: boolean } = {}) {
  const wb = new ExcelJS.Workbook();
  const header = [
    'Area Code',
    'Area Name',
    'Total recorded crime (excluding fraud3)',
    null,
    'Robbery',
    'All other theft offences',
    'Miscellaneous crimes',
  ];
  const data: Record<string, Row[]> = {
    P1: [
      ['K04000001', 'ENGLAND AND WALES7,8', 5013284, null, 83930, 503187, 98795],
      ['E23000005', 'Greater Manchester8,9', '..', null, '..', '..', '..'],
      ['E23000028', 'Essex10', 168643, null, 1736, 13076, 3816],
      ['E23000034', 'London, City of', 8638, null, 170, 2665, 207],
      ['E23000001', 'Metropolitan Police', opts.badCell ? '12a' : 910093, null, 39644, 131129, 10982],
      [null, 'British Transport Police', 70516, null, 988, 10822, 717],
    ],
    P2: [
      [
        'K04000001',
        'ENGLAND AND WALES6,7',
        3.873325233344328,
        null,
        11.87385033723441,
        -1.7982010183430555,
        4.636876833621064,
      ],
      ['E23000005', 'Greater Manchester7,8', '..', null, '..', '..', '..'],
      ['E23000028', 'Essex', 1.2, null, '-', 2.5, 3.5],
      ['E23000034', 'City of London', 24.808554, null, '-', 10, 5],
      ['E23000001', 'Metropolitan Police', 8.391245264322558, null, 1, 2, 3],
      [null, 'British Transport Police', 1, null, 2, 3, 4],
    ],
    P3: [
      [
        'K04000001',
        'ENGLAND AND WALES9,10',
        56303200,
        23395400,
        null,
        89.04077278678811,
        null,
        1.4906779787450952,
        8.937087812353251,
        1.7546947564651696,
      ],
      ['E23000005', 'Greater Manchester', 2812600, 1170000, null, '..', null, '..', '..', '..'],
      ['E23000028', 'Essex', 1832800, 760000, null, 92.0, null, 0.9, 7.1, 2.1],
      ['E23000034', 'City of London', 8700, 5000, null, '+', null, '+', '+', '+'],
      ['E23000001', 'Metropolitan Police', 8899400, 3500000, null, 102.26482196783482, null, 4.45, 14.7, 1.23],
    ],
  };
  const titles: Record<string, string> = {
    P1: 'Table P1: Police recorded crime by offence group and police force area, English regions and Wales, number of offences, year ending December 20191,2',
    P2: 'Table P2: Police recorded crime by offence group and police force area, English regions and Wales, percentage change, year ending December 2018 compared with year ending December 20191,2',
    P3: 'Table P3: Police recorded crime by offence group and police force area, English regions and Wales, rate of offences, year ending December 20191,2',
  };
  for (const t of ['P1', 'P2', 'P3']) {
    if (opts.dropSheet === t) continue;
    const ws = wb.addWorksheet(t === 'P1' ? 'Table P1 ' : `Table ${t}`); // real sheet names carry trailing spaces
    ws.addRow([titles[t]]);
    ws.addRow([]);
    ws.addRow(['England and Wales (excluding Greater Manchester Police)']);
    for (let i = 0; i < (opts.headerRow ?? 0); i++) ws.addRow([]);
    ws.addRow([null, null, null, null, 'Victim-based crime']);
    ws.addRow(
      t === 'P3'
        ? [
            'Area Code',
            'Area Name',
            'Population figures\n (mid-2018)3  rounded to 100',
            'Household figures\n (mid-2018)4  rounded to 100 ',
            null,
            'Total recorded crime (excluding fraud5)',
            null,
            'Robbery',
            'All other theft offences',
            'Miscellaneous crimes',
          ]
        : header,
    );
    ws.addRow([null, null, 'Numbers']);
    for (const r of data[t]!) ws.addRow(r);
    ws.addRow(['Source: Home Office - Police recorded crime ']);
    ws.addRow(['1. Police recorded crime data are not designated as National Statistics.']);
  }
  await wb.xlsx.writeFile(file);
}

describe('ONS police force area workbooks', () => {
  const good = join(dir, 'pfatables-fixture.xlsx');
  beforeAll(async () => {
    await writeWorkbook(good);
    await writeWorkbook(join(dir, 'no-p3.xlsx'), { dropSheet: 'P3' });
    await writeWorkbook(join(dir, 'moved-header.xlsx'), { headerRow: 14 });
    await writeWorkbook(join(dir, 'bad-cell.xlsx'), { badCell: true });
  });

  it('strips footnote markers from names and headers, keeping meaningful digits', () => {
    expect(clean('ENGLAND AND WALES7,8')).toBe('ENGLAND AND WALES');
    expect(clean('Essex10')).toBe('Essex');
    expect(clean('Total recorded crime (excluding fraud3)')).toBe('Total recorded crime (excluding fraud)');
    expect(clean('Stalking and harassment 5')).toBe('Stalking and harassment');
    expect(clean('Stalking\nand harassment')).toBe('Stalking and harassment');
    expect(clean('Residential burglary6,7')).toBe('Residential burglary');
    expect(clean('Non-residential  burglary6,7')).toBe('Non-residential burglary');
    expect(clean('Population figures\n (mid-2018)3  rounded to 100')).toBe(
      'Population figures (mid-2018) rounded to 100',
    );
  });

  it('reads the period from titles with footnote digits glued to the year, and from two-year titles either way round', () => {
    expect(periodFromTitle('…number of offences, year ending December 20191,2', 'x')).toBe('2019-12');
    expect(periodFromTitle('…number of offences, year ending March 181,2,3', 'x')).toBe('2018-03');
    expect(periodFromTitle('…year ending September 2018 compared with year ending September 20171,2', 'x')).toBe(
      '2018-09',
    );
    expect(() => periodFromTitle('Table P1: no period', 'book.xlsx, sheet "Table P1", cell A1')).toThrow(
      /book\.xlsx, sheet "Table P1", cell A1: cannot find "year ending/,
    );
  });

  it('parses numbers, % change and rates, maps renamed groups, joins on codes and keeps missing-value symbols', async () => {
    const b = await parsePfaWorkbook(good, GROUPS);
    expect(b.periodEnd).toBe('2019-12');
    expect(b.scopeNote).toBe('England and Wales (excluding Greater Manchester Police)');
    const get = (m: string, code: string, g: string) =>
      b.values.find((v) => v.measure === m && v.areaCode === code && v.group === g);
    expect(get('count', 'E23000001', 'Total recorded crime (excluding fraud)')!.value).toBe(910093);
    expect(get('count', 'E23000028', 'Total recorded crime (excluding fraud)')!.areaName).toBe('Essex');
    // Renamed groups: "All other theft offences" → "Other theft offences"; "Miscellaneous crimes" → "… against society".
    expect(get('count', 'K04000001', 'Other theft offences')!.value).toBe(503187);
    expect(get('count', 'K04000001', 'Miscellaneous crimes against society')!.value).toBe(98795);
    expect(get('count', 'E23000005', 'Robbery')).toMatchObject({ value: null, flag: 'not available' });
    expect(get('pct_change', 'E23000028', 'Robbery')).toMatchObject({
      value: null,
      flag: 'not shown: base fewer than 50',
    });
    expect(get('rate_per_1000', 'E23000034', 'Total recorded crime (excluding fraud)')).toMatchObject({
      value: null,
      flag: 'suppressed: City of London rate (small resident population)',
    });
    expect(get('count', 'BTP', 'Robbery')!.value).toBe(988);
    expect(get('rate_per_1000', 'E23000001', 'Total recorded crime (excluding fraud)')!.value).toBeCloseTo(
      102.26482196783482,
      12,
    );
    expect(b.populations.find((p) => p.areaCode === 'E23000001')).toEqual({
      areaCode: 'E23000001',
      population: 8899400,
      households: 3500000,
      vintage: 'ONS mid-2018 population estimate, rounded to 100 (as stated in the release)',
    });
    expect(b.rowsRead).toBe(6 + 6 + 5);
    expect(b.flagged).toEqual({
      'not available': 4 + 4 + 4,
      'not shown: base fewer than 50': 2,
      'suppressed: City of London rate (small resident population)': 4,
    });
  });

  it('names the workbook and the sheets it has when a sheet is missing', async () => {
    await expect(parsePfaWorkbook(join(dir, 'no-p3.xlsx'), GROUPS)).rejects.toThrow(
      'no-p3.xlsx: no sheet "Table P3" (sheets: Table P1, Table P2).',
    );
  });

  it('says where it looked when the header row has moved', async () => {
    await expect(parsePfaWorkbook(join(dir, 'moved-header.xlsx'), GROUPS)).rejects.toThrow(
      'moved-header.xlsx, sheet "Table P1": no header row (expected "Area Code" in column A within rows 1–15).',
    );
  });

  it('names workbook, sheet and cell for a non-numeric count', async () => {
    await expect(parsePfaWorkbook(join(dir, 'bad-cell.xlsx'), GROUPS)).rejects.toThrow(
      'bad-cell.xlsx, sheet "Table P1", cell C11: value "12a" for Metropolitan Police; expected a number, ".." or "-".',
    );
  });
});

describe('Community Safety Partnership table (CSV export)', () => {
  it('reads title lines, a multi-line header, thousands separators and trailing spaces; keeps the unassigned row', async () => {
    const raw = mkdtempSync(join(tmpdir(), 'lca-csp-'));
    mkdirSync(join(raw, 'ons'));
    copyFileSync('tests/fixtures/ons/csp-c2.csv', join(raw, 'ons/ons_csp_recorded_crime_table_c2_ye2025-06.csv'));
    const res = await cspModule.derive({ rawDir: raw, referenceDir: resolve('data/reference'), isMirror: true });
    const rows = parse<Record<string, string>>(res.files['ons_csp_london_ye2025-06.csv']!, { columns: true });
    const total = (code: string) =>
      rows.find((r) => r.area_code === code && r.offence_group === 'Total recorded crime (excluding fraud)');
    expect(total('E23000001')).toMatchObject({
      area_name: 'Metropolitan Police (force total)',
      area_type: 'force',
      count: '940619',
    });
    expect(total('E09000033')).toMatchObject({
      area_name: 'Westminster',
      area_type: 'borough',
      csp_code: 'E22000192',
      count: '87118',
    });
    expect(total('MPS-UNASSIGNED')).toMatchObject({ area_type: 'other', count: '38004' });
    expect(total('E09000001')).toMatchObject({ area_name: 'City of London', count: '8801' });
    expect(
      rows.find((r) => r.area_code === 'E09000033' && r.offence_group === 'Death or serious injury - unlawful driving')!
        .count,
    ).toBe('5');
    expect(res.records[0]!.inputs[0]).toMatchObject({
      rows_read: 8,
      rows_used: 5,
      rows_rejected: 3,
      rejected_reasons: { 'outside London (another police force area)': 3 },
    });
  });
});

describe.skipIf(!hasMirror)('the parser against the tidy cross-check CSV made from the same workbooks', () => {
  it('gives the same number and rate for every area and offence group in all eight releases', async () => {
    const csv = parse<Record<string, string>>(
      readFileSync(join(MIRROR, 'ons/ons_pfa_recorded_crime_ye2018-03_to_ye2019-12_long.csv')),
      { columns: true },
    );
    const rename: Record<string, string> = { 'Miscellaneous crimes': 'Miscellaneous crimes against society' };
    const expected = new Map<string, number>();
    for (const r of csv) {
      if (r.measure !== 'count' && r.measure !== 'rate_per_1000') continue;
      if (r.offence_group === 'Residential burglary (per 1,000 households)') continue;
      expected.set(
        `${r.period_end}|${r.measure}|${r.area_code || 'BTP'}|${rename[r.offence_group!] ?? r.offence_group}`,
        Number(r.value),
      );
    }
    let compared = 0;
    const totals: Record<string, number[]> = {};
    for (const [period, file] of PFA_WORKBOOKS) {
      const b = await parsePfaWorkbook(join(MIRROR, 'ons/pfa_tables_xlsx', file), GROUPS);
      expect(b.periodEnd).toBe(period);
      for (const v of b.values) {
        if (v.measure === 'pct_change' || v.value === null) continue;
        const e = expected.get(`${period}|${v.measure}|${v.areaCode}|${v.group}`);
        expect(e, `${period} ${v.measure} ${v.areaCode} ${v.group}`).toBeDefined();
        expect(v.value).toBeCloseTo(e!, 6);
        compared++;
      }
      const t = (code: string) =>
        b.values.find(
          (v) => v.measure === 'count' && v.areaCode === code && v.group === 'Total recorded crime (excluding fraud)',
        )!.value!;
      totals[period] = [t('E23000001'), t('K04000001')];
      expect(totals[period][0]).toBe(expected.get(`${period}|count|E23000001|Total recorded crime (excluding fraud)`));
      expect(totals[period][1]).toBe(expected.get(`${period}|count|K04000001|Total recorded crime (excluding fraud)`));
    }
    expect(compared).toBeGreaterThan(18000);
    expect(totals['2019-12']).toEqual([910093, 5013284]);
    expect(totals['2018-03']).toEqual([815528, 4876282]);
  }, 60_000);
});

it('the registry lists the eight workbooks the mirror holds', () => {
  if (!hasMirror) return;
  expect(readdirSync(join(MIRROR, 'ons/pfa_tables_xlsx')).sort()).toEqual(PFA_WORKBOOKS.map((w) => w[1]).sort());
});
