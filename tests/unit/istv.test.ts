/**
 * ISTV mode's pure parts: the column guesses from real-looking headers, dates and times
 * in the forms extracts use, every row used or rejected with its line and reason, the
 * British National Grid conversion against the Ordnance Survey's worked example, the
 * counts, and the synthetic extract (deterministic, and saying it is synthetic).
 */
import { describe, expect, it } from 'vitest';
import {
  analyse,
  boroughOfIncident,
  byMonth,
  byWeek,
  countBy,
  dayHour,
  guessMapping,
  isSynthetic,
  mappingProblem,
  mergeSpellings,
  readExtract,
  spellingKey,
  savedMappings,
  parseDateTime,
  parseHour,
  plausibleDates,
  readIncidents,
  topText,
  weekStart,
  type Cell,
} from '../../src/lib/istv.ts';
import { checkColumns, MAX_COLUMNS, parseCsvText, ExtractError } from '../../src/lib/istv-file.ts';
import { bngToWgs84, wgs84ToBng } from '../../src/lib/bng.ts';
import { syntheticExtract, SYNTHETIC_HEADER } from '../../src/lib/istv-synthetic.ts';

describe('column guesses', () => {
  it('maps the ISTV minimum data set from headers as partners write them, each column once', () => {
    const h = [
      'Arrival Date',
      'Arrival Time',
      'Date of Assault',
      'Time of Assault',
      'Assault Method',
      'Method Description',
      'Location Type',
      'Location Description',
      'Site of Treatment',
      'Age Band',
      'Gender',
      'Injury Type',
      'Postcode',
      'LSOA Code',
      'Easting',
      'Northing',
    ];
    expect(guessMapping(h)).toEqual({
      arrival: 0,
      arrivalTime: 1,
      assaultDate: 2,
      assaultTime: 3,
      method: 4,
      methodText: 5,
      locationType: 6,
      locationText: 7,
      hospital: 8,
      ageBand: 9,
      sex: 10,
      injury: 11,
      postcodeDistrict: 12,
      area: 13,
      easting: 14,
      northing: 15,
    });
    expect(guessMapping(SYNTHETIC_HEADER)).toMatchObject({
      arrival: 0,
      arrivalTime: 1,
      assaultDate: 2,
      assaultTime: 3,
      hospital: 8,
      area: 13,
      easting: 14,
      northing: 15,
    });
    expect(guessMapping(['ED attendance datetime', 'Hospital', 'lat', 'lng'])).toEqual({
      arrival: 0,
      hospital: 1,
      lat: 2,
      lon: 3,
    });
    expect(mappingProblem({ hospital: 1 })).toMatch(/date/);
    expect(mappingProblem({ arrival: 0, lat: 2 })).toMatch(/latitude and longitude/);
    expect(mappingProblem({ arrival: 0 })).toBeNull();
  });

  it('uses only the saved mappings that fit: damaged or foreign browser storage is ignored, not trusted', () => {
    const cols = (key: string) => key.split('\u0001').length;
    const h = ['Arrival Date', 'Hospital', 'Lat', 'Lon'].join('\u0001');
    const good = { arrival: 0, hospital: 1, lat: 2, lon: 3 };
    expect(savedMappings(JSON.stringify({ [h]: good }), cols)).toEqual({ [h]: good });
    expect(savedMappings(null, cols)).toEqual({});
    expect(savedMappings('{"cut', cols)).toEqual({});
    expect(savedMappings('[1, 2]', cols)).toEqual({});
    expect(savedMappings('"text"', cols)).toEqual({});
    // Entries kept one by one: an unknown field, a column past the header, a fraction, a non-object each drop only their own.
    const other = ['Date', 'Site'].join('\u0001');
    const stored = {
      [h]: { ...good, colour: 1 },
      [other]: { arrival: 0, hospital: 2 },
      a: { arrival: 0.5 },
      b: 'x',
      [['Date of Assault'].join('\u0001')]: { assaultDate: 0 },
    };
    expect(savedMappings(JSON.stringify(stored), cols)).toEqual({ 'Date of Assault': { assaultDate: 0 } });
    // A mapping that could not be analysed (no date; half a coordinate pair) is not applied either.
    expect(savedMappings(JSON.stringify({ [h]: { hospital: 1 }, [other]: { arrival: 0, lat: 1 } }), cols)).toEqual({});
    // A header named "__proto__" finds only what was saved under it.
    expect(savedMappings('{}', cols)['__proto__']).toBeUndefined();
    expect(savedMappings('{"__proto__": {"arrival": 0}}', cols)['__proto__']).toEqual({ arrival: 0 });
  });
});

