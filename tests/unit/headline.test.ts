/**
 * The published headline figures, checked on the committed derived data against an
 * independent recount of the derived file (the recount from the raw MPS files is in
 * tests/mirror/headline.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { feature } from 'topojson-client';
import { geoArea, geoBounds } from 'd3-geo';
import { boroughRates, changeByGroup, latestMonth, monthlyTotals, rolling12Mean } from '../../src/lib/crime.ts';
import { mpsSeries } from './recount.ts';
import { loadBoroughTopo } from '../../src/data/geo.ts';
import { loadCrime, loadPopulation } from '../../src/data/crime.ts';
import { loadManifest } from '../../src/data/manifest.ts';

describe('headline figures on the committed data, against an independent recount of the derived file', () => {
  const s = loadCrime();
  const m = mpsSeries();
  it('cover every month of the file, with no gap', () => {
    expect(s.months).toEqual(m.months);
    for (let i = 1; i < s.months.length; i++) {
      const [y0, m0] = s.months[i - 1]!.split('-').map(Number) as [number, number];
      const [y1, m1] = s.months[i]!.split('-').map(Number) as [number, number];
      expect(y1 * 12 + m1 - (y0 * 12 + m0), s.months[i]).toBe(1);
    }
    expect(latestMonth(s)).toBe(m.latest);
  });

  it('give the latest 12 months against the previous 12, in total and by group', () => {
    const ch = changeByGroup(s);
    expect(ch.latest).toEqual([m.last12[0], m.latest]);
    expect(ch.previous).toEqual([m.prev12[0], m.prev12.at(-1)]);
    expect(ch.total.latest).toBe(m.sum(m.last12));
    expect(ch.total.previous).toBe(m.sum(m.prev12));
    expect(ch.total.pctChange).toBeCloseTo(((m.sum(m.last12) - m.sum(m.prev12)) / m.sum(m.prev12)) * 100, 10);
    const majors = [...new Set(m.rows.map((r) => r.major!))];
    expect(ch.groups.map((g) => g.group).sort()).toEqual(majors.sort());
    for (const g of ch.groups) expect(g.latest, g.group).toBe(m.sum(m.last12, (r) => r.major === g.group));
    expect(ch.groups.reduce((a, g) => a + g.latest, 0)).toBe(ch.total.latest);
  });

  it('rank boroughs by rate per 1,000 residents with the Census 2021 denominator, the City left out', () => {
    const r = boroughRates(s, loadPopulation());
    expect(r.map((x) => x.code).sort()).toEqual([...m.boroughs].sort());
    expect(r.map((x) => x.code)).not.toContain('E09000001');
    const expected = m.boroughs.map((c) => ({ c, rate: m.boroughRate(c) })).sort((a, b) => b.rate - a.rate);
    expect(r.map((x) => x.code)).toEqual(expected.map((e) => e.c));
    for (const x of r) expect(x.rate).toBeCloseTo(m.boroughRate(x.code), 10);
  });

  it('compute the 12-month average from the monthly totals', () => {
    const t = monthlyTotals(s);
    const roll = rolling12Mean(t.map((x) => x.total));
    expect(roll[10]).toBeNull();
    expect(roll.at(-1)).toBeCloseTo(m.sum(m.last12) / 12, 6);
    expect(t.at(-1)).toEqual({ month: m.latest, total: m.total(m.latest) });
  });

  it('publish the home page facts as computed from the file', async () => {
    const { homeFacts } = await import('../../src/figures/home/build.ts');
    const f = new Map(homeFacts().facts.map((x) => [x.id, x.value]));
    expect(f.get('crimes-latest-12-months')).toBe(m.sum(m.last12));
    expect(f.get('change-on-previous-12-months')).toBeCloseTo(
      ((m.sum(m.last12) - m.sum(m.prev12)) / m.sum(m.prev12)) * 100,
      2,
    );
    expect(f.get('crimes-latest-month')).toBe(m.total(m.latest));
    const crimes = m.boroughs.reduce((a, c) => a + m.sum(m.last12, (r) => r.area_code === c), 0);
    const pop = m.boroughs.reduce((a, c) => a + m.population.get(c)!, 0);
    expect(f.get('rate-per-1000-boroughs')).toBeCloseTo((crimes / pop) * 1000, 2);
  });

  it('record balanced row accounting for every derived file', () => {
    const m = loadManifest();
    // Every file in data/derived/ has a manifest record, and every record a file.
    const files = readdirSync('data/derived')
      .filter((f) => f !== 'manifest.json')
      .sort();
    expect(m.outputs.map((o) => o.file)).toEqual(files);
    expect(files).toContain('mps_borough_monthly.csv');
    for (const o of m.outputs) {
      for (const i of o.inputs) expect(i.rows_used + i.rows_rejected).toBe(i.rows_read);
      // Crime and official data under the OGL; databases derived from OpenStreetMap under the ODbL.
      if (o.sources.some((x) => x.startsWith('osm-')) && o.file.startsWith('hotblocks_'))
        expect(o.licence).toBe('Open Database Licence (ODbL) 1.0');
      else expect(o.licence).toMatch(/Open Government Licence/);
    }
    const crime = m.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!;
    expect(crime.rows).toBe(s.rows.length);
  });

  it('draw 33 borough shapes of sensible size inside London', () => {
    const topo = loadBoroughTopo();
    const fc = feature(topo, topo.objects.boroughs as never) as unknown as {
      features: { properties: { code: string } }[];
    };
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
