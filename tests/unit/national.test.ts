/** The national comparison on the committed derived data: values as ONS published them. */
import { describe, expect, it } from 'vitest';
import { loadCrime, loadPopulation } from '../../src/data/crime.ts';
import { loadCsp2025, loadPfa, loadReleases, loadCounts2025 } from '../../src/data/national.ts';
import { compareGroups, forceRates, shareSeries, sincePrevious, MPS, EW, GMP, TOTAL } from '../../src/lib/national.ts';
import { boroughChanges, monthlyTotals, rolling12 } from '../../src/lib/crime.ts';
import { mpsSeries } from './recount.ts';
import { allFigures } from '../../src/figures/index.ts';

describe('ONS releases', () => {
  const ix = loadPfa();
  const { releases, populations } = loadReleases();

  it('holds quarterly releases in order from March 2018, those without Greater Manchester marked partial', () => {
    // A later release adds to the list; the eight published from March 2018 to December 2019 stay in it.
    const periods = releases.map((r) => r.period);
    expect(periods.slice(0, 8)).toEqual([
      '2018-03',
      '2018-06',
      '2018-09',
      '2018-12',
      '2019-03',
      '2019-06',
      '2019-09',
      '2019-12',
    ]);
    periods.slice(1).forEach((p, i) => {
      const [y, m] = periods[i]!.split('-').map(Number) as [number, number];
      expect(p, `the release after ${periods[i]}`).toBe(
        m === 12 ? `${y + 1}-03` : `${y}-${String(m + 3).padStart(2, '0')}`,
      );
    });
    // Partial exactly where the release has no count for Greater Manchester.
    expect(releases.filter((r) => r.partial).map((r) => r.period)).toEqual(
      periods.filter((p) => ix.get(p, GMP)?.count == null),
    );
    expect(releases.filter((r) => r.partial).map((r) => r.period)).toEqual(
      expect.arrayContaining(['2019-09', '2019-12']),
    );
    expect(ix.get('2019-12', GMP)).toMatchObject({ count: null, countNote: '..' });
  });

  it('compares the MPS with England and Wales as published (year ending December 2019)', () => {
    const t = compareGroups(ix, '2019-12')[0]!;
    expect(t).toMatchObject({ group: TOTAL, mpsCount: 910093, ewCount: 5013284 });
    expect(t.mpsPct).toBeCloseTo(8.391245, 5);
    expect(t.ewPct).toBeCloseTo(3.873325, 5);
    expect(t.mpsRate).toBeCloseTo(102.264822, 5);
    expect(t.ewRate).toBeCloseTo(89.040773, 5);
    expect(t.share).toBeCloseTo((910093 / 5013284) * 100, 10);
    expect(compareGroups(ix, '2019-12')).toHaveLength(23);
  });

  it('draws no % change on fewer than 50 offences a year earlier, and names the ones it leaves out (the table keeps them)', () => {
    let left = 0;
    for (const f of allFigures().filter((x) => /^national-\d{4}-\d{2}-mps-vs-england-wales$/.test(x.id))) {
      const period = f.id.slice('national-'.length, 'national-'.length + 7);
      const rows = compareGroups(ix, period);
      const chart = f.chart as Extract<typeof f.chart, { kind: 'pairedDots' }>;
      const note = f.notes.find((n) => n.startsWith('Not drawn')) ?? '';
      rows.forEach((c, i) => {
        // The count a year earlier, from the published count and % change.
        const before = (n: number | null, p: number | null) => (n === null || p === null ? null : n / (1 + p / 100));
        const mpsBefore = before(c.mpsCount, c.mpsPct);
        const drawn = chart.data[i]!;
        if (mpsBefore !== null && mpsBefore < 49.5) {
          left++;
          expect(drawn.a, `${f.id} ${c.group}`).toBeNull();
          expect(note, f.id).toContain(`about ${Math.round(mpsBefore)} → ${c.mpsCount}`);
          expect(f.table.rows[i]!.mps_pct_change, f.id).not.toBeNull();
        } else expect(drawn.a, `${f.id} ${c.group}`).toBe(c.mpsPct);
        // England and Wales: never so few.
        const ewBefore = before(c.ewCount, c.ewPct);
        expect(ewBefore === null || ewBefore >= 49.5, `${f.id} ${c.group}`).toBe(true);
        expect(drawn.b, `${f.id} ${c.group}`).toBe(c.ewPct);
      });
    }
    // The MPS's death or serious injury by unlawful driving, 19 → 1 in the year ending December 2019.
    expect(left).toBe(1);
  });

  it('uses the population each release states', () => {
    expect(populations.get(`2019-12|${MPS}`)).toBe(8899400);
    expect(populations.get(`2018-03|${MPS}`)).toBe(8762400);
    expect(releases[0]!.populationVintage).toMatch(/mid-2016/);
  });

  it('ranks forces by rate, leaving out suppressed and missing rates with the reason', () => {
    const { ranked, missing } = forceRates(ix, '2019-12');
    expect(ranked).toHaveLength(41);
    expect(ranked[0]).toMatchObject({ name: 'West Yorkshire', rank: 1 });
    expect(ranked.find((f) => f.code === MPS)!.rank).toBe(6);
    expect(missing.map((m) => m.code).sort()).toEqual(['E23000005', 'E23000034']);
    expect(forceRates(ix, '2018-03').ranked).toHaveLength(42);
  });

  it('computes the MPS share in every release', () => {
    const s = shareSeries(ix, releases);
    expect(s[0]).toMatchObject({ period: '2018-03', mps: 815528, ew: 4876282, partial: false });
    // Year ending December 2019, as ONS published it.
    expect(s.find((x) => x.period === '2019-12')!.share).toBeCloseTo(18.1537, 3);
  });

  it('reports what moved since the previous release, and that the first has none', () => {
    expect(sincePrevious(ix, releases, '2018-03').previous).toBeNull();
    const m = sincePrevious(ix, releases, '2019-12');
    expect(m.previous).toBe('2019-09');
    expect(m.rows[0]).toMatchObject({ previous: 903466, current: 910093, change: 6627 });
    expect(m.rows.find((r) => r.unit === 'rank')).toMatchObject({ previous: 8, current: 6, change: -2 });
  });

  it('gives the year ending June 2025 force counts with GMP included', () => {
    const c = loadCounts2025();
    const get = (code: string) => c.find((x) => x.code === code && x.group === TOTAL)!.count;
    expect(get(MPS)).toBe(940619);
    expect(get(EW)).toBe(5287312);
    expect(get(GMP)).toBeGreaterThan(0);
  });
});