describe('dates and times', () => {
  it('reads ISO, UK, spreadsheet dates and serial numbers; refuses impossible dates', () => {
    expect(parseDateTime('2025-06-14')).toEqual({ date: '2025-06-14', hour: null });
    expect(parseDateTime('2025-06-14T23:10:00Z')).toEqual({ date: '2025-06-14', hour: 23 });
    expect(parseDateTime('14/06/2025 02:05')).toEqual({ date: '2025-06-14', hour: 2 });
    expect(parseDateTime('4-6-2025')).toEqual({ date: '2025-06-04', hour: null });
    expect(parseDateTime(new Date(Date.UTC(2025, 5, 14, 21, 30)))).toEqual({ date: '2025-06-14', hour: 21 });
    expect(parseDateTime(45822)).toEqual({ date: '2025-06-14', hour: null });
    expect(parseDateTime('31/02/2025')).toBeNull();
    expect(parseDateTime('2025-13-01')).toBeNull();
    expect(parseDateTime('06/14/2025')).toBeNull();
    expect(parseDateTime('yesterday')).toBeNull();
    expect(parseHour('23:59')).toBe(23);
    expect(parseHour('0745')).toBe(7);
    expect(parseHour(0.75)).toBe(18);
    expect(parseHour('25:00')).toBe('bad');
    expect(parseHour('')).toBeNull();
  });
});

describe('reading an extract: every row used or rejected with its line and reason', () => {
  const header = [
    'Arrival Date',
    'Assault Date',
    'Assault Time',
    'Site',
    'Latitude',
    'Longitude',
    'Easting',
    'Northing',
  ];
  const rows: Cell[][] = [
    ['14/06/2025', '13/06/2025', '23:30', 'A', '51.51', '-0.12', '', ''],
    ['14/06/2025', '', '', 'B', '', '', '530034', '180381'],
    ['', '', '', 'C', '', '', '', ''],
    ['31/02/2025', '', '', 'D', '', '', '', ''],
    ['14/06/2025', '13/06/2025', '9pm', 'E', '', '', '', ''],
    ['14/06/2025', '', '', 'F', '-0.12', '51.51', '', ''],
    ['14/06/2025', '', '', 'G', '', '', '0', '0'],
    ['', '', '', '', '', '', '', ''],
  ];
  const m = guessMapping(header);
  const r = readIncidents(rows, m, bngToWgs84);

  it('accounts for every row', () => {
    expect(r.rows).toBe(8);
    expect(r.incidents.length + r.rejected.length).toBe(8);
    expect(r.incidents.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rejected.map((x) => x.line)).toEqual([4, 5, 6, 7, 8, 9]);
  });
  it('says why', () => {
    const why = Object.fromEntries(r.rejected.map((x) => [x.line, x.reason]));
    expect(why[4]).toMatch(/no attendance date and no assault date/);
    expect(why[5]).toMatch(/attendance date "31\/02\/2025" is not a date/);
    expect(why[6]).toMatch(/assault time "9pm" is not a time/);
    expect(why[7]).toMatch(/outside Greater London \(swapped\?\)/);
    expect(why[8]).toMatch(/easting\/northing 0, 0 lie outside Greater London/);
    expect(why[9]).toBe('empty row');
  });
  it('dates by the assault where given, else by arrival; converts BNG', () => {
    expect(r.incidents[0]).toMatchObject({
      date: '2025-06-13',
      hour: 23,
      dateIsArrival: false,
      lat: 51.51,
      lon: -0.12,
    });
    expect(r.incidents[1]).toMatchObject({
      date: '2025-06-14',
      hour: null,
      dateIsArrival: true,
      easting: 530034,
      northing: 180381,
    });
    // Trafalgar Square.
    expect(r.incidents[1]!.lat).toBeCloseTo(51.508, 2);
    expect(r.incidents[1]!.lon).toBeCloseTo(-0.128, 2);
    expect(r.fromBng).toBe(1);
  });
});

