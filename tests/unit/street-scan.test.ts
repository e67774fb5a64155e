/** The fast archive scanner gives exactly what csv-parse gives, quoting included; the parallel split loses no row. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { lineRanges, scanRecords } from '../../scripts/lib/street-scan.ts';
import { aggregateRange, groupKey } from '../../scripts/lib/street-aggregate.ts';
import { readCrimeTypes } from '../../scripts/lib/police-uk.ts';

const MIRROR = process.env.LCA_MIRROR ?? '../shared/data';
const scanned = (file: string) => {
  const out: string[][] = [];
  scanRecords(file, (r) => out.push(Array.from({ length: r.count }, (_, i) => r.field(i))));
  return out;
};
const reference = (file: string) => parse(readFileSync(file), { relax_column_count: true, skip_empty_lines: true }) as string[][];

describe('the archive scanner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lca-scan-'));
  const good = readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8').trimEnd().split('\n');
  const quoted = join(dir, '2022-04-quoted-street.csv');
  // Quoted commas and doubled quotes, a line break inside a quoted field, CRLF line ends, UTF-8.
  writeFileSync(
    quoted,
    [
      good[0],
      good[1],
      ',2022-04,City of London Police,City of London Police,-0.1,51.5,"On or near ""The"" Street, North",E01000001,City of London 001A,Robbery,,',
      ',2022-04,City of London Police,City of London Police,-0.1,51.5,On or near Café Row,E01000001,City of London 001A,Robbery,,"first line\nsecond line"',
      good[2],
    ].join('\r\n') + '\r\n',
  );

  it('splits records as csv-parse does, with quotes, CRLF and UTF-8', () => {
    expect(scanned(quoted)).toEqual(reference(quoted));
    expect(scanned(quoted)[2]![6]).toBe('On or near "The" Street, North');
    expect(scanned(quoted)[3]![6]).toBe('On or near Café Row');
  });

  it('counts lines across a record with a line break inside quotes', () => {
    const lines: number[] = [];
    scanRecords(quoted, (r) => lines.push(r.line));
    expect(lines).toEqual([1, 2, 3, 4, 6]);
  });

  it.skipIf(!existsSync(join(MIRROR, 'street_crime/city_of_london')))('gives the same records as csv-parse on all 36 real City of London files', () => {
    const cityDir = join(MIRROR, 'street_crime/city_of_london');
    const files = readdirSync(cityDir).filter((f) => f.endsWith('-street.csv'));
    expect(files).toHaveLength(36);
    for (const f of files) expect(scanned(join(cityDir, f)), f).toEqual(reference(join(cityDir, f)));
  });

  it.skipIf(!existsSync(join(MIRROR, 'street_crime/city_of_london')))('aggregates each real City file exactly as counting the validated records one by one', async () => {
    const { readArchiveFile } = await import('../../scripts/lib/police-uk.ts');
    const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');
    const cityDir = join(MIRROR, 'street_crime/city_of_london');
    for (const f of readdirSync(cityDir).filter((x) => x.endsWith('-street.csv'))) {
      const want = new Map<string, number>();
      let n = 0;
      for await (const r of readArchiveFile(join(cityDir, f), types)) {
        const k = groupKey(r.month, r.type, r.lsoa, r.location);
        want.set(k, (want.get(k) ?? 0) + 1);
        n++;
      }
      const got = aggregateRange(join(cityDir, f), types);
      expect(got.rows, f).toBe(n);
      expect(got.groups, f).toEqual(want);
    }
  });

  it('stops on a bad row even when its group was seen before', () => {
    const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');
    const bad = join(dir, '2022-04-bad-street.csv');
    const row = good[1]!;
    writeFileSync(bad, [good[0], row, row, row.replace('-0.098642', '-0.0986x2')].join('\n') + '\n');
    expect(() => aggregateRange(bad, types)).toThrow(/2022-04-bad-street\.csv:4.*Longitude.*"-0\.0986x2"/s);
  });

  it('splits a file into line-aligned parts whose aggregates add up to the whole', () => {
    const big = join(dir, '2022-04-big-street.csv');
    const body = good.slice(1).filter((l) => !l.includes(',,No Location'));
    writeFileSync(big, [good[0], ...Array.from({ length: 500 }, (_, i) => body[i % body.length])].join('\n') + '\n');
    const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');
    const whole = aggregateRange(big, types);
    const header = reference(big)[0]!;
    const ranges = lineRanges(big, 3);
    expect(ranges.length).toBeGreaterThanOrEqual(2);
    const parts = ranges.map((r, i) => aggregateRange(big, types, { ...r, firstLine: 1 }, i === 0 ? undefined : header));
    expect(parts.reduce((a, p) => a + p.rows, 0)).toBe(whole.rows);
    expect(whole.rows).toBe(500);
    const merged = new Map<string, number>();
    for (const p of parts) for (const [k, n] of p.groups) merged.set(k, (merged.get(k) ?? 0) + n);
    expect(merged).toEqual(whole.groups);
    expect(whole.groups.get(groupKey('2022-04', 'Theft from the person', 'E01000001', 'On or near Little Britain'))).toBeGreaterThan(0);
  });
});
