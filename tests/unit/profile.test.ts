/** Area profiles: the values a profile page prints equal the derived data. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { monthlyCrime, neighboursOf, profileAreas, profileRows, profileSummary } from '../../src/lib/profile.ts';

const csv = (f: string) => parse(readFileSync(`data/derived/${f}`), { columns: true }) as Record<string, string>[];

describe('area profiles', () => {
  const areas = profileAreas();
  it('cover every borough and every ward with published data', () => {
    expect(areas.filter((a) => a.level === 'borough')).toHaveLength(33);
    expect(areas.filter((a) => a.level === 'ward')).toHaveLength(684);
    expect(new Set(areas.map((a) => a.code)).size).toBe(717);
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

  it('give monthly crime for boroughs and wards, none for the City', () => {
    expect(monthlyCrime(areas.find((a) => a.code === 'E09000001')!)).toBeNull();
    const wm = monthlyCrime(areas.find((a) => a.code === 'E09000033')!)!;
    expect(wm.slice(-12).reduce((a, m) => a + m.total, 0)).toBe(80718);
    const hv = monthlyCrime(areas.find((a) => a.code === 'E05013570')!)!;
    expect(hv[0]!.month).toBe('2010-04');
    expect(hv.at(-1)!.month).toBe('2026-02');
  });
});