describe('British National Grid', () => {
  it("matches the Ordnance Survey's worked example (Caister water tower) within the Helmert transformation's few metres", () => {
    // OS "A guide to coordinate systems in Great Britain", annex: ETRS89 52°39′28.8282″N 1°42′57.8663″E ↔ OSGB36 651409.903 E 313177.270 N.
    const [lon, lat] = bngToWgs84(651409.903, 313177.27);
    const latT = 52 + 39 / 60 + 28.8282 / 3600;
    const lonT = 1 + 42 / 60 + 57.8663 / 3600;
    // 1e-4 degrees is about 11 m of latitude and 7 m of longitude here.
    expect(Math.abs(lat - latT)).toBeLessThan(1e-4);
    expect(Math.abs(lon - lonT)).toBeLessThan(1e-4);
    const [e, n] = wgs84ToBng(lon, lat);
    expect(Math.abs(e - 651409.903)).toBeLessThan(0.01);
    expect(Math.abs(n - 313177.27)).toBeLessThan(0.01);
  });
});

describe('counts', () => {
  const { incidents } = readIncidents(
    [
      ['2025-06-02 01:10', 'Knife', 'St Thomas', 'outside the Station'],
      ['2025-06-08 23:59', 'Fist', 'St Thomas', 'Outside  the station'],
      ['2025-06-09', 'Fist', '', 'park'],
      ['2025-08-01 12:00', 'Fist', 'Kings', ''],
    ],
    { arrival: 0, method: 1, hospital: 2, locationText: 3 },
  );
  it('day of week by hour, with dated rows of no hour apart', () => {
    const d = dayHour(incidents);
    expect(d.grid[0]![1]).toBe(1); // Monday 2 June, 01:00
    expect(d.grid[6]![23]).toBe(1); // Sunday 8 June, 23:00
    expect(d.noHour[0]).toBe(1); // Monday 9 June, no time
    expect(d.grid[4]![12]).toBe(1); // Friday 1 August
  });
  it('by field, largest first, blanks named; free text grouped regardless of case and spaces (ties of spelling: the first in code-point order)', () => {
    expect(countBy(incidents, (x) => x.hospital)).toEqual([
      { value: 'St Thomas', n: 2 },
      { value: 'Kings', n: 1 },
      { value: 'Not recorded', n: 1 },
    ]);
    expect(topText(incidents, (x) => x.locationText)).toEqual([
      { value: 'Outside the station', n: 2 },
      { value: 'park', n: 1 },
    ]);
  });
  it('every month and week of the span, empty ones included', () => {
    expect(byMonth(incidents)).toEqual([
      { month: '2025-06', n: 3 },
      { month: '2025-07', n: 0 },
      { month: '2025-08', n: 1 },
    ]);
    expect(weekStart('2025-06-08')).toBe('2025-06-02');
    const w = byWeek(incidents);
    expect(w[0]).toEqual({ week: '2025-06-02', n: 2 });
    expect(w[1]).toEqual({ week: '2025-06-09', n: 1 });
    expect(w.at(-1)).toEqual({ week: '2025-07-28', n: 1 });
    expect(w).toHaveLength(9);
  });
  it('compares with police violence with injury over whole common months only', () => {
    const police = { months: ['2025-06', '2025-07'], boroughs: { E09000022: { name: 'Lambeth', counts: [100, 90] } } };
    const read = readIncidents(
      [
        ['2025-06-01', 'E09000022'],
        ['2025-06-30', 'E09000022'],
        ['2025-07-15', 'E09000001'],
        ['2025-07-31', ''],
      ],
      { arrival: 0, area: 1 },
    );
    const a = analyse(read, { file: 'x.csv', synthetic: false }, {}, (x) => x.area || null, police);
    expect(a.compare).toEqual({
      months: ['2025-06', '2025-07'],
      unplaced: 2,
      boroughs: [{ code: 'E09000022', name: 'Lambeth', ae: 2, police: 190 }],
    });
    // Ward codes: the ward comparison, and the ward's borough for the borough comparison.
    const withWards = {
      ...police,
      wardMonths: ['2025-06', '2025-07'],
      wards: { E05014095: { name: 'Brixton North', borough: 'E09000022', counts: [12, 9] } },
    };
    const wr = readIncidents(
      [
        ['2025-06-01', 'E05014095'],
        ['2025-06-20', 'e05014095'],
        ['2025-07-31', 'E09000022'],
        ['2025-07-03', 'E05099999'],
      ],
      { arrival: 0, area: 1 },
    );
    const aw = analyse(
      wr,
      { file: 'x.csv', synthetic: false },
      {},
      boroughOfIncident(() => null, withWards),
      withWards,
    );
    expect(aw.compareWards).toEqual({
      months: ['2025-06', '2025-07'],
      unplaced: 2,
      boroughs: [{ code: 'E05014095', name: 'Brixton North', ae: 2, police: 21, parent: 'E09000022' }],
    });
    expect(aw.compare!.boroughs).toEqual([{ code: 'E09000022', name: 'Lambeth', ae: 3, police: 190 }]);
    // A filter leaving part months: the comparison keeps whole months only.
    const part = analyse(
      read,
      { file: 'x.csv', synthetic: false },
      { from: '2025-06-02' },
      (x) => x.area || null,
      police,
    );
    expect(part.compare).toBeNull();
  });

  it('an LSOA or ward code places a row wherever coordinates do not: in a borough, and (an LSOA) on the map of points', () => {
    const police = {
      months: ['2025-06'],
      boroughs: { E09000022: { name: 'Lambeth', counts: [100] }, E09000028: { name: 'Southwark', counts: [80] } },
    };
    const centres = {
      E01003000: [-0.11, 51.46, 'Lambeth 001A', 'E09000022'],
      E05014096: [-0.12, 51.47, 'Brixton Windrush', 'E09000022'],
    } as const;
    const read = readIncidents(
      [
        ['2025-06-01', '', '51.5', '-0.09'], // coordinates: in Southwark by its point
        ['2025-06-02', 'E01003000', '', ''], // an LSOA code only: Lambeth, at the LSOA's centre
        ['2025-06-03', 'E05014096', '', ''], // a ward the police series lacks: Lambeth by the centres, not on the points map
        ['2025-06-30', 'E01099999', '', ''], // an LSOA not in London: nowhere
      ],
      { arrival: 0, area: 1, lat: 2, lon: 3 },
    );
    const where = (lon: number, lat: number) => (lon > -0.1 && lat > 51.49 ? 'E09000028' : null);
    const boroughOf = boroughOfIncident(where, police, centres);
    expect(read.incidents.map(boroughOf)).toEqual(['E09000028', 'E09000022', 'E09000022', null]);
    // Without the centres, as before: codes of LSOAs and of wards the police series lacks place nothing.
    expect(read.incidents.map(boroughOfIncident(where, police))).toEqual(['E09000028', null, null, null]);
    const a = analyse(read, { file: 'x.csv', synthetic: false }, {}, boroughOf, police, centres);
    expect(a.points).toEqual([
      { lon: -0.09, lat: 51.5 },
      { lon: -0.11, lat: 51.46 },
    ]);
    expect(a.pointsAtLsoaCentre).toBe(1);
    expect(a.areas).toEqual([
      { code: 'E01099999', n: 1 },
      { code: 'E05014096', n: 1 },
    ]);
    expect(a.compare!.boroughs.map((b) => [b.code, b.ae])).toEqual([
      ['E09000022', 2],
      ['E09000028', 1],
    ]);
    expect(a.compare!.unplaced).toBe(1);
    // A file of codes and no coordinates keeps its own map of areas: nothing is made a point.
    const codesOnly = readIncidents(
      [
        ['2025-06-02', 'E01003000'],
        ['2025-06-03', 'E05014096'],
      ],
      { arrival: 0, area: 1 },
    );
    const c = analyse(codesOnly, { file: 'x.csv', synthetic: false }, {}, boroughOf, police, centres);
    expect([c.points.length, c.pointsAtLsoaCentre, c.areas.length]).toEqual([0, 0, 2]);
  });
});

