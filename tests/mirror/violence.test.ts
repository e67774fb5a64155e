/**
 * The /violence/ figures against a recount from the raw files (csv-parse and plain sums,
 * none of the site's readers): the MPS knife-crime dashboard data, Census 2021 TS007A
 * (boroughs, and LSOAs summed to wards through the ONS lookup), the MPS borough files
 * and the MPS homicide records. Expected values come from the raw data, so a refresh
 * does not break the tests.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { source, type SourceId } from '../../scripts/sources.ts';
import { mirrorDir } from './mirror.ts';
import { figureById } from '../../src/figures/index.ts';
import { violenceFacts } from '../../src/figures/violence/build.ts';

const raw = (id: SourceId) =>
  parse<Record<string, string>>(readFileSync(join(mirrorDir(), source(id).path)), {
    columns: true,
    bom: true,
    relax_column_count: true,
  });
const tableRows = (id: string) => figureById(id).table.rows;
const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));

describe('knife crime figures equal a recount of the dashboard data and the Census', () => {
  const knife = raw('mps-knife-crime-dashboard');
  const months = [...new Set(knife.map((r) => r.month_year!.slice(0, 7)))].sort();
  const last12 = months.slice(-12);
  const prev12 = months.slice(-24, -12);
  const sum = (pred: (r: Record<string, string>) => boolean, ms: string[]) =>
    knife.filter((r) => pred(r) && ms.includes(r.month_year!.slice(0, 7))).reduce((a, r) => a + Number(r.count), 0);
  const borough =
    (subtype: string, measure = 'Offences') =>
    (r: Record<string, string>) =>
      r.area_type === 'Borough' && r.crime_subtype === subtype && r.measure === measure;
  const ages = [
    'Age: Aged 4 years and under',
    'Age: Aged 5 to 9 years',
    'Age: Aged 10 to 14 years',
    'Age: Aged 15 to 19 years',
    'Age: Aged 20 to 24 years',
  ];
  const ltla = new Map(
    raw('census-2021-ts007a-ltla').map((r) => [
      r['geography code']!,
      { all: Number(r['Age: Total']), young: ages.reduce((a, k) => a + Number(r[k]), 0) },
    ]),
  );

  it('London: every measure in the latest and previous 12 months, and the headline numbers', () => {
    for (const row of tableRows('violence-knife-year-on-year')) {
      const measure = row.kind as string;
      expect(row.latest_12_months, `${row.measure}`).toBe(sum(borough(row.subtype as string, measure), last12));
      expect(row.previous_12_months, `${row.measure}`).toBe(sum(borough(row.subtype as string, measure), prev12));
    }
    const facts = violenceFacts();
    const knifeNow = sum(borough('Knife Crime'), last12);
    expect(facts.find((f) => f.id === 'knife-crime-latest-12-months')!.value).toBe(knifeNow);
    expect(facts.find((f) => f.id === 'knife-injury-victims-1-24-non-domestic')!.value).toBe(
      sum(borough('Knife Injury Victims (non DA 1-24)'), last12),
    );
    expect(
      close(
        facts.find((f) => f.id === 'knife-crime-positive-outcomes-per-100')!.value,
        (sum(borough('Knife Crime', 'Positive Outcomes'), last12) / knifeNow) * 100,
        1e-3,
      ),
    ).toBe(true);
  });

  it('London: the 12-month totals of the trend, month by month', () => {
    const rows = tableRows('violence-knife-trend');
    expect(rows.map((r) => r.month)).toEqual(months);
    for (let i = 11; i < months.length; i++) {
      const w = months.slice(i - 11, i + 1);
      expect(rows[i]!.knife_crime_12_months, months[i]).toBe(sum(borough('Knife Crime'), w));
      expect(rows[i]!.knife_injury_victims_non_da_1_24_12_months, months[i]).toBe(
        sum(borough('Knife Injury Victims (non DA 1-24)'), w),
      );
    }
  });

  it('boroughs: offences, residents and rates per 1,000; young victims per 1,000 aged 0–24; the change', () => {
    const map = tableRows('violence-knife-borough-map');
    expect(map).toHaveLength(32);
    for (const r of map) {
      const n = sum((x) => borough('Knife Crime')(x) && x.area_code!.trim() === r.code, last12);
      expect(r.count, `${r.borough}`).toBe(n);
      expect(r.population).toBe(ltla.get(r.code as string)!.all);
      expect(
        close(r.rate_per_1000 as number, Math.round((n / ltla.get(r.code as string)!.all) * 1000 * 1000) / 1000),
      ).toBe(true);
    }
    for (const r of tableRows('violence-knife-young-victims-boroughs')) {
      const n = sum((x) => borough('Knife Injury Victims (non DA 1-24)')(x) && x.area_code!.trim() === r.code, last12);
      expect(r.count, `${r.borough}`).toBe(n);
      expect(r.population).toBe(ltla.get(r.code as string)!.young);
    }
    const all = tableRows('violence-knife-borough-change');
    const change = all.filter((r) => r.kind === 'borough');
    expect(change).toHaveLength(32);
    for (const r of change)
      expect(r.previous_12_months, `${r.borough}`).toBe(
        sum((x) => borough('Knife Crime')(x) && x.area_code!.trim() === r.code, prev12),
      );
    // Largest fall first: the order follows the % change.
    const pcts = change.map((r) => r.pct_change as number);
    expect([...pcts].sort((a, b) => a - b)).toEqual(pcts);
  });

  it("knife crime in no borough: a row of the change table and the headline's words, and the rows add up to London", () => {
    // Every Borough row whose code is not one of the 32 London boroughs the Met covers (blank, or any other).
    const codes = new Set(
      [...ltla.keys()].filter((c) => /^E09\d{6}$/.test(c) && c !== 'E09000001'), // the City is not the Met's
    );
    expect(codes.size).toBe(32);
    const nowhere = (x: Record<string, string>) => borough('Knife Crime')(x) && !codes.has(x.area_code!.trim());
    const rows = tableRows('violence-knife-borough-change');
    const none = rows.find((r) => r.kind === 'no borough')!;
    const london = rows.find((r) => r.kind === 'London')!;
    expect(none.latest_12_months).toBe(sum(nowhere, last12));
    expect(none.previous_12_months).toBe(sum(nowhere, prev12));
    expect(london.latest_12_months).toBe(sum(borough('Knife Crime'), last12));
    expect(london.previous_12_months).toBe(sum(borough('Knife Crime'), prev12));
    for (const k of ['latest_12_months', 'previous_12_months'] as const)
      expect(rows.filter((r) => r.kind !== 'London').reduce((a, r) => a + (r[k] as number), 0)).toBe(london[k]);
    const boroughsNow = sum(borough('Knife Crime'), last12) - sum(nowhere, last12);
    const boroughsBefore = sum(borough('Knife Crime'), prev12) - sum(nowhere, prev12);
    const pct = ((boroughsNow - boroughsBefore) / boroughsBefore) * 100;
    const label = violenceFacts().find((f) => f.id === 'knife-crime-latest-12-months')!.label;
    expect(label).toContain(`${sum(nowhere, last12).toLocaleString('en-GB')} of them in no borough`);
    expect(label).toContain(`the change was ${pct < 0 ? '−' : '+'}${Math.abs(pct).toFixed(1)}%`);
  });

  it('wards: offences by trimmed code, residents from Census LSOAs summed by the lookup, and the rises and falls', () => {
    const lookup = new Map(raw('ons-lsoa21-ward24-lookup').map((r) => [r.LSOA21CD!, r.WD24CD!]));
    const wardPop = new Map<string, number>();
    for (const r of raw('census-2021-ts007a-lsoa')) {
      const w = lookup.get(r['geography code']!)!;
      wardPop.set(w, (wardPop.get(w) ?? 0) + Number(r['Age: Total']));
    }
    const snt = (code: string, ms: string[]) =>
      sum(
        (x) =>
          x.area_type !== 'Borough' &&
          x.crime_subtype === 'Knife Crime' &&
          x.measure === 'Offences' &&
          x.area_code!.trim() === code,
        ms,
      );
    const map = tableRows('violence-knife-ward-map');
    const codes = new Set(
      knife
        .filter((r) => r.area_type !== 'Borough')
        .map((r) => r.area_code!.trim())
        .filter((c) => wardPop.has(c)),
    );
    expect(new Set(map.map((r) => r.code))).toEqual(
      new Set(
        [...codes].filter((c) =>
          knife.some((r) => r.area_code!.trim() === c && r.crime_subtype === 'Knife Crime' && r.measure === 'Offences'),
        ),
      ),
    );
    for (const r of map) {
      expect(r.offences, `${r.ward}`).toBe(snt(r.code as string, last12));
      expect(r.residents, `${r.ward}`).toBe(wardPop.get(r.code as string));
    }
    // The 10 largest falls and rises in the count, among wards with at least 10 offences in one year.
    const all = [...codes]
      .map((c) => ({ c, l: snt(c, last12), p: snt(c, prev12) }))
      .filter((w) => Math.max(w.l, w.p) >= 10);
    const falls = all
      .filter((w) => w.l < w.p)
      .sort((a, b) => a.l - a.p - (b.l - b.p) || (a.c < b.c ? -1 : 1))
      .slice(0, 10);
    const rises = all
      .filter((w) => w.l > w.p)
      .sort((a, b) => b.l - b.p - (a.l - a.p) || (a.c < b.c ? -1 : 1))
      .slice(0, 10);
    const rf = tableRows('violence-knife-ward-rises-falls');
    expect(rf.filter((r) => r.direction === 'fall').map((r) => r.code)).toEqual(falls.map((w) => w.c));
    expect(rf.filter((r) => r.direction === 'rise').map((r) => r.code)).toEqual(rises.map((w) => w.c));
    expect(rf.every((r) => (r.direction === 'fall' ? (r.change as number) < 0 : (r.change as number) > 0))).toBe(true);
  });
});

describe('violence against the person equals a recount of the MPS borough files', () => {
  it('the latest 12 months by subcategory and the first 12 months of the series', () => {
    const recent = raw('mps-borough-recent');
    const hist = raw('mps-borough-historic');
    const monthCols = (rows: Record<string, string>[]) =>
      Object.keys(rows[0]!)
        .filter((k) => /^\d{6}$/.test(k))
        .sort();
    const major = (r: Record<string, string>) => r.MajorText ?? r.majortext;
    const minor = (r: Record<string, string>) => (r.MinorText ?? r.minortext)!;
    const bySub = (rows: Record<string, string>[], ms: string[]) => {
      const out = new Map<string, number>();
      for (const r of rows.filter((x) => major(x) === 'VIOLENCE AGAINST THE PERSON'))
        out.set(minor(r), (out.get(minor(r)) ?? 0) + ms.reduce((a, m) => a + Number(r[m] || 0), 0));
      return out;
    };
    const now = bySub(recent, monthCols(recent).slice(-12));
    const then = bySub(hist, monthCols(hist).slice(0, 12));
    const mix = tableRows('violence-vap-mix');
    expect(mix).toHaveLength(now.size);
    for (const r of mix) {
      const key = [...now.keys()].find((k) => k.toLowerCase() === (r.subcategory as string).toLowerCase())!;
      expect(r.offences_now, key).toBe(now.get(key));
      expect(r.offences_then, key).toBe(then.get(key));
    }
    const trend = tableRows('violence-vap-trend');
    expect(trend.at(-1)!.all).toBe([...now.values()].reduce((a, b) => a + b, 0));
    expect(trend[0]!.all).toBe([...then.values()].reduce((a, b) => a + b, 0));
  });
});

describe('homicide figures equal a recount of the MPS homicide records', () => {
  it('people by year and sex, and by age group, whole years only', () => {
    const rows = raw('mps-homicide-dashboard');
    const year = (r: Record<string, string>) => `20${r.proceedings_date!.trim().slice(-2)}`;
    const years = tableRows('violence-homicide-accused-year');
    for (const y of years) {
      const inYear = rows.filter((r) => year(r) === y.year);
      expect(y.people, `${y.year}`).toBe(inYear.reduce((a, r) => a + Number(r.count_of_ppa), 0));
      expect(y.sex_male, `${y.year}`).toBe(inYear.filter((r) => r.gender === 'Male').length);
      expect(y.offence_murder, `${y.year}`).toBe(inYear.filter((r) => r.offence_type === 'Murder').length);
    }
    // Whole years: every month of each listed year is within the records' span; the last year listed has December.
    const last = years.at(-1)!.year as string;
    expect(rows.some((r) => r.proceedings_date === `Dec-${last.slice(2)}`)).toBe(true);
    const inYears = rows.filter((r) => years.some((y) => y.year === year(r)));
    const age = tableRows('violence-homicide-accused-age');
    for (const a of age)
      expect(a.people, `${a.age_group}`).toBe(inYears.filter((r) => r.age_group === a.age_group).length);
    expect(age.reduce((s, a) => s + (a.people as number), 0)).toBe(inYears.length);
  });
});
