/** Area profiles: the values a profile page prints equal the derived data. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { monthlyCrime, neighboursOf, profileAreas, profileRows, profileSummary } from '../../src/lib/profile.ts';

const csv = (f: string) => parse(readFileSync(`data/derived/${f}`), { columns: true }) as Record<string, string>[];

describe('area profiles', () => {
  const areas = profileAreas();
  it("cover every borough and every 2022 ward, the City of London's 25 included", () => {
    expect(areas.filter((a) => a.level === 'borough')).toHaveLength(33);
    expect(areas.filter((a) => a.level === 'ward')).toHaveLength(704);
    expect(areas.filter((a) => a.level === 'ward' && a.borough.code === 'E09000001')).toHaveLength(25);
    expect(new Set(areas.map((a) => a.code)).size).toBe(737);
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
    const rate = rows.find((r) => r.meta.id === 'crime_all_rate')!;
    const all = file.map((x) => x.crime_all_rate).filter((v) => v !== '').map(Number);
    expect(rate.rank).toBe(all.filter((v) => v > rate.value!).length + 1);
    expect(rate.n).toBe(all.length);
    expect(rate.boroughValue).toBe(Number(csv('atlas_borough.csv').find((b) => b.area_code === peckham.borough.code)!.crime_all_rate));
  });

  it('summarise the largest differences from London in plain words', () => {
    const wm = areas.find((a) => a.code === 'E09000033')!;
    const s = profileSummary(wm, profileRows(wm));
    expect(s).toMatch(/^Where Westminster differs most from London's other boroughs: /);
    expect(s).toContain('All offences: crimes per 1,000 residents: 395.2 against a London median of');
    expect(s).toContain('the highest of 32 boroughs');
  });

  it('find neighbours that share a boundary', () => {
    // The City's land neighbours: Camden, Hackney, Islington, Tower Hamlets, Westminster (boundaries stop at the Thames).
    expect(neighboursOf('borough', 'E09000001')).toEqual(['E09000007', 'E09000012', 'E09000019', 'E09000030', 'E09000033']);
    const nb = neighboursOf('ward', areas.find((a) => a.name === 'Peckham')!.code);
    expect(nb.length).toBeGreaterThanOrEqual(3);
  });

  it('give monthly crime for boroughs and wards: MPS files, and City of London Police records for the City', () => {
    const wm = monthlyCrime(areas.find((a) => a.code === 'E09000033')!)!;
    expect(wm.force).toBe('mps');
    expect(wm.data.slice(-12).reduce((a, m) => a + m.total, 0)).toBe(80718);
    const hv = monthlyCrime(areas.find((a) => a.code === 'E05013570')!)!;
    expect(hv.data[0]!.month).toBe('2010-04');
    expect(hv.data.at(-1)!.month).toBe('2026-02');
    // The City: the sum of its wards in city_ward_monthly.csv, April 2022 to March 2025.
    const city = monthlyCrime(areas.find((a) => a.code === 'E09000001')!)!;
    expect(city.force).toBe('city');
    expect(city.data.map((d) => d.month)).toHaveLength(36);
    expect(city.data[0]!.month).toBe('2022-04');
    expect(city.data.at(-1)!.month).toBe('2025-03');
    const rows = csv('city_ward_monthly.csv');
    expect(rows).toHaveLength(25);
    expect(city.data.reduce((a, d) => a + d.total, 0)).toBe(rows.reduce((a, r) => a + Object.entries(r).filter(([k]) => /^\d{4}-\d{2}$/.test(k)).reduce((b, [, v]) => b + Number(v), 0), 0));
    const aldgate = monthlyCrime(areas.find((a) => a.code === 'E05009289')!)!;
    expect(aldgate.force).toBe('city');
    expect(aldgate.data[0]).toEqual({ month: '2022-04', total: Number(rows.find((r) => r.ward_code === 'E05009289')!['2022-04']) });
  });
});
