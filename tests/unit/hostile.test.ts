/**
 * The hostile corpus (tests/fixtures/hostile/, made by make.ts there): every damaged or
 * awkward input either stops the reader with a clear error — the file, the line or cell
 * where it applies, and what was expected — or is read in full, every row accounted for.
 * One test per fixture.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { readAreas, readRelease } from '../../scripts/derive/mps_borough_monthly.ts';
import { apiFiles, archiveFiles, loadStreetRecords } from '../../scripts/lib/street-records.ts';
import { readCrimeTypes } from '../../scripts/lib/police-uk.ts';
import { openDuck } from '../../scripts/lib/duck.ts';
import { readOnsCsv } from '../../scripts/lib/ons-csv.ts';
import { readGeoJson } from '../../scripts/lib/geo.ts';
import { parsePfaWorkbook, readGroupMap } from '../../scripts/lib/ons-pfa.ts';
import { DataError } from '../../scripts/lib/errors.ts';
import { loadTopology } from '../../src/data/geo.ts';
import { classifyCityRecords, R } from '../../scripts/lib/street-areas.ts';
import { source } from '../../scripts/sources.ts';

const H = resolve('tests/fixtures/hostile');
const at = (...p: string[]) => join(H, ...p);
const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');

/** Rows of the MPS fixture as an independent count: data lines of the LF copy. */
const MPS_ROWS = readFileSync(at('mps', 'ok-lf.csv'), 'utf8').trim().split('\n').length - 1;
const STREET_ROWS =
  readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8').trim().split('\n').length -
  1;

describe('hostile corpus: MPS borough release (wide CSV)', async () => {
  const areas = await readAreas(resolve('tests/fixtures/reference/mps_areas.csv'));
  const read = (name: string) => readRelease(name, at('mps', name), areas);
  const reference = await read('ok-lf.csv');

  // Mixed line endings (LF and CRLF in one file) read as one style would: the same records.
  for (const name of [
    'ok-lf.csv',
    'ok-crlf.csv',
    'ok-bom.csv',
    'ok-lower-case-header.csv',
    'mixed-line-endings.csv',
    'crlf-header-lf-rows.csv',
  ]) {
    it(`${name}: read in full, the same rows and counts as the plain file, each on its own line`, async () => {
      const r = await read(name);
      expect(r.rows).toHaveLength(MPS_ROWS);
      expect(r.rows.map((x) => x.line)).toEqual(Array.from({ length: MPS_ROWS }, (_, i) => i + 2));
      expect(r.rows.map((x) => [x.area, x.major, x.minor, x.counts])).toEqual(
        reference.rows.map((x) => [x.area, x.major, x.minor, x.counts]),
      );
    });
  }

  const errors: [string, RegExp][] = [
    ['empty.csv', /empty\.csv: the file is empty/],
    ['header-only.csv', /header-only\.csv: a header and no rows/],
    ['cut-mid-row.csv', /cut-mid-row\.csv: the file does not end with a line break/],
    ['cut-mid-number.csv', /cut-mid-number\.csv: the file does not end with a line break/],
    ['windows-1252.csv', /windows-1252\.csv:2: bytes that are not UTF-8; expected a UTF-8 file/],
    [
      'renamed-column.csv',
      /renamed-column\.csv:1: the header has changed: column "BoroughName" is missing; the file has "Borough" instead/,
    ],
    [
      'missing-column.csv',
      /missing-column\.csv:1: the header has changed: column "MinorText" is missing; the file has no other columns/,
    ],
    [
      'extra-column.csv',
      /extra-column\.csv:1: unexpected column "Notes"; expected MajorText, MinorText, BoroughName and month columns named YYYYMM/,
    ],
    ['non-numeric.csv', /non-numeric\.csv:2: column "202404" has value "1O"; expected a whole number of crimes/],
    [
      'negative.csv',
      /negative\.csv:2: column "202404" has value "-5"; expected a whole number of crimes \(0 or more\)/,
    ],
    [
      'thousands-separator.csv',
      /thousands-separator\.csv:2: column "202404" has value "1,063"; expected a whole number of crimes/,
    ],
    [
      'unknown-area.csv',
      /unknown-area\.csv:2: column "BoroughName" has value "Barnett"; expected an area listed in data\/reference\/mps_areas\.csv/,
    ],
    ['invalid-month.csv', /invalid-month\.csv:1: unexpected column "202413"/],
    [
      'duplicated-row.csv',
      /duplicated-row\.csv:\d+: duplicate row for Barnet \/ ROBBERY \/ ROBBERY OF PERSONAL PROPERTY \(first at line 2\)/,
    ],
    [
      'ragged-row.csv',
      /ragged-row\.csv:2: not a valid CSV record .*expected a record with as many fields as the header/,
    ],
    ['unclosed-quote.csv', /unclosed-quote\.csv:\d+: not a valid CSV record .*expected a closing quote/],
  ];
  for (const [name, message] of errors) {
    it(`${name}: stops with ${message.source.split(':').slice(1).join(':').slice(0, 60)}…`, async () => {
      const e = await read(name).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(DataError);
      expect((e as Error).message).toMatch(message);
    });
  }
});