describe('London now', () => {
  const m = mpsSeries();
  it('sums the 12 months to each month, from the 12th month on, with change on a year earlier', () => {
    const r = rolling12(monthlyTotals(loadCrime()));
    expect(r[0]).toEqual({ month: m.months[11], rolling: m.sum(m.months.slice(0, 12)), pct: null });
    expect(r.at(-1)!.month).toBe(m.latest);
    expect(r.at(-1)!.rolling).toBe(m.sum(m.last12));
    expect(r.at(-1)!.pct).toBeCloseTo(((m.sum(m.last12) - m.sum(m.prev12)) / m.sum(m.prev12)) * 100, 10);
  });

  it('ranks boroughs by change in the 12 months to the latest month, by offence group', () => {
    const bc = boroughChanges(loadCrime(), loadPopulation());
    const totals = bc.filter((b) => b.group === 'Total');
    expect(totals.map((t) => t.code).sort()).toEqual([...m.boroughs].sort());
    for (const t of totals) {
      expect(t.latest, t.name).toBe(m.sum(m.last12, (r) => r.area_code === t.code));
      expect(t.rate).toBeCloseTo(m.boroughRate(t.code), 10);
      // Every major group adds up to the total for each borough.
      const parts = bc.filter((b) => b.code === t.code && b.group !== 'Total');
      expect(parts.reduce((a, b) => a + b.latest, 0)).toBe(t.latest);
    }
  });

  it('has borough counts for the year ending June 2025 that add up to the force total', () => {
    const csp = loadCsp2025().filter((c) => c.group === TOTAL);
    const force = csp.find((c) => c.type === 'force')!.count!;
    const parts = csp.filter((c) => c.code !== 'E09000001' && c.type !== 'force').reduce((a, c) => a + c.count!, 0);
    expect(force).toBe(loadCounts2025().find((c) => c.code === MPS && c.group === TOTAL)!.count);
    expect(parts).toBe(force);
    expect(
      csp
        .filter((c) => c.type === 'borough' && c.code !== 'E09000001')
        .map((c) => c.code)
        .sort(),
    ).toEqual(mpsSeries().boroughs.sort());
  });
});
