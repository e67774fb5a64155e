/**
 * The published headline figures, checked on the committed derived data and, when
 * the mirror of the raw sources is present (../shared/data or LCA_MIRROR), against
 * a direct computation from the MPS files with an independent reader.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { feature } from 'topojson-client';
import { geoArea, geoBounds } from 'd3';
import { boroughRates, changeByGroup, latestMonth, monthlyTotals, rolling12Mean } from '../../src/lib/crime.ts';
import { loadBoroughTopo } from '../../src/data/geo.ts';
import { loadCrime, loadPopulation } from '../../src/data/crime.ts';
import { loadManifest } from '../../src/data/manifest.ts';

const MIRROR = resolve(process.env.LCA_MIRROR ?? '../shared/data');
const hasMirror = existsSync(join(MIRROR, 'crime_borough'));

/** Sums month columns of a raw MPS wide file directly: { 'YYYYMM': { major: total } }. */
function rawTotals(path: string): Map<string, Map<string, number>> {
  const rows = parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const major = r.majortext ?? r.MajorText!;
    for (const [k, v] of Object.entries(r)) {
      if (!/^\d{6}$/.test(k)) continue;
      const m = out.get(k) ?? new Map<string, number>();
      m.set(major, (m.get(major) ?? 0) + Number(v));
      out.set(k, m);
    }
  }
  return out;
}

describe('headline figures on the committed data', () => {
  const s = loadCrime();
  it('cover April 2010 to February 2026 with no gap', () => {
    expect(s.months[0]).toBe('2010-04');
    expect(latestMonth(s)).toBe('2026-02');
    expect(s.months).toHaveLength(191);
  });

  it('give the latest 12 months against the previous 12', () => {
    const ch = changeByGroup(s);
    expect(ch.latest).toEqual(['2025-03', '2026-02']);
    expect(ch.previous).toEqual(['2024-03', '2025-02']);
    expect(ch.total.latest).toBe(906960);
    expect(ch.total.previous).toBe(931868);
    expect(ch.total.pctChange).toBeCloseTo(-2.673, 3);
    const theft = ch.groups.find((g) => g.group === 'THEFT')!;
    expect(theft.latest).toBe(284604);
    expect(ch.groups).toHaveLength(13);
    expect(ch.groups.reduce((a, g) => a + g.latest, 0)).toBe(906960);
  });

  it('rank Westminster first by rate per 1,000 residents, with the Census 2021 denominator', () => {
    const r = boroughRates(s, loadPopulation());
    expect(r).toHaveLength(32);
    expect(r.map((x) => x.code)).not.toContain('E09000001');
    expect(r[0]).toMatchObject({ code: 'E09000033', name: 'Westminster', crimes: 80718, population: 204235 });
    expect(r[0]!.rate).toBeCloseTo((80718 / 204235) * 1000, 10);
    expect(r.at(-1)!.name).toBe('Richmond upon Thames');
  });

  it('compute the 12-month average from the monthly totals', () => {
    const t = monthlyTotals(s);
    const roll = rolling12Mean(t.map((x) => x.total));
    expect(roll[10]).toBeNull();
    expect(roll.at(-1)).toBeCloseTo(906960 / 12, 6);
    expect(t.at(-1)).toEqual({ month: '2026-02', total: 67616 });
  });

  it('record balanced row accounting for every derived file', () => {
    const m = loadManifest();
    // Every file in data/derived/ has a manifest record, and every record a file.
    const files = readdirSync('data/derived').filter((f) => f !== 'manifest.json').sort();
    expect(m.outputs.map((o) => o.file)).toEqual(files);
    expect(files).toContain('mps_borough_monthly.csv');
    for (const o of m.outputs) {
      for (const i of o.inputs) expect(i.rows_used + i.rows_rejected).toBe(i.rows_read);
      // Crime and official data under the OGL; databases derived from OpenStreetMap under the ODbL.
      if (o.sources.some((x) => x.startsWith('osm-')) && o.file.startsWith('hotblocks_')) expect(o.licence).toBe('Open Database Licence (ODbL) 1.0');
      else expect(o.licence).toMatch(/Open Government Licence/);
    }
    const crime = m.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!;
    expect(crime.rows).toBe(s.rows.length);
  });

  it('draw 33 borough shapes of sensible size inside London', () => {
    const topo = loadBoroughTopo();
    const fc = feature(topo, topo.objects.boroughs as never) as unknown as { features: { properties: { code: string } }[] };
    expect(fc.features).toHaveLength(33);
    for (const f of fc.features) {
      const [[x0, y0], [x1, y1]] = geoBounds(f as never);
      expect(x0).toBeGreaterThan(-0.52);
      expect(x1).toBeLessThan(0.34);
      expect(y0).toBeGreaterThan(51.28);
      expect(y1).toBeLessThan(51.7);
      expect(geoArea(f as never)).toBeLessThan(1e-4); // not the whole sphere
    }
  });
});

describe.skipIf(!hasMirror)('headline figures equal a direct computation from the MPS files', () => {
  it('latest and previous 12 months, total and by group', () => {
    const recent = rawTotals(join(MIRROR, 'crime_borough/mps_borough_level_crime_2024-03_2026-02.csv'));
    const sumMonths = (from: number, to: number) => {
      const by = new Map<string, number>();
      for (const [m, groups] of recent) {
        const n = Number(m);
        if (n < from || n > to) continue;
        for (const [g, v] of groups) by.set(g, (by.get(g) ?? 0) + v);
      }
      return by;
    };
    const latest = sumMonths(202503, 202602);
    const previous = sumMonths(202403, 202502);
    const ch = changeByGroup(loadCrime());
    expect(ch.total.latest).toBe([...latest.values()].reduce((a, b) => a + b, 0));
    expect(ch.total.previous).toBe([...previous.values()].reduce((a, b) => a + b, 0));
    for (const g of ch.groups) {
      expect(g.latest).toBe(latest.get(g.group));
      expect(g.previous).toBe(previous.get(g.group));
    }
  });

  it('every monthly total since April 2010', () => {
    const hist = rawTotals(join(MIRROR, 'crime_borough/mps_borough_level_crime_historic_2010-04_2024-02.csv'));
    const recent = rawTotals(join(MIRROR, 'crime_borough/mps_borough_level_crime_2024-03_2026-02.csv'));
    const direct = new Map<string, number>();
    for (const src of [hist, recent]) for (const [m, g] of src) direct.set(`${m.slice(0, 4)}-${m.slice(4)}`, [...g.values()].reduce((a, b) => a + b, 0));
    for (const t of monthlyTotals(loadCrime())) expect(t.total, t.month).toBe(direct.get(t.month));
  });
});
