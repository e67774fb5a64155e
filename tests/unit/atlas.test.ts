/** The London Landscape indicator catalogue and the per-level files, on the committed derived data. */
import { describe, expect, it } from 'vitest';
import { indicatorsByLevel, LEVEL_META } from '../../src/lib/atlas.ts';
import { loadCatalogue } from '../../src/data/atlas.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { feature } from 'topojson-client';
import { loadBoroughTopo } from '../../src/data/geo.ts';
import { loadCrime } from '../../src/data/crime.ts';
import { boroughRates } from '../../src/lib/crime.ts';
import { loadPopulation } from '../../src/data/crime.ts';

type Row = Record<string, string>;
const csv = (f: string) => parse<Row>(readFileSync(`data/derived/${f}`), { columns: true });
const catalogue = csv('indicators.csv');
const json = JSON.parse(readFileSync('data/derived/indicators.json', 'utf8')) as {
  indicators: { id: string; sources: string }[];
};
const manifest = JSON.parse(readFileSync('data/derived/manifest.json', 'utf8')) as { sources: { id: string }[] };

describe('indicator catalogue', () => {
  it('has at least 100 indicators, each with a source, unit, vintage, period, licence and definition', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(100);
    for (const c of catalogue) {
      for (const k of ['theme', 'title', 'definition', 'unit', 'levels', 'vintage', 'period', 'sources', 'licence'])
        expect(c[k], `${c.id} ${k}`).toBeTruthy();
      expect(['yes', 'no', 'neither']).toContain(c.higher_is_better);
      for (const s of c.sources!.split(';'))
        expect(
          manifest.sources.map((x) => x.id),
          `${c.id} source ${s}`,
        ).toContain(s);
    }
    expect(json.indicators.map((i) => i.id)).toEqual(catalogue.map((c) => c.id));
  });

  it('counts the indicators at each geography as the catalogue CSV lists them (the atlas page quotes these)', () => {
    const counts = indicatorsByLevel(loadCatalogue());
    for (const level of Object.keys(LEVEL_META))
      expect(counts[level as keyof typeof counts], level).toBe(
        catalogue.filter((c) => c.levels!.split(';').includes(level)).length,
      );
  });

  it('covers crime, deprivation and the census themes', () => {
    const themes = new Set(catalogue.map((c) => c.theme));
    for (const t of [
      'Crime',
      'Deprivation',
      'Population',
      'Household deprivation',
      'Accommodation',
      'Tenure',
      'Economic activity',
      'Qualifications',
      'Ethnic group',
      'Health',
      'Income',
      'Housing',
      'Transport',
    ])
      expect(themes).toContain(t);
    // GLA ward profiles 2015, borough profiles 2017, PTAL 2015 and MSOA income, each on its own vintage.
    const by = (src: string) => catalogue.filter((c) => c.sources === src);
    expect(by('gla-ward-profiles-2015').every((c) => c.levels === 'ward2013')).toBe(true);
    expect(by('gla-ward-profiles-2015').length).toBeGreaterThanOrEqual(25);
    expect(by('gla-borough-profiles-2017').every((c) => c.levels === 'borough')).toBe(true);
    expect(by('gla-ptal-ward-2015').map((c) => c.levels)).toEqual(['ward2014']);
    expect(by('imd-2019-ward2018').every((c) => c.levels === 'ward2018')).toBe(true);
    expect(by('ons-msoa2011-income').map((c) => c.levels)).toEqual(['msoa2011']);
    expect(catalogue.filter((c) => c.id!.startsWith('wp_pop_density') || c.id === 'bp_density')).toHaveLength(2);
  });

  it('has a value for every area of each level an indicator lists, or says how many are missing', () => {
    const levels = ['borough', 'ward', 'ward2018', 'ward2014', 'ward2013', 'msoa', 'msoa2011', 'lsoa', 'lsoa2011'];
    const files = Object.fromEntries(levels.map((l) => [l, csv(`atlas_${l}.csv`)]));
    for (const c of catalogue) {
      for (const l of c.levels!.split(';')) {
        const rows = files[l]!;
        const n = rows.filter((r) => r[c.id!] !== undefined && r[c.id!] !== '').length;
        expect(n, `${c.id} at ${l}`).toBe(Number(c[`areas_${l}`]));
        // % change is blank where the earlier 12 months had no crimes, common in small areas. Outside the City
        // (where many sources publish nothing by ward), an indicator covers at least 95% of areas, or 90% for the
        // GLA ward profiles, which suppress small counts (child obesity, fires).
        const share = c.sources!.startsWith('gla-ward-profiles') ? 0.9 : 0.95;
        if (!c.id!.endsWith('_change'))
          expect(n, `${c.id} at ${l}`).toBeGreaterThan(
            rows.filter((r) => r.borough_code !== 'E09000001').length * share,
          );
      }
    }
    // One row per area of each level's boundaries.
    for (const [level, meta] of Object.entries(LEVEL_META)) {
      const topo = JSON.parse(readFileSync(`data/derived/${meta.topo}`, 'utf8')) as {
        objects: Record<string, { geometries: unknown[] }>;
      };
      expect(files[level], level).toHaveLength(topo.objects[meta.object]!.geometries.length);
    }
  });
});

