/**
 * The incident explorer's City of London outcomes against an independent recount of the
 * raw data.police.uk files: csv-parse, not the pipeline's engine; the street records'
 * membership rules of tests/mirror/hotspots.test.ts; each crime's outcome from the latest
 * outcomes file listing its Crime ID (ties in one file: the first alphabetically), else
 * the street file's "Last outcome category". Needs the raw-data mirror.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildRecords, crossCount, allOf, masksOf, explorerInput } from '../../src/lib/explorer.ts';
import { mirrorDir } from './mirror.ts';

const json = (f: string) => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8')) as never;
const rows = (suffix: string) => {
  const dir = join(mirrorDir(), 'street_crime/city_of_london');
  return readdirSync(dir)
    .filter((x) => x.endsWith(suffix))
    .sort()
    .flatMap((f) => parse<Record<string, string>>(readFileSync(join(dir, f)), { columns: true, bom: true }));
};

describe('the explorer’s City records, recounted from the raw street and outcomes files', () => {
  const street = rows('-street.csv');
  const outcomes = rows('-outcomes.csv');
  const seen = new Set<string>();
  const used = street.filter((r) => {
    const id = r['Crime ID']!;
    if (id && seen.has(id)) return false;
    if (id) seen.add(id);
    if (!r.Longitude) return false;
    const lon = Number(r.Longitude);
    const lat = Number(r.Latitude);
    if (lon < -0.6 || lon > 0.4 || lat < 51.2 || lat > 51.8) return false;
    return r['LSOA name']!.startsWith('City of London');
  });
  const latest = new Map<string, { month: string; outcome: string }>();
  for (const o of outcomes) {
    const id = o['Crime ID']!.trim();
    if (!id) continue;
    const x = { month: o.Month!, outcome: o['Outcome type']! };
    const was = latest.get(id);
    if (!was || x.month > was.month || (x.month === was.month && x.outcome < was.outcome)) latest.set(id, x);
  }
  const outcomeOf = (r: Record<string, string>) =>
    latest.get(r['Crime ID']!)?.outcome ?? (r['Last outcome category'] || 'No outcome recorded');
  const r = buildRecords([explorerInput(json('hotspots_city.json'), json('explorer_city.json'))]);
  const c = crossCount(r, masksOf(r, allOf(r)));

  it('holds every used record once', () => {
    expect(r.n).toBe(used.length);
    expect(c.total).toBe(used.length);
  });

  it('gives each outcome the count of the recount', () => {
    const want = new Map<string, number>();
    for (const x of used) want.set(outcomeOf(x), (want.get(outcomeOf(x)) ?? 0) + 1);
    const got = new Map(r.outcomes.map((o, i) => [o, c.byOutcome[i]!]));
    expect(new Map([...got].filter(([, n]) => n > 0))).toEqual(want);
    // The join changes outcomes: some crimes' latest outcome differs from the street file's.
    expect(
      used.filter(
        (x) => latest.has(x['Crime ID']!) && latest.get(x['Crime ID']!)!.outcome !== x['Last outcome category'],
      ).length,
    ).toBeGreaterThan(0);
  });

  it('gives each crime type × month the count of the recount', () => {
    const want = new Map<string, number>();
    for (const x of used)
      want.set(`${x.Month}|${x['Crime type']}`, (want.get(`${x.Month}|${x['Crime type']}`) ?? 0) + 1);
    const got = new Map<string, number>();
    for (let i = 0; i < r.n; i++) {
      const k = `${r.months[r.month[i]!]}|${r.types[r.type[i]!]}`;
      got.set(k, (got.get(k) ?? 0) + 1);
    }
    expect(got).toEqual(want);
  });
});
