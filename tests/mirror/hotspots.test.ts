/**
 * The published street-level figures against an independent recount of the raw
 * data.police.uk files: a separate reader (csv-parse, not the pipeline's engine),
 * simple rules written out here, and the derived data set through the page's own
 * analysis. Needs the raw-data mirror (LCA_MIRROR, default ../shared/data).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyse, defaultOptions, eachEvent, type HotspotDataset } from '../../src/lib/hotspots/dataset.ts';
import { mirrorDir } from './mirror.ts';

const derived = (f: string) => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8')) as HotspotDataset;

/** Every City archive record, in file order, as csv-parse reads it. */
function cityRecords(): Record<string, string>[] {
  const dir = join(mirrorDir(), 'street_crime/city_of_london');
  const out: Record<string, string>[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('-street.csv'))
    .sort())
    out.push(...parse<Record<string, string>>(readFileSync(join(dir, f)), { columns: true, bom: true }));
  return out;
}

/** Place types and stations as the reference file lists them, compared without case. */
const notStreet = new Set(
  parse<{ label: string }>(readFileSync('data/reference/police_uk_place_labels.csv'), { columns: true }).map((r) =>
    r.label.toLowerCase(),
  ),
);
const isStreet = (location: string) => {
  const m = /^On or near (.*)$/i.exec(location.trim());
  return !!m && m[1]!.trim() !== '' && !notStreet.has(m[1]!.trim().toLowerCase());
};

describe('City of London street records, recounted from the raw archive files', () => {
  const records = cityRecords();
  // The recount's rules, written out: one record per Crime ID (the first in file order); a location;
  // coordinates near London; membership of the City by the LSOA code (its name starts "City of London").
  const seen = new Set<string>();
  const classified = records.map((r) => {
    const id = r['Crime ID']!;
    if (id && seen.has(id)) return 'duplicate';
    if (id) seen.add(id);
    if (!r.Longitude) return 'no location';
    const lon = Number(r.Longitude);
    const lat = Number(r.Latitude);
    if (lon < -0.6 || lon > 0.4 || lat < 51.2 || lat > 51.8) return 'implausible';
    return r['LSOA name']!.startsWith('City of London') ? 'used' : 'other borough';
  });

  it('counts City membership by the LSOA code, and accounts for every record', () => {
    const d = derived('hotspots_city.json');
    const used = classified.filter((c) => c === 'used').length;
    expect(d.used).toBe(used);
    const excluded = (k: string) =>
      Object.values(d.excluded[Object.keys(d.excluded).find((x) => x.startsWith(k))!] ?? {}).reduce((a, b) => a + b, 0);
    expect(excluded('duplicate Crime ID')).toBe(classified.filter((c) => c === 'duplicate').length);
    expect(excluded('no location')).toBe(classified.filter((c) => c === 'no location').length);
    expect(excluded('recorded in another borough')).toBe(classified.filter((c) => c === 'other borough').length);
    expect(excluded('implausible')).toBe(classified.filter((c) => c === 'implausible').length);
    expect(d.used + Object.keys(d.excluded).reduce((a, k) => a + excluded(k), 0)).toBe(records.length);
    // The records that fall just outside the generalised boundary but carry a City LSOA code are in.
    expect(classified.filter((c) => c === 'used').length).toBeGreaterThan(0);
  });

  it('ranks only named streets: the top street and its count, place types left out, no record counted twice', () => {
    const d = derived('hotspots_city.json');
    const a = analyse(d, defaultOptions(d));
    const byStreet = new Map<string, number>();
    const pointsOf = new Map<string, Set<string>>();
    let crimes = 0;
    records.forEach((r, i) => {
      if (classified[i] !== 'used' || r['Crime type'] === 'Anti-social behaviour') return;
      crimes++;
      if (!isStreet(r.Location!)) return;
      byStreet.set(r.Location!, (byStreet.get(r.Location!) ?? 0) + 1);
      if (!pointsOf.has(r.Location!)) pointsOf.set(r.Location!, new Set());
      pointsOf.get(r.Location!)!.add(`${r.Longitude},${r.Latitude}`);
    });
    const ranked = [...byStreet].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    expect(a.n).toBe(crimes);
    expect(a.streets[0]!.name).toBe(ranked[0]![0]);
    expect(a.streets[0]!.n).toBe(ranked[0]![1]);
    expect(a.streets).toHaveLength(byStreet.size);
    for (const s of a.streets) expect(s.n, s.name).toBe(byStreet.get(s.name));
    // The distinct map points of each street (its "all at one map point" flag), by the raw coordinates.
    for (const s of a.streets) expect(s.points, s.name).toBe(pointsOf.get(s.name)!.size);
    // Labels that are not streets are never ranked as streets.
    for (const s of a.streets) expect(isStreet(s.name), s.name).toBe(true);
    expect(a.streets.some((s) => /Shopping Area|Supermarket|Parking Area/i.test(s.name))).toBe(false);
    expect(a.notStreets.some((s) => /Shopping Area/.test(s.name))).toBe(true);
    // Every record once: streets + not streets = all records of the view.
    expect(a.streetRecords + a.notStreetRecords).toBe(a.n);
    // What the street curve leaves out, and the share of streets that holds half of all crime, places included.
    const onStreets = ranked.reduce((t, [, n]) => t + n, 0);
    expect(a.streetConcentration.outside).toBe(crimes - onStreets);
    let k = 0;
    for (let acc = 0; acc < crimes / 2; k++) acc += ranked[k]![1];
    expect(a.streetConcentration.halfOfAllIn).toBe(k / ranked.length);
  });

  it('the data set holds exactly the recounted records by month and crime type', () => {
    const d = derived('hotspots_city.json');
    const mine = new Map<string, number>();
    eachEvent(d, (m, t, _p, n) =>
      mine.set(`${d.months[m]}|${d.types[t]}`, (mine.get(`${d.months[m]}|${d.types[t]}`) ?? 0) + n),
    );
    const theirs = new Map<string, number>();
    records.forEach(
      (r, i) =>
        classified[i] === 'used' &&
        theirs.set(`${r.Month}|${r['Crime type']}`, (theirs.get(`${r.Month}|${r['Crime type']}`) ?? 0) + 1),
    );
    expect(Object.fromEntries([...mine].sort())).toEqual(Object.fromEntries([...theirs].sort()));
  });
});