describe('values equal their sources', () => {
  const borough = csv('atlas_borough.csv');
  it('borough crime equals the headline borough rates', () => {
    const rates = boroughRates(loadCrime(), loadPopulation());
    for (const r of rates) {
      const row = borough.find((b) => b.area_code === r.code)!;
      expect(Number(row.crime_all_count)).toBe(r.crimes);
      expect(Number(row.crime_all_rate)).toBeCloseTo(r.rate, 2);
    }
    expect(borough.find((b) => b.area_code === 'E09000001')!.crime_all_count).toBe('');
  });

  it('borough codes join to the borough boundaries with none unmatched', () => {
    const topo = loadBoroughTopo();
    const codes = (
      feature(topo, topo.objects.boroughs as never) as unknown as { features: { properties: { code: string } }[] }
    ).features
      .map((f) => f.properties.code)
      .sort();
    expect(borough.map((b) => b.area_code).sort()).toEqual(codes);
  });

  it('census percentages are computed from counts (Westminster, Census 2021)', () => {
    const wm = borough.find((b) => b.area_code === 'E09000033')!;
    expect(Number(wm.pop_residents)).toBe(204235);
    const parts = ['pop_age_0_14', 'pop_age_15_24', 'pop_age_25_44', 'pop_age_45_64', 'pop_age_65_plus'].reduce(
      (a, k) => a + Number(wm[k]),
      0,
    );
    expect(parts).toBeCloseTo(100, 1);
    const ten = ['ten_owned', 'ten_shared', 'ten_social', 'ten_private', 'ten_rent_free'].reduce(
      (a, k) => a + Number(wm[k]),
      0,
    );
    expect(ten).toBeCloseTo(100, 1);
  });

  it('ward census counts sum (by best fit) to the borough counts', () => {
    const ward = csv('atlas_ward.csv');
    for (const b of borough) {
      const sum = ward.filter((w) => w.borough_code === b.area_code).reduce((a, w) => a + Number(w.pop_residents), 0);
      // Census small-area counts are perturbed by ONS, so LSOA sums differ from the borough count by a few people.
      expect(Math.abs(sum - Number(b.pop_residents)) / Number(b.pop_residents), b.area_name).toBeLessThan(0.001);
    }
  });
});

describe('area codes join to their boundaries', () => {
  const topoCodes = (file: string) => {
    const t = JSON.parse(readFileSync(`data/derived/${file}`, 'utf8')) as {
      objects: { areas: { geometries: { id: string }[] } };
    };
    return new Set(t.objects.areas.geometries.map((g) => g.id));
  };
  // Level, boundary file, and how many areas have no value for any indicator (all of them City of London wards:
  // no LSOA in the best-fit lookup and no MPS data; not summarised by the GLA; not in the ward profiles).
  for (const [level, file, withoutValues] of [
    ['ward', 'wards_2022.topo.json', 20],
    ['ward2018', 'wards_2018.topo.json', 24],
    ['ward2014', 'wards_2014.topo.json', 0],
    ['ward2013', 'wards_2013.topo.json', 25],
    ['msoa', 'msoa_2021.topo.json', 0],
    ['msoa2011', 'msoa_2011.topo.json', 0],
    ['lsoa', 'lsoa_2021.topo.json', 0],
    ['lsoa2011', 'lsoa_2011.topo.json', 0],
  ] as const) {
    it(`${level}: areas and boundaries are the same set; areas without values are listed`, () => {
      const rows = csv(`atlas_${level}.csv`);
      const shapes = topoCodes(file);
      expect(rows.map((r) => r.area_code!).sort()).toEqual([...shapes].sort());
      const empty = rows.filter((r) =>
        Object.entries(r).every(([k, v]) => ['area_code', 'area_name', 'borough_code'].includes(k) || v === ''),
      );
      expect(empty).toHaveLength(withoutValues);
      expect(empty.every((r) => r.borough_code === 'E09000001')).toBe(true);
    });
  }
});
