/** The data.police.uk readers and the published-number parser, on real-format fixtures and broken copies. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveFiles, apiFiles, readApiFile, readArchiveFile, readCrimeTypes, streetKey } from '../../scripts/lib/police-uk.ts';
import { publishedNumber } from '../../scripts/lib/atlas.ts';

const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');
const collect = async <T>(g: AsyncGenerator<T>) => {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
};

describe('data.police.uk street records', () => {
  it('the crime-type table maps every API slug in the Met API extract to an archive label', () => {
    // The 14 slugs of the 1,830,104 API records (MANIFEST section 3).
    for (const slug of ['anti-social-behaviour', 'violent-crime', 'other-theft', 'vehicle-crime', 'burglary', 'criminal-damage-arson', 'public-order', 'shoplifting', 'theft-from-the-person', 'drugs', 'robbery', 'bicycle-theft', 'other-crime', 'possession-of-weapons']) {
      expect(types.bySlug.get(slug), slug).toBeTruthy();
    }
    expect(types.bySlug.get('violent-crime')).toBe('Violence and sexual offences');
    expect(types.crimeLabels.has('Anti-social behaviour')).toBe(false);
    expect(types.renamed.get('Violent crime')).toBe('Violence and sexual offences');
  });

  it('reads an archive month file row for row, keeping rows without coordinates', async () => {
    const [file] = archiveFiles('tests/fixtures/police-uk/archive');
    const rows = await collect(readArchiveFile(file!, types));
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.lon === null)).toHaveLength(2);
    expect(rows[0]).toMatchObject({ month: '2022-04', type: 'Theft from the person', lsoa: 'E01000001', location: 'On or near Little Britain', lon: -0.098642, lat: 51.517146 });
    expect(streetKey(rows[0]!)).toBe('E01000001|On or near Little Britain');
    expect(rows.at(-1)!.lsoa).toBe('E01000914'); // Camden: recorded by the City Police outside the City
  });

  it('reads gzipped API records and maps slugs to labels', async () => {
    const [file] = apiFiles('tests/fixtures/police-uk/api');
    const rows = await collect(readApiFile(file!, types));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ month: '2016-01', type: 'Anti-social behaviour', street: '942929', location: 'On or near Belleville Road' });
    expect(rows.find((r) => r.street === '960295')!.type).toBe('Robbery');
  });

  it('names the file, line, column and what was expected when a row is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-police-'));
    const good = readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8').split('\n');
    const bad = (name: string, line: number, from: string, to: string) => {
      const lines = [...good];
      lines[line - 1] = lines[line - 1]!.replace(from, to);
      const f = join(dir, name);
      writeFileSync(f, lines.join('\n'));
      return f;
    };
    await expect(collect(readArchiveFile(bad('a.csv', 3, 'Theft from the person', 'Theft of the person'), types))).rejects.toThrow(/a\.csv:3.*Crime type.*"Theft of the person".*expected one of the data\.police\.uk crime types/s);
    await expect(collect(readArchiveFile(bad('b.csv', 2, '2022-04', '2022-13'), types))).rejects.toThrow(/b\.csv:2.*Month.*"2022-13".*YYYY-MM/s);
    await expect(collect(readArchiveFile(bad('c.csv', 3, '-0.098572', 'west'), types))).rejects.toThrow(/c\.csv:3.*Longitude.*"west"/s);
    await expect(collect(readArchiveFile(bad('d.csv', 1, 'Crime type', 'Offence'), types))).rejects.toThrow(/d\.csv.*Crime type/s);
  });
});

describe('published numbers (GLA profiles, ONS income)', () => {
  it('reads money, thousands separators and the missing-value markers', () => {
    expect(publishedNumber('f', 2, 'c', '£29,420 ')).toBe(29420);
    expect(publishedNumber('f', 2, 'c', '4,323')).toBe(4323);
    expect(publishedNumber('f', 2, 'c', '-7739')).toBe(-7739);
    expect(publishedNumber('f', 2, 'c', '12.5')).toBe(12.5);
    for (const m of ['NaN', '-', '', '.', 'n/a']) expect(publishedNumber('f', 2, 'c', m)).toBeNull();
    expect(() => publishedNumber('gla.csv', 7, 'Median_House_Price,_2015', 'about £400k')).toThrow(/gla\.csv:7.*Median_House_Price,_2015.*"about £400k"/s);
  });
});
