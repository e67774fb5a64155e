import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, mkdirSync, copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readAreas, readRelease, stitchReleases, deriveFromFiles } from '../../scripts/derive/mps_borough_monthly.ts';
import { derivePopulation } from '../../scripts/derive/borough_population.ts';
import { runDerive } from '../../scripts/run-derive.ts';
import { DataError } from '../../scripts/lib/errors.ts';
import { rewindForD3 } from '../../scripts/lib/geo.ts';
import { geoArea } from 'd3-geo';
import type { DeriveContext } from '../../scripts/lib/context.ts';

const FIX = resolve('tests/fixtures');
/** The fixtures' areas: a release is complete when it has every borough listed here (two, in the fixtures). */
const AREAS = resolve('tests/fixtures/reference/mps_areas.csv');
/** data/reference with the fixtures' area list in place of London's. */
function fixtureReference(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lca-ref-'));
  cpSync(resolve('data/reference'), dir, { recursive: true });
  copyFileSync(AREAS, join(dir, 'mps_areas.csv'));
  return dir;
}
const ctx: DeriveContext = { rawDir: FIX, referenceDir: resolve('data/reference'), isMirror: true };
const f = (name: string) => join(FIX, 'mps', name);

async function releases(...names: string[]) {
  const areas = await readAreas(AREAS);
  return Promise.all(names.map((n) => readRelease(n, f(n), areas)));
}
const key = (area: string, major: string, minor: string) => `${area}\u0000${major}\u0000${minor}`;