describe('files', () => {
  it('reads CSV with a BOM, CRLF and quoted commas; refuses what is not a table, naming the file', () => {
    const t = parseCsvText('\uFEFFArrival Date,Location\r\n14/06/2025,"Pub, bar"\r\n', 'x.csv');
    expect(t.header).toEqual(['Arrival Date', 'Location']);
    expect(t.rows).toEqual([['14/06/2025', 'Pub, bar']]);
    expect(() => parseCsvText('', 'empty.csv')).toThrow(ExtractError);
    expect(() => parseCsvText('', 'empty.csv')).toThrow(/empty\.csv: the file is empty/);
    expect(() => parseCsvText('a,b\n"open,quote\n', 'cut.csv')).toThrow(/cut\.csv.*not a readable CSV/);
    expect(() => parseCsvText('words only\n', 'notes.csv')).toThrow(/notes\.csv: the first row has 1 column name/);
  });
});

describe('the synthetic extract', () => {
  const places = {
    randomPoint: (r: () => number): [number, number] => [520000 + r() * 20000, 170000 + r() * 20000],
    boroughOf: () => 'E09000022',
  };
  it('is deterministic, says it is synthetic on every row, and breaks about one row in a hundred on purpose', () => {
    const a = syntheticExtract(2000, '2026-02', places);
    const b = syntheticExtract(2000, '2026-02', places);
    expect(a).toEqual(b);
    expect(a.rows).toHaveLength(2000);
    expect(a.rows.every((r) => r.at(-1)!.startsWith('SYNTHETIC'))).toBe(true);
    expect(isSynthetic(a.header, a.rows)).toBe(true);
    const read = readIncidents(a.rows, guessMapping(a.header), bngToWgs84);
    expect(read.rejected.length).toBeGreaterThan(5);
    expect(read.rejected.length).toBeLessThan(60);
    // Every date within the 12 months to February 2026 (arrivals may run into March).
    expect(read.incidents.every((x) => x.date >= '2025-03-01' && x.date <= '2026-03-01')).toBe(true);
  });
});