describe('LSOA contiguity, recounted from the raw boundary file', () => {
  it('lists as neighbours exactly the LSOAs that share a boundary vertex in the ONS file', () => {
    // The recount's rule: two LSOAs are neighbours when a vertex of one is a vertex of the other (exact coordinates).
    const fc = JSON.parse(
      readFileSync(join(mirrorDir(), 'boundaries/london_lsoa_2021_gen20_wgs84.geojson'), 'utf8'),
    ) as { features: { properties: { LSOA21CD: string }; geometry: { type: string; coordinates: unknown } }[] };
    const at = new Map<string, Set<string>>();
    const visit = (c: unknown, code: string): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        const k = `${c[0]},${c[1]}`;
        if (!at.has(k)) at.set(k, new Set());
        at.get(k)!.add(code);
      } else if (Array.isArray(c)) for (const x of c) visit(x, code);
    };
    for (const f of fc.features) visit(f.geometry.coordinates, f.properties.LSOA21CD);
    const want = new Map(fc.features.map((f) => [f.properties.LSOA21CD, new Set<string>()]));
    for (const codes of at.values()) for (const a of codes) for (const b of codes) if (a !== b) want.get(a)!.add(b);
    const got = parse<{ lsoa21cd: string; neighbours: string }>(readFileSync('data/derived/lsoa_2021_contiguity.csv'), {
      columns: true,
    });
    expect(got).toHaveLength(fc.features.length);
    for (const r of got)
      expect(r.neighbours ? r.neighbours.split(';') : [], r.lsoa21cd).toEqual([...want.get(r.lsoa21cd)!].sort());
  });
});