describe('MPS borough releases', () => {
  it('reads lower-case (mirror) and publisher-cased headers alike, months as YYYY-MM', async () => {
    const [h, r] = await releases('historic.csv', 'recent.csv');
    expect(h!.months).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(r!.months).toEqual(['2024-02', '2024-03', '2024-04']);
    expect(h!.rows).toHaveLength(8);
    expect(r!.rows[0]).toMatchObject({
      line: 2,
      area: 'Barnet',
      major: 'ROBBERY',
      minor: 'ROBBERY OF PERSONAL PROPERTY',
      counts: [1, 54, 63],
    });
  });

  it("drops a recent release's incomplete first month and takes that month from the historical file", async () => {
    const st = stitchReleases(await releases('historic.csv', 'recent.csv'));
    expect(st.months).toEqual(['2023-12', '2024-01', '2024-02', '2024-03', '2024-04']);
    const recentLog = st.logs.find((l) => l.release === 'recent.csv')!;
    expect(recentLog.dropped_incomplete).toEqual([
      { month: '2024-02', total: 1, median_month_total: (1188 + 1241) / 2 },
    ]);
    // Barnet robbery in 2024-02 is the historical 60, not the release artefact's 1.
    expect(st.cells.get(key('Barnet', 'ROBBERY', 'ROBBERY OF PERSONAL PROPERTY'))).toEqual([95, 59, 60, 54, 63]);
  });

  it('keeps the Unknown and airport areas as their own rows, and counts 0 where a release omits a row', async () => {
    const st = stitchReleases(await releases('historic.csv', 'recent.csv'));
    expect(st.cells.get(key('Unknown', 'THEFT', 'SHOPLIFTING'))).toEqual([22, 26, 25, 88, 110]);
    // Airports are in the historical release only: zero in months the recent release covers.
    expect(st.cells.get(key('London Heathrow and London City Airports', 'THEFT', 'SHOPLIFTING'))).toEqual([
      28, 29, 27, 0, 0,
    ]);
  });

  it('lets the newer release win overlapping months, whatever order the files are given in', async () => {
    for (const order of [
      ['historic.csv', 'recent.csv', 'newer.csv'],
      ['newer.csv', 'historic.csv', 'recent.csv'],
    ]) {
      const st = stitchReleases(await releases(...order));
      expect(st.months.at(-1)).toBe('2024-05');
      // 2024-03: newer.csv's first month is an artefact, so recent.csv keeps it; 2024-04: newer wins (+1).
      expect(st.cells.get(key('Westminster', 'THEFT', 'SHOPLIFTING'))).toEqual([493, 484, 465, 497, 530, 100]);
      const recent = st.logs.find((l) => l.release === 'recent.csv')!;
      expect(recent.superseded).toEqual([{ month: '2024-04', by: 'newer.csv' }]);
      expect(st.logs.find((l) => l.release === 'newer.csv')!.dropped_incomplete.map((d) => d.month)).toEqual([
        '2024-03',
      ]);
    }
  });

  it('accounts for every crime: read = used + dropped + superseded', async () => {
    const st = stitchReleases(await releases('historic.csv', 'recent.csv', 'newer.csv'));
    const totalUsed = [...st.cells.values()].flat().reduce((a, b) => a + b, 0);
    expect(st.logs.reduce((a, l) => a + l.crimes_used, 0)).toBe(totalUsed);
    const recent = st.logs.find((l) => l.release === 'recent.csv')!;
    // recent.csv: 2024-02 dropped (1 crime), 2024-04 superseded (1,241 crimes), 2024-03 used (1,188).
    expect(recent.crimes_read).toBe(1 + 1188 + 1241);
    expect(recent.crimes_used).toBe(1188);
  });

  it('fails on a gap between releases, naming the month', async () => {
    const [h, , n] = await releases('historic.csv', 'recent.csv', 'newer.csv');
    expect(() => stitchReleases([h!, n!])).toThrow(/month 2024-03 is in no usable release/);
  });

  it('names file, line, column and value for a non-numeric count', async () => {
    await expect(releases('non-numeric.csv')).rejects.toThrow(
      new DataError(
        `${f('non-numeric.csv')}:3: column "202402" has value "12a"; expected a whole number of crimes (0 or more).`,
      ),
    );
  });

  it('names the file, the one column missing and what the file has instead when the header changes', async () => {
    await expect(releases('changed-header.csv')).rejects.toThrow(
      new DataError(
        `${f('changed-header.csv')}:1: the header has changed: column "BoroughName" is missing; the file has "Borough" instead (4 columns found).`,
      ),
    );
  });

  it('stops on a release that is cut short, empty, header only, or missing a borough', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-damaged-'));
    const text = readFileSync(f('recent.csv'), 'utf8');
    const write = (name: string, body: string) => (writeFileSync(join(dir, name), body), join(dir, name));
    const areas = await readAreas(AREAS);
    const cut = write('cut.csv', text.slice(0, text.lastIndexOf('\n') - 1));
    await expect(readRelease('cut', cut, areas)).rejects.toThrow(`${cut}: the file does not end with a line break`);
    const empty = write('empty.csv', '');
    await expect(readRelease('empty', empty, areas)).rejects.toThrow(`${empty}: the file is empty`);
    const headerOnly = write('header.csv', `${text.split('\n')[0]}\n`);
    await expect(readRelease('header', headerOnly, areas)).rejects.toThrow(`${headerOnly}: a header and no rows`);
    const noWestminster = write(
      'no-westminster.csv',
      text
        .split('\n')
        .filter((l) => !l.includes('Westminster'))
        .join('\n'),
    );
    await expect(readRelease('partial', noWestminster, areas)).rejects.toThrow(
      /incomplete release: 1 of the 2 expected values of BoroughName have no rows \(Westminster\)/,
    );
    // A month (after the first, a known release artefact) far below the others is an incomplete month.
    const lines = text.trimEnd().split('\n');
    const zeroLast = write(
      'zero-last.csv',
      [lines[0], ...lines.slice(1).map((l) => l.replace(/,\d+(\r?)$/, ',0$1'))].join('\n') + '\n',
    );
    await expect(readRelease('zero', zeroLast, areas)).rejects.toThrow(
      /month 202404 has 0 crimes in all, under 10% of the release's median month/,
    );
  });

  it('refuses an area missing from the reference list instead of dropping it', async () => {
    await expect(releases('unknown-area.csv')).rejects.toThrow(
      /unknown-area\.csv:2: column "boroughname" has value "Atlantis"/,
    );
  });

  it('writes a sorted wide CSV and a balanced manifest record', async () => {
    const { text, record } = await deriveFromFiles(
      ctx,
      [
        { id: 'mps-borough-historic', file: f('historic.csv') },
        { id: 'mps-borough-recent', file: f('recent.csv') },
      ],
      AREAS,
    );
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('area_code,area_name,area_kind,major,minor,2023-12,2024-01,2024-02,2024-03,2024-04');
    expect(lines[1]).toBe('E09000003,Barnet,borough,ROBBERY,ROBBERY OF PERSONAL PROPERTY,95,59,60,54,63');
    expect(lines.at(-1)).toBe('MPS-UNKNOWN,Unknown,other,THEFT,SHOPLIFTING,22,26,25,88,110');
    expect(record.rows).toBe(8);
    expect(record.coverage).toEqual({ from: '2023-12', to: '2024-04' });
    const recent = record.inputs.find((i) => i.source === 'mps-borough-recent')!;
    expect(recent).toMatchObject({ rows_read: 6, rows_used: 6, rows_rejected: 0, path: 'mps/recent.csv' });
    expect(recent.months_dropped_incomplete).toEqual([{ month: '2024-02', total: 1, median_month_total: 1214.5 }]);
    expect(recent.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Census 2021 borough population', () => {
  it('keeps the 33 London authorities and records the others as rejected with a reason', async () => {
    const { text, record } = await derivePopulation(ctx, join(FIX, 'census/ts007a-ltla.csv'));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('area_code,area_name,population,vintage');
    expect(lines[1]).toBe('E09000001,City of London,8580,"Census 2021 (21 March 2021), usual residents"');
    expect(lines).toContain('E09000033,Westminster,204235,"Census 2021 (21 March 2021), usual residents"');
    expect(record.inputs[0]).toMatchObject({
      rows_read: 35,
      rows_used: 33,
      rows_rejected: 2,
      rejected_reasons: { 'not a London local authority (code not E09…)': 2 },
    });
  });

  it('stops, naming the codes, when the London authorities are not those of the area list and the City', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-census-'));
    const lines = readFileSync(join(FIX, 'census/ts007a-ltla.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'no-westminster.csv'), lines.filter((l) => !l.includes(',E09000033,')).join('\n'));
    const list = join(resolve('data/reference'), 'mps_areas.csv');
    const expected =
      new Set(
        readFileSync(list, 'utf8')
          .split('\n')
          .filter((l) => l.includes(',borough,'))
          .map((l) => l.split(',')[1]),
      ).size + 1;
    await expect(derivePopulation(ctx, join(dir, 'no-westminster.csv'))).rejects.toThrow(
      `no-westminster.csv: expected ${expected} codes, the London local authorities (the boroughs of ${list} and the City of London), each once; found ${expected - 1} rows with ${expected - 1} codes; missing E09000033.`,
    );
    // A repeated row is named, though every code is there.
    const barnet = lines.find((l) => l.includes(',E09000003,'))!;
    writeFileSync(join(dir, 'barnet-twice.csv'), [...lines.filter((l) => l.trim()), barnet].join('\n'));
    await expect(derivePopulation(ctx, join(dir, 'barnet-twice.csv'))).rejects.toThrow(
      `found ${expected + 1} rows with ${expected} codes; more than once E09000003.`,
    );
    // Against an area list of two boroughs, the other London authorities are named as not expected.
    await expect(
      derivePopulation({ ...ctx, referenceDir: fixtureReference() }, join(FIX, 'census/ts007a-ltla.csv')),
    ).rejects.toThrow(/expected 3 codes, .*; found 33 rows with 33 codes; not expected E09000002, E09000004/);
  });
});

describe('the data command', () => {
  it('names the missing source, the path expected and how to get it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lca-empty-'));
    await expect(
      runDerive({
        rawDir: empty,
        isMirror: false,
        outDir: join(empty, 'out'),
        referenceDir: resolve('data/reference'),
      }),
    ).rejects.toThrow(
      `Source "mps-borough-historic" is missing: expected a file at ${join(empty, 'crime_borough/mps_borough_level_crime_historic_2010-04_2024-02.csv')}. Run "npm run data:fetch"`,
    );
  });

  it('gives byte-identical output on two runs from the same inputs', async () => {
    // A mirror laid out like ../shared/data, made of the fixtures (the boundary file is the committed topology's source only when the mirror exists).
    const dir = mkdtempSync(join(tmpdir(), 'lca-mirror-'));
    mkdirSync(join(dir, 'crime_borough'), { recursive: true });
    mkdirSync(join(dir, 'census2021'), { recursive: true });
    mkdirSync(join(dir, 'boundaries'), { recursive: true });
    copyFileSync(f('historic.csv'), join(dir, 'crime_borough/mps_borough_level_crime_historic_2010-04_2024-02.csv'));
    copyFileSync(f('recent.csv'), join(dir, 'crime_borough/mps_borough_level_crime_2024-03_2026-02.csv'));
    // The census file cut to the fixtures' London (their two boroughs and the City): a census with other London authorities than the area list's stops the run.
    const census = readFileSync(join(FIX, 'census/ts007a-ltla.csv'), 'utf8').split('\n');
    const fixtureAuthorities = ['E09000001', 'E09000003', 'E09000033'];
    writeFileSync(
      join(dir, 'census2021/census2021-ts007a-ltla.csv'),
      census
        .filter(
          (line, i) => i === 0 || !/,E09\d{6},/.test(line) || fixtureAuthorities.some((c) => line.includes(`,${c},`)),
        )
        .join('\n'),
    );
    const outs = [join(dir, 'a'), join(dir, 'b')];
    const referenceDir = fixtureReference();
    for (const out of outs) {
      for (const only of ['mps_borough_monthly.csv', 'borough_population.csv']) {
        await runDerive({ rawDir: dir, isMirror: true, outDir: out, referenceDir, only });
      }
    }
    for (const name of ['mps_borough_monthly.csv', 'borough_population.csv', 'manifest.json']) {
      expect(readFileSync(join(outs[0]!, name))).toEqual(readFileSync(join(outs[1]!, name)));
    }
    const manifest = JSON.parse(readFileSync(join(outs[0]!, 'manifest.json'), 'utf8')) as {
      outputs: { file: string }[];
    };
    expect(manifest.outputs.map((o) => o.file)).toEqual(['borough_population.csv', 'mps_borough_monthly.csv']);
  });
});

describe('geometry for d3-geo', () => {
  it('rewinds a counter-clockwise (RFC 7946) ring so d3 reads a small area, not the sphere', () => {
    const ccw = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 51],
          [0.1, 51],
          [0.1, 51.1],
          [0, 51.1],
          [0, 51],
        ],
      ],
    };
    expect(geoArea(ccw)).toBeGreaterThan(2 * Math.PI);
    const fixed = rewindForD3(ccw);
    expect(geoArea(fixed)).toBeLessThan(1e-5);
    expect(rewindForD3(fixed)).toEqual(fixed);
  });
});