describe('the export of the filtered rows', () => {
  it('neutralises cells a spreadsheet would run as formulas, keeps numbers, and carries no coordinates', async () => {
    const { toCsv } = await import('../../src/lib/csv.ts');
    const { INCIDENT_COLUMNS, incidentRow } = await import('../../src/lib/istv.ts');
    const r = readIncidents(
      [['2025-06-14 10:00', '=HYPERLINK("http://x")', '+44 20', '-1', '@SUM(A1)', '\tTab', '51.5', '-0.1']],
      { arrival: 0, hospital: 1, method: 2, methodText: 3, locationType: 4, locationText: 5, lat: 6, lon: 7 },
    );
    const csv = toCsv([...INCIDENT_COLUMNS], r.incidents.map(incidentRow));
    const row = csv.trim().split('\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain("'+44 20");
    expect(row).toContain(',-1,');
    expect(row).toContain("'@SUM(A1)");
    // Cells are read trimmed, so a leading tab never reaches the export.
    expect(row).toContain(',Tab');
    expect(row).not.toContain('\t');
    expect(csv.split('\n')[0]).not.toMatch(/latitude|longitude/);
    expect(row).not.toContain('51.5');
  });
});

describe('review fixes: row numbers, the synthetic flag, controlled views', () => {
  it('keeps blank rows so that row numbers match the file, and lists them as empty', () => {
    const t = parseCsvText('Arrival Date,Site\n14/06/2025,A\n\n15/06/2025,"B\nsecond line"\n16/06/2025,C\n', 'x.csv');
    const r = readIncidents(t.rows, { arrival: 0, hospital: 1 });
    expect(r.rejected).toEqual([{ line: 3, reason: 'empty row' }]);
    expect(r.incidents.map((x) => x.line)).toEqual([2, 4, 5]);
  });

  it('takes only a "Synthetic" column saying SYNTHETIC on every row for synthetic, not a yes/no flag', () => {
    expect(isSynthetic(['Date', 'is_synthetic'], [['2025-01-01', 'no']])).toBe(false);
    expect(isSynthetic(['Date', 'Synthetic'], [['2025-01-01', 'no']])).toBe(false);
    expect(isSynthetic(['Date', 'Synthetic'], [['2025-01-01', 'SYNTHETIC: not real data']])).toBe(true);
  });

  it('a controlled view of 1–k attendances draws nothing; free-text descriptions of suppressed counts are withheld', async () => {
    const { istvFigures } = await import('../../src/figures/istv/figures.ts');
    const ctx = {
      boroughs: {
        type: 'Topology',
        objects: { boroughs: { type: 'GeometryCollection', geometries: [] } },
        arcs: [],
      } as never,
      boundaries: { name: 'b', publisher: 'p', attribution: 'a', licence: 'l', url: 'u', dataDate: 'd' },
      fileUrls: { synthetic: 'https://example.org/s.csv', own: 'https://example.org/istv/#istv-file' },
    };
    const rows = (n: number, place: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ['2025-06-14 10:00', place(i)]);
    const few = analyse(
      readIncidents(
        rows(5, () => 'x'),
        { arrival: 0, locationText: 1 },
      ),
      { file: 'f.csv', synthetic: false },
      {},
    );
    expect(Object.values(istvFigures(few, ctx, 7)).every((f) => f === null)).toBe(true);
    expect(istvFigures(few, ctx, null)['istv-day-hour']).not.toBeNull();
    const many = analyse(
      readIncidents(
        rows(40, (i) => (i < 37 ? 'outside the station' : '12 Acacia Avenue')),
        { arrival: 0, locationText: 1 },
      ),
      { file: 'f.csv', synthetic: false },
      {},
    );
    const ft = istvFigures(many, ctx, 7)['istv-free-text']!;
    expect(JSON.stringify(ft)).not.toContain('Acacia');
    expect(ft.table.rows.map((r) => r.attendances)).toEqual([null, null]);
  });

  it('maps an extract with area codes and no coordinates at the areas’ centres, suppressing small areas in the controlled view', async () => {
    const { istvFigures } = await import('../../src/figures/istv/figures.ts');
    const centres: Record<string, [number, number, string, string]> = {
      E01000001: [-0.097, 51.518, 'City of London 001A', 'E09000001'],
      E05009288: [-0.15, 51.52, 'A ward', 'E09000033'],
      E09000033: [-0.16, 51.51, 'Westminster', 'E09000033'],
    };
    const ctx = {
      boroughs: {
        type: 'Topology',
        objects: { boroughs: { type: 'GeometryCollection', geometries: [] } },
        arcs: [],
      } as never,
      boundaries: { name: 'b', publisher: 'p', attribution: 'a', licence: 'l', url: 'u', dataDate: 'd' },
      fileUrls: { synthetic: 'https://example.org/s.csv', own: 'https://example.org/istv/#istv-file' },
      areaCentres: centres,
    };
    const codes: string[] = [
      ...Array<string>(20).fill('E01000001'),
      ...Array<string>(8).fill('e05009288'),
      'E09000033',
      'E09000033',
      'E01999999',
      'not a code',
    ];
    const a = analyse(
      readIncidents(
        codes.map((c) => ['2025-06-14 10:00', c]),
        { arrival: 0, area: 1 },
      ),
      { file: 'f.csv', synthetic: false },
      {},
    );
    expect(a.points).toEqual([]);
    expect(a.areas).toEqual([
      { code: 'E01000001', n: 20 },
      { code: 'E05009288', n: 8 },
      { code: 'E09000033', n: 2 },
      { code: 'E01999999', n: 1 },
    ]);
    const open = istvFigures(a, ctx, null)['istv-map']!;
    if (open.chart.kind !== 'pointMap') throw new Error('pointMap expected');
    expect(open.chart.points).toEqual([
      { lon: -0.097, lat: 51.518, n: 20 },
      { lon: -0.15, lat: 51.52, n: 8 },
      { lon: -0.16, lat: 51.51, n: 2 },
    ]);
    expect(open.title).toContain('LSOA and ward and borough codes');
    expect(open.notes.join(' ')).toContain('1 attendance carries an area code that is not');
    // Controlled: the 2 is suppressed, and so is the 8 (else 30 − 20 − 8 would give the 2 away).
    const controlled = istvFigures(a, ctx, 7)['istv-map']!;
    if (controlled.chart.kind !== 'pointMap') throw new Error('pointMap expected');
    expect(controlled.chart.points).toEqual([{ lon: -0.097, lat: 51.518, n: 20 }]);
    expect(controlled.table.rows.map((r) => r.attendances)).toEqual([20, null, null]);
    expect(JSON.stringify(controlled)).not.toMatch(/"n":2\b|"n":8\b/);
    // No centres loaded (or none known): no map rather than a wrong one.
    expect(istvFigures(a, { ...ctx, areaCentres: undefined }, null)['istv-map']).toBeNull();
  });

  it('suppresses wards within their borough, whose total the borough comparison publishes', async () => {
    const { suppressGrouped } = await import('../../src/lib/suppress.ts');
    // Lambeth: wards 30, 12, 3 (borough total 45 published); Southwark: 20, 25. Without grouping, only the 3 and the next
    // smallest in the whole list (12) would go; grouped, the 3 goes with the next smallest of Lambeth (12), and Southwark is untouched.
    expect(suppressGrouped([30, 20, 12, 25, 3], ['L', 'S', 'L', 'S', 'L'], 7)).toEqual([30, 20, null, 25, null]);
    // One small ward alone in its borough: its borough's total is small, so that row goes whole, and with the grand
    // total published the only other borough goes too (else the total less it would give the small one away).
    expect(suppressGrouped([30, 5, 40], ['A', 'B', 'A'], 7)).toEqual([null, null, null]);
  });
});

describe('what an extract may hold: dates, columns and location headers', () => {
  it('rejects, with its reason, a date before 2000 or after tomorrow (a year 9999 froze the page)', () => {
    const range = plausibleDates(new Date('2026-12-03T23:30:00Z'));
    expect(range).toEqual({ from: '2000-01-01', to: '2026-12-04' });
    const rows: Cell[][] = [
      ['9999-01-01'],
      ['1000-06-01'],
      ['31/12/1999'],
      ['01/01/2000'],
      ['2026-12-04'],
      ['2026-12-05'],
    ];
    const r = readIncidents(rows, { arrival: 0 }, undefined, range);
    expect(r.incidents.map((x) => x.date)).toEqual(['2000-01-01', '2026-12-04']);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [
        2,
        'attendance date 9999-01-01 is outside the dates this page reads, 2000-01-01 to 2026-12-04 (a typing error?)',
      ],
      [
        3,
        'attendance date 1000-06-01 is outside the dates this page reads, 2000-01-01 to 2026-12-04 (a typing error?)',
      ],
      [
        4,
        'attendance date 1999-12-31 is outside the dates this page reads, 2000-01-01 to 2026-12-04 (a typing error?)',
      ],
      [
        7,
        'attendance date 2026-12-05 is outside the dates this page reads, 2000-01-01 to 2026-12-04 (a typing error?)',
      ],
    ]);
    expect(r.incidents.length + r.rejected.length).toBe(rows.length);
  });

  it(`refuses a header of more than ${MAX_COLUMNS} columns, saying how many it has`, () => {
    expect(() => checkColumns(new Array(MAX_COLUMNS).fill('c'), 'ok.csv')).not.toThrow();
    const wide = ['date', ...Array.from({ length: 9999 }, (_, i) => `c${i}`)].join(',') + '\n2025-01-01\n';
    expect(() => parseCsvText(wide, 'wide.csv')).toThrow(ExtractError);
    expect(() => parseCsvText(wide, 'wide.csv')).toThrow(
      /^wide\.csv: the first row has 10,000 columns; this page reads extracts of up to 500/,
    );
  });

  it('guesses free-text location columns by their usual names', () => {
    for (const name of [
      'Incident Location',
      'Location of incident',
      'Location of Assault',
      'Where did it happen',
      'Assault location',
    ])
      expect(guessMapping(['Arrival date', name]).locationText, name).toBe(1);
    expect(guessMapping(['Arrival date', 'Incident location type', 'Incident location'])).toMatchObject({
      locationType: 1,
      locationText: 2,
    });
    // In A&E data these name the part of the body: not the place of the assault.
    for (const name of ['Injury location', 'Location of injury', 'Where injured', 'Whereabouts'])
      expect(guessMapping(['Arrival date', name]).locationText, name).toBeUndefined();
  });
});