describe('hostile corpus: data.police.uk street files (archive CSV and the gzipped API extract)', () => {
  async function load(format: 'archive' | 'api', dir: string) {
    const duck = await openDuck();
    try {
      const files = format === 'archive' ? archiveFiles(dir) : apiFiles(dir);
      const loaded = await loadStreetRecords(duck, format, files, types);
      const n = (await duck.rows<{ n: number }>('select count(*)::integer as n from records'))[0]!.n;
      const content = await duck.rows<Record<string, unknown>>(
        'select id, month, lon, lat, location, lsoa, lsoa_name, street, ward, type, outcome, is_crime from records order by seq',
      );
      return { loaded, n, content };
    } finally {
      duck.close();
    }
  }
  // Mixed line endings: each record ends at its line break, whichever style (no stray carriage return in the last field).
  for (const name of ['ok-crlf', 'ok-bom', 'ok-lower-case-header', 'ok-extra-column', 'mixed-line-endings']) {
    it(`archive ${name}: every record read, the same as from the plain file`, async () => {
      const reference = await load('archive', 'tests/fixtures/police-uk/archive');
      const { loaded, n, content } = await load('archive', at('street', name));
      expect(loaded.map((l) => [l.month, l.rows])).toEqual([['2022-04', STREET_ROWS]]);
      expect(n).toBe(STREET_ROWS);
      expect(content).toEqual(reference.content);
    });
  }
  const errors: [string, RegExp][] = [
    ['empty', /street\.csv:1: the file is empty; expected a header row/],
    ['header-only', /street\.csv: a header but no records/],
    ['cut-mid-row', /street\.csv: the last record has \d+ fields, not the header's 12: the file looks cut short/],
    ['windows-1252', /street\.csv:2: bytes that are not UTF-8; expected a UTF-8 file/],
    [
      'renamed-column',
      /street\.csv:1: the header has changed: column "Crime type" is missing; the file has "Crime category" instead \(12 columns found\)/,
    ],
    ['missing-column', /street\.csv:1: the header has changed: column "LSOA code" is missing/],
    ['invalid-month', /street\.csv:2: column "Month" has value "2022-4"; expected .*YYYY-MM/],
    ['non-numeric-coordinate', /street\.csv:2: column "Longitude" has value "-0\.098642W"/],
    [
      'unknown-crime-type',
      /street\.csv:2: column "Crime type" has value "Pickpocketing"; expected one of the data\.police\.uk crime types/,
    ],
  ];
  for (const [name, message] of errors) {
    it(`archive ${name}: stops with a clear error`, async () => {
      await expect(load('archive', at('street', name))).rejects.toThrow(message);
    });
  }
  const apiErrors: [string, RegExp][] = [
    ['truncated-gzip', /2016-01\.csv\.gz: the gzip stream is damaged .*expected a complete \.csv\.gz file/],
    ['corrupt-gzip', /2016-01\.csv\.gz: the gzip stream is damaged .*expected a complete \.csv\.gz file/],
    ['not-gzip', /2016-01\.csv\.gz: the gzip stream is damaged .*expected a complete \.csv\.gz file/],
    ['header-only', /2016-01\.csv\.gz: a header but no records/],
  ];
  for (const [name, message] of apiErrors) {
    it(`API ${name}: stops with a clear error`, async () => {
      await expect(load('api', at('api', name))).rejects.toThrow(message);
    });
  }
});

describe('hostile corpus: ONS CSV, GeoJSON, TopoJSON and workbooks', () => {
  it('ONS empty.csv: no header row, named', () => {
    expect(() => readOnsCsv(at('ons', 'empty.csv'), /^Police Force Area code$/)).toThrow(
      /empty\.csv: no header row \(expected a first cell matching/,
    );
  });
  it('ONS no-header-row.csv: the header it looked for, named', () => {
    expect(() => readOnsCsv(at('ons', 'no-header-row.csv'), /^Police Force Area code$/)).toThrow(
      /no-header-row\.csv: no header row \(expected a first cell matching \/\^Police Force Area code\$\/\)/,
    );
  });

  it('GeoJSON ok.geojson: every feature read', () => {
    expect(readGeoJson(at('geo', 'ok.geojson'), ['Polygon', 'MultiPolygon']).features).toHaveLength(1);
  });
  const geo: [string, RegExp][] = [
    [
      'empty.geojson',
      /empty\.geojson: the file is empty; expected a GeoJSON FeatureCollection of Polygon or MultiPolygon features/,
    ],
    ['truncated.geojson', /truncated\.geojson:\d+: not valid JSON .*\(is the file cut short\?\)/],
    ['not-a-collection.geojson', /not-a-collection\.geojson: type: .*expected a GeoJSON FeatureCollection/],
    ['no-geometry.geojson', /no-geometry\.geojson: feature 0 \(geometry\): .*expected a GeoJSON FeatureCollection/],
    [
      'points-not-polygons.geojson',
      /points-not-polygons\.geojson: feature 0 is a Point; expected a GeoJSON FeatureCollection of Polygon or MultiPolygon features/,
    ],
  ];
  for (const [name, message] of geo) {
    it(`GeoJSON ${name}: stops with a clear error`, () => {
      expect(() => readGeoJson(at('geo', name), ['Polygon', 'MultiPolygon'])).toThrow(message);
    });
  }

  // The site's data layer reads derived files from data/derived under LCA_ROOT: a copy there per case.
  for (const [name, message] of [
    ['truncated.topo.json', /data\/derived\/truncated\.topo\.json: not valid JSON/],
    [
      'not_a_topology.topo.json',
      /data\/derived\/not_a_topology\.topo\.json: at the top level: expected a TopoJSON Topology/,
    ],
    ['no_arcs.topo.json', /data\/derived\/no_arcs\.topo\.json: at the top level: expected a TopoJSON Topology/],
  ] as const) {
    it(`TopoJSON ${name}: the build stops with the file and the problem`, () => {
      const root = mkdtempSync(join(tmpdir(), 'lca-hostile-'));
      mkdirSync(join(root, 'data/derived'), { recursive: true });
      copyFileSync(at('topo', name), join(root, 'data/derived', name));
      const was = process.env.LCA_ROOT;
      process.env.LCA_ROOT = root;
      try {
        expect(() => loadTopology(name)).toThrow(message);
      } finally {
        if (was === undefined) delete process.env.LCA_ROOT;
        else process.env.LCA_ROOT = was;
      }
    });
  }

  const groups = readGroupMap('data/reference/ons_offence_groups.csv');
  for (const [name, message] of [
    ['not-a-workbook.xlsx', /not-a-workbook\.xlsx: not a readable xlsx workbook/],
    ['truncated.xlsx', /truncated\.xlsx: not a readable xlsx workbook/],
    ['renamed-sheet.xlsx', /renamed-sheet\.xlsx: no sheet "Table P1" \(sheets: P1 \(offences\)\)/],
    [
      'moved-header.xlsx',
      /moved-header\.xlsx, sheet "Table P1": no header row \(expected "Area Code" in column A within rows 1–15\)/,
    ],
  ] as const) {
    it(`workbook ${name}: stops with the workbook, sheet and what was expected`, async () => {
      await expect(parsePfaWorkbook(at('xlsx', name), groups)).rejects.toThrow(message);
    });
  }

  it('covers every file of the corpus', () => {
    const files = readdirSync(H, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && e.name !== 'make.ts',
    );
    // 22 MPS, 15 street, 4 API, 2 ONS, 6 GeoJSON, 3 TopoJSON, 4 workbooks.
    expect(files).toHaveLength(56);
  });
});

describe('hostile corpus: street records that read but are rejected, each with its reason', () => {
  /** A raw-data folder for the City classification: boundaries written from the committed derived ones (the City's LSOAs only), and the street files of `streetDir`. */
  function rawDir(streetDir: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'lca-raw-'));
    const write = (id: Parameters<typeof source>[0], features: unknown[]) => {
      const p = join(dir, source(id).path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, JSON.stringify({ type: 'FeatureCollection', features }));
    };
    const topo = (name: string) => JSON.parse(readFileSync(join('data/derived', name), 'utf8')) as Topology;
    const features = (t: Topology) =>
      (
        feature(t, Object.values(t.objects)[0] as GeometryCollection) as unknown as {
          features: { id?: string; properties: Record<string, string> | null; geometry: unknown }[];
        }
      ).features;
    write(
      'ons-boroughs-2022-gen20',
      features(topo('london_boroughs.topo.json')).map((f) => ({
        type: 'Feature',
        properties: { LAD22CD: f.properties!.code, LAD22NM: f.properties!.name },
        geometry: f.geometry,
      })),
    );
    const names = (csv: string) =>
      new Map(
        readFileSync(join('data/derived', csv), 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(','))
          .filter((c) => c[2] === 'E09000001')
          .map((c) => [c[0]!, c[1]!]),
      );
    const city21 = names('atlas_lsoa.csv');
    const city11 = names('atlas_lsoa2011.csv');
    write(
      'ons-lsoa-2021',
      features(topo('lsoa_2021.topo.json'))
        .filter((f) => city21.has(f.id!))
        .map((f) => ({
          type: 'Feature',
          properties: { LSOA21CD: f.id, LSOA21NM: city21.get(f.id!), LAD22CD: 'E09000001' },
          geometry: f.geometry,
        })),
    );
    write(
      'ons-lsoa-2011',
      features(topo('lsoa_2011.topo.json'))
        .filter((f) => city11.has(f.id!))
        .map((f) => ({
          type: 'Feature',
          properties: { LSOA11CD: f.id, LSOA11NM: city11.get(f.id!), LAD_CD: 'E09000001' },
          geometry: f.geometry,
        })),
    );
    const streets = join(dir, source('policeuk-street-city').path);
    mkdirSync(streets, { recursive: true });
    for (const f of readdirSync(streetDir)) copyFileSync(join(streetDir, f), join(streets, f));
    return dir;
  }
  async function classify(streetDir: string) {
    const duck = await openDuck();
    try {
      const c = await classifyCityRecords(
        { rawDir: rawDir(streetDir), referenceDir: resolve('data/reference'), isMirror: true },
        duck,
        types,
      );
      return [...c.accounting.values()][0]!;
    } finally {
      duck.close();
    }
  }

  it('rejected-records: a repeated Crime ID, swapped, zero and far-away coordinates each rejected with its own reason; read = used + rejected', async () => {
    const plain = await classify('tests/fixtures/police-uk/archive');
    const hostile = await classify(at('street', 'rejected-records'));
    expect(hostile.read).toBe(plain.read + 4);
    expect(hostile.used).toBe(plain.used);
    expect(hostile.rejected[R.duplicate]).toBe(1);
    expect(hostile.rejected[R.implausible('Greater London')]).toBe(3);
    for (const [reason, n] of Object.entries(plain.rejected)) expect(hostile.rejected[reason], reason).toBe(n);
    expect(hostile.used + Object.values(hostile.rejected).reduce((a, b) => a + b, 0)).toBe(hostile.read);
    expect(plain.used + Object.values(plain.rejected).reduce((a, b) => a + b, 0)).toBe(plain.read);
  });
});
