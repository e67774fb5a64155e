/**
 * What the end-to-end tests expect to see, computed from the committed derived files
 * with plain readers (csv-parse, JSON.parse, loops) and none of the site's code, so that
 * a new month of data changes the expectation with the data instead of breaking a test.
 */
import { readFileSync } from 'node:fs';
import { csvRows, mpsSeries } from '../unit/recount.ts';

const json = <T>(f: string): T => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8')) as T;
const int = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(Math.round(n));
const one = (n: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
const signedPct = (n: number) => `${n > 0 ? '+' : '−'}${one(Math.abs(n))}%`;
const monthName = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const ordinal = (n: number) => {
  const s =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
};

/** Number of areas drawn from a topology (every object's geometries). */
export function geometries(file: string): number {
  const t = json<{ objects: Record<string, { geometries: unknown[] }> }>(file);
  return Object.values(t.objects).reduce((a, o) => a + o.geometries.length, 0);
}

/** The home page: latest month, 12-month total and its change on the previous 12 months. */
export function home() {
  const m = mpsSeries();
  const latest = m.sum(m.last12);
  const previous = m.sum(m.prev12);
  return {
    latestMonth: monthName(m.latest),
    total12: int(latest),
    change: signedPct(((latest - previous) / previous) * 100),
  };
}

/** Boroughs ranked by crimes per 1,000 residents over the latest 12 months (the City left out). */
export function boroughRanking() {
  const m = mpsSeries();
  const names = new Map(m.rows.map((r) => [r.area_code!, r.area_name!]));
  const ranked = m.boroughs
    .map((code) => ({
      code,
      name: names.get(code)!,
      crimes: m.sum(m.last12, (r) => r.area_code === code),
      population: m.population.get(code)!,
      rate: m.boroughRate(code),
    }))
    .sort((a, b) => b.rate - a.rate);
  const of = (code: string) => {
    const i = ranked.findIndex((r) => r.code === code);
    return { ...ranked[i]!, rate1: one(ranked[i]!.rate), rank: `${ordinal(i + 1)} of ${ranked.length}` };
  };
  return { ranked, of };
}

/** An LSOA's value of an atlas indicator, and the Pearson r of two indicators over the LSOAs with both. */
export function atlasLsoa(indicator: string, code: string, compare: string) {
  const rows = csvRows('atlas_lsoa.csv');
  const value = Number(rows.find((r) => r.area_code === code)![indicator]);
  const pairs = rows
    .filter((r) => r[indicator] !== '' && r[compare] !== '')
    .map((r) => [Number(r[indicator]), Number(r[compare])] as const);
  const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
  const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return {
    value: one(value),
    r: (sxy / Math.sqrt(sxx * syy)).toFixed(2),
    name: rows.find((r) => r.area_code === code)!.area_name!,
  };
}

interface Dataset {
  types: string[];
  isCrime: boolean[];
  months: string[];
  events: { n: number[]; offsets: number[] };
}

/** The hotspot data sets published, and one data set's records in the default view (all months, crime types only). */
export function hotspots(id?: string) {
  const index = json<{ datasets: { id: string; file: string }[] }>('hotspots_index.json');
  if (!id) return { published: index.datasets.length, records: 0, months: 0 };
  const d = json<Dataset>(index.datasets.find((x) => x.id === id)!.file);
  let records = 0;
  for (let b = 0; b < d.events.offsets.length - 1; b++) {
    if (!d.isCrime[b % d.types.length]) continue;
    for (let e = d.events.offsets[b]!; e < d.events.offsets[b + 1]!; e++) records += d.events.n[e]!;
  }
  return { published: index.datasets.length, records: int(records), months: d.months.length };
}

/** Area profiles: one per borough and per 2022 ward in the atlas. */

/** The archived ONS releases: their periods, newest last, and a release's Met and England and Wales totals. */
export function nationalReleases() {
  const periods = [...new Set(csvRows('ons_pfa_releases.csv').map((r) => r.period_end!))].sort();
  const tables = csvRows('ons_pfa_tables.csv').filter(
    (r) => r.offence_group === 'Total recorded crime (excluding fraud)',
  );
  const total = (period: string, type: string, code?: string) =>
    int(
      Number(
        tables.find((r) => r.period_end === period && r.area_type === type && (!code || r.area_code === code))!.count,
      ),
    );
  const short = (m: string) => monthName(m).replace(/^(\w{3})\w*/, '$1');
  return {
    periods,
    latest: periods.at(-1)!,
    yearEnding: (p: string) => `year ending ${monthName(p)}`,
    short,
    mps: (p: string) => total(p, 'force', 'E23000001'),
    englandWales: (p: string) => total(p, 'england_and_wales', 'K04000001'),
  };
}

/** The first month of a street-level data set's records, by its place name ("Westminster"), as the explorer's "From" list writes it. */
export function firstMonthOf(place: string): string {
  const index = json<{ datasets: { file: string }[] }>('hotspots_index.json');
  for (const d of index.datasets) {
    const data = json<{ area: { name: string }; months: string[] }>(d.file);
    if (data.area.name === place) return monthName(data.months[0]!);
  }
  throw new Error(`no street-level data set for ${place}`);
}

/** The boroughs with a value of a PAS measure (as the file labels it, e.g. "Trust MPS") in a quarter (YYYY-MM), from the derived dashboard file. */
export function pasBoroughs(measure: string, quarter: string): number {
  const rows = csvRows('pas_borough_quarterly.csv').filter(
    (r) => r.measure === measure && r.quarter_end === quarter && r.area_code!.startsWith('E09'),
  );
  if (!rows.length) throw new Error(`no PAS values of ${measure} in ${quarter}`);
  return new Set(rows.map((r) => r.area_code)).size;
}