describe('spellings merged before counting', () => {
  it('merges values that differ only in capitals, spaces and punctuation into the most common, and lists them', () => {
    expect(spellingKey("King's College Hospital")).toBe(spellingKey('kings college  hospital.'));
    expect(spellingKey('A & E')).toBe(spellingKey('a and e'));
    expect(spellingKey('Kings Colege Hospital')).not.toBe(spellingKey('Kings College Hospital'));
    // Signs that carry meaning keep age bands apart; spaces and dashes around them do not.
    expect(new Set(['<18', '18+', '18', '>65', '65+'].map(spellingKey)).size).toBe(5);
    expect(spellingKey('16 – 24')).toBe(spellingKey('16-24'));
    const rows: Cell[][] = [
      ...Array.from({ length: 5 }, () => ['2025-06-01', "King's College Hospital", 'Knife']),
      ['2025-06-02', 'kings college hospital', 'knife'],
      ['2025-06-03', 'KINGS COLLEGE HOSPITAL', 'Knife'],
      ['2025-06-04', 'University Hospital Lewisham', 'Body part'],
      ['2025-06-05', 'Kings Colege Hospital', 'Body part'],
    ];
    const m = { arrival: 0, hospital: 1, method: 2 };
    const r = readExtract(rows, m);
    expect(r.merges).toEqual([
      {
        field: 'hospital',
        into: { value: "King's College Hospital", n: 5 },
        from: [
          { value: 'KINGS COLLEGE HOSPITAL', n: 1 },
          { value: 'kings college hospital', n: 1 },
        ],
      },
      { field: 'method', into: { value: 'Knife', n: 6 }, from: [{ value: 'knife', n: 1 }] },
    ]);
    const a = analyse(r, { file: 'x.csv', synthetic: false }, {});
    expect(a.hospital.map((h) => [h.value, h.n])).toEqual([
      ["King's College Hospital", 7],
      ['Kings Colege Hospital', 1],
      ['University Hospital Lewisham', 1],
    ]);
    expect(a.merges).toBe(r.merges);
    // Turned off: every spelling is its own value; the rows read are the same.
    const apart = readExtract(rows, m, undefined, false);
    expect(apart.merges).toBeUndefined();
    expect(countBy(apart.incidents, (x) => x.hospital)).toHaveLength(5);
    // Rows no merge touches are the same objects.
    const read = readIncidents(rows, m);
    const merged = mergeSpellings(read.incidents).incidents;
    expect(merged[7]).toBe(read.incidents[7]);
    expect(merged[5]).not.toBe(read.incidents[5]);
  });
});
