/** Area profiles: the values a profile page prints equal the derived data. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { trendPoints, trendWords } from '../../src/figures/kinds.ts';
import {
  monthlyCrime,
  neighboursOf,
  profileAreas,
  profileRows,
  profileSummary,
} from '../../src/figures/profile/areas.ts';

const csv = (f: string) => parse<Record<string, string>>(readFileSync(`data/derived/${f}`), { columns: true });

/** Every indicator's rank, count and London median, recounted from the atlas file of the level. */
function expectRecounted(rows: ReturnType<typeof profileRows>, file: Record<string, string>[]): void {
  for (const r of rows) {
    const vals = file
      .map((x) => x[r.meta.id]!)
      .filter((v) => v !== '')
      .map(Number)
      .sort((a, b) => a - b);
    const mid = vals.length >> 1;
    const med = vals.length % 2 ? vals[mid]! : (vals[mid - 1]! + vals[mid]!) / 2;
    expect(r.n, r.meta.id).toBe(vals.length);
    expect(r.londonMedian, r.meta.id).toBeCloseTo(med, 9);
    if (r.value !== null) expect(r.rank, r.meta.id).toBe(vals.filter((v) => v > r.value!).length + 1);
  }
}

describe('area profiles', () => {
  const areas = profileAreas();
  it("cover every borough and every 2022 ward of the atlas files, the City of London's included", () => {
    const boroughs = csv('atlas_borough.csv');
    const wards = csv('atlas_ward.csv');
    expect(areas.filter((a) => a.level === 'borough').map((a) => a.code)).toEqual(boroughs.map((b) => b.area_code));
    expect(areas.filter((a) => a.level === 'ward').map((a) => a.code)).toEqual(wards.map((w) => w.area_code));
    expect(areas.filter((a) => a.level === 'ward' && a.borough.code === 'E09000001').length).toBe(
      wards.filter((w) => w.borough_code === 'E09000001').length,
    );
    expect(new Set(areas.map((a) => a.code)).size).toBe(boroughs.length + wards.length);
  });

  it('print each indicator as in the atlas file, with its rank among the level', () => {
    const peckham = areas.find((a) => a.name === 'Peckham' && a.level === 'ward')!;
    expect(peckham.borough.name).toBe('Southwark');
    const rows = profileRows(peckham);
    const file = csv('atlas_ward.csv');
    const rec = file.find((r) => r.area_code === peckham.code)!;
    for (const r of rows) {
      const raw = rec[r.meta.id]!;
      expect(r.value, r.meta.id).toBe(raw === '' ? null : Number(raw));
    }
    expectRecounted(rows, file);
    const rate = rows.find((r) => r.meta.id === 'crime_all_rate')!;
    const all = file
      .map((x) => x.crime_all_rate)
      .filter((v) => v !== '')
      .map(Number);
    expect(rate.rank).toBe(all.filter((v) => v > rate.value!).length + 1);
    expect(rate.n).toBe(all.length);
    expect(rate.boroughValue).toBe(
      Number(csv('atlas_borough.csv').find((b) => b.area_code === peckham.borough.code)!.crime_all_rate),
    );
  });

  it('summarise crime first, then only differences large enough to matter, one count of areas per sentence', () => {
    const file = csv('atlas_borough.csv');
    for (const b of areas.filter((a) => a.level === 'borough' && a.code !== 'E09000001')) {
      const rows = profileRows(b);
      const s = profileSummary(b, rows);
      expectRecounted(rows, file);
      const rate = rows.find((r) => r.meta.id === 'crime_all_rate')!;
      // The crime rate leads, as the atlas file gives it.
      expect(
        s.startsWith(
          `Recorded crime: All offences: crimes per 1,000 residents: ${Number(file.find((r) => r.area_code === b.code)!.crime_all_rate).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} against a London median of`,
        ),
        b.name,
      ).toBe(true);
      expect(rate.value).not.toBeNull();
      // Every other difference named is at least a quarter of the median away (and 2 points for shares).
      for (const r of rows.filter(
        (x) =>
          x.meta.id !== 'crime_all_rate' && x.value !== null && s.includes(`${x.meta.title.replace(/ \(%\)$/, '')}:`),
      )) {
        expect(Math.abs(r.value! - r.londonMedian), `${b.name}: ${r.meta.id}`).toBeGreaterThanOrEqual(
          0.25 * Math.abs(r.londonMedian),
        );
        if (r.meta.unit === '%') expect(Math.abs(r.value! - r.londonMedian)).toBeGreaterThanOrEqual(2);
      }
      // One count of areas per sentence.
      for (const sentence of s.split(/(?<=\.) /))
        expect(
          new Set([...sentence.matchAll(/of ([\d,]+) (boroughs|wards)/g)].map((m) => m[1])).size,
          sentence,
        ).toBeLessThanOrEqual(1);
      // A true minus sign.
      expect(s).not.toMatch(/(^|\s)-\d/);
    }
  });

  it('find neighbours that share a boundary', () => {
    // The City's land neighbours: Camden, Hackney, Islington, Tower Hamlets, Westminster (boundaries stop at the Thames).
    expect(neighboursOf('borough', 'E09000001')).toEqual([
      'E09000007',
      'E09000012',
      'E09000019',
      'E09000030',
      'E09000033',
    ]);
    const nb = neighboursOf('ward', areas.find((a) => a.name === 'Peckham')!.code);
    expect(nb.length).toBeGreaterThanOrEqual(3);
  });

  it('give monthly crime for boroughs and wards: MPS files, and City of London Police records for the City', () => {
    const boroughFile = csv('mps_borough_monthly.csv');
    const months = Object.keys(boroughFile[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
    const wm = monthlyCrime(areas.find((a) => a.code === 'E09000033')!)!;
    expect(wm.force).toBe('mps');
    const last12 = months.slice(-12);
    expect(wm.data.slice(-12).reduce((a, m) => a + m.total, 0)).toBe(
      boroughFile
        .filter((r) => r.area_code === 'E09000033')
        .reduce((a, r) => a + last12.reduce((b, m) => b + Number(r[m]), 0), 0),
    );
    const wardFile = csv('mps_ward_monthly.csv');
    const wardMonths = Object.keys(wardFile[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
    const hv = monthlyCrime(areas.find((a) => a.code === wardFile[0]!.ward_code)!)!;
    expect(hv.data.map((d) => d.month)).toEqual(wardMonths);
    expect(hv.data.map((d) => d.total)).toEqual(wardMonths.map((m) => Number(wardFile[0]![m])));
    // The City: the sum of its wards in city_ward_monthly.csv.
    const rows = csv('city_ward_monthly.csv');
    const cityMonths = Object.keys(rows[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
    const city = monthlyCrime(areas.find((a) => a.code === 'E09000001')!)!;
    expect(city.force).toBe('city');
    expect(city.data.map((d) => d.month)).toEqual(cityMonths);
    expect(city.data.reduce((a, d) => a + d.total, 0)).toBe(
      rows.reduce((a, r) => a + cityMonths.reduce((b, m) => b + Number(r[m]), 0), 0),
    );
    const w = rows[0]!;
    const ward = monthlyCrime(areas.find((a) => a.code === w.ward_code)!)!;
    expect(ward.force).toBe('city');
    expect(ward.data[0]).toEqual({ month: cityMonths[0], total: Number(w[cityMonths[0]!]) });
  });
});

describe('a trend in words, the latest year first', () => {
  const months = (n: number, total: number): number[] => Array.from({ length: n }, () => total);
  const series = (totals: number[], from = 2020) =>
    trendPoints(
      totals.map((total, i) => ({
        month: `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
        total,
      })),
    );

  it('leads with the 12 months against the 12 before, then the month, then the long run', () => {
    // Three years: 10 a month, then 12, then 15.
    const t = series([...months(12, 10), ...months(12, 12), ...months(12, 15)]);
    expect(trendWords(t, 'the police', ' here')).toBe(
      'In the 12 months to December 2022 the police recorded 180 crimes here, against 144 in the 12 months before (+25.0%). ' +
        'December 2022 alone: 15. Over the longer run, the 12-month average was 15 a month in the year to December 2022, ' +
        'against 10 in the year to December 2020 (+50.0%). The highest month was January 2022 (15) and the lowest January 2020 (10).',
    );
  });

  it('says no long run when it would repeat the year (24 months) or start from none', () => {
    const two = trendWords(series([...months(12, 10), ...months(12, 12)]), 'the police', '');
    expect(two).toContain('against 120 in the 12 months before (+20.0%)');
    expect(two).not.toContain('longer run');
    const fromNone = trendWords(series([...months(12, 0), ...months(24, 5)]), 'the police', '');
    expect(fromNone).not.toContain('longer run');
    expect(fromNone).not.toContain('Infinity');
  });

  it('with under two years, gives the month alone', () => {
    expect(trendWords(series(months(18, 3)), 'the police', '')).toMatch(
      /^In June 2021 the police recorded 3 crimes\. /,
    );
  });
});
